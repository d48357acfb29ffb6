package rules

import (
	"regexp"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/lex"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// nodeRules returns the rules for JavaScript and TypeScript, and for the
// Node.js flags and variables set in scripts, Dockerfiles and package.json.
func nodeRules() []source.Rule {
	return []source.Rule{
		{
			ID: "TF-NODE-001", Title: "Node.js TLS minVersion or maxVersion below TLS 1.2",
			Description: "minVersion: 'TLSv1' or 'TLSv1.1' in TLS or HTTPS options lets the connection use a protocol below TLS 1.2; maxVersion: 'TLSv1' or 'TLSv1.1' caps it there.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.JavaScript),
			Fix:        "remove minVersion (the default is 'TLSv1.2') or set it to 'TLSv1.2' or 'TLSv1.3'; remove a low maxVersion",
			References: refs(langRefNodeTLS),
			Anchors:    words("minVersion", "maxVersion"),
			New:        langNew(nodeCheckVersion),
		},
		{
			ID: "TF-NODE-002", Title: "Node.js secureProtocol pins a protocol below TLS 1.2",
			Description: "secureProtocol: 'TLSv1_method', 'TLSv1_1_method' (or their _client_/_server_ forms) or 'SSLv3_method' pins the connection to a protocol below TLS 1.2.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.JavaScript),
			Fix:        "remove secureProtocol and set minVersion: 'TLSv1.2' if needed",
			References: refs(langRefNodeTLS),
			Anchors:    words("secureProtocol"),
			New:        langNew(nodeCheckSecureProtocol),
		},
		{
			ID: "TF-NODE-003", Title: "tls.DEFAULT_MIN_VERSION lowered below TLS 1.2",
			Description: "Assigning 'TLSv1' or 'TLSv1.1' to tls.DEFAULT_MIN_VERSION (or a low DEFAULT_MAX_VERSION) lowers the floor of every TLS connection the process makes afterwards, the AWS SDK's included.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.JavaScript),
			PlatformEntry: "TF-PLAT-NODE-MINVERSION",
			References:    refs(langRefNodeTLS),
			Anchors:       words("DEFAULT_MIN_VERSION", "DEFAULT_MAX_VERSION"),
			New:           langNew(nodeCheckDefaultMin),
		},
		{
			ID: "TF-NODE-004", Title: "rejectUnauthorized: false turns off certificate verification",
			Description: "rejectUnauthorized: false accepts any server certificate, so anyone on the path can read and change the traffic whatever the TLS version.",
			Severity:    finding.High, CWE: "295", Kinds: kinds(source.JavaScript),
			Fix:        "remove rejectUnauthorized: false; to trust a private CA pass ca: or set NODE_EXTRA_CA_CERTS",
			References: refs(langRefNodeTLS, langRefSemgrep),
			Anchors:    words("rejectUnauthorized"),
			New:        langNew(nodeCheckReject),
		},
		{
			ID: "TF-NODE-005", Title: "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate verification",
			Description: "NODE_TLS_REJECT_UNAUTHORIZED set to 0 (in process.env, a script, a Dockerfile or an env file) turns off certificate verification for every TLS connection of the process.",
			Severity:    finding.High, CWE: "295", Kinds: kinds(source.JavaScript, source.Shell, source.Dockerfile, source.EnvFile),
			Fix:        "remove the variable; to trust a private CA set NODE_EXTRA_CA_CERTS",
			References: refs(langRefNodeCLI, langRefSemgrep),
			Anchors:    words(nodeRejectVar),
			New:        langNew(nodeCheckRejectEnv),
		},
		{
			ID: "TF-NODE-006", Title: "node --tls-min-v1.0 or --tls-min-v1.1 lowers the TLS floor",
			Description: "--tls-min-v1.0 and --tls-min-v1.1, on the node command line or in NODE_OPTIONS, set tls.DEFAULT_MIN_VERSION below TLS 1.2 for the whole process.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.Shell, source.Dockerfile, source.EnvFile, source.JSON),
			PlatformEntry: "TF-PLAT-NODE-OPTIONS",
			References:    refs(langRefNodeCLI),
			Anchors:       words("tls-min-v1"),
			New:           langNew(nodeCheckFlags),
		},
	}
}

// nodeLow are the minVersion / maxVersion values below TLS 1.2.
var nodeLow = map[string]bool{"TLSv1": true, "TLSv1.1": true, "SSLv3": true}

// nodeKey reports whether token i is the key name of an object property
// (name: …) or a member assignment (.name = …), and returns the index of
// the value.
func nodeKey(c *langCode, i int, name string) (int, bool) {
	t := c.s.Tok(i)
	switch {
	case t.Kind == lex.Ident && t.Text == name && c.s.Is(i+1, ":") && !c.s.Is(i-1, "?"):
		return i + 2, true
	case t.Kind == lex.String && lex.Value(lex.JavaScript, t) == name && c.s.Is(i+1, ":"):
		return i + 2, true
	case t.Kind == lex.Ident && t.Text == name && c.s.Is(i-1, ".") && c.s.Is(i+1, "="):
		return i + 2, true
	}
	return 0, false
}

// nodeStringProp calls fn for each property name whose value is a string
// literal, with the key's index and the value.
func nodeStringProp(c *langCode, names []string, fn func(i int, name, v string)) {
	for i := range c.s.Toks {
		for _, name := range names {
			if v, ok := nodeKey(c, i, name); ok {
				if s, ok := c.str(v); ok {
					fn(i, name, s)
				}
			}
		}
	}
}

// nodeCheckVersion finds minVersion / maxVersion below TLS 1.2.
func nodeCheckVersion(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.JavaScript)
	var out []source.Match
	nodeStringProp(c, []string{"minVersion", "maxVersion"}, func(i int, name, v string) {
		if nodeLow[v] {
			out = append(out, c.match(c.s.Tok(i), name+" is '"+v+"'", langEv(name, v)))
		}
	})
	return out, nil
}

// nodeBadMethod matches the secureProtocol methods below TLS 1.2.
var nodeBadMethod = regexp.MustCompile(`^(TLSv1|TLSv1_1|SSLv3|SSLv2)_(client_|server_)?method$`)

// nodeCheckSecureProtocol finds secureProtocol methods below TLS 1.2.
func nodeCheckSecureProtocol(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.JavaScript)
	var out []source.Match
	nodeStringProp(c, []string{"secureProtocol"}, func(i int, name, v string) {
		if nodeBadMethod.MatchString(v) {
			out = append(out, c.match(c.s.Tok(i), "secureProtocol is '"+v+"'", langEv(name, v)))
		}
	})
	return out, nil
}

// nodeCheckDefaultMin finds tls.DEFAULT_MIN_VERSION / DEFAULT_MAX_VERSION
// assignments below TLS 1.2.
func nodeCheckDefaultMin(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.JavaScript)
	var out []source.Match
	for i := range c.s.Toks {
		if !c.ident(i, "DEFAULT_MIN_VERSION", "DEFAULT_MAX_VERSION") || !c.s.Is(i-1, ".") || !c.s.Is(i+1, "=") {
			continue
		}
		if v, ok := c.str(i + 2); ok && nodeLow[v] {
			out = append(out, c.match(c.s.Tok(i), "tls."+c.s.Tok(i).Text+" = '"+v+"'", langEv(c.s.Tok(i).Text, v)))
		}
	}
	return out, nil
}

// nodeCheckReject finds rejectUnauthorized: false.
func nodeCheckReject(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.JavaScript)
	var out []source.Match
	for i := range c.s.Toks {
		if v, ok := nodeKey(c, i, "rejectUnauthorized"); ok && c.s.Is(v, "false") {
			out = append(out, c.match(c.s.Tok(i), "rejectUnauthorized is false: the server certificate is not verified", langEv("rejectUnauthorized", "false")))
		}
	}
	return out, nil
}

// nodeRejectVar is the variable that turns off verification when "0".
const nodeRejectVar = "NODE_TLS_REJECT_UNAUTHORIZED"

// nodeCheckRejectEnv finds NODE_TLS_REJECT_UNAUTHORIZED set to 0.
func nodeCheckRejectEnv(f *source.File) ([]source.Match, error) {
	if f.Kind != source.JavaScript {
		return shellVarMatches(f, nodeRejectVar, func(v string) bool { return v == "0" },
			nodeRejectVar+"=0: certificate verification is off for the whole process"), nil
	}
	c := langRead(f, lex.JavaScript)
	var out []source.Match
	for i, t := range c.s.Toks {
		key := t.Kind == lex.Ident && t.Text == nodeRejectVar && c.s.Is(i-1, ".") && c.s.Is(i+1, "=")
		key = key || t.Kind == lex.String && lex.Value(lex.JavaScript, t) == nodeRejectVar && c.s.At(i+1, "]", "=")
		if !key {
			continue
		}
		v := c.s.Index(i+1, "=") + 1
		if s, ok := c.str(v); ok && s == "0" || c.s.Is(v, "0") {
			out = append(out, c.match(t, "process.env."+nodeRejectVar+" = '0': certificate verification is off for the whole process", langEv(nodeRejectVar, "0")))
		}
	}
	return out, nil
}

// nodeLowFlags are the command-line flags that lower the floor.
var nodeLowFlags = map[string]bool{"--tls-min-v1.0": true, "--tls-min-v1.1": true}

// nodeRunsNode reports whether command words run node.
func nodeRunsNode(words []string) bool {
	for _, w := range words {
		w = strings.Trim(w, "[],")
		if w == "node" || w == "nodejs" || strings.HasSuffix(w, "/node") {
			return true
		}
	}
	return false
}

// nodeOptionsFlag returns the low flag in a NODE_OPTIONS value, or "".
func nodeOptionsFlag(v string) string {
	for _, fl := range strings.Fields(v) {
		if nodeLowFlags[fl] {
			return fl
		}
	}
	return ""
}

// nodeShellFlag returns the low flag word k of a command gives: the word
// itself in a command that runs node, or inside a NODE_OPTIONS value.
func nodeShellFlag(cmd []shellWord, values []string, k int) string {
	w := cmd[k].value
	switch {
	case strings.HasPrefix(w, "NODE_OPTIONS=") && strings.HasPrefix(cmd[k].first.Text, "NODE_OPTIONS="):
		return nodeOptionsFlag(strings.TrimPrefix(w, "NODE_OPTIONS="))
	case k > 0 && cmd[k-1].value == "NODE_OPTIONS":
		return nodeOptionsFlag(w)
	case nodeLowFlags[strings.Trim(w, "[],")] && nodeRunsNode(values):
		return strings.Trim(w, "[],")
	}
	return ""
}

// nodeCheckFlags finds --tls-min-v1.0 / --tls-min-v1.1 in node command
// lines and NODE_OPTIONS.
func nodeCheckFlags(f *source.File) ([]source.Match, error) {
	if f.Kind == source.JSON {
		return nodeJSONFlags(f), nil
	}
	c := langRead(f, lex.Shell)
	var out []source.Match
	for _, cmd := range shellCommands(c) {
		values := cmdValues(cmd)
		for k, w := range cmd {
			if fl := nodeShellFlag(cmd, values, k); fl != "" {
				out = append(out, c.match(w.first, "node "+fl+" lowers tls.DEFAULT_MIN_VERSION below TLS 1.2", langEv("flag", fl)))
			}
		}
	}
	return out, nil
}

// nodeJSONFlags finds the flags in JSON strings such as package.json
// scripts that run node or set NODE_OPTIONS.
func nodeJSONFlags(f *source.File) []source.Match {
	c := langRead(f, lex.JavaScript)
	var out []source.Match
	for i, t := range c.s.Toks {
		v, ok := c.str(i)
		if !ok || !c.s.Is(i-1, ":") {
			continue
		}
		fields := strings.Fields(v)
		fl := ""
		for k, w := range fields {
			if strings.HasPrefix(w, "NODE_OPTIONS=") {
				fields[k] = strings.TrimPrefix(w, "NODE_OPTIONS=")
				fl = nodeOptionsFlag(strings.Join(fields[k:], " "))
				break
			}
		}
		if fl == "" && nodeRunsNode(fields) {
			fl = nodeOptionsFlag(v)
		}
		if fl != "" {
			out = append(out, c.match(t, "node "+fl+" lowers tls.DEFAULT_MIN_VERSION below TLS 1.2", langEv("flag", fl)))
		}
	}
	return out
}
