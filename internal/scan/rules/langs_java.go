package rules

import (
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/lex"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// javaRules returns the rules for Java and Kotlin source, and for JVM
// settings in scripts, Dockerfiles, env files and java.security.
func javaRules() []source.Rule {
	return []source.Rule{
		{
			ID: "TF-JAVA-001", Title: "SSLContext.getInstance names a protocol below TLS 1.2",
			Description: "SSLContext.getInstance(\"TLSv1\"), (\"TLSv1.1\"), (\"SSLv3\") or (\"SSL\") asks JSSE for a context whose protocols go below TLS 1.2; on a JDK whose jdk.tls.disabledAlgorithms is weakened they are used.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.Java),
			Fix:        "use SSLContext.getInstance(\"TLSv1.3\") or (\"TLS\"), or SSLContext.getDefault()",
			References: refs(langRefJavaJSSE, langRefSemgrep),
			Anchors:    words("getInstance"),
			New:        langNew(javaCheckGetInstance),
		},
		{
			ID: "TF-JAVA-002", Title: "setEnabledProtocols enables a protocol below TLS 1.2",
			Description: "setEnabledProtocols or SSLParameters.setProtocols (or Kotlin's enabledProtocols =) with \"TLSv1\", \"TLSv1.1\" or \"SSLv3\" enables a protocol below TLS 1.2 on the socket or engine.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.Java),
			Fix:        "list only \"TLSv1.2\" and \"TLSv1.3\"",
			References: refs(langRefJavaJSSE, langRefSemgrep),
			Anchors:    words("Protocols"),
			New:        langNew(javaCheckEnabledProtocols),
		},
		{
			ID: "TF-JAVA-003", Title: "https.protocols or jdk.tls.client.protocols set below TLS 1.2",
			Description: "System.setProperty(\"https.protocols\" | \"jdk.tls.client.protocols\" | \"jdk.tls.server.protocols\", …) with TLSv1, TLSv1.1 or SSLv3 makes every connection of the JVM offer a protocol below TLS 1.2.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.Java),
			PlatformEntry: "TF-PLAT-JAVA-PROTOCOLS",
			References:    refs(langRefJavaJSSE),
			Anchors:       words(javaProtocolProperties...),
			New:           langNew(javaCheckProtocolProperty),
		},
		{
			ID: "TF-JAVA-004", Title: "Security.setProperty re-enables TLS 1.0 or 1.1 in jdk.tls.disabledAlgorithms",
			Description: "Security.setProperty(\"jdk.tls.disabledAlgorithms\", …) with a value that leaves out TLSv1 or TLSv1.1 undoes the JDK's own block of those protocols (JDK-8254713).",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.Java),
			PlatformEntry: "TF-PLAT-JAVA-DISABLED-ALGORITHMS",
			References:    refs(langRefJavaTLS1, langRefJavaJSSE),
			Anchors:       words("jdk.tls.disabledAlgorithms"),
			New:           langNew(javaCheckDisabledAlgorithms),
		},
		{
			ID: "TF-JAVA-005", Title: "X509TrustManager.checkServerTrusted accepts every certificate",
			Description: "A checkServerTrusted whose body is empty never throws, so every server certificate is trusted and anyone on the path can read and change the traffic whatever the TLS version.",
			Severity:    finding.Critical, CWE: "295", Kinds: kinds(source.Java),
			Fix:        "remove the custom TrustManager; trust a private CA with a KeyStore passed to TrustManagerFactory",
			References: refs(langRefJavaJSSE, langRefSemgrep),
			Anchors:    words("checkServerTrusted"),
			New:        langNew(javaCheckTrustAll),
		},
		{
			ID: "TF-JAVA-006", Title: "JVM option sets https.protocols or jdk.tls.client.protocols below TLS 1.2",
			Description: "-Dhttps.protocols=, -Djdk.tls.client.protocols= or -Djdk.tls.server.protocols= with TLSv1, TLSv1.1 or SSLv3, on a java command line or in JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS or a *_OPTS variable (scripts, Dockerfile ENV, env files), makes every connection of the JVM offer a protocol below TLS 1.2.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.Shell, source.Dockerfile, source.EnvFile),
			PlatformEntry: "TF-PLAT-JAVA-PROTOCOLS",
			References:    refs(langRefJavaJSSE),
			Anchors:       words(javaProtocolProperties...),
			New:           langNew(javaCheckOptions),
		},
		{
			ID: "TF-JAVA-007", Title: "java.security re-enables TLS 1.0 or 1.1 in jdk.tls.disabledAlgorithms",
			Description: "A java.security or security properties file whose jdk.tls.disabledAlgorithms leaves out TLSv1 or TLSv1.1, or a script or Dockerfile that writes such a value or edits them out of java.security with sed, undoes the JDK's own block of those protocols (JDK-8254713).",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.JavaProps, source.Shell, source.Dockerfile),
			PlatformEntry: "TF-PLAT-JAVA-DISABLED-ALGORITHMS",
			References:    refs(langRefJavaTLS1, langRefJavaJSSE),
			Anchors:       words("disabledAlgorithms", "java.security"),
			New:           langNew(javaCheckSecurityFile),
		},
	}
}

// javaLegacy names the JSSE protocol names below TLS 1.2.
var javaLegacy = map[string]bool{"SSL": true, "SSLv2": true, "SSLv3": true, "TLSv1": true, "TLSv1.1": true, "DTLSv1.0": true}

// javaCheckGetInstance finds SSLContext.getInstance("<legacy>").
func javaCheckGetInstance(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.Java)
	var out []source.Match
	for i := c.s.Index(0, "SSLContext", ".", "getInstance", "("); i >= 0; i = c.s.Index(i+1, "SSLContext", ".", "getInstance", "(") {
		if v, ok := c.str(i + 4); ok && javaLegacy[v] {
			out = append(out, c.match(c.s.Tok(i+4), "SSLContext.getInstance(\""+v+"\") asks for a protocol below TLS 1.2", langEv("protocol", v)))
		}
	}
	return out, nil
}

// javaLegacyStrings returns the legacy protocol names among the string
// literals of tokens [from, to), and the first of those tokens.
func javaLegacyStrings(c *langCode, from, to int) ([]string, int) {
	var bad []string
	first := -1
	for k := from; k < to; k++ {
		v, ok := c.str(k)
		if !ok {
			continue
		}
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); javaLegacy[p] {
				bad = append(bad, p)
				if first < 0 {
					first = k
				}
			}
		}
	}
	return bad, first
}

// javaCheckEnabledProtocols finds setEnabledProtocols(…), setProtocols(…)
// and Kotlin enabledProtocols = … naming a legacy protocol.
func javaCheckEnabledProtocols(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.Java)
	var out []source.Match
	for i := 0; i < c.s.Len(); i++ {
		var from, to int
		switch {
		case c.ident(i, "setEnabledProtocols", "setProtocols") && c.s.Is(i+1, "("):
			from, to = i+2, c.s.Close(i+1)
		case c.ident(i, "enabledProtocols", "protocols") && c.s.Is(i-1, ".") && c.s.Is(i+1, "="):
			from, to = i+2, c.s.End(i+2, true, ";")
		default:
			continue
		}
		if bad, first := javaLegacyStrings(c, from, to); first >= 0 {
			out = append(out, c.match(c.s.Tok(first), c.s.Tok(i).Text+" enables "+strings.Join(bad, ", "), langEv("protocols", strings.Join(bad, ", "))))
		}
	}
	return out, nil
}

// javaSetProperty calls fn for each Class.setProperty("key", value) whose
// key is one of keys, with the key and the value's argument range.
func javaSetProperty(c *langCode, class string, keys []string, fn func(i int, key string, from, to int)) {
	for i := c.s.Index(0, class, ".", "setProperty", "("); i >= 0; i = c.s.Index(i+1, class, ".", "setProperty", "(") {
		key, ok := c.str(i + 4)
		if !ok || !c.s.Is(i+5, ",") || !containsString(keys, key) {
			continue
		}
		fn(i, key, i+6, c.s.Close(i+3))
	}
}

// containsString reports whether list holds s.
func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// javaProtocolProperties are the system properties that list protocols.
var javaProtocolProperties = []string{"https.protocols", "jdk.tls.client.protocols", "jdk.tls.server.protocols"}

// javaCheckProtocolProperty finds System.setProperty of a protocol list
// with a legacy protocol in it.
func javaCheckProtocolProperty(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.Java)
	var out []source.Match
	javaSetProperty(c, "System", javaProtocolProperties, func(i int, key string, from, to int) {
		if bad, first := javaLegacyStrings(c, from, to); first >= 0 {
			out = append(out, c.match(c.s.Tok(first), key+" includes "+strings.Join(bad, ", "), langEv(key, strings.Join(bad, ", "))))
		}
	})
	return out, nil
}

// javaLiteral returns the value of tokens [from, to) when they are string
// literals joined by +.
func javaLiteral(c *langCode, from, to int) (string, bool) {
	var b strings.Builder
	for k := from; k < to; k++ {
		if (k-from)%2 == 1 {
			if !c.s.Is(k, "+") {
				return "", false
			}
			continue
		}
		v, ok := c.str(k)
		if !ok {
			return "", false
		}
		b.WriteString(v)
	}
	return b.String(), to > from
}

// javaCheckDisabledAlgorithms finds Security.setProperty of
// jdk.tls.disabledAlgorithms to a literal that leaves TLSv1 or TLSv1.1 out.
func javaCheckDisabledAlgorithms(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.Java)
	var out []source.Match
	javaSetProperty(c, "Security", []string{"jdk.tls.disabledAlgorithms"}, func(i int, key string, from, to int) {
		v, ok := javaLiteral(c, from, to)
		if !ok {
			return
		}
		if missing := javaMissingDisabled(v); len(missing) > 0 {
			out = append(out, c.match(c.s.Tok(from), "jdk.tls.disabledAlgorithms no longer disables "+strings.Join(missing, ", ")+", so they are allowed again",
				langEv(key, v), langEv("re-enabled", strings.Join(missing, ", "))))
		}
	})
	return out, nil
}

// javaMissingDisabled returns TLSv1 and TLSv1.1 when a disabledAlgorithms
// value does not list them.
func javaMissingDisabled(v string) []string {
	listed := map[string]bool{}
	for _, p := range strings.Split(v, ",") {
		listed[strings.TrimSpace(p)] = true
	}
	var missing []string
	for _, p := range []string{"TLSv1", "TLSv1.1"} {
		if !listed[p] {
			missing = append(missing, p)
		}
	}
	return missing
}

// javaCheckTrustAll finds checkServerTrusted declarations with an empty body.
func javaCheckTrustAll(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.Java)
	var out []source.Match
	for i := 0; i < c.s.Len(); i++ {
		if !c.ident(i, "checkServerTrusted") || c.s.Is(i-1, ".") || !c.s.Is(i+1, "(") {
			continue
		}
		body := javaBody(c, c.s.Close(i+1)+1)
		if body > 0 && c.s.Close(body) == body+1 {
			out = append(out, c.match(c.s.Tok(i), "checkServerTrusted has an empty body: every server certificate is accepted"))
		}
	}
	return out, nil
}

// javaBody returns the index of the '{' that opens a method body after
// its parameter list ends at k, past a throws clause or a Kotlin return
// type, or -1.
func javaBody(c *langCode, k int) int {
	if k <= 0 {
		return -1
	}
	for ; k < c.s.Len(); k++ {
		t := c.s.Tok(k)
		switch {
		case t.Text == "{":
			return k
		case t.Kind == lex.Ident || t.Text == "." || t.Text == "," || t.Text == ":":
		default:
			return -1
		}
	}
	return -1
}
