package rules

import (
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/lex"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// shellKinds are the files read as shell commands: scripts and the RUN,
// ENV and CMD lines of Dockerfiles.
var shellKinds = kinds(source.Shell, source.Dockerfile)

// shellRules returns the rules for curl, wget and openssl command lines.
func shellRules() []source.Rule {
	return []source.Rule{
		{
			ID: "TF-SH-001", Title: "curl allows or forces a protocol below TLS 1.2",
			Description: "curl -1/--tlsv1, --tlsv1.0 and --tlsv1.1 set the floor to TLS 1.0 or 1.1, --tls-max 1.0 or 1.1 caps the connection there, and -2/--sslv2 and -3/--sslv3 ask for SSL.",
			Severity:    finding.High, CWE: "327", Kinds: shellKinds,
			Fix:        "use --tlsv1.2 (or --tlsv1.3), and drop --tls-max",
			References: refs(langRefCurlMan),
			Anchors:    words("curl"),
			New:        langNew(shellCheckCurlVersion),
		},
		{
			ID: "TF-SH-002", Title: "curl -k/--insecure turns off certificate verification",
			Description: "curl -k or --insecure accepts any server certificate, so anyone on the path can read and change the traffic whatever the TLS version.",
			Severity:    finding.High, CWE: "295", Kinds: shellKinds,
			Fix:        "remove -k; to trust a private CA pass --cacert",
			References: refs(langRefCurlMan),
			Anchors:    words("curl"),
			New:        langNew(shellCheckCurlInsecure),
		},
		{
			ID: "TF-SH-003", Title: "wget --secure-protocol below TLS 1.2",
			Description: "wget --secure-protocol=TLSv1, TLSv1_1, SSLv2 or SSLv3 pins the connection to a protocol below TLS 1.2.",
			Severity:    finding.High, CWE: "327", Kinds: shellKinds,
			Fix:        "drop --secure-protocol, or use --secure-protocol=TLSv1_2 (or TLSv1_3)",
			References: refs(langRefWgetMan),
			Anchors:    words("wget"),
			New:        langNew(shellCheckWgetProtocol),
		},
		{
			ID: "TF-SH-004", Title: "wget --no-check-certificate turns off certificate verification",
			Description: "wget --no-check-certificate accepts any server certificate.",
			Severity:    finding.High, CWE: "295", Kinds: shellKinds,
			Fix:        "remove --no-check-certificate; to trust a private CA pass --ca-certificate",
			References: refs(langRefWgetMan),
			Anchors:    words("wget"),
			New:        langNew(shellCheckWgetNoCheck),
		},
		{
			ID: "TF-SH-005", Title: "openssl s_client or s_server forces a protocol below TLS 1.2",
			Description: "openssl s_client (or s_server) -tls1, -tls1_1, -ssl3 or -ssl2 uses only that protocol, so scripts built on it test or serve below TLS 1.2.",
			Severity:    finding.Medium, CWE: "327", Kinds: shellKinds,
			Fix:        "use -tls1_2 or -tls1_3, or no protocol option",
			References: refs(langRefOpenSSLSCli),
			Anchors:    words("openssl"),
			New:        langNew(shellCheckOpenSSL),
		},
	}
}

// shellWord is one shell word: touching tokens, quotes removed.
type shellWord struct {
	value string
	first lex.Token
}

// shellSeparators end a simple command.
var shellSeparators = map[string]bool{";": true, "|": true, "&&": true, "||": true, "&": true, "(": true, ")": true, "|&": true, ";;": true, "$(": true, "{": true, "}": true}

// shellCommands splits a script into simple commands of words.
func shellCommands(c *langCode) [][]shellWord {
	var cmds [][]shellWord
	var cur []shellWord
	flush := func() {
		if len(cur) > 0 {
			cmds = append(cmds, cur)
		}
		cur = nil
	}
	for i, t := range c.s.Toks {
		switch {
		case t.NewlineBefore:
			flush()
		}
		if t.Kind == lex.Punct && shellSeparators[t.Text] {
			flush()
			continue
		}
		v := t.Text
		if t.Kind == lex.String {
			v = lex.Value(lex.Shell, t)
		}
		if i > 0 && len(cur) > 0 && c.s.Tok(i-1).End() == t.Offset && !t.NewlineBefore {
			cur[len(cur)-1].value += v
			continue
		}
		cur = append(cur, shellWord{value: v, first: t})
	}
	flush()
	return cmds
}

// cmdValues returns the values of a command's words.
func cmdValues(cmd []shellWord) []string {
	out := make([]string, len(cmd))
	for i, w := range cmd {
		out[i] = w.value
	}
	return out
}

// shellVarMatches finds NAME=value assignments (and Dockerfile's ENV NAME
// value) whose value bad accepts.
func shellVarMatches(f *source.File, name string, bad func(string) bool, msg string) []source.Match {
	c := langRead(f, lex.Shell)
	var out []source.Match
	for _, cmd := range shellCommands(c) {
		for k, w := range cmd {
			v, ok := strings.CutPrefix(w.value, name+"=")
			ok = ok && strings.HasPrefix(w.first.Text, name+"=") // the name is not quoted
			if !ok && k == 1 && w.value == name && strings.EqualFold(cmd[0].value, "ENV") && len(cmd) > 2 {
				v, ok = cmd[2].value, true
			}
			if ok && bad(v) {
				out = append(out, c.match(w.first, msg, langEv(name, v)))
			}
		}
	}
	return out
}

// shellArgs calls fn with the words after each run of a program (by base
// name) in the file, and the index of the program word.
func shellArgs(f *source.File, prog string, fn func(c *langCode, args []shellWord)) {
	c := langRead(f, lex.Shell)
	for _, cmd := range shellCommands(c) {
		for k, w := range cmd {
			if w.value == prog || strings.HasSuffix(w.value, "/"+prog) {
				fn(c, cmd[k+1:])
				break
			}
		}
	}
}

// curlShortArg are curl's one-letter options that take an argument: in a
// cluster (-sko file) the rest belongs to them.
const curlShortArg = "abcdeEFHKmortTuUwxXyYzCDPQA"

// curlFlags returns the downgrade and insecure options of one curl
// argument list, each with its word.
func curlFlags(args []shellWord) (down, insecure []shellWord) {
	for k, w := range args {
		switch v := w.value; {
		case v == "--tlsv1" || v == "--tlsv1.0" || v == "--tlsv1.1" || v == "--sslv3" || v == "--sslv2":
			down = append(down, w)
		case v == "--tls-max" && k+1 < len(args) && (args[k+1].value == "1.0" || args[k+1].value == "1.1"):
			down = append(down, shellWord{value: v + " " + args[k+1].value, first: w.first})
		case v == "--insecure":
			insecure = append(insecure, w)
		case len(v) > 1 && v[0] == '-' && v[1] != '-':
			d, in := curlCluster(v[1:])
			if d != "" {
				down = append(down, shellWord{value: "-" + d, first: w.first})
			}
			if in {
				insecure = append(insecure, shellWord{value: "-k", first: w.first})
			}
		}
	}
	return down, insecure
}

// curlCluster reads a cluster of short options: a downgrade option (1,
// 2 or 3) and whether -k is in it.
func curlCluster(s string) (down string, insecure bool) {
	for _, r := range s {
		switch {
		case strings.ContainsRune(curlShortArg, r):
			return down, insecure
		case r == 'k':
			insecure = true
		case r == '1' || r == '2' || r == '3':
			down = string(r)
		case !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '#'):
			return "", false
		}
	}
	return down, insecure
}

// shellCheckCurlVersion finds curl downgrade options.
func shellCheckCurlVersion(f *source.File) ([]source.Match, error) {
	var out []source.Match
	shellArgs(f, "curl", func(c *langCode, args []shellWord) {
		down, _ := curlFlags(args)
		for _, w := range down {
			out = append(out, c.match(w.first, "curl "+w.value+" allows a protocol below TLS 1.2", langEv("option", w.value)))
		}
	})
	return out, nil
}

// shellCheckCurlInsecure finds curl -k and --insecure.
func shellCheckCurlInsecure(f *source.File) ([]source.Match, error) {
	var out []source.Match
	shellArgs(f, "curl", func(c *langCode, args []shellWord) {
		_, insecure := curlFlags(args)
		for _, w := range insecure {
			out = append(out, c.match(w.first, "curl "+w.value+": the server certificate is not verified", langEv("option", w.value)))
		}
	})
	return out, nil
}

// wgetLow are --secure-protocol values below TLS 1.2, lower-cased.
var wgetLow = map[string]bool{"tlsv1": true, "tlsv1_1": true, "sslv2": true, "sslv3": true}

// shellCheckWgetProtocol finds wget --secure-protocol below TLS 1.2.
func shellCheckWgetProtocol(f *source.File) ([]source.Match, error) {
	var out []source.Match
	shellArgs(f, "wget", func(c *langCode, args []shellWord) {
		for k, w := range args {
			v, ok := strings.CutPrefix(w.value, "--secure-protocol=")
			if !ok && w.value == "--secure-protocol" && k+1 < len(args) {
				v, ok = args[k+1].value, true
			}
			if ok && wgetLow[strings.ToLower(v)] {
				out = append(out, c.match(w.first, "wget --secure-protocol="+v+" uses a protocol below TLS 1.2", langEv("secure-protocol", v)))
			}
		}
	})
	return out, nil
}

// shellCheckWgetNoCheck finds wget --no-check-certificate.
func shellCheckWgetNoCheck(f *source.File) ([]source.Match, error) {
	var out []source.Match
	shellArgs(f, "wget", func(c *langCode, args []shellWord) {
		for _, w := range args {
			if w.value == "--no-check-certificate" {
				out = append(out, c.match(w.first, "wget --no-check-certificate: the server certificate is not verified"))
			}
		}
	})
	return out, nil
}

// opensslLow are the s_client / s_server options below TLS 1.2.
var opensslLow = map[string]bool{"-tls1": true, "-tls1_1": true, "-ssl3": true, "-ssl2": true}

// shellCheckOpenSSL finds openssl s_client/s_server with a legacy protocol option.
func shellCheckOpenSSL(f *source.File) ([]source.Match, error) {
	var out []source.Match
	shellArgs(f, "openssl", func(c *langCode, args []shellWord) {
		if len(args) == 0 || args[0].value != "s_client" && args[0].value != "s_server" {
			return
		}
		for _, w := range args[1:] {
			if opensslLow[w.value] {
				out = append(out, c.match(w.first, "openssl "+args[0].value+" "+w.value+" uses a protocol below TLS 1.2", langEv("option", w.value)))
			}
		}
	})
	return out, nil
}
