package rules

import (
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/lex"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// Sources of the web server and OpenSSL configuration rules.
const (
	webRefNginx   = "https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_protocols"
	webRefHAProxy = "https://docs.haproxy.org/2.8/configuration.html#5.1-ssl-min-ver"
	webRefApache  = "https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslprotocol"
	webRefOpenSSL = "https://docs.openssl.org/master/man3/SSL_CONF_cmd/"
)

// webserverRules returns the rules for nginx, HAProxy, Apache httpd and
// OpenSSL configuration files.
func webserverRules() []source.Rule {
	return []source.Rule{
		{
			ID: "TF-WEB-001", Title: "nginx ssl_protocols enables a protocol below TLS 1.2",
			Description: "ssl_protocols (or proxy_ssl_protocols and the other *_ssl_protocols) listing SSLv2, SSLv3, TLSv1 or TLSv1.1 lets nginx accept or offer a protocol below TLS 1.2.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.Nginx),
			Fix:        "ssl_protocols TLSv1.2 TLSv1.3;",
			References: refs(webRefNginx),
			Anchors:    words("ssl_protocols"),
			New:        langNew(webCheckNginx),
		},
		{
			ID: "TF-WEB-002", Title: "HAProxy ssl-min-ver, ssl-max-ver or force-* below TLS 1.2",
			Description: "ssl-min-ver SSLv3, TLSv1.0 or TLSv1.1, a ssl-max-ver that low, or force-sslv3, force-tlsv10 or force-tlsv11 on a bind, server or ssl-default-*-options line lets HAProxy use a protocol below TLS 1.2.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.HAProxy),
			Fix:        "ssl-min-ver TLSv1.2 (in ssl-default-bind-options and ssl-default-server-options), and no force-* below TLS 1.2",
			References: refs(webRefHAProxy),
			Anchors:    words("ssl-min-ver", "ssl-max-ver", "force-sslv3", "force-tlsv1"),
			New:        langNew(webCheckHAProxy),
		},
		{
			ID: "TF-WEB-003", Title: "Apache SSLProtocol enables a protocol below TLS 1.2",
			Description: "SSLProtocol (or SSLProxyProtocol) that ends up enabling SSLv3, TLSv1 or TLSv1.1; 'all' means every protocol mod_ssl and its OpenSSL know, so 'all -SSLv3' still enables TLS 1.0 and 1.1 unless OpenSSL refuses them.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.Apache),
			Fix:        "SSLProtocol -all +TLSv1.2 +TLSv1.3",
			References: refs(webRefApache),
			Anchors:    words("SSLProtocol", "SSLProxyProtocol"),
			New:        langNew(webCheckApache),
		},
		{
			ID: "TF-WEB-004", Title: "OpenSSL configuration MinProtocol below TLS 1.2",
			Description: "MinProtocol = TLSv1, TLSv1.1 or SSLv3 (or a MaxProtocol that low) in openssl.cnf lowers the floor of every program that loads the configuration.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.OpenSSLConf),
			PlatformEntry: "TF-PLAT-OPENSSL-MINPROTOCOL",
			References:    refs(webRefOpenSSL),
			Anchors:       words("MinProtocol", "MaxProtocol"),
			New:           langNew(webCheckOpenSSL),
		},
	}
}

// webLine is one configuration line: its number and its words, comments
// removed.
type webLine struct {
	n     int
	words []string
}

// webLines splits a configuration into lines of words; '#' starts a
// comment at the start of a word, and quotes group words.
func webLines(content []byte) []webLine {
	var out []webLine
	for n, line := range strings.Split(string(content), "\n") {
		if words := webWords(line); len(words) > 0 {
			out = append(out, webLine{n: n + 1, words: words})
		}
	}
	return out
}

// webWords splits one line into words; quoted text keeps its quotes, so
// a quoted option is not read as one.
func webWords(line string) []string {
	var words []string
	var cur strings.Builder
	in, quote := false, byte(0)
	for i := 0; i < len(line); i++ {
		b := line[i]
		switch {
		case quote != 0 && b == quote:
			quote = 0
			cur.WriteByte(b)
		case quote != 0:
			cur.WriteByte(b)
		case b == '"' || b == '\'':
			quote, in = b, true
			cur.WriteByte(b)
		case b == '#' && !in:
			return words
		case b == ' ' || b == '\t' || b == '\r' || b == ';' || b == '{' || b == '}':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(b)
			in = true
		}
	}
	if in {
		words = append(words, cur.String())
	}
	return words
}

// webMatch builds a match on a whole line.
func webMatch(f *source.File, line int, msg string, ev ...finding.Evidence) source.Match {
	return dotnetMatchPos(lex.NewLines(f.Content), line, 1, msg, ev...)
}

// webLegacy are the protocol names below TLS 1.2 in nginx and Apache.
var webLegacy = map[string]bool{"SSLv2": true, "SSLv3": true, "TLSv1": true, "TLSv1.1": true}

// webCheckNginx finds ssl_protocols with a legacy protocol.
func webCheckNginx(f *source.File) ([]source.Match, error) {
	var out []source.Match
	for _, l := range webLines(f.Content) {
		name := l.words[0]
		if name != "ssl_protocols" && !strings.HasSuffix(name, "_ssl_protocols") {
			continue
		}
		var bad []string
		for _, w := range l.words[1:] {
			if webLegacy[w] {
				bad = append(bad, w)
			}
		}
		if len(bad) > 0 {
			out = append(out, webMatch(f, l.n, name+" enables "+strings.Join(bad, ", "), langEv(name, strings.Join(l.words[1:], " "))))
		}
	}
	return out, nil
}

// haproxyLow are the ssl-min-ver / ssl-max-ver values below TLS 1.2, and
// haproxyForce the force-* options below it.
var (
	haproxyLow   = map[string]bool{"SSLv3": true, "TLSv1.0": true, "TLSv1.1": true}
	haproxyForce = map[string]bool{"force-sslv3": true, "force-tlsv10": true, "force-tlsv11": true}
)

// webCheckHAProxy finds HAProxy options below TLS 1.2.
func webCheckHAProxy(f *source.File) ([]source.Match, error) {
	var out []source.Match
	for _, l := range webLines(f.Content) {
		var bad []string
		for k, w := range l.words {
			switch {
			case (w == "ssl-min-ver" || w == "ssl-max-ver") && k+1 < len(l.words) && haproxyLow[l.words[k+1]]:
				bad = append(bad, w+" "+l.words[k+1])
			case haproxyForce[w]:
				bad = append(bad, w)
			}
		}
		if len(bad) > 0 {
			out = append(out, webMatch(f, l.n, strings.Join(bad, ", ")+" allows a protocol below TLS 1.2", langEv("options", strings.Join(bad, " "))))
		}
	}
	return out, nil
}

// apacheAll is what SSLProtocol all enables.
var apacheAll = []string{"SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"}

// apacheProtocols evaluates SSLProtocol arguments as mod_ssl does: +p
// adds, -p removes, a bare name replaces the set; all stands for every
// protocol.
func apacheProtocols(args []string) map[string]bool {
	set := map[string]bool{}
	for _, a := range args {
		op := byte(0)
		if a != "" && (a[0] == '+' || a[0] == '-') {
			op, a = a[0], a[1:]
		}
		names := []string{a}
		if strings.EqualFold(a, "all") {
			names = apacheAll
		}
		if op == 0 {
			set = map[string]bool{}
		}
		for _, n := range names {
			set[n] = op != '-'
		}
	}
	return set
}

// webCheckApache finds SSLProtocol / SSLProxyProtocol enabling a legacy protocol.
func webCheckApache(f *source.File) ([]source.Match, error) {
	var out []source.Match
	for _, l := range webLines(f.Content) {
		name := l.words[0]
		if !strings.EqualFold(name, "SSLProtocol") && !strings.EqualFold(name, "SSLProxyProtocol") {
			continue
		}
		set := apacheProtocols(l.words[1:])
		var bad []string
		for _, p := range []string{"SSLv2", "SSLv3", "TLSv1", "TLSv1.1"} {
			if set[p] {
				bad = append(bad, p)
			}
		}
		if len(bad) == 0 {
			continue
		}
		msg := name + " " + strings.Join(l.words[1:], " ") + " enables " + strings.Join(bad, ", ")
		if webHasAll(l.words[1:]) {
			msg += " ('all' includes TLS 1.0 and 1.1; remove them with -TLSv1 -TLSv1.1, or start from -all)"
		}
		out = append(out, webMatch(f, l.n, msg, langEv(name, strings.Join(l.words[1:], " "))))
	}
	return out, nil
}

// webHasAll reports whether SSLProtocol arguments add all.
func webHasAll(args []string) bool {
	for _, a := range args {
		if strings.EqualFold(strings.TrimPrefix(a, "+"), "all") {
			return true
		}
	}
	return false
}

// opensslLowConf are MinProtocol / MaxProtocol values below TLS 1.2.
var opensslLowConf = map[string]bool{"SSLv3": true, "TLSv1": true, "TLSv1.1": true, "DTLSv1": true}

// webCheckOpenSSL finds MinProtocol / MaxProtocol below TLS 1.2.
func webCheckOpenSSL(f *source.File) ([]source.Match, error) {
	var out []source.Match
	for n, line := range strings.Split(string(f.Content), "\n") {
		line, _, _ = strings.Cut(line, "#")
		key, value, ok := strings.Cut(line, "=")
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		if !ok || !strings.EqualFold(key, "MinProtocol") && !strings.EqualFold(key, "MaxProtocol") || !opensslLowConf[value] {
			continue
		}
		out = append(out, webMatch(f, n+1, key+" = "+value+" allows a protocol below TLS 1.2", langEv(key, value)))
	}
	return out, nil
}
