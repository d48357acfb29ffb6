package rules

import (
	"slices"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/scan/lex"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// dotnetCode is one C# file as the code checks read it.
type dotnetCode struct {
	f     *source.File
	s     *lex.Stream
	lines lex.Lines
}

// dotnetReadCode tokenizes a C# file.
func dotnetReadCode(f *source.File) *dotnetCode {
	return &dotnetCode{f: f, s: lex.NewStream(lex.CSharp, f.Content), lines: lex.NewLines(f.Content)}
}

// dotnetAssignOps enable bits: =, |= and += (&= ~… only removes them).
var dotnetAssignOps = []string{"=", "|=", "+="}

// isAssign reports whether token i is one of dotnetAssignOps.
func (c *dotnetCode) isAssign(i int) bool {
	for _, op := range dotnetAssignOps {
		if c.s.Is(i, op) {
			return true
		}
	}
	return false
}

// dotnetCheckSecurityProtocol finds assignments to
// ServicePointManager.SecurityProtocol that enable a legacy protocol.
func dotnetCheckSecurityProtocol(f *source.File) ([]source.Match, error) {
	c := dotnetReadCode(f)
	var out []source.Match
	for i := c.s.Index(0, "ServicePointManager", ".", "SecurityProtocol"); i >= 0; i = c.s.Index(i+1, "ServicePointManager", ".", "SecurityProtocol") {
		if m, ok := c.protocolAssign(i, i+2, "ServicePointManager.SecurityProtocol", dotnetSecurityProtocolType); ok {
			out = append(out, m)
		}
	}
	return out, nil
}

// protocolAssign judges "target op value" where token prop is the
// property and start the first token of the target; it matches when the
// value certainly enables a legacy protocol.
func (c *dotnetCode) protocolAssign(start, prop int, name string, ctx dotnetEnum) (source.Match, bool) {
	op := prop + 1
	if !c.isAssign(op) {
		return source.Match{}, false
	}
	end := c.end(op+1, ";", ",")
	v := dotnetEvalProto(c.s, op+1, end, ctx, false)
	bad := v.lo & dotnetLegacyBits
	if bad == 0 {
		return source.Match{}, false
	}
	expr := dotnetSource(c.s, op+1, end)
	msg := name + " " + c.s.Tok(op).Text + " " + expr + " enables " + dotnetBitNames(bad, dotnetLegacy)
	return dotnetMatch(c.lines, c.s.Tok(start), c.s.Tok(end-1), msg,
		dotnetEv(name, expr), dotnetEv("decoded", dotnetDecode(v.lo)), dotnetEv("below TLS 1.2", dotnetBitNames(bad, dotnetLegacy))), true
}

// dotnetSslProperties are the properties of type SslProtocols.
var dotnetSslProperties = []string{"SslProtocols", "EnabledSslProtocols"}

// dotnetAuthenticateMethods take an SslProtocols argument.
var dotnetAuthenticateMethods = map[string]bool{
	"AuthenticateAsClient": true, "AuthenticateAsClientAsync": true, "BeginAuthenticateAsClient": true,
	"AuthenticateAsServer": true, "AuthenticateAsServerAsync": true, "BeginAuthenticateAsServer": true,
}

// dotnetCheckSslProtocols finds SslProtocols values below TLS 1.2 in C#
// code and in WCF configuration.
func dotnetCheckSslProtocols(f *source.File) ([]source.Match, error) {
	if f.Kind == source.DotNetConfig {
		return dotnetCheckConfigSslProtocols(f)
	}
	c := dotnetReadCode(f)
	var out []source.Match
	for i := 0; i < c.s.Len(); i++ {
		t := c.s.Tok(i)
		switch {
		case t.Kind != lex.Ident:
		case dotnetAuthenticateMethods[t.Text] && c.s.Is(i+1, "("):
			out = append(out, c.authenticateArgs(i)...)
		case c.isSslProperty(i):
			if m, ok := c.protocolAssign(i, i, t.Text, dotnetSslProtocols); ok {
				out = append(out, m)
			}
		}
	}
	return out, nil
}

// isSslProperty reports whether token i is an SslProtocols property being
// set: after '.', or first in an object initializer entry.
func (c *dotnetCode) isSslProperty(i int) bool {
	for _, p := range dotnetSslProperties {
		if c.s.Is(i, p) {
			prev := c.s.Tok(i - 1).Text
			return prev == "." || prev == "{" || prev == ","
		}
	}
	return false
}

// authenticateArgs judges the arguments of an AuthenticateAs… call at i
// that mention SslProtocols or SecurityProtocolType.
func (c *dotnetCode) authenticateArgs(i int) []source.Match {
	var out []source.Match
	for _, a := range c.args(i + 1) {
		from := a[0]
		if c.s.Tok(from).Kind == lex.Ident && c.s.Is(from+1, ":") {
			from += 2 // named argument
		}
		if !c.mentionsProtocolEnum(from, a[1]) {
			continue
		}
		v := dotnetEvalProto(c.s, from, a[1], dotnetSslProtocols, false)
		if bad := v.lo & dotnetLegacyBits; bad != 0 {
			expr := dotnetSource(c.s, from, a[1])
			msg := c.s.Tok(i).Text + " is called with " + expr + ", which allows " + dotnetBitNames(bad, dotnetLegacy)
			out = append(out, dotnetMatch(c.lines, c.s.Tok(from), c.s.Tok(a[1]-1), msg,
				dotnetEv("enabledSslProtocols", expr), dotnetEv("decoded", dotnetDecode(v.lo)), dotnetEv("below TLS 1.2", dotnetBitNames(bad, dotnetLegacy))))
		}
	}
	return out
}

// mentionsProtocolEnum reports whether tokens [i, end) name SslProtocols
// or SecurityProtocolType.
func (c *dotnetCode) mentionsProtocolEnum(i, end int) bool {
	for k := i; k < end; k++ {
		if c.s.Is(k, "SslProtocols") || c.s.Is(k, "SecurityProtocolType") {
			return true
		}
	}
	return false
}

// args splits the argument list whose '(' is token open into [from, to)
// token ranges.
func (c *dotnetCode) args(open int) [][2]int {
	return dotnetSplit(c.s, open, func(i int) int { return c.end(i, ",") })
}

// dotnetArgs splits the argument list whose '(' is token open of s into
// [from, to) token ranges, at commas outside brackets.
func dotnetArgs(s *lex.Stream, open int) [][2]int {
	return dotnetSplit(s, open, func(i int) int { return s.End(i, false, ",") })
}

// dotnetSplit splits the argument list whose '(' is token open, end
// finding where each argument stops.
func dotnetSplit(s *lex.Stream, open int, end func(int) int) [][2]int {
	close := s.Close(open)
	if close < 0 {
		return nil
	}
	var out [][2]int
	for from := open + 1; from < close; {
		to := min(end(from), close)
		if to > from {
			out = append(out, [2]int{from, to})
		}
		from = to + 1
	}
	return out
}

// end is Stream.End for C# expressions (without line breaks): generic
// argument lists (Func<A, B>) are stepped over too, so their commas do
// not end the expression.
func (c *dotnetCode) end(i int, stops ...string) int {
	j := max(i, 0)
	for steps := 0; j < c.s.Len() && steps < lex.MaxSpan; j, steps = j+1, steps+1 {
		t := c.s.Tok(j)
		switch {
		case t.Kind == lex.Ident && c.s.Is(j+1, "<"):
			if g := c.genericEnd(j + 1); g > 0 {
				j = g - 1
			}
		case t.Opens() && c.s.Close(j) < 0:
			return c.s.Len()
		case t.Opens():
			j = c.s.Close(j)
		case t.Closes() || slices.Contains(stops, t.Text):
			return j
		}
	}
	return j
}

// genericEnd returns the index after the '>' that closes the type
// argument list opened by the '<' at i, or 0 when the tokens there are
// not type names.
func (c *dotnetCode) genericEnd(i int) int {
	depth := 0
	for j := i; j < c.s.Len() && j < i+lex.MaxSpan; j++ {
		switch t := c.s.Tok(j); {
		case t.Text == "<":
			depth++
		case t.Text == ">":
			depth--
		case t.Text == ">>":
			depth -= 2
		case t.Kind == lex.Ident || t.Text == "," || t.Text == "." || t.Text == "?" || t.Text == "[" || t.Text == "]":
			continue
		default:
			return 0
		}
		if depth == 0 {
			return j + 1
		}
		if depth < 0 {
			return 0
		}
	}
	return 0
}

// dotnetSwitch is an AppContext switch whose value true lowers the TLS
// versions (scan-identifiers.md section 3).
type dotnetSwitch struct {
	name, effect string
}

var dotnetBadSwitches = []dotnetSwitch{
	{"Switch.System.Net.DontEnableSchUseStrongCrypto", "no strong crypto: SSL 3.0 and RC4 stay allowed"},
	{"Switch.System.Net.DontEnableSystemDefaultTlsVersions", "the framework, not the OS, picks the TLS versions"},
	{"Switch.System.ServiceModel.DisableUsingServicePointManagerSecurityProtocols", "WCF message security uses TLS 1.0 at most"},
	{"Switch.System.ServiceModel.DontEnableSystemDefaultTlsVersions", "WCF picks its own default versions, not the OS's"},
}

// dotnetBadSwitch returns the switch a name spells, ignoring case (the
// framework compares switch names exactly, but a scanner should not let
// a case slip pass unseen).
func dotnetBadSwitch(name string) (dotnetSwitch, bool) {
	for _, sw := range dotnetBadSwitches {
		if strings.EqualFold(sw.name, strings.TrimSpace(name)) {
			return sw, true
		}
	}
	return dotnetSwitch{}, false
}

// dotnetCheckSetSwitch finds AppContext.SetSwitch("<bad switch>", true).
func dotnetCheckSetSwitch(f *source.File) ([]source.Match, error) {
	c := dotnetReadCode(f)
	var out []source.Match
	for i := c.s.Index(0, "AppContext", ".", "SetSwitch", "("); i >= 0; i = c.s.Index(i+1, "AppContext", ".", "SetSwitch", "(") {
		args := c.args(i + 3)
		if len(args) != 2 || args[0][1]-args[0][0] != 1 || !c.s.At(args[1][0], "true") || args[1][1]-args[1][0] != 1 {
			continue
		}
		name := c.s.Tok(args[0][0])
		sw, ok := dotnetBadSwitch(lex.Value(lex.CSharp, name))
		if name.Kind != lex.String || !ok {
			continue
		}
		msg := "AppContext.SetSwitch sets " + sw.name + " to true: " + sw.effect
		out = append(out, dotnetMatch(c.lines, c.s.Tok(i), c.s.Tok(c.s.Close(i+3)), msg, dotnetEv(sw.name, "true")))
	}
	return out, nil
}
