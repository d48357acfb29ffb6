package rules

import (
	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/lex"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// pythonRules returns the rules for Python source.
func pythonRules() []source.Rule {
	return []source.Rule{
		{
			ID: "TF-PY-001", Title: "Python ssl.PROTOCOL_* constant below TLS 1.2",
			Description: "ssl.PROTOCOL_TLSv1, PROTOCOL_TLSv1_1, PROTOCOL_SSLv2 and PROTOCOL_SSLv3 pin a context to a protocol below TLS 1.2; PROTOCOL_SSLv23 (PROTOCOL_TLS) negotiates, and before Python 3.10 its floor is TLS 1.0 (reported as a warning).",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.Python),
			PlatformEntry: "TF-PLAT-PY-MINVERSION",
			References:    refs(langRefPySSL, langRefSemgrep),
			Anchors:       words("PROTOCOL_"),
			New:           langNew(pyCheckProtocol),
		},
		{
			ID: "TF-PY-002", Title: "Python SSLContext minimum_version below TLS 1.2",
			Description: "minimum_version = ssl.TLSVersion.TLSv1, TLSv1_1, SSLv3 or MINIMUM_SUPPORTED (or a maximum_version of TLSv1_1 or lower) lets the context use a protocol below TLS 1.2.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.Python),
			PlatformEntry: "TF-PLAT-PY-MINVERSION",
			References:    refs(langRefPySSL),
			Anchors:       words("minimum_version", "maximum_version"),
			New:           langNew(pyCheckMinVersion),
		},
		{
			ID: "TF-PY-003", Title: "verify=False turns off certificate verification",
			Description: "verify=False in a requests, httpx or boto3 call (or session.verify = False) accepts any server certificate, so anyone on the path can read and change the traffic whatever the TLS version.",
			Severity:    finding.High, CWE: "295", Kinds: kinds(source.Python),
			Fix:        "remove verify=False; to trust a private CA pass verify=\"/path/to/ca-bundle.pem\"",
			References: refs(langRefRequests, langRefSemgrep),
			Anchors:    words("verify"),
			New:        langNew(pyCheckVerifyFalse),
		},
		{
			ID: "TF-PY-004", Title: "ssl._create_unverified_context turns off certificate verification",
			Description: "ssl._create_unverified_context (called, or installed as _create_default_https_context) makes a context with CERT_NONE and no host name check.",
			Severity:    finding.High, CWE: "295", Kinds: kinds(source.Python),
			Fix:        "use ssl.create_default_context(), with cafile= for a private CA",
			References: refs(langRefPySSL, langRefSemgrep),
			Anchors:    words("_create_unverified_context"),
			New:        langNew(pyCheckUnverified),
		},
		{
			ID: "TF-PY-005", Title: "check_hostname = False turns off host name verification",
			Description: "Setting check_hostname to False accepts a valid certificate issued for any name.",
			Severity:    finding.Medium, CWE: "297", Kinds: kinds(source.Python),
			Fix:        "leave check_hostname True (the default of ssl.create_default_context())",
			References: refs(langRefPySSL),
			Anchors:    words("check_hostname"),
			New:        langNew(pyCheckHostname),
		},
	}
}

// pyProtocols maps legacy ssl.PROTOCOL_* names to what they mean.
var pyProtocols = map[string]string{
	"PROTOCOL_TLSv1":   "TLS 1.0 only",
	"PROTOCOL_TLSv1_1": "TLS 1.1 only",
	"PROTOCOL_SSLv2":   "SSL 2.0 only",
	"PROTOCOL_SSLv3":   "SSL 3.0 only",
	"PROTOCOL_SSLv23":  "negotiation with a TLS 1.0 floor before Python 3.10",
}

// pyImportLine reports whether token i is on a from/import line.
func pyImportLine(c *langCode, i int) bool {
	return c.ident(c.lineStart(i), "from", "import")
}

// pyCheckProtocol finds ssl.PROTOCOL_* constants below TLS 1.2.
func pyCheckProtocol(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.Python)
	var out []source.Match
	for i, t := range c.s.Toks {
		meaning, ok := pyProtocols[t.Text]
		if !ok || t.Kind != lex.Ident || pyImportLine(c, i) || c.s.Is(i-1, ".") && !c.s.Is(i-2, "ssl") {
			continue
		}
		m := c.match(t, "ssl."+t.Text+" means "+meaning, langEv("protocol", t.Text))
		if t.Text == "PROTOCOL_SSLv23" {
			m.Verdict = finding.VerdictWarn
		}
		out = append(out, m)
	}
	return out, nil
}

// pyLowVersions are the TLSVersion members too low for a minimum, and
// pyLowMax those too low for a maximum.
var (
	pyLowVersions = map[string]bool{"SSLv3": true, "TLSv1": true, "TLSv1_1": true, "MINIMUM_SUPPORTED": true}
	pyLowMax      = map[string]bool{"SSLv3": true, "TLSv1": true, "TLSv1_1": true}
)

// pyCheckMinVersion finds minimum_version / maximum_version assignments of
// a TLSVersion below 1.2.
func pyCheckMinVersion(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.Python)
	var out []source.Match
	for i := 0; i < c.s.Len(); i++ {
		if !c.ident(i, "minimum_version", "maximum_version") || !c.s.Is(i+1, "=") {
			continue
		}
		end := c.s.End(i+2, true, ",", ";")
		last := c.s.Tok(end - 1)
		low := pyLowVersions
		if c.s.Tok(i).Text == "maximum_version" {
			low = pyLowMax
		}
		if end-1 > i+2 && last.Kind == lex.Ident && low[last.Text] && c.s.At(end-3, "TLSVersion", ".") {
			out = append(out, c.match(c.s.Tok(i), c.s.Tok(i).Text+" is TLSVersion."+last.Text, langEv(c.s.Tok(i).Text, last.Text)))
		}
	}
	return out, nil
}

// pyFalseAssign reports whether token i is name = False, as a keyword
// argument or an attribute assignment.
func pyFalseAssign(c *langCode, i int, name string) bool {
	if !c.ident(i, name) || !c.s.At(i+1, "=", "False") {
		return false
	}
	return c.s.Is(i-1, ".") || c.s.Is(c.s.Enclosing(i), "(")
}

// pyCheckVerifyFalse finds verify=False.
func pyCheckVerifyFalse(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.Python)
	var out []source.Match
	for i := range c.s.Toks {
		if pyFalseAssign(c, i, "verify") {
			out = append(out, c.match(c.s.Tok(i), "verify=False: the server certificate is not verified", langEv("verify", "False")))
		}
	}
	return out, nil
}

// pyCheckUnverified finds ssl._create_unverified_context.
func pyCheckUnverified(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.Python)
	var out []source.Match
	for i, t := range c.s.Toks {
		if c.ident(i, "_create_unverified_context") && !pyImportLine(c, i) {
			out = append(out, c.match(t, "ssl._create_unverified_context: the server certificate is not verified"))
		}
	}
	return out, nil
}

// pyCheckHostname finds check_hostname = False.
func pyCheckHostname(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.Python)
	var out []source.Match
	for i := range c.s.Toks {
		if pyFalseAssign(c, i, "check_hostname") {
			out = append(out, c.match(c.s.Tok(i), "check_hostname = False: the certificate's host name is not checked", langEv("check_hostname", "False")))
		}
	}
	return out, nil
}
