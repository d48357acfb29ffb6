package lex

import "bytes"

// phpOps are PHP's operators.
var phpOps = byLength(
	"===", "!==", "<=>", "**=", "??=", "...", "<<=", ">>=", "?->", "->", "=>", "::", "==", "!=",
	"<>", "<=", ">=", "&&", "||", "??", "++", "--", "+=", "-=", "*=", "/=", ".=", "%=", "&=",
	"|=", "^=", "<<", ">>", "**",
)

// phpOpenTags start PHP code, longest first.
var phpOpenTags = []string{"<?php", "<?=", "<?"}

// php scans one PHP token: inline text outside the tags, code inside.
func (s *scanner) php(i int) (int, Kind) {
	if !s.phpCode && s.hole == 0 {
		return s.phpText(i)
	}
	c, d := s.src[i], s.at(i+1)
	switch {
	case c == '?' && d == '>':
		if s.hole == 0 {
			s.phpCode = false
		}
		return i + 2, Punct
	case c == '/' && d == '/' || c == '#' && d != '[':
		return s.phpLineComment(i), Comment
	case c == '/' && d == '*':
		return s.untilAfter(i+2, "*/"), Comment
	case c == '\'':
		return s.quoted(i, '\'', '\\', false, true), String
	case c == '"' || c == '`':
		return s.phpDouble(i, c), String
	case c == '<' && s.has(i, "<<<"):
		if end := s.phpHeredoc(i); end > i {
			return end, String
		}
	case c == '$' && isIdentStart(d):
		return s.identEnd(i+1, ""), Variable
	case isDigit(c) || c == '.' && isDigit(d):
		return s.numberEnd(i), Number
	case isIdentStart(c):
		return s.identEnd(i, ""), Ident
	}
	return s.punctEnd(i, phpOps), Punct
}

// phpText scans inline text up to an open tag, or the open tag itself.
func (s *scanner) phpText(i int) (int, Kind) {
	for _, tag := range phpOpenTags {
		if s.has(i, tag) {
			s.phpCode = true
			return i + len(tag), Punct
		}
	}
	j := bytes.Index(s.src[i:], []byte("<?"))
	if j < 0 {
		return len(s.src), Text
	}
	return i + j, Text
}

// phpLineComment ends a // or # comment at the line break or before ?>.
func (s *scanner) phpLineComment(i int) int {
	end := s.lineEnd(i)
	if j := bytes.Index(s.src[i:end], []byte("?>")); j >= 0 {
		return i + j
	}
	return end
}

// phpDouble scans "…" or `…` with \ escapes and {$…} / ${…} holes.
func (s *scanner) phpDouble(i int, q byte) int {
	for j := i + 1; j < len(s.src); j++ {
		switch c := s.src[j]; {
		case c == '\\':
			j++
		case c == q:
			return j + 1
		case (c == '{' && s.at(j+1) == '$') || (c == '$' && s.at(j+1) == '{'):
			j = s.skipHole(j+2, '}') - 1
		}
	}
	return len(s.src)
}

// phpHeredoc scans <<<ID, <<<"ID" or <<<'ID' through the closing ID,
// which may be indented; it returns i when no identifier follows.
func (s *scanner) phpHeredoc(i int) int {
	j := i + 3
	for s.at(j) == ' ' || s.at(j) == '\t' {
		j++
	}
	quote := s.at(j)
	if quote == '"' || quote == '\'' {
		j++
	}
	end := s.identEnd(j, "")
	if end == j || !isIdentStart(s.src[j]) {
		return i
	}
	delim := s.src[j:end]
	if quote == '"' || quote == '\'' {
		if s.at(end) != quote {
			return i
		}
		end++
	}
	for k := s.lineEnd(end); k < len(s.src); k = s.lineEnd(k) {
		k += newlineAt(s.src, k)
		line := bytes.TrimLeft(s.src[k:], " \t")
		if bytes.HasPrefix(line, delim) && !isIdentPart(at(line, len(delim))) {
			return len(s.src) - len(line) + len(delim)
		}
		if newlineAt(s.src, s.lineEnd(k)) == 0 {
			break
		}
	}
	return len(s.src)
}

// at returns b[i], or 0 past the end.
func at(b []byte, i int) byte {
	if i < len(b) {
		return b[i]
	}
	return 0
}
