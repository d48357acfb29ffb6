package rules

import (
	"strconv"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/scan/lex"
)

// dotnetEnum is one .NET flags enum of protocol versions (scan-identifiers.md
// section 2; WebSslProtocol checked against its API page).
type dotnetEnum struct {
	name    string
	members map[string]uint64
}

var (
	dotnetSecurityProtocolType = dotnetEnum{"SecurityProtocolType", map[string]uint64{
		"SystemDefault": 0, "Ssl3": 48, "Tls": 192, "Tls11": 768, "Tls12": 3072, "Tls13": 12288,
	}}
	dotnetSecurityProtocolTypeExtensions = dotnetEnum{"SecurityProtocolTypeExtensions", map[string]uint64{
		"SystemDefault": 0, "Tls11": 768, "Tls12": 3072,
	}}
	dotnetSslProtocols = dotnetEnum{"SslProtocols", map[string]uint64{
		"None": 0, "Ssl2": 12, "Ssl3": 48, "Tls": 192, "Default": 240, "Tls11": 768, "Tls12": 3072, "Tls13": 12288,
	}}
	dotnetWebSslProtocol = dotnetEnum{"WebSslProtocol", map[string]uint64{
		"Default": 0, "Tls": 192, "Tls11": 768, "Tls12": 3072, "Tls13": 12288,
	}}
	dotnetEnums = []dotnetEnum{dotnetSecurityProtocolType, dotnetSecurityProtocolTypeExtensions, dotnetSslProtocols, dotnetWebSslProtocol}
)

// dotnetEnumNamed returns the enum with the given type name.
func dotnetEnumNamed(name string, fold bool) (dotnetEnum, bool) {
	for _, e := range dotnetEnums {
		if e.name == name || fold && strings.EqualFold(e.name, name) {
			return e, true
		}
	}
	return dotnetEnum{}, false
}

// member returns the value of a member by name.
func (e dotnetEnum) member(name string, fold bool) (uint64, bool) {
	if v, ok := e.members[name]; ok {
		return v, true
	}
	if fold {
		for n, v := range e.members {
			if strings.EqualFold(n, name) {
				return v, true
			}
		}
	}
	return 0, false
}

// dotnetLegacy are the protocol bits below TLS 1.2, oldest first, and
// dotnetModern those at or above it.
var (
	dotnetLegacy = []dotnetBit{{"Ssl2", "SSL 2.0", 12}, {"Ssl3", "SSL 3.0", 48}, {"Tls", "TLS 1.0", 192}, {"Tls11", "TLS 1.1", 768}}
	dotnetModern = []dotnetBit{{"Tls12", "TLS 1.2", 3072}, {"Tls13", "TLS 1.3", 12288}}
)

// dotnetLegacyBits are all bits of dotnetLegacy.
const dotnetLegacyBits = 12 | 48 | 192 | 768

// dotnetBit is one protocol's bits.
type dotnetBit struct {
	name, label string
	bits        uint64
}

// dotnetBitNames names the protocols whose bits v touches:
// "Tls (TLS 1.0), Tls11 (TLS 1.1)".
func dotnetBitNames(v uint64, bits []dotnetBit) string {
	var names []string
	for _, b := range bits {
		if v&b.bits != 0 {
			names = append(names, b.name+" ("+b.label+")")
		}
	}
	return strings.Join(names, ", ")
}

// dotnetDecode names every protocol v sets, with the bits no member
// covers in hex: "Tls11 | Tls12", "Ssl3 | Tls | 0x1".
func dotnetDecode(v uint64) string {
	var names []string
	for _, b := range append(append([]dotnetBit{}, dotnetLegacy...), dotnetModern...) {
		if v&b.bits != 0 {
			names = append(names, b.name)
			v &^= b.bits
		}
	}
	if v != 0 {
		names = append(names, "0x"+strconv.FormatUint(v, 16))
	}
	if names == nil {
		return "none (OS default)"
	}
	return strings.Join(names, " | ")
}

// dotnetProto bounds a protocol value: lo holds the bits certainly set,
// hi those possibly set. An unknown operand (a variable, the current
// SecurityProtocol) is {0, all}.
type dotnetProto struct{ lo, hi uint64 }

var dotnetUnknown = dotnetProto{0, ^uint64(0)}

func dotnetExact(v uint64) dotnetProto { return dotnetProto{v, v} }

func (a dotnetProto) or(b dotnetProto) dotnetProto  { return dotnetProto{a.lo | b.lo, a.hi | b.hi} }
func (a dotnetProto) and(b dotnetProto) dotnetProto { return dotnetProto{a.lo & b.lo, a.hi & b.hi} }
func (a dotnetProto) not() dotnetProto              { return dotnetProto{^a.hi, ^a.lo} }
func (a dotnetProto) xor(b dotnetProto) dotnetProto {
	return dotnetProto{a.lo&^b.hi | b.lo&^a.hi, a.hi | b.hi}
}

// dotnetParseNumber parses a C# or PowerShell integer literal: decimal or
// hex, with '_' separators and u/l suffixes.
func dotnetParseNumber(text string) (uint64, bool) {
	t := strings.TrimRight(strings.ReplaceAll(text, "_", ""), "uUlL")
	v, err := strconv.ParseUint(t, 0, 64)
	return v, err == nil
}

// dotnetNames reads a comma-separated list of member names (as in
// PowerShell "tls12, tls11" or WCF sslProtocols="Tls, Tls11"), also
// accepting '|' and blanks as separators; ok is false when a name is not
// a member.
func dotnetNames(list string, e dotnetEnum) (v uint64, ok bool) {
	names := strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == '|' || r == ' ' || r == '\t' })
	for _, n := range names {
		m, found := e.member(n, true)
		if !found {
			return 0, false
		}
		v |= m
	}
	return v, len(names) > 0
}

// dotnetEvalProto evaluates the protocol expression in tokens [i, end) of
// s: C# (| ^ & + ~, casts, Type.Member, numbers) or PowerShell (-bor
// -bxor -band -bnot + and the comma, [Type]::Member, casts, strings of
// names). ctx is the enum that strings and, with bare set, bare names
// belong to.
func dotnetEvalProto(s *lex.Stream, i, end int, ctx dotnetEnum, bare bool) dotnetProto {
	if i >= end {
		return dotnetUnknown
	}
	e := &dotnetEval{s: s, i: i, end: end, ctx: ctx, bare: bare}
	v := e.cond()
	if e.i < e.end {
		return dotnetUnknown // not understood to the end
	}
	return v
}

// dotnetEval is the state of one evaluation.
type dotnetEval struct {
	s      *lex.Stream
	i, end int
	ctx    dotnetEnum
	bare   bool
}

// binop returns the operator at e.i, its precedence (higher binds
// tighter) and whether there is one.
func (e *dotnetEval) binop() (op string, prec int, ok bool) {
	if e.i >= e.end {
		return "", 0, false
	}
	t := e.s.Tok(e.i)
	if e.s.Lang == lex.PowerShell {
		switch strings.ToLower(t.Text) {
		case ",":
			return "|", 0, true
		case "-bor":
			return "|", 1, true
		case "-bxor":
			return "^", 2, true
		case "-band":
			return "&", 3, true
		case "+", "-":
			return t.Text, 4, true
		}
		return "", 0, false
	}
	switch t.Text {
	case "|":
		return "|", 1, true
	case "^":
		return "^", 2, true
	case "&":
		return "&", 3, true
	case "+", "-":
		return t.Text, 4, true
	}
	return "", 0, false
}

// cond parses a C# conditional "c ? a : b" whose branches count as
// certain on the path that takes them: lo is the union of the branches'
// lo, so a downgrade on either path shows.
func (e *dotnetEval) cond() dotnetProto {
	x := e.expr(0)
	if e.s.Lang == lex.PowerShell || !e.s.Is(e.i, "?") || e.i >= e.end {
		return x
	}
	e.i++
	a := e.cond()
	if !e.s.Is(e.i, ":") || e.i >= e.end {
		return dotnetUnknown
	}
	e.i++
	b := e.cond()
	return dotnetProto{a.lo | b.lo, a.hi | b.hi}
}

// expr parses operators of precedence minPrec and above.
func (e *dotnetEval) expr(minPrec int) dotnetProto {
	x := e.unary()
	for {
		op, prec, ok := e.binop()
		if !ok || prec < minPrec {
			return x
		}
		e.i++
		y := e.expr(prec + 1)
		switch op {
		case "|", "+":
			x = x.or(y)
		case "&":
			x = x.and(y)
		case "^":
			x = x.xor(y)
		default:
			x = dotnetUnknown
		}
	}
}

// unary parses ~x, -bnot x, casts and parentheses, else an atom.
func (e *dotnetEval) unary() dotnetProto {
	if e.i >= e.end {
		return dotnetUnknown
	}
	t := e.s.Tok(e.i)
	switch {
	case t.Text == "~" || e.s.Lang == lex.PowerShell && strings.EqualFold(t.Text, "-bnot"):
		e.i++
		return e.unary().not()
	case t.Text == "(" || t.Text == "@(" || t.Text == "$(":
		return e.paren()
	case t.Text == "[" && e.s.Lang == lex.PowerShell:
		return e.typeLiteral()
	}
	return e.atom()
}

// paren parses a C# cast "(Type)x" or a parenthesised expression.
func (e *dotnetEval) paren() dotnetProto {
	c := e.s.Close(e.i)
	if c < 0 || c >= e.end {
		e.i = e.end
		return dotnetUnknown
	}
	if e.s.Lang != lex.PowerShell && e.isCast(e.i, c) {
		e.i = c + 1
		return e.unary()
	}
	outer := e.end
	e.i, e.end = e.i+1, c
	v := e.cond()
	if e.i < c {
		v = dotnetProto{0, dotnetUnknown.hi} // could not read it all
	}
	e.i, e.end = c+1, outer
	return v
}

// isCast reports whether (open, close) holds a dotted type name followed
// by an operand.
func (e *dotnetEval) isCast(open, close int) bool {
	for k := open + 1; k < close; k++ {
		if want := (k-open)%2 == 1; want != (e.s.Tok(k).Kind == lex.Ident) || !want && !e.s.Is(k, ".") {
			return false
		}
	}
	next := e.s.Tok(close + 1)
	return close > open+1 && (close-open)%2 == 0 && close+1 < e.end &&
		(next.Kind == lex.Number || next.Kind == lex.Ident || next.Text == "(" || next.Text == "~")
}

// typeLiteral parses PowerShell [Type]::Member and [Type]value casts.
func (e *dotnetEval) typeLiteral() dotnetProto {
	c := e.s.Close(e.i)
	if c < 0 || c >= e.end {
		e.i = e.end
		return dotnetUnknown
	}
	typ, known := dotnetEnumNamed(e.s.Tok(c-1).Text, true)
	if e.s.Is(c+1, "::") {
		e.i = c + 3
		v, ok := typ.member(e.s.Tok(c+2).Text, true)
		if tr := e.trailing(); !known || !ok || tr {
			return dotnetUnknown
		}
		return dotnetExact(v)
	}
	e.i = c + 1
	if known {
		outer := e.ctx
		e.ctx = typ
		defer func() { e.ctx = outer }()
	}
	return e.unary()
}

// trailing skips member accesses and calls after an operand and reports
// whether there were any.
func (e *dotnetEval) trailing() bool {
	skipped := false
	for e.i < e.end {
		switch {
		case (e.s.Is(e.i, ".") || e.s.Is(e.i, "::")) && e.i+1 < e.end:
			e.i += 2
		case e.s.Is(e.i, "(") || e.s.Is(e.i, "["):
			c := e.s.Close(e.i)
			if c < 0 || c >= e.end {
				e.i = e.end
				return true
			}
			e.i = c + 1
		default:
			return skipped
		}
		skipped = true
	}
	return skipped
}

// atom parses a number, a string of names, Type.Member, a bare name or
// an operand the evaluator cannot know.
func (e *dotnetEval) atom() dotnetProto {
	t := e.s.Tok(e.i)
	e.i++
	switch t.Kind {
	case lex.Number:
		if v, ok := dotnetParseNumber(t.Text); ok {
			return dotnetExact(v)
		}
	case lex.String:
		if v, ok := dotnetNames(lex.Value(e.s.Lang, t), e.ctx); ok && e.s.Lang == lex.PowerShell {
			return dotnetExact(v)
		}
	case lex.Ident:
		return e.chain(t)
	case lex.Variable:
		e.trailing()
	}
	return dotnetUnknown
}

// chain parses A.B.C starting at ident t (already consumed): an enum
// member when the part before the last names a known enum, a bare member
// name when allowed, else unknown.
func (e *dotnetEval) chain(t lex.Token) dotnetProto {
	parts := []string{t.Text}
	for e.s.Is(e.i, ".") && e.s.Tok(e.i+1).Kind == lex.Ident && e.i+1 < e.end {
		parts = append(parts, e.s.Tok(e.i+1).Text)
		e.i += 2
	}
	if e.trailing() {
		return dotnetUnknown
	}
	fold := e.s.Lang == lex.PowerShell
	if len(parts) == 1 {
		if v, ok := e.ctx.member(parts[0], fold); ok && e.bare {
			return dotnetExact(v)
		}
		return dotnetUnknown
	}
	if typ, ok := dotnetEnumNamed(parts[len(parts)-2], fold); ok {
		if v, ok := typ.member(parts[len(parts)-1], fold); ok {
			return dotnetExact(v)
		}
	}
	return dotnetUnknown
}
