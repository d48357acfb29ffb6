package rules

import (
	"regexp"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/lex"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// rubyRules returns the rules for Ruby source.
func rubyRules() []source.Rule {
	return []source.Rule{
		{
			ID: "TF-RUBY-001", Title: "Ruby ssl_version below TLS 1.2",
			Description: "ssl_version = :TLSv1, :TLSv1_1, :SSLv3 (or the string forms, or ssl_version: in Net::HTTP options) pins the connection to a protocol below TLS 1.2.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.Ruby),
			Fix:        "remove ssl_version and set min_version = OpenSSL::SSL::TLS1_2_VERSION",
			References: refs(langRefRubySSL),
			Anchors:    words("ssl_version"),
			New:        langNew(rubyCheckSSLVersion),
		},
		{
			ID: "TF-RUBY-002", Title: "Ruby min_version below TLS 1.2",
			Description: "min_version = OpenSSL::SSL::TLS1_VERSION, TLS1_1_VERSION or SSL3_VERSION (or :TLS1, :TLS1_1, :SSL3) lets the connection use a protocol below TLS 1.2; a max_version that low caps it there.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.Ruby),
			Fix:        "set min_version = OpenSSL::SSL::TLS1_2_VERSION",
			References: refs(langRefRubySSL),
			Anchors:    words("min_version", "max_version"),
			New:        langNew(rubyCheckMinVersion),
		},
		{
			ID: "TF-RUBY-003", Title: "OpenSSL::SSL::VERIFY_NONE turns off certificate verification",
			Description: "verify_mode = OpenSSL::SSL::VERIFY_NONE accepts any server certificate, so anyone on the path can read and change the traffic whatever the TLS version.",
			Severity:    finding.High, CWE: "295", Kinds: kinds(source.Ruby),
			Fix:        "use OpenSSL::SSL::VERIFY_PEER, with ca_file for a private CA",
			References: refs(langRefRubySSL, langRefSemgrep),
			Anchors:    words("VERIFY_NONE"),
			New:        langNew(rubyCheckVerifyNone),
		},
	}
}

// phpRules returns the rules for PHP source.
func phpRules() []source.Rule {
	return []source.Rule{
		{
			ID: "TF-PHP-001", Title: "CURLOPT_SSLVERSION below TLS 1.2",
			Description: "CURLOPT_SSLVERSION set to CURL_SSLVERSION_TLSv1, _TLSv1_0, _TLSv1_1, _SSLv2 or _SSLv3 (or 1 to 5) lets libcurl use a protocol below TLS 1.2.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.PHP),
			Fix:        "set CURLOPT_SSLVERSION to CURL_SSLVERSION_TLSv1_2 (or _TLSv1_3), or leave it unset",
			References: refs(langRefPHPCurl, langRefCurlMan),
			Anchors:    words("CURLOPT_SSLVERSION"),
			New:        langNew(phpCheckSSLVersion),
		},
		{
			ID: "TF-PHP-002", Title: "PHP certificate verification turned off",
			Description: "CURLOPT_SSL_VERIFYPEER => false, CURLOPT_SSL_VERIFYHOST => 0, or a stream context with 'verify_peer' or 'verify_peer_name' => false accepts any server certificate.",
			Severity:    finding.High, CWE: "295", Kinds: kinds(source.PHP),
			Fix:        "leave verification on; to trust a private CA set CURLOPT_CAINFO or the stream context's 'cafile'",
			References: refs(langRefPHPCurl, langRefPHPStream, langRefSemgrep),
			Anchors:    words("CURLOPT_SSL_VERIFY", "verify_peer"),
			New:        langNew(phpCheckVerify),
		},
		{
			ID: "TF-PHP-003", Title: "PHP stream crypto method below TLS 1.2",
			Description: "STREAM_CRYPTO_METHOD_TLSv1_0_*, TLSv1_1_*, SSLv3_*, SSLv2_* or SSLv23_* as a stream context's 'crypto_method' or in stream_socket_enable_crypto allows a protocol below TLS 1.2.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.PHP),
			Fix:        "use STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT | STREAM_CRYPTO_METHOD_TLSv1_3_CLIENT",
			References: refs(langRefPHPStream),
			Anchors:    words("STREAM_CRYPTO_METHOD_"),
			New:        langNew(phpCheckCryptoMethod),
		},
	}
}

// rubyValue returns the name of a symbol (:TLSv1, :"TLSv1") or string
// value at token i, with the index of its last token.
func rubyValue(c *langCode, i int) (string, int, bool) {
	t := c.s.Tok(i)
	switch {
	case t.Kind == lex.String && strings.HasPrefix(t.Text, ":"):
		return lex.Value(lex.Ruby, lex.Token{Kind: lex.String, Text: t.Text[1:]}), i, true
	case t.Kind == lex.String:
		return lex.Value(lex.Ruby, t), i, true
	case t.Text == ":" && c.s.Tok(i+1).Kind == lex.Ident && c.s.Tok(i+1).Offset == t.End():
		return c.s.Tok(i + 1).Text, i + 1, true
	}
	return "", i, false
}

// rubySetting calls fn with the value start of each name = … or name: …
// (a keyword argument or hash label).
func rubySetting(c *langCode, names []string, fn func(i, v int)) {
	for i := range c.s.Toks {
		if !c.ident(i, names...) {
			continue
		}
		switch {
		case c.s.Is(i+1, "=") && c.s.Is(i-1, "."):
			fn(i, i+2)
		case c.s.Is(i+1, ":") && c.s.Tok(i+1).Offset == c.s.Tok(i).End():
			fn(i, i+2)
		case c.s.Is(i-1, ":") && c.s.Is(i+1, "=>"):
			fn(i, i+2)
		}
	}
}

// rubyLowSSLVersion matches ssl_version values below TLS 1.2.
var rubyLowSSLVersion = regexp.MustCompile(`^(TLSv1|TLSv1_1|SSLv2|SSLv3)(_client|_server)?$`)

// rubyCheckSSLVersion finds ssl_version below TLS 1.2.
func rubyCheckSSLVersion(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.Ruby)
	var out []source.Match
	rubySetting(c, []string{"ssl_version"}, func(i, v int) {
		if name, _, ok := rubyValue(c, v); ok && rubyLowSSLVersion.MatchString(name) {
			out = append(out, c.match(c.s.Tok(i), "ssl_version is "+name, langEv("ssl_version", name)))
		}
	})
	return out, nil
}

// rubyLowVersions are min_version values below TLS 1.2: constants and symbols.
var rubyLowVersions = map[string]bool{
	"TLS1_VERSION": true, "TLS1_1_VERSION": true, "SSL3_VERSION": true, "SSL2_VERSION": true,
	"TLS1": true, "TLS1_1": true, "SSL3": true, "SSL2": true,
}

// rubyCheckMinVersion finds min_version / max_version below TLS 1.2.
func rubyCheckMinVersion(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.Ruby)
	var out []source.Match
	rubySetting(c, []string{"min_version", "max_version"}, func(i, v int) {
		name, _, ok := rubyValue(c, v)
		if !ok {
			end := c.s.End(v, true, ",", ";")
			name = c.s.Tok(end - 1).Text
			ok = end-1 >= v && c.s.Is(end-2, "::")
		}
		if ok && rubyLowVersions[name] {
			out = append(out, c.match(c.s.Tok(i), c.s.Tok(i).Text+" is "+name, langEv(c.s.Tok(i).Text, name)))
		}
	})
	return out, nil
}

// rubyCheckVerifyNone finds OpenSSL::SSL::VERIFY_NONE used as a value (not compared).
func rubyCheckVerifyNone(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.Ruby)
	var out []source.Match
	for i, t := range c.s.Toks {
		if !c.ident(i, "VERIFY_NONE") {
			continue
		}
		start := i
		for c.s.Is(start-1, "::") && c.s.Tok(start-2).Kind == lex.Ident {
			start -= 2
		}
		if prev := c.s.Tok(start - 1).Text; prev == "==" || prev == "!=" || prev == "when" || prev == "===" {
			continue
		}
		out = append(out, c.match(t, "OpenSSL::SSL::VERIFY_NONE: the server certificate is not verified"))
	}
	return out, nil
}

// phpOption calls fn with the value index of each CONST, value (curl_setopt)
// or CONST => value (curl_setopt_array) for the named constants, and
// 'key' => value for the named string keys.
func phpOption(c *langCode, names []string, fn func(i, v int)) {
	for i, t := range c.s.Toks {
		name := t.Text
		if t.Kind == lex.String {
			name = lex.Value(lex.PHP, t)
		} else if t.Kind != lex.Ident {
			continue
		}
		if containsString(names, name) && (c.s.Is(i+1, ",") || c.s.Is(i+1, "=>")) {
			fn(i, i+2)
		}
	}
}

// phpLowSSLVersion are CURLOPT_SSLVERSION values below TLS 1.2.
var phpLowSSLVersion = map[string]bool{
	"CURL_SSLVERSION_TLSv1": true, "CURL_SSLVERSION_TLSv1_0": true, "CURL_SSLVERSION_TLSv1_1": true,
	"CURL_SSLVERSION_SSLv2": true, "CURL_SSLVERSION_SSLv3": true,
	"1": true, "2": true, "3": true, "4": true, "5": true,
}

// phpCheckSSLVersion finds CURLOPT_SSLVERSION below TLS 1.2.
func phpCheckSSLVersion(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.PHP)
	var out []source.Match
	phpOption(c, []string{"CURLOPT_SSLVERSION"}, func(i, v int) {
		if t := c.s.Tok(v); phpLowSSLVersion[t.Text] && c.s.Tok(i).Kind == lex.Ident {
			out = append(out, c.match(c.s.Tok(i), "CURLOPT_SSLVERSION is "+t.Text, langEv("CURLOPT_SSLVERSION", t.Text)))
		}
	})
	return out, nil
}

// phpFalse reports whether token i is false or 0.
func phpFalse(c *langCode, i int) bool {
	t := c.s.Tok(i)
	return strings.EqualFold(t.Text, "false") || t.Text == "0"
}

// phpCheckVerify finds turned-off certificate verification.
func phpCheckVerify(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.PHP)
	var out []source.Match
	phpOption(c, []string{"CURLOPT_SSL_VERIFYPEER", "CURLOPT_SSL_VERIFYHOST", "verify_peer", "verify_peer_name"}, func(i, v int) {
		t := c.s.Tok(i)
		if (t.Kind == lex.Ident) == strings.HasPrefix(t.Text, "CURLOPT") && phpFalse(c, v) {
			out = append(out, c.match(t, lex.Value(lex.PHP, t)+" is "+c.s.Tok(v).Text+": the server certificate is not verified"))
		}
	})
	return out, nil
}

// phpLowCrypto matches stream crypto methods below TLS 1.2.
var phpLowCrypto = regexp.MustCompile(`^STREAM_CRYPTO_METHOD_(TLSv1_0|TLSv1_1|SSLv2|SSLv3|SSLv23)_(CLIENT|SERVER)$`)

// phpCheckCryptoMethod finds stream crypto methods below TLS 1.2.
func phpCheckCryptoMethod(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.PHP)
	var out []source.Match
	for i, t := range c.s.Toks {
		if c.ident(i, t.Text) && phpLowCrypto.MatchString(t.Text) && !c.s.Is(i-1, "const") {
			out = append(out, c.match(t, t.Text+" allows a protocol below TLS 1.2", langEv("crypto_method", t.Text)))
		}
	}
	return out, nil
}
