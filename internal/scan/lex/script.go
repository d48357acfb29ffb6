package lex

import (
	"bytes"
	"strings"
)

// pythonOps are Python's operators.
var pythonOps = byLength(
	"**=", "//=", ">>=", "<<=", "...", "**", "//", "->", ":=", "==", "!=", "<=", ">=",
	"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "<<", ">>",
)

// python scans one Python token.
func (s *scanner) python(i int) (int, Kind) {
	c, d := s.src[i], s.at(i+1)
	switch {
	case c == '#':
		return s.lineEnd(i), Comment
	case c == '"' || c == '\'':
		return s.pyString(i, ""), String
	case isDigit(c) || c == '.' && isDigit(d):
		return s.numberEnd(i), Number
	case isIdentStart(c):
		end := s.identEnd(i, "")
		if q := s.at(end); (q == '"' || q == '\'') && isStringPrefix(string(s.src[i:end])) {
			return s.pyString(end, string(s.src[i:end])), String
		}
		return end, Ident
	}
	return s.punctEnd(i, pythonOps), Punct
}

// isStringPrefix reports whether p is a Python string prefix (r, b, u,
// f, rb, br, fr, rf in any case).
func isStringPrefix(p string) bool {
	switch strings.ToLower(p) {
	case "r", "b", "u", "f", "rb", "br", "fr", "rf":
		return true
	}
	return false
}

// pyString scans a string whose quote is at i; a backslash always keeps
// the next byte (even in raw strings), and f-strings' {…} holes are
// followed.
func (s *scanner) pyString(i int, prefix string) int {
	q := s.src[i]
	triple := s.at(i+1) == q && s.at(i+2) == q
	f := strings.ContainsAny(prefix, "fF")
	j := i + 1
	if triple {
		j = i + 3
	}
	for ; j < len(s.src); j++ {
		switch c := s.src[j]; {
		case c == '\\':
			j++
		case c == q && (!triple || s.at(j+1) == q && s.at(j+2) == q):
			if triple {
				return j + 3
			}
			return j + 1
		case c == '{' && f && s.at(j+1) == '{':
			j++
		case c == '{' && f:
			j = s.skipHole(j+1, '}') - 1
		case c == '\n' && !triple:
			return j
		}
	}
	return len(s.src)
}

// rubyOps are Ruby's operators.
var rubyOps = byLength(
	"**=", "<=>", "===", "...", "||=", "&&=", "<<=", ">>=", "..", "::", "=>", "->", "==", "!=",
	"=~", "!~", "<=", ">=", "&&", "||", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "|=", "&=",
	"^=", "**", "&.",
)

// ruby scans one Ruby token.
func (s *scanner) ruby(i int) (int, Kind) {
	c, d := s.src[i], s.at(i+1)
	switch {
	case c == '#':
		return s.lineEnd(i), Comment
	case c == '=' && s.has(i, "=begin") && s.atLineStart(i) && (isSpace(s.at(i+6)) || i+6 == len(s.src)):
		return s.rubyBlockComment(i), Comment
	case c == '_' && s.has(i, "__END__") && s.atLineStart(i) && s.lineEnd(i) == i+7:
		return len(s.src), Comment
	case c == '"' || c == '`':
		return s.rubyInterp(i, c, c), String
	case c == '\'':
		return s.quoted(i, '\'', '\\', false, true), String
	case c == '%' && s.rubyPercentAllowed(i):
		return s.rubyPercent(i), String
	case c == '/' && !s.rubyValueEnded():
		if end := s.regexEnd(i); end > i {
			return end, String
		}
	case c == '<' && d == '<':
		if end := s.rubyHeredoc(i); end > i {
			return end, String
		}
	case (c == '@' || c == '$') && (isIdentStart(d) || d == '@'):
		return s.identEnd(i+2, ""), Variable
	case c == ':' && d == '"':
		return s.rubyInterp(i+1, '"', '"'), String
	case isDigit(c):
		return s.numberEnd(i), Number
	case isIdentStart(c):
		end := s.identEnd(i, "")
		if q := s.at(end); (q == '?' || q == '!') && s.at(end+1) != '=' {
			end++
		}
		return end, Ident
	}
	return s.punctEnd(i, rubyOps), Punct
}

// rubyBlockComment scans =begin … =end through the end of the =end line.
func (s *scanner) rubyBlockComment(i int) int {
	j := s.lineEnd(i)
	for {
		n := newlineAt(s.src, j)
		if n == 0 {
			return len(s.src)
		}
		j += n
		if s.has(j, "=end") {
			return s.lineEnd(j)
		}
		j = s.lineEnd(j)
	}
}

// rubyInterp scans a literal from its opener at i to closer, with \
// escapes and #{…} holes; open != closer nests (%Q(…(…)…)).
func (s *scanner) rubyInterp(i int, open, closer byte) int {
	depth := 0
	for j := i + 1; j < len(s.src); j++ {
		switch c := s.src[j]; {
		case c == '\\':
			j++
		case c == '#' && s.at(j+1) == '{':
			j = s.skipHole(j+2, '}') - 1
		case c == closer && depth == 0:
			return j + 1
		case c == closer:
			depth--
		case c == open && open != closer:
			depth++
		}
	}
	return len(s.src)
}

// rubyValueEnded reports whether the previous token ends a value, after
// which '/' and '%' are operators.
func (s *scanner) rubyValueEnded() bool {
	switch s.prevKind {
	case Ident:
		return !jsRegexKeywords[s.prevText] && s.prevText != "if" && s.prevText != "unless" &&
			s.prevText != "when" && s.prevText != "and" && s.prevText != "or" && s.prevText != "not"
	case Number, String, Variable:
		return true
	case Punct:
		return s.prevText == ")" || s.prevText == "]" || s.prevText == "}"
	}
	return false
}

// rubyPercentAllowed guesses whether '%' at i starts a %-literal: after
// a value only as in `puts %w(a b)` (space before, none after).
func (s *scanner) rubyPercentAllowed(i int) bool {
	j := i + 1
	if strings.IndexByte("qQwWiIrsx", s.at(j)) >= 0 {
		j++
	}
	del := s.at(j)
	if del == 0 || isIdentPart(del) || isSpace(del) {
		return false
	}
	if !s.rubyValueEnded() {
		return true
	}
	return j > i+1 && i > 0 && isSpace(s.src[i-1]) && !isSpace(s.at(i+1))
}

// rubyPercent scans a %-literal at i.
func (s *scanner) rubyPercent(i int) int {
	j := i + 1
	if strings.IndexByte("qQwWiIrsx", s.at(j)) >= 0 {
		j++
	}
	open := s.at(j)
	closer := open
	if k := strings.IndexByte("([{<", open); k >= 0 {
		closer = ")]}>"[k]
	}
	return s.rubyInterp(j, open, closer)
}

// rubyHeredoc scans a here-document opener (<<~ID, <<-ID, <<ID with an
// upper-case ID, or a quoted ID) and registers its body; it returns i
// when the text at i is a shift operator instead.
func (s *scanner) rubyHeredoc(i int) int {
	j := i + 2
	indent := s.at(j) == '~' || s.at(j) == '-'
	if indent {
		j++
	}
	q := s.at(j)
	var delim []byte
	switch {
	case q == '\'' || q == '"' || q == '`':
		k := bytes.IndexAny(s.src[j+1:], string(q)+"\n") // an empty delimiter is not one
		if k <= 0 || s.src[j+1+k] != q {
			return i
		}
		delim = s.src[j+1 : j+1+k]
		j += k + 2
	case isIdentStart(q) && (indent || q >= 'A' && q <= 'Z'):
		end := s.identEnd(j, "")
		delim, j = s.src[j:end], end
	default:
		return i
	}
	if s.hole == 0 {
		s.heredocs = append(s.heredocs, heredoc{delim: string(delim), indent: indent})
	}
	return j
}
