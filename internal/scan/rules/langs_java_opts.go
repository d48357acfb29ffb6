package rules

import (
	"regexp"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/lex"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// Java settings outside Java source: -D options on java command lines
// and in the variables launchers read (JAVA_TOOL_OPTIONS, JAVA_OPTS, …)
// in scripts, Dockerfiles and env files; and jdk.tls.disabledAlgorithms
// in java.security and other security properties files, and in scripts
// that write or edit them.

// javaOptionsVar reports whether an environment variable holds JVM
// options: JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS and _JAVA_OPTIONS, which
// the JVM reads, and *_OPTS (JAVA_OPTS, CATALINA_OPTS, MAVEN_OPTS, …),
// which launch scripts pass on.
func javaOptionsVar(name string) bool {
	return name == "JAVA_TOOL_OPTIONS" || strings.HasSuffix(name, "JAVA_OPTIONS") || strings.HasSuffix(name, "_OPTS") && name != "_OPTS"
}

// javaRunsJava reports whether command words run java.
func javaRunsJava(cmd []shellWord) bool {
	for _, w := range cmd {
		v := strings.Trim(w.value, `[],"'`)
		if v == "java" || strings.HasSuffix(v, "/java") {
			return true
		}
	}
	return false
}

// javaOptionText returns the text of a command word that may hold JVM
// options, or "": the value of an options variable (NAME=value, or
// Dockerfile's ENV NAME value), or an argument of java.
func javaOptionText(cmd []shellWord, k int, runsJava bool) string {
	w := cmd[k]
	if name, v, ok := strings.Cut(w.value, "="); ok && javaOptionsVar(name) && strings.HasPrefix(w.first.Text, name+"=") {
		return v
	}
	if k >= 2 && strings.EqualFold(cmd[0].value, "ENV") && javaOptionsVar(cmd[1].value) {
		return w.value // ENV NAME value: the rest of the line is the value
	}
	if runsJava {
		return w.value
	}
	return ""
}

// javaCheckOptions finds -Dhttps.protocols, -Djdk.tls.client.protocols
// and -Djdk.tls.server.protocols with a protocol below TLS 1.2.
func javaCheckOptions(f *source.File) ([]source.Match, error) {
	c := langRead(f, lex.Shell)
	var out []source.Match
	for _, cmd := range shellCommands(c) {
		runsJava := javaRunsJava(cmd)
		for k := range cmd {
			for _, opt := range strings.Fields(javaOptionText(cmd, k, runsJava)) {
				key, list, ok := strings.Cut(strings.Trim(opt, `[],"'`), "=")
				key, isD := strings.CutPrefix(key, "-D")
				if !ok || !isD || !containsString(javaProtocolProperties, key) {
					continue
				}
				if bad := javaLegacyList(list); len(bad) > 0 {
					out = append(out, c.match(cmd[k].first, "-D"+key+"="+list+" includes "+strings.Join(bad, ", "), langEv(key, list)))
				}
			}
		}
	}
	return out, nil
}

// javaLegacyList returns the legacy protocols of a comma-separated list.
func javaLegacyList(list string) []string {
	var bad []string
	for _, p := range strings.Split(list, ",") {
		if p = strings.TrimSpace(p); javaLegacy[p] {
			bad = append(bad, p)
		}
	}
	return bad
}

// javaDisabledKey is the security property that turns protocols off.
const javaDisabledKey = "jdk.tls.disabledAlgorithms"

// javaCheckSecurityFile finds jdk.tls.disabledAlgorithms without TLSv1 or
// TLSv1.1: in a security properties file, echoed into one, or put there
// by a sed command that edits java.security.
func javaCheckSecurityFile(f *source.File) ([]source.Match, error) {
	if f.Kind == source.JavaProps {
		return javaPropsDisabled(f), nil
	}
	c := langRead(f, lex.Shell)
	var out []source.Match
	for _, cmd := range shellCommands(c) {
		switch prog := javaProgram(cmd); prog {
		case "echo", "printf":
			out = append(out, javaEchoDisabled(c, cmd)...)
		case "sed":
			out = append(out, javaSedDisabled(c, cmd)...)
		}
	}
	return out, nil
}

// javaProgram returns the base name of a command's program, past
// Dockerfile's RUN and variable assignments.
func javaProgram(cmd []shellWord) string {
	for i, w := range cmd {
		v := w.value
		if i == 0 && strings.EqualFold(v, "RUN") || strings.Contains(v, "=") && !strings.HasPrefix(v, "-") {
			continue
		}
		return v[strings.LastIndex(v, "/")+1:]
	}
	return ""
}

// javaDisabledMatch judges one jdk.tls.disabledAlgorithms value.
func javaDisabledMatch(c *langCode, at lex.Token, value, how string) (source.Match, bool) {
	missing := javaMissingDisabled(value)
	if len(missing) == 0 {
		return source.Match{}, false
	}
	return c.match(at, how+" jdk.tls.disabledAlgorithms without "+strings.Join(missing, ", ")+", so they are allowed again",
		langEv(javaDisabledKey, value), langEv("re-enabled", strings.Join(missing, ", "))), true
}

// javaEchoDisabled judges "jdk.tls.disabledAlgorithms=…" printed by echo
// or printf (into a security properties file).
func javaEchoDisabled(c *langCode, cmd []shellWord) []source.Match {
	var out []source.Match
	for _, w := range cmd {
		_, rest, ok := strings.Cut(w.value, javaDisabledKey)
		v, isSet := strings.CutPrefix(strings.TrimLeft(rest, " \t"), "=")
		if !ok || !isSet || strings.HasSuffix(strings.TrimSpace(v), `\`) {
			continue
		}
		if m, bad := javaDisabledMatch(c, w.first, v, "writes"); bad {
			out = append(out, m)
		}
	}
	return out
}

// javaSedSub is one s command of a sed script.
type javaSedSub struct {
	text, pattern, repl string
}

// javaSedSubs finds the s commands of a sed script: "s", a delimiter,
// the pattern, the delimiter, the replacement, the delimiter. An "s"
// inside a word (an address such as /^jdk.tls.disabledAlgorithms/) does
// not start one.
func javaSedSubs(script string) []javaSedSub {
	var out []javaSedSub
	for i := 0; i+1 < len(script); i++ {
		if script[i] != 's' || i > 0 && isWordByte(script[i-1]) || !javaSedDelim(script[i+1]) {
			continue
		}
		d := script[i+1]
		pat, next, ok := javaSedPart(script, i+2, d)
		if !ok {
			continue
		}
		repl, end, ok := javaSedPart(script, next, d)
		if !ok {
			continue
		}
		out = append(out, javaSedSub{text: script[i:end], pattern: pat, repl: repl})
		i = end - 1
	}
	return out
}

// javaSedDelim reports whether c can delimit an s command.
func javaSedDelim(c byte) bool {
	return c > ' ' && c < 0x7f && c != '\\' && !isWordByte(c)
}

// javaSedPart reads up to the unescaped delimiter d from i, and returns
// the text with its escapes removed and the index past the delimiter.
func javaSedPart(s string, i int, d byte) (string, int, bool) {
	var b strings.Builder
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case c == d:
			return b.String(), i + 1, true
		default:
			b.WriteByte(c)
		}
	}
	return "", i, false
}

// javaTLSNames finds TLSv1 and TLSv1.1 as list entries.
var javaTLSNames = regexp.MustCompile(`TLSv1(?:\.1)?(?:[^.0-9]|$)`)

// javaSedDisabled judges sed commands that edit a java.security file:
// a substitution that writes a new jdk.tls.disabledAlgorithms value, or
// one that removes TLSv1 or TLSv1.1 from the line.
func javaSedDisabled(c *langCode, cmd []shellWord) []source.Match {
	edits := false
	for _, w := range cmd {
		edits = edits || strings.HasSuffix(w.value, "java.security")
	}
	if !edits {
		return nil
	}
	var out []source.Match
	for _, w := range cmd {
		for _, sub := range javaSedSubs(w.value) {
			if _, v, ok := strings.Cut(sub.repl, javaDisabledKey+"="); ok {
				if m, bad := javaDisabledMatch(c, w.first, v, "sed sets"); bad {
					out = append(out, m)
				}
				continue
			}
			if removed := javaRemovedNames(sub.pattern, sub.repl); len(removed) > 0 {
				out = append(out, c.match(w.first, "sed removes "+strings.Join(removed, ", ")+" from java.security, so they are allowed again",
					langEv("sed", sub.text), langEv("re-enabled", strings.Join(removed, ", "))))
			}
		}
	}
	return out
}

// javaRemovedNames returns TLSv1 and TLSv1.1 when a substitution's pattern
// names them and its replacement does not.
func javaRemovedNames(pattern, repl string) []string {
	names := func(s string) map[string]bool {
		set := map[string]bool{}
		for _, m := range javaTLSNames.FindAllString(s, -1) {
			set[strings.TrimRight(m, " ,\t\"'$*")] = true
		}
		return set
	}
	in, kept := names(pattern), names(repl)
	var removed []string
	for _, n := range []string{"TLSv1", "TLSv1.1"} {
		if in[n] && !kept[n] {
			removed = append(removed, n)
		}
	}
	return removed
}

// javaProp is one property of a properties file.
type javaProp struct {
	key, value string
	line, col  int
}

// javaProperties reads a properties file: "#" and "!" comment lines,
// key and value split at the first "=", ":" or blank, and lines ending in
// an odd number of backslashes continued on the next.
func javaProperties(content []byte) []javaProp {
	var out []javaProp
	lines := strings.Split(string(content), "\n")
	for i := 0; i < len(lines); i++ {
		text := strings.TrimLeft(strings.TrimSuffix(lines[i], "\r"), " \t\f")
		if text == "" || text[0] == '#' || text[0] == '!' {
			continue
		}
		p := javaProp{line: i + 1, col: len(lines[i]) - len(text) + 1}
		for javaContinued(text) && i+1 < len(lines) {
			i++
			text = text[:len(text)-1] + strings.TrimLeft(strings.TrimSuffix(lines[i], "\r"), " \t\f")
		}
		end := strings.IndexAny(text, "=: \t")
		if end < 0 {
			end = len(text)
		}
		p.key = text[:end]
		rest := strings.TrimLeft(text[end:], " \t")
		rest = strings.TrimPrefix(strings.TrimPrefix(rest, "="), ":")
		p.value = strings.TrimSpace(rest)
		out = append(out, p)
	}
	return out
}

// javaContinued reports whether a properties line ends in an odd number
// of backslashes.
func javaContinued(s string) bool {
	n := len(s) - len(strings.TrimRight(s, `\`))
	return n%2 == 1
}

// javaPropsDisabled judges jdk.tls.disabledAlgorithms in a properties file.
func javaPropsDisabled(f *source.File) []source.Match {
	lines := lex.NewLines(f.Content)
	var out []source.Match
	for _, p := range javaProperties(f.Content) {
		if p.key != javaDisabledKey {
			continue
		}
		if missing := javaMissingDisabled(p.value); len(missing) > 0 {
			out = append(out, source.Match{
				Line: p.line, Column: p.col, Snippet: dotnetSnippet(lines, p.line),
				Message:  javaDisabledKey + " leaves out " + strings.Join(missing, ", ") + ", so they are allowed again",
				Evidence: []finding.Evidence{langEv(javaDisabledKey, p.value), langEv("re-enabled", strings.Join(missing, ", "))},
			})
		}
	}
	return out
}
