package rules

import (
	"slices"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/scan/lex"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// psWebCommands are the web cmdlets and their aliases.
var psWebCommands = map[string]bool{"invoke-webrequest": true, "invoke-restmethod": true, "iwr": true, "irm": true}

// psParam reports whether Param token i names parameter full: the full
// name anywhere, or an unambiguous prefix of at least minLen letters as
// an argument of a web cmdlet.
func (c *psCode) psParam(i int, full string, minLen int) bool {
	t := c.s.Tok(i)
	name := strings.TrimPrefix(t.Text, "-")
	switch {
	case t.Kind != lex.Param:
		return false
	case strings.EqualFold(name, full):
		return true
	}
	return len(name) >= minLen && len(name) < len(full) && strings.EqualFold(full[:len(name)], name) && c.inWebCommand(i)
}

// inWebCommand reports whether token i is an argument of a web cmdlet.
func (c *psCode) inWebCommand(i int) bool {
	if c.web == nil {
		c.web = c.webArgs()
	}
	return c.web[i]
}

// webArgs marks the tokens from each web cmdlet name to the end of its
// statement, in one pass.
func (c *psCode) webArgs() []bool {
	marks := make([]bool, c.s.Len())
	for i := 0; i < c.s.Len(); i++ {
		if !psWebCommands[strings.ToLower(c.s.Tok(i).Text)] {
			continue
		}
		end := c.s.End(i+1, true, psStops...)
		for k := i + 1; k < end; k++ {
			marks[k] = true
		}
		i = max(i, end-1)
	}
	return marks
}

// argEnd returns the end of the command argument starting at i: tokens
// that touch or are joined by commas, a bracketed group counting as one.
func (c *psCode) argEnd(i int) int {
	k := c.skipGroup(i)
	for k < c.s.Len() {
		prev, t := c.s.Tok(k-1), c.s.Tok(k)
		joined := prev.End() == t.Offset || prev.Text == "," || t.Text == ","
		if !joined || c.endsArg(t) {
			return k
		}
		k = c.skipGroup(k)
	}
	return k
}

// endsArg reports whether t cannot be part of a command argument: a
// line break before it, a closing bracket, a statement end or the next
// parameter.
func (c *psCode) endsArg(t lex.Token) bool {
	return t.NewlineBefore || t.Closes() || slices.Contains(psStops, t.Text) || t.Kind == lex.Param && !lex.IsOperator(t)
}

// skipGroup returns the index after token i, or after the bracket it
// opens.
func (c *psCode) skipGroup(i int) int {
	if !c.s.Tok(i).Opens() {
		return i + 1
	}
	if close := c.s.Close(i); close > 0 {
		return close + 1
	}
	return c.s.Len()
}

// paramValue returns the token range of the value of the parameter at i
// ("-P value" or "-P:value"); it is empty for a switch.
func (c *psCode) paramValue(i int) (int, int) {
	v := i + 1
	if c.s.Is(v, ":") {
		v++
	}
	if v >= c.s.Len() || c.endsArg(c.s.Tok(v)) {
		return v, v
	}
	return v, c.argEnd(v)
}

// hashKey reports whether token i is a key of a hashtable literal @{…},
// followed by '='.
func (c *psCode) hashKey(i int) bool {
	return c.s.Is(i+1, "=") && c.s.Is(c.s.Enclosing(i), "@{")
}

// psCheckSslProtocol finds -SslProtocol values (and SslProtocol splat
// keys) below TLS 1.2.
func psCheckSslProtocol(f *source.File) ([]source.Match, error) {
	c := psRead(f)
	var out []source.Match
	for i := 0; i < c.s.Len(); i++ {
		var from, to int
		switch t := c.s.Tok(i); {
		case c.psParam(i, "SslProtocol", 3):
			from, to = c.paramValue(i)
		case t.Kind == lex.Ident && c.s.Equal(t.Text, "SslProtocol") && c.hashKey(i):
			from, to = i+2, c.s.End(i+2, true, psStops...)
		default:
			continue
		}
		v := dotnetEvalProto(c.s, from, to, dotnetWebSslProtocol, true)
		if bad := v.lo & dotnetLegacyBits; bad != 0 {
			expr := dotnetSource(c.s, from, to)
			out = append(out, dotnetMatch(c.lines, c.s.Tok(i), c.s.Tok(to-1), "-SslProtocol "+expr+" allows "+dotnetBitNames(bad, dotnetLegacy),
				dotnetEv("SslProtocol", expr), dotnetEv("below TLS 1.2", dotnetBitNames(bad, dotnetLegacy))))
		}
	}
	return out, nil
}

// psCheckSkipCertificateCheck finds -SkipCertificateCheck, SkipCertificateCheck
// splat keys and $PSDefaultParameterValues entries, unless set to $false.
func psCheckSkipCertificateCheck(f *source.File) ([]source.Match, error) {
	c := psRead(f)
	var out []source.Match
	for i := 0; i < c.s.Len(); i++ {
		t := c.s.Tok(i)
		var value int // index of an explicit value, or -1
		switch {
		case c.psParam(i, "SkipCertificateCheck", 5):
			value = -1
			if c.s.Is(i+1, ":") {
				value = i + 2
			}
		case t.Kind == lex.Ident && c.s.Equal(t.Text, "SkipCertificateCheck") && c.hashKey(i):
			value = i + 2
		case t.Kind == lex.String && c.defaultsKey(i):
			value = c.s.Index(i, "=") + 1
		default:
			continue
		}
		if value >= 0 && c.s.Is(value, "$false") {
			continue
		}
		out = append(out, dotnetMatch(c.lines, t, t, "SkipCertificateCheck is set: the server certificate is not validated", dotnetEv("SkipCertificateCheck", dotnetSource(c.s, i, max(value+1, i+1)))))
	}
	return out, nil
}

// defaultsKey reports whether String token i is a "Cmdlet:SkipCertificateCheck"
// key of $PSDefaultParameterValues being set: $d['…'] = … or @{ '…' = … }.
func (c *psCode) defaultsKey(i int) bool {
	v := lex.Value(lex.PowerShell, c.s.Tok(i))
	_, param, ok := strings.Cut(v, ":")
	if !ok || !strings.EqualFold(strings.TrimSpace(param), "SkipCertificateCheck") {
		return false
	}
	return c.s.At(i+1, "]", "=") || c.hashKey(i)
}
