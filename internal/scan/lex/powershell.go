package lex

import "bytes"

// psOps are PowerShell's symbolic operators; -word operators are Param
// tokens.
var psOps = byLength(
	"::", "+=", "-=", "*=", "/=", "%=", "++", "--", "..", "&&", "||", "??=", "??", "?.",
	">>", "2>&1", "@(", "@{", "$(",
)

// powershell scans one PowerShell token.
func (s *scanner) powershell(i int) (int, Kind) {
	c, d := s.src[i], s.at(i+1)
	switch {
	case c == '<' && d == '#':
		return s.untilAfter(i+2, "#>"), Comment
	case c == '#' && s.psCommentStart(i):
		return s.lineEnd(i), Comment
	case c == '@' && (d == '"' || d == '\'') && s.hereStringStart(i+2):
		return s.hereString(i, d), String
	case c == '"':
		return s.psDouble(i), String
	case c == '\'':
		return s.quoted(i, '\'', 0, true, true), String
	case c == '$':
		return s.psVariable(i)
	case c == '@' && isIdentStart(d):
		return s.identEnd(i+1, ""), Variable
	case c == '-' && isLetter(d):
		return s.identEnd(i+1, ""), Param
	case isDigit(c) || c == '.' && isDigit(d):
		return s.numberEnd(i), Number
	case isIdentStart(c):
		return s.psIdentEnd(i), Ident
	}
	return s.punctEnd(i, psOps), Punct
}

// psCommentStart reports whether a '#' at i starts a comment: PowerShell
// reads it as one only where a token can start, not inside a bare word
// such as a URL.
func (s *scanner) psCommentStart(i int) bool {
	if i == s.start() {
		return true
	}
	return bytes.IndexByte([]byte(" \t\r\n\f\v;(){}|,="), s.src[i-1]) >= 0
}

// psIdentEnd returns the end of a bare word: letters, digits, '_', and
// '-' between word characters, so Invoke-WebRequest is one token.
func (s *scanner) psIdentEnd(i int) int {
	j := s.identEnd(i, "")
	for s.at(j) == '-' && isIdentPart(s.at(j+1)) {
		j = s.identEnd(j+1, "")
	}
	return j
}

// hereStringStart reports whether only blanks follow i up to a line
// break, as a here-string opener requires.
func (s *scanner) hereStringStart(i int) bool {
	for ; i < len(s.src); i++ {
		switch s.src[i] {
		case ' ', '\t', '\r':
		case '\n':
			return true
		default:
			return false
		}
	}
	return false
}

// hereString scans @"…"@ or @'…'@: the closing quote and '@' must start
// a line.
func (s *scanner) hereString(i int, q byte) int {
	close := []byte{'\n', q, '@'}
	j := bytes.Index(s.src[i+2:], close)
	if j < 0 {
		return len(s.src)
	}
	return i + 2 + j + len(close)
}

// psDouble scans an expandable string: backtick escapes, "" for a quote,
// and $(…) subexpressions that may hold strings of their own.
func (s *scanner) psDouble(i int) int {
	for j := i + 1; j < len(s.src); j++ {
		switch c := s.src[j]; {
		case c == '`':
			j++
		case c == '"' && s.at(j+1) == '"':
			j++
		case c == '"':
			return j + 1
		case c == '$' && s.at(j+1) == '(':
			j = s.skipHole(j+2, ')') - 1
		}
	}
	return len(s.src)
}

// psVariable scans $name, $scope:name, ${any text}, $_, $$, $?, $^ and
// the $( subexpression operator.
func (s *scanner) psVariable(i int) (int, Kind) {
	switch d := s.at(i + 1); {
	case d == '{':
		for j := i + 2; j < len(s.src); j++ {
			switch s.src[j] {
			case '`':
				j++
			case '}':
				return j + 1, Variable
			}
		}
		return len(s.src), Variable
	case d == '(':
		return i + 2, Punct
	case d == '$' || d == '?' || d == '^':
		return i + 2, Variable
	case isIdentPart(d):
		j := s.identEnd(i+1, "")
		if s.at(j) == ':' && isIdentStart(s.at(j+1)) {
			j = s.identEnd(j+1, "")
		}
		return j, Variable
	}
	return i + 1, Punct
}
