package lex

import (
	"bytes"
	"sort"
)

// Lang selects the lexical rules Tokenize applies.
type Lang int

// Languages.
const (
	CSharp Lang = iota + 1
	Java
	JavaScript // also TypeScript
	Go
	PowerShell
	Shell
	Python
	Ruby
	PHP
)

var langNames = [...]string{"", "csharp", "java", "javascript", "go", "powershell", "shell", "python", "ruby", "php"}

// String returns the lower-case name of the language.
func (l Lang) String() string {
	if l < CSharp || l > PHP {
		return "lang(?)"
	}
	return langNames[l]
}

// Kind classifies a token.
type Kind uint8

// Token kinds.
const (
	// Ident is an identifier or keyword; in Shell, any unquoted word.
	Ident Kind = iota + 1
	// Number is a numeric literal.
	Number
	// String is a string or character literal, a here-string or
	// here-document body, a template literal or a regular expression
	// literal.
	String
	// Comment is a line or block comment.
	Comment
	// Directive is a C# preprocessor line (#if, #region, …).
	Directive
	// Punct is an operator or punctuation, or a byte no rule knows.
	Punct
	// Variable is $name (PowerShell, Shell, PHP), @name splatting in
	// PowerShell, and @name, @@name, $name in Ruby.
	Variable
	// Param is a PowerShell parameter or operator: -Uri, -bor, -eq.
	Param
	// Text is PHP inline text outside <?php … ?>.
	Text
)

var kindNames = [...]string{"", "ident", "number", "string", "comment", "directive", "punct", "variable", "param", "text"}

// String returns the lower-case name of the kind.
func (k Kind) String() string {
	if k < Ident || k > Text {
		return "kind(?)"
	}
	return kindNames[k]
}

// Token is one lexical token.
type Token struct {
	Kind Kind
	// Text is the token's source text, byte for byte.
	Text string
	// Offset is the byte offset of the first byte.
	Offset int
	// Line and Col are the 1-based position of the first byte; Col counts
	// bytes.
	Line, Col int
	// EndLine and EndCol are the position just after the last byte.
	EndLine, EndCol int
	// NewlineBefore reports that a line break separates the token from the
	// one before (a line continuation does not count). Languages that end
	// statements at line breaks use it.
	NewlineBefore bool
}

// End returns the byte offset just after the token.
func (t Token) End() int { return t.Offset + len(t.Text) }

// Lines maps byte offsets in one source to lines and columns.
type Lines struct {
	src    []byte
	starts []int // byte offset of each line's first byte
}

// NewLines indexes the line breaks of src.
func NewLines(src []byte) Lines {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return Lines{src: src, starts: starts}
}

// Count returns the number of lines; a final line break starts an empty
// last line.
func (l Lines) Count() int { return len(l.starts) }

// Pos returns the 1-based line and byte column of an offset. Offsets past
// the end are clamped to the end.
func (l Lines) Pos(offset int) (line, col int) {
	offset = max(0, min(offset, len(l.src)))
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset }) - 1
	return i + 1, offset - l.starts[i] + 1
}

// Offset returns the byte offset of a 1-based line and column, clamped to
// the source.
func (l Lines) Offset(line, col int) int {
	line = max(1, min(line, len(l.starts)))
	return max(0, min(l.starts[line-1]+col-1, len(l.src)))
}

// Text returns a line's text without its line break (and carriage
// return), or "" for a line that does not exist.
func (l Lines) Text(line int) string {
	if line < 1 || line > len(l.starts) {
		return ""
	}
	start, end := l.starts[line-1], len(l.src)
	if line < len(l.starts) {
		end = l.starts[line] - 1
	}
	return string(bytes.TrimSuffix(l.src[start:end], []byte("\r")))
}
