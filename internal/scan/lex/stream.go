package lex

import "strings"

// Stream is the code of one file as tokens: comments, C# preprocessor
// lines and PHP inline text are left out, so matches are made on code.
type Stream struct {
	// Toks are the code tokens in source order. They must not change
	// once Close, Enclosing, Start or End has been called.
	Toks []Token
	// Fold makes text comparisons case-insensitive, as PowerShell is.
	Fold bool
	// Lang is the language the tokens were read as.
	Lang Lang

	// match and parent index the brackets (see index).
	match, parent []int
}

// MaxSpan bounds how many steps Start and End take (a bracketed group
// is one step): an expression or statement longer than that is cut
// there, so a file of unclosed brackets or endless expressions cannot
// make a rule quadratic.
const MaxSpan = 4096

// index finds, in one pass, the bracket that matches each bracket token
// (match, -1 for none) and the opener that encloses each token (parent,
// -1 for none). Brackets of any shape pair with each other.
func (s *Stream) index() {
	if s.match != nil || len(s.Toks) == 0 {
		return
	}
	s.match, s.parent = make([]int, len(s.Toks)), make([]int, len(s.Toks))
	var open []int
	for j, t := range s.Toks {
		s.match[j], s.parent[j] = -1, -1
		if len(open) > 0 {
			s.parent[j] = open[len(open)-1]
		}
		switch {
		case t.Opens():
			open = append(open, j)
		case t.Closes() && len(open) > 0:
			o := open[len(open)-1]
			open = open[:len(open)-1]
			s.match[j], s.match[o] = o, j
		}
	}
}

// NewStream tokenizes src and keeps the code tokens. Comparisons fold
// case for PowerShell.
func NewStream(lang Lang, src []byte) *Stream {
	all := Tokenize(lang, src)
	code := make([]Token, 0, len(all))
	nl := false
	for _, t := range all {
		switch t.Kind {
		case Comment, Directive, Text:
			// The line break before a dropped token still separates the
			// code around it.
			nl = nl || t.NewlineBefore
			continue
		}
		t.NewlineBefore = t.NewlineBefore || nl
		nl = false
		code = append(code, t)
	}
	return &Stream{Toks: code, Fold: lang == PowerShell, Lang: lang}
}

// Len returns the number of tokens.
func (s *Stream) Len() int { return len(s.Toks) }

// Tok returns token i, or the zero Token when i is out of range.
func (s *Stream) Tok(i int) Token {
	if i < 0 || i >= len(s.Toks) {
		return Token{}
	}
	return s.Toks[i]
}

// Equal compares two texts as the stream does (folding case when Fold).
func (s *Stream) Equal(a, b string) bool {
	if s.Fold {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// Is reports whether token i has the given text.
func (s *Stream) Is(i int, text string) bool {
	return i >= 0 && i < len(s.Toks) && s.Equal(s.Toks[i].Text, text)
}

// At reports whether the tokens from i have the given texts, in order.
func (s *Stream) At(i int, texts ...string) bool {
	for k, t := range texts {
		if !s.Is(i+k, t) {
			return false
		}
	}
	return true
}

// Index returns the first index at or after from where At(i, texts...)
// holds, or -1.
func (s *Stream) Index(from int, texts ...string) int {
	for i := max(from, 0); i < len(s.Toks); i++ {
		if s.At(i, texts...) {
			return i
		}
	}
	return -1
}

// Opens reports whether t opens a bracket: ( [ { and PowerShell's @( @{
// $(.
func (t Token) Opens() bool {
	switch t.Text {
	case "(", "[", "{", "@(", "@{", "$(":
		return t.Kind == Punct
	}
	return false
}

// Closes reports whether t closes a bracket: ) ] }.
func (t Token) Closes() bool {
	switch t.Text {
	case ")", "]", "}":
		return t.Kind == Punct
	}
	return false
}

// Close returns the index of the bracket that closes the one at i, or -1
// when token i opens nothing or is never closed. Brackets of any shape
// pair with each other.
func (s *Stream) Close(i int) int {
	if !s.Tok(i).Opens() {
		return -1
	}
	s.index()
	return s.match[i]
}

// End returns the index of the token that ends the expression or
// statement starting at i: the first token, outside brackets opened after
// i, whose text is one of stops or which closes a bracket opened before
// i; or Len (also when a bracket opened after i is never closed). With
// newline set, a line break ends it too, unless the line before ends in
// an operator or a comma (PowerShell and other line-based languages).
// After MaxSpan steps it ends where it is.
func (s *Stream) End(i int, newline bool, stops ...string) int {
	s.index()
	j := max(i, 0)
	for steps := 0; j < len(s.Toks) && steps < MaxSpan; j, steps = j+1, steps+1 {
		t := s.Toks[j]
		switch {
		case j > i && newline && t.NewlineBefore && !continues(s.Toks[j-1]):
			return j
		case t.Opens() && s.match[j] < 0:
			return len(s.Toks)
		case t.Opens():
			j = s.match[j]
		case t.Closes() || s.isAny(j, stops):
			return j
		}
	}
	return j
}

// Start returns the index of the first token of the expression or
// statement that token i is in: the token after the nearest earlier token,
// outside brackets closed before i, whose text is one of stops or which
// opens a bracket still open at i; or 0. With newline set, a line break
// not continued by an operator or comma starts it too. After MaxSpan
// steps it starts where it is.
func (s *Stream) Start(i int, newline bool, stops ...string) int {
	s.index()
	j := min(i, len(s.Toks)) - 1
	for steps := 0; j >= 0 && steps < MaxSpan; j, steps = j-1, steps+1 {
		t := s.Toks[j]
		switch {
		case newline && s.Toks[j+1].NewlineBefore && !continues(t):
			return j + 1
		case t.Closes() && s.match[j] >= 0:
			j = s.match[j]
		case t.Opens() || s.isAny(j, stops):
			return j + 1
		}
	}
	return j + 1
}

// Enclosing returns the index of the bracket that encloses token i (the
// nearest earlier opener not closed before i), or -1.
func (s *Stream) Enclosing(i int) int {
	if i < 0 || i >= len(s.Toks) {
		return -1
	}
	s.index()
	return s.parent[i]
}

// isAny reports whether token i has one of the texts.
func (s *Stream) isAny(i int, texts []string) bool {
	for _, t := range texts {
		if s.Is(i, t) {
			return true
		}
	}
	return false
}

// continues reports whether a line ending in t goes on on the next line.
func continues(t Token) bool {
	switch t.Kind {
	case Punct:
		switch t.Text {
		case ")", "]", "}", ";":
			return false
		}
		return true
	case Param:
		return psOperators[psOperatorName(t.Text)]
	}
	return false
}

// psOperators are PowerShell's -word operators, without prefix or case.
var psOperators = map[string]bool{
	"and": true, "or": true, "xor": true, "not": true, "band": true, "bor": true, "bxor": true,
	"bnot": true, "shl": true, "shr": true, "eq": true, "ne": true, "gt": true, "ge": true,
	"lt": true, "le": true, "like": true, "notlike": true, "match": true, "notmatch": true,
	"replace": true, "contains": true, "notcontains": true, "in": true, "notin": true,
	"split": true, "join": true, "is": true, "isnot": true, "as": true, "f": true,
}

// psOperatorName lower-cases a -word and drops its case prefix:
// "-CEq" → "eq".
func psOperatorName(text string) string {
	name := strings.ToLower(strings.TrimPrefix(text, "-"))
	if len(name) > 1 && (name[0] == 'c' || name[0] == 'i') && psOperators[name[1:]] {
		return name[1:]
	}
	return name
}

// IsOperator reports whether a Param token is a PowerShell operator
// (-bor, -eq, -not, …) rather than a parameter name.
func IsOperator(t Token) bool {
	return t.Kind == Param && psOperators[psOperatorName(t.Text)]
}
