package lex

import "bytes"

// shellOps are the shell's operators.
var shellOps = byLength(
	"&&", "||", ";;", "<<<", "<<-", "<<", ">>", "&>", ">&", "<&", "|&", "$((", "$(", "((", "))",
)

// shellMeta ends an unquoted word.
const shellMeta = " \t\r\n\f\v|&;()<>\"'`$"

// shell scans one token of a POSIX or bash script.
func (s *scanner) shell(i int) (int, Kind) {
	c, d := s.src[i], s.at(i+1)
	switch {
	case c == '#' && s.shellCommentStart(i):
		return s.lineEnd(i), Comment
	case c == '\'':
		return s.quoted(i, '\'', 0, false, true), String
	case c == '"':
		return s.shellDouble(i), String
	case c == '$' && d == '\'':
		return s.quoted(i+1, '\'', '\\', false, true), String
	case c == '$' && d == '{':
		return s.shellBrace(i + 2), Variable
	case c == '$' && (isIdentPart(d) || bytes.IndexByte([]byte("@*#?$!-"), d) >= 0):
		if isIdentStart(d) {
			return s.identEnd(i+1, ""), Variable
		}
		return i + 2, Variable
	case c == '<' && d == '<' && s.at(i+2) != '<':
		return s.shellHeredoc(i), Punct
	case bytes.IndexByte([]byte(shellMeta), c) >= 0:
		return s.punctEnd(i, shellOps), Punct
	}
	return s.shellWord(i)
}

// shellCommentStart reports whether '#' at i starts a comment: only at
// the start of a word.
func (s *scanner) shellCommentStart(i int) bool {
	return i == s.start() || bytes.IndexByte([]byte(" \t\r\n\f\v;|&()"), s.src[i-1]) >= 0
}

// shellWord scans an unquoted word; a word of digits is a Number.
func (s *scanner) shellWord(i int) (int, Kind) {
	j := i
	for j < len(s.src) && bytes.IndexByte([]byte(shellMeta), s.src[j]) < 0 {
		if s.src[j] == '\\' && j+1 < len(s.src) {
			j++
		}
		j++
	}
	for k := i; k < j; k++ {
		if !isDigit(s.src[k]) {
			return j, Ident
		}
	}
	return j, Number
}

// shellDouble scans a double-quoted string with \ escapes, $(…), ${…}
// and `…` inside.
func (s *scanner) shellDouble(i int) int {
	for j := i + 1; j < len(s.src); j++ {
		switch c := s.src[j]; {
		case c == '\\':
			j++
		case c == '"':
			return j + 1
		case c == '$' && s.at(j+1) == '(':
			j = s.skipHole(j+2, ')') - 1
		case c == '$' && s.at(j+1) == '{':
			j = s.shellBrace(j+2) - 1
		case c == '`':
			j = s.quoted(j, '`', '\\', false, true) - 1
		}
	}
	return len(s.src)
}

// shellHeredoc scans the << or <<- operator at i and registers the
// here-document whose body starts at the next line break.
func (s *scanner) shellHeredoc(i int) int {
	end := i + 2
	indent := s.at(end) == '-'
	if indent {
		end++
	}
	j := end
	for s.at(j) == ' ' || s.at(j) == '\t' {
		j++
	}
	if delim := s.heredocDelim(j); delim != "" && s.hole == 0 {
		s.heredocs = append(s.heredocs, heredoc{delim: delim, indent: indent})
	}
	return end
}

// heredocDelim reads a here-document delimiter at i: a word, possibly
// quoted or backslash-escaped, which is then matched unquoted.
func (s *scanner) heredocDelim(i int) string {
	var b []byte
	for j := i; j < len(s.src); j++ {
		switch c := s.src[j]; {
		case c == '\'' || c == '"' || c == '\\':
		case isIdentPart(c) || c == '-' || c == '.':
			b = append(b, c)
		default:
			return string(b)
		}
	}
	return string(b)
}

// heredocBodies emits the pending here-document bodies from i, each with
// its terminator line, and returns where code resumes.
func (s *scanner) heredocBodies(i int) int {
	docs := s.heredocs
	s.heredocs = nil
	for _, h := range docs {
		if i >= len(s.src) {
			break
		}
		end := s.heredocEnd(i, h)
		if end > i {
			s.emit(String, i, end)
		}
		i = end
	}
	return i
}

// heredocEnd returns the end of the terminator line of a body starting
// at i (before its line break), or len(src).
func (s *scanner) heredocEnd(i int, h heredoc) int {
	for i < len(s.src) {
		end := s.lineEnd(i)
		line := s.src[i:end]
		if h.indent {
			line = bytes.TrimLeft(line, " \t")
		}
		if string(line) == h.delim {
			return end
		}
		i = end + newlineAt(s.src, end)
		if i == end {
			break
		}
	}
	return len(s.src)
}

// shellBrace returns the end of a ${…} expansion whose text starts at i,
// counting nested braces and skipping quoted text.
func (s *scanner) shellBrace(i int) int {
	depth := 0
	for j := i; j < len(s.src); j++ {
		switch c := s.src[j]; c {
		case '\\':
			j++
		case '\'', '"':
			j = s.quoted(j, c, escapeFor(c), false, true) - 1
		case '{':
			depth++
		case '}':
			if depth == 0 {
				return j + 1
			}
			depth--
		}
	}
	return len(s.src)
}

// escapeFor is the escape byte inside a shell quote: none in '…'.
func escapeFor(q byte) byte {
	if q == '"' {
		return '\\'
	}
	return 0
}
