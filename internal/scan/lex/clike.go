package lex

// clikeOps are the operators of C#, Java, JavaScript and Go.
var clikeOps = byLength(
	">>>=", "<<=", ">>=", ">>>", "...", "===", "!==", "**=", "??=", "&^=",
	"?.", "??", "=>", "->", "::", "==", "!=", "<=", ">=", "&&", "||", "++", "--",
	"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "**", ":=", "&^", "<-",
)

// jsRegexKeywords may precede a regular expression literal.
var jsRegexKeywords = map[string]bool{
	"return": true, "typeof": true, "instanceof": true, "in": true, "of": true, "new": true,
	"delete": true, "void": true, "throw": true, "case": true, "do": true, "else": true,
	"yield": true, "await": true,
}

// clike scans one token of C#, Java, JavaScript or Go.
func (s *scanner) clike(i int) (int, Kind) {
	c, d := s.src[i], s.at(i+1)
	switch {
	case c == '/' && d == '/':
		return s.lineEnd(i), Comment
	case c == '/' && d == '*':
		return s.untilAfter(i+2, "*/"), Comment
	case c == '#' && s.lang == CSharp && s.atLineStart(i):
		return s.lineEnd(i), Directive
	case c == '#' && s.lang == JavaScript && d == '!' && i == s.start():
		return s.lineEnd(i), Comment
	case isDigit(c) || c == '.' && isDigit(d):
		return s.numberEnd(i), Number
	case c == '"' || c == '\'' || c == '`':
		return s.clikeString(i)
	case s.lang == CSharp && (c == '@' || c == '$'):
		return s.csharpPrefixed(i)
	case c == '/' && s.lang == JavaScript && s.regexAllowed():
		if end := s.regexEnd(i); end > i {
			return end, String
		}
	case isIdentStart(c) || (c == '$' && s.lang != Go && s.lang != CSharp):
		return s.identEnd(i, s.identExtra()), Ident
	case c == '#' && s.lang == JavaScript && isIdentStart(d):
		return s.identEnd(i+1, "$"), Ident
	}
	return s.punctEnd(i, clikeOps), Punct
}

// start returns the offset of the first byte after a byte-order mark.
func (s *scanner) start() int {
	if s.has(0, string(bom)) {
		return len(bom)
	}
	return 0
}

// identExtra lists the bytes besides letters, digits and '_' that
// identifiers may contain.
func (s *scanner) identExtra() string {
	if s.lang == Java || s.lang == JavaScript {
		return "$"
	}
	return ""
}

// clikeString scans a quoted literal starting at i.
func (s *scanner) clikeString(i int) (int, Kind) {
	switch q := s.src[i]; {
	case q == '"' && s.has(i, `"""`) && (s.lang == CSharp || s.lang == Java):
		if s.lang == CSharp {
			return s.csharpRaw(i), String
		}
		return s.javaTextBlock(i), String
	case q == '`' && s.lang == JavaScript:
		return s.template(i), String
	case q == '`' && s.lang == Go:
		return s.quoted(i, '`', 0, false, true), String
	case q == '`':
		return i + 1, Punct
	default:
		return s.quoted(i, q, '\\', false, false), String
	}
}

// javaTextBlock scans a Java text block """…""".
func (s *scanner) javaTextBlock(i int) int {
	for j := i + 3; j < len(s.src); j++ {
		switch {
		case s.src[j] == '\\':
			j++
		case s.has(j, `"""`):
			return j + 3
		}
	}
	return len(s.src)
}

// template scans a JavaScript template literal, following ${…} holes.
func (s *scanner) template(i int) int {
	for j := i + 1; j < len(s.src); j++ {
		switch c := s.src[j]; {
		case c == '\\':
			j++
		case c == '`':
			return j + 1
		case c == '$' && s.at(j+1) == '{':
			j = s.skipHole(j+2, '}') - 1
		}
	}
	return len(s.src)
}

// csharpPrefixed scans a token starting with '@' or '$' in C#: verbatim,
// interpolated and raw strings, and verbatim identifiers (@class).
func (s *scanner) csharpPrefixed(i int) (int, Kind) {
	j := i
	dollars, verbatim := 0, false
	for ; j < len(s.src); j++ {
		switch s.src[j] {
		case '$':
			dollars++
			continue
		case '@':
			if !verbatim {
				verbatim = true
				continue
			}
		}
		break
	}
	switch {
	case s.at(j) == '"' && s.has(j, `"""`) && !verbatim:
		return s.csharpRaw(j), String
	case s.at(j) == '"':
		return s.csharpString(j, verbatim, dollars > 0), String
	case verbatim && dollars == 0 && isIdentStart(s.at(j)):
		return s.identEnd(j, ""), Ident
	}
	return i + 1, Punct
}

// csharpString scans a C# string whose opening quote is at i.
func (s *scanner) csharpString(i int, verbatim, interpolated bool) int {
	for j := i + 1; j < len(s.src); j++ {
		switch c := s.src[j]; {
		case c == '\\' && !verbatim:
			j++
		case c == '"' && verbatim && s.at(j+1) == '"':
			j++
		case c == '"':
			return j + 1
		case c == '{' && interpolated && s.at(j+1) == '{':
			j++
		case c == '{' && interpolated:
			j = s.skipHole(j+1, '}') - 1
		case c == '\n' && !verbatim:
			return j
		}
	}
	return len(s.src)
}

// csharpRaw scans a C# raw string literal: n ≥ 3 quotes, closed by the
// next run of n quotes.
func (s *scanner) csharpRaw(i int) int {
	n := 0
	for s.at(i+n) == '"' {
		n++
	}
	for j := i + n; j < len(s.src); j++ {
		run := 0
		for s.at(j+run) == '"' {
			run++
		}
		if run >= n {
			return j + run
		}
		j += run
	}
	return len(s.src)
}

// regexAllowed guesses from the previous token whether a '/' starts a
// regular expression literal rather than a division.
func (s *scanner) regexAllowed() bool {
	switch s.prevKind {
	case 0:
		return true
	case Punct:
		return s.prevText != ")" && s.prevText != "]" && s.prevText != "}"
	case Ident:
		return jsRegexKeywords[s.prevText]
	}
	return false
}

// maxRegex bounds how far a regular expression literal is looked for,
// so a long line of '/' operators is not rescanned from every one.
const maxRegex = 4096

// regexEnd returns the end of a regular expression literal at i (with
// its flags), or i when the line ends first.
func (s *scanner) regexEnd(i int) int {
	inClass := false
	for j := i + 1; j < len(s.src) && j < i+maxRegex; j++ {
		switch s.src[j] {
		case '\\':
			j++
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '/':
			if !inClass {
				return s.identEnd(j+1, "")
			}
		case '\n':
			return i
		}
	}
	return i
}
