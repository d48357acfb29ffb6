package rules

import (
	"regexp"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// kindNames name the files that set environment variables, for messages.
var kindNames = map[source.Kind]string{
	source.Dockerfile: "Dockerfile", source.EnvFile: "env file", source.Shell: "shell script",
	source.YAML: "YAML", source.Kubernetes: "Kubernetes manifest", source.CloudFormation: "CloudFormation template",
	source.JSON: "JSON", source.Terraform: "Terraform",
}

// godebugWord is the variable the text rules look for.
const godebugWord = "GODEBUG"

// Patterns of a name/value pair that sets an environment variable, as in
// Kubernetes ("- name: GODEBUG" then "value: ..."), ECS task definitions
// and Terraform.
var (
	nameKeyBefore = regexp.MustCompile(`(?i)\bname["']?\s*[:=]\s*["']?$`)
	nameKey       = regexp.MustCompile(`(?i)\bname["']?\s*[:=]`)
	valueKey      = regexp.MustCompile(`(?i)\bvalue["']?\s*[:=]\s*`)
)

// pairLines is how many lines after "name: GODEBUG" its value may be on.
const pairLines = 3

// textGodebugSources finds GODEBUG set in a file that sets environment
// variables: GODEBUG=v and GODEBUG: v (unquoted, or as a whole quoted
// string or key), ENV GODEBUG v, and name/value pairs. Comments and other
// text inside strings do not count.
func textGodebugSources(f *source.File) []godebugSource {
	lines := strings.Split(string(f.Content), "\n")
	where := kindNames[f.Kind]
	var srcs []godebugSource
	for i := range lines {
		code := stripComment(lines[i], f.Kind)
		for _, at := range wordIndexes(code, godebugWord) {
			if v, col, ok := assignedValue(code, at, f.Kind); ok {
				srcs = append(srcs, godebugSource{where: where, settings: parseGodebugList(v, i+1, col+1)})
			} else if nameKeyBefore.MatchString(code[:at]) {
				if v, line, col, ok := pairedValue(lines, i, at+len(godebugWord), f.Kind); ok {
					srcs = append(srcs, godebugSource{where: where, settings: parseGodebugList(v, line+1, col+1)})
				}
			}
		}
	}
	return srcs
}

// stripComment removes a comment from a line: "#" comments everywhere but
// JSON, and "//" in Terraform. A "#" inside quotes or a word is kept.
func stripComment(line string, kind source.Kind) string {
	if kind == source.JSON {
		return line
	}
	inQuote := byte(0)
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case inQuote != 0:
			if c == inQuote {
				inQuote = 0
			}
		case c == '"' || c == '\'':
			inQuote = c
		case c == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t'):
			return line[:i]
		case kind == source.Terraform && strings.HasPrefix(line[i:], "//"):
			return line[:i]
		}
	}
	return line
}

// wordIndexes returns where word occurs in s as a whole word.
func wordIndexes(s, word string) []int {
	var out []int
	for off := 0; ; {
		i := strings.Index(s[off:], word)
		if i < 0 {
			return out
		}
		at := off + i
		end := at + len(word)
		if (at == 0 || !isWordByte(s[at-1])) && (end == len(s) || !isWordByte(s[end])) {
			out = append(out, at)
		}
		off = end
	}
}

// isWordByte reports a byte of an identifier.
func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// openQuote returns the quote character of the string that is open at
// offset at of s, and the offset of that quote; q is 0 outside strings.
func openQuote(s string, at int) (q byte, start int) {
	for i := 0; i < at; i++ {
		switch c := s[i]; {
		case q != 0 && c == q:
			q = 0
		case q == 0 && (c == '"' || c == '\''):
			q, start = c, i
		}
	}
	return q, start
}

// assignedValue reads the value assigned to the word at offset at:
// GODEBUG=v, GODEBUG: v, GODEBUG = "v", "GODEBUG=v" (also "GODEBUG=v cmd"
// in a script string), "GODEBUG": "v", and in a Dockerfile ENV GODEBUG v.
// Inside a string, the word counts only at the start of it.
func assignedValue(code string, at int, kind source.Kind) (string, int, bool) {
	q, qStart := openQuote(code, at)
	j := at + len(godebugWord)
	switch {
	case q != 0 && qStart != at-1:
		return "", 0, false
	case q != 0 && j < len(code) && code[j] == '=':
		end := strings.IndexByte(code[j+1:], q)
		if end < 0 {
			end = len(code) - j - 1
		}
		// A GODEBUG value is one word; what follows is the command it is
		// set for: "GODEBUG=x ./server".
		v, _, _ := strings.Cut(code[j+1:j+1+end], " ")
		return v, j + 1, true
	case q != 0 && j < len(code) && code[j] == q:
		j++
	case q != 0:
		return "", 0, false
	}
	k := skipBlanks(code, j)
	switch {
	case k < len(code) && (code[k] == '=' || code[k] == ':'):
		return readValue(code, k+1)
	case kind == source.Dockerfile && k > j && strings.EqualFold(strings.TrimSpace(code[:at]), "ENV"):
		return readValue(code, k)
	}
	return "", 0, false
}

// skipBlanks returns the offset of the first byte from i that is not a
// space or a tab.
func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// readValue reads a quoted or bare value starting at or after offset i
// (after blanks), and returns it with its offset.
func readValue(s string, i int) (string, int, bool) {
	i = skipBlanks(s, i)
	if i >= len(s) {
		return "", 0, false
	}
	if q := s[i]; q == '"' || q == '\'' {
		end := strings.IndexByte(s[i+1:], q)
		if end < 0 {
			end = len(s) - i - 1
		}
		return s[i+1 : i+1+end], i + 1, true
	}
	end := i
	for end < len(s) && !strings.ContainsRune(" \t\r}]", rune(s[end])) {
		end++
	}
	return s[i:end], i, end > i
}

// pairedValue finds the value key that goes with "name: GODEBUG": on the
// same line after the name, or on one of the next pairLines lines before
// another name key.
func pairedValue(lines []string, i, from int, kind source.Kind) (string, int, int, bool) {
	rest := stripComment(lines[i], kind)[from:]
	if loc := valueKey.FindStringIndex(rest); loc != nil {
		v, col, ok := readValue(rest, loc[1])
		return v, i, from + col, ok
	}
	for n := i + 1; n < len(lines) && n <= i+pairLines; n++ {
		code := stripComment(lines[n], kind)
		if loc := valueKey.FindStringIndex(code); loc != nil {
			v, col, ok := readValue(code, loc[1])
			return v, n, col, ok
		}
		if nameKey.MatchString(code) {
			break
		}
	}
	return "", 0, 0, false
}
