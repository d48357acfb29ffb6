package lex

import (
	"bytes"
	"sort"
)

// maxHoleDepth bounds how deeply the scanner follows nested holes
// (${…} inside a template inside ${…}, …); deeper input is read as
// string text, so hostile input cannot exhaust the stack.
const maxHoleDepth = 200

// scanner tokenizes one source. The per-language next functions return
// where the token at i ends and its kind; they change scanner state only
// outside holes (s.hole == 0), so the hole follower can call them freely.
type scanner struct {
	src  []byte
	lang Lang
	toks []Token

	// line, col are the position of byte cur.
	line, col, cur int
	// nl records a line break since the last token.
	nl bool
	// prevKind and prevText describe the last code token, for the
	// regular-expression and %-literal guesses.
	prevKind Kind
	prevText string
	// hole counts nested interpolation holes being followed.
	hole int
	// heredocs are here-document bodies that start at the next line break.
	heredocs []heredoc
	// phpCode is set between <?php and ?>.
	phpCode bool
}

// heredoc is a pending here-document body.
type heredoc struct {
	delim  string
	indent bool // the terminator may be indented (<<-, <<~)
}

// Tokenize splits src into tokens by the rules of lang. It never fails:
// see the package documentation for how it treats malformed input.
func Tokenize(lang Lang, src []byte) []Token {
	s := &scanner{src: src, lang: lang, line: 1, col: 1}
	i := 0
	if bytes.HasPrefix(src, bom) {
		i = len(bom)
	}
	for i < len(src) {
		if j := s.space(i); j > i {
			i = j
			continue
		}
		end, kind := s.next(i)
		if end <= i || end > len(src) {
			end, kind = i+1, Punct
		}
		s.emit(kind, i, end)
		i = end
	}
	return s.toks
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// space skips white space and line continuations at i, and reads pending
// here-document bodies after a line break. It returns i when src[i]
// starts a token.
func (s *scanner) space(i int) int {
	switch c := s.src[i]; c {
	case ' ', '\t', '\r', '\f', '\v':
		return i + 1
	case '\n':
		s.nl = true
		if len(s.heredocs) > 0 {
			return s.heredocBodies(i + 1)
		}
		return i + 1
	case '`', '\\':
		if c != s.continuation() {
			break
		}
		if n := newlineAt(s.src, i+1); n > 0 {
			return i + 1 + n
		}
		if d := s.at(i + 1); c == '`' && (d == ' ' || d == '\t') {
			return i + 2 // an escaped blank is still a blank
		}
	}
	return i
}

// continuation returns the byte that, before a line break, joins two lines.
func (s *scanner) continuation() byte {
	switch s.lang {
	case PowerShell:
		return '`'
	case Shell, Python, Ruby:
		return '\\'
	}
	return 0
}

// newlineAt returns the length of a line break at i ("\n" or "\r\n"), or 0.
func newlineAt(src []byte, i int) int {
	switch {
	case i < len(src) && src[i] == '\n':
		return 1
	case i+1 < len(src) && src[i] == '\r' && src[i+1] == '\n':
		return 2
	}
	return 0
}

// next returns the end and kind of the token at i.
func (s *scanner) next(i int) (int, Kind) {
	switch s.lang {
	case CSharp, Java, JavaScript, Go:
		return s.clike(i)
	case PowerShell:
		return s.powershell(i)
	case Shell:
		return s.shell(i)
	case Python:
		return s.python(i)
	case Ruby:
		return s.ruby(i)
	case PHP:
		return s.php(i)
	}
	return i + 1, Punct
}

// emit appends the token src[start:end].
func (s *scanner) emit(k Kind, start, end int) {
	s.advance(start)
	line, col := s.line, s.col
	s.advance(end)
	s.toks = append(s.toks, Token{
		Kind: k, Text: string(s.src[start:end]), Offset: start,
		Line: line, Col: col, EndLine: s.line, EndCol: s.col,
		NewlineBefore: s.nl,
	})
	s.nl = false
	if k != Comment && k != Directive && k != Text {
		s.prevKind, s.prevText = k, string(s.src[start:end])
	}
}

// advance moves the position cursor to offset to.
func (s *scanner) advance(to int) {
	for ; s.cur < to; s.cur++ {
		if s.src[s.cur] == '\n' {
			s.line, s.col = s.line+1, 1
		} else {
			s.col++
		}
	}
}

// skipHole follows code from i to the unmatched closer and returns the
// index after it (or len(src) when there is none).
func (s *scanner) skipHole(i int, closer byte) int {
	if s.hole >= maxHoleDepth {
		return len(s.src)
	}
	s.hole++
	defer func() { s.hole-- }()
	pk, pt := s.prevKind, s.prevText
	defer func() { s.prevKind, s.prevText = pk, pt }()
	s.prevKind, s.prevText = 0, ""
	depth := 0
	for i < len(s.src) {
		c := s.src[i]
		switch {
		case isSpace(c):
			i++
			continue
		case c == closer && depth == 0:
			return i + 1
		}
		end, kind := s.next(i)
		if end <= i {
			end, kind = i+1, Punct
		}
		depth += bracketDelta(kind, s.src[i:end])
		s.prevKind, s.prevText = kind, string(s.src[i:end])
		i = end
	}
	return len(s.src)
}

// bracketDelta is +1 for an opening bracket token, -1 for a closing one.
func bracketDelta(k Kind, text []byte) int {
	if k != Punct || len(text) == 0 {
		return 0
	}
	switch text[len(text)-1] {
	case '(', '[', '{':
		return 1
	case ')', ']', '}':
		return -1
	}
	return 0
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// isIdentStart accepts ASCII letters, '_' and any non-ASCII byte (so
// UTF-8 identifiers stay whole).
func isIdentStart(c byte) bool { return isLetter(c) || c == '_' || c >= 0x80 }

func isIdentPart(c byte) bool { return isIdentStart(c) || isDigit(c) }

// at returns src[i], or 0 past the end.
func (s *scanner) at(i int) byte {
	if i >= 0 && i < len(s.src) {
		return s.src[i]
	}
	return 0
}

// has reports whether src has prefix p at i.
func (s *scanner) has(i int, p string) bool {
	return i >= 0 && i <= len(s.src) && bytes.HasPrefix(s.src[i:], []byte(p))
}

// identEnd returns the end of an identifier at i; extra lists further
// bytes allowed inside it.
func (s *scanner) identEnd(i int, extra string) int {
	for i < len(s.src) && (isIdentPart(s.src[i]) || bytes.IndexByte([]byte(extra), s.src[i]) >= 0) {
		i++
	}
	return i
}

// numberEnd returns the end of a number at i: digits, letters (hex
// digits, suffixes, exponents), '_', a '.' before a digit, and a sign
// after a decimal exponent.
func (s *scanner) numberEnd(i int) int {
	hex := s.has(i, "0x") || s.has(i, "0X")
	for j := i; j < len(s.src); j++ {
		c := s.src[j]
		switch {
		case isIdentPart(c) && c < 0x80:
		case c == '.' && isDigit(s.at(j+1)):
		case (c == '+' || c == '-') && !hex && j > i && s.src[j-1]|0x20 == 'e' && isDigit(s.at(j+1)):
		default:
			return j
		}
	}
	return len(s.src)
}

// lineEnd returns the index of the next line break at or after i (before
// a "\r\n"), or len(src).
func (s *scanner) lineEnd(i int) int {
	j := bytes.IndexByte(s.src[i:], '\n')
	if j < 0 {
		return len(s.src)
	}
	if j > 0 && s.src[i+j-1] == '\r' {
		j--
	}
	return i + j
}

// untilAfter returns the index after the first close at or after i, or
// len(src).
func (s *scanner) untilAfter(i int, close string) int {
	j := bytes.Index(s.src[i:], []byte(close))
	if j < 0 {
		return len(s.src)
	}
	return i + j + len(close)
}

// quoted returns the end of a literal whose opening quote q is at i. esc
// (if not 0) escapes the next byte; doubled makes qq an escaped quote;
// without multiline an unescaped line break ends the (unterminated)
// literal before it.
func (s *scanner) quoted(i int, q, esc byte, doubled, multiline bool) int {
	for j := i + 1; j < len(s.src); j++ {
		switch c := s.src[j]; {
		case esc != 0 && c == esc:
			j++
		case c == q && doubled && s.at(j+1) == q:
			j++
		case c == q:
			return j + 1
		case c == '\n' && !multiline:
			if j-1 > i && s.src[j-1] == '\r' {
				return j - 1
			}
			return j
		}
	}
	return len(s.src)
}

// atLineStart reports whether only blanks precede i on its line.
func (s *scanner) atLineStart(i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch s.src[j] {
		case ' ', '\t':
		case '\n':
			return true
		default:
			return j < len(bom) && bytes.HasPrefix(s.src, bom)
		}
	}
	return true
}

// punctEnd returns the end of the longest operator of ops at i, or i+1.
func (s *scanner) punctEnd(i int, ops []string) int {
	for _, op := range ops {
		if s.has(i, op) {
			return i + len(op)
		}
	}
	return i + 1
}

// byLength sorts operators longest first, for punctEnd.
func byLength(ops ...string) []string {
	sort.SliceStable(ops, func(a, b int) bool { return len(ops[a]) > len(ops[b]) })
	return ops
}
