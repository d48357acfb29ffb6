package lex

import "strings"

// Value returns the contents of a String token: quotes, prefixes and
// here-string lines removed, and the common escapes resolved (\" \\ \'
// \n \t \r \0 in C-like and Python strings; "" in C# verbatim strings and
// PowerShell strings; a doubled single quote in PowerShell single-quoted
// strings; backtick escapes in PowerShell expandable strings).
// Interpolation holes are kept as written. Other tokens are returned as
// they are.
func Value(lang Lang, t Token) string {
	if t.Kind != String {
		return t.Text
	}
	text := t.Text
	switch lang {
	case PowerShell:
		return psValue(text)
	case CSharp:
		return csValue(text)
	case Python:
		return backslashes(unquote(strings.TrimLeft(text, "rRbBuUfF")))
	}
	return backslashes(unquote(text))
}

// unquote strips one delimiter from each end (three for triple-quoted strings).
func unquote(s string) string {
	for _, q := range []string{`"""`, `'''`, `"`, `'`, "`"} {
		if len(s) >= 2*len(q) && strings.HasPrefix(s, q) && strings.HasSuffix(s, q) {
			return s[len(q) : len(s)-len(q)]
		}
	}
	if len(s) > 0 && strings.ContainsRune(`"'`+"`", rune(s[0])) {
		return s[1:] // unterminated
	}
	return s
}

// backslashes resolves C-style escapes.
var backslashes = strings.NewReplacer(`\\`, `\`, `\"`, `"`, `\'`, `'`, `\n`, "\n", `\t`, "\t", `\r`, "\r", `\0`, "\x00").Replace

// psValue unquotes a PowerShell string or here-string.
func psValue(s string) string {
	if strings.HasPrefix(s, `@"`) || strings.HasPrefix(s, `@'`) {
		_, body, _ := strings.Cut(s, "\n")
		if i := strings.LastIndex(body, "\n"); i >= 0 {
			body = body[:i]
		}
		return strings.TrimSuffix(body, "\r")
	}
	if strings.HasPrefix(s, "'") {
		return strings.ReplaceAll(unquote(s), "''", "'")
	}
	inner := strings.ReplaceAll(unquote(s), `""`, `"`)
	var b strings.Builder
	for i := 0; i < len(inner); i++ {
		if inner[i] == '`' && i+1 < len(inner) {
			i++
		}
		b.WriteByte(inner[i])
	}
	return b.String()
}

// csValue unquotes a C# string or character literal.
func csValue(s string) string {
	prefix := len(s) - len(strings.TrimLeft(s, "$@"))
	verbatim := strings.Contains(s[:prefix], "@")
	s = s[prefix:]
	if strings.HasPrefix(s, `"""`) {
		n := len(s) - len(strings.TrimLeft(s, `"`))
		body := strings.TrimSuffix(s[n:], strings.Repeat(`"`, n))
		return strings.TrimSpace(body)
	}
	if verbatim {
		return strings.ReplaceAll(unquote(s), `""`, `"`)
	}
	return backslashes(unquote(s))
}
