package rules

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// iacNode is a resource, block or value of a Terraform or CloudFormation
// file, reduced to what the rules read.
type iacNode struct {
	// Type is the resource type of a resource node ("aws_lb_listener",
	// "AWS::ElasticLoadBalancingV2::Listener"), and Name its name (the
	// Terraform label, the CloudFormation logical ID). Data marks a
	// Terraform data source.
	Type, Name string
	Data       bool
	// Line and Col are where the node starts: the resource's header or
	// logical ID, the attribute's value.
	Line, Col int
	// Text is a scalar's value, unquoted.
	Text string
	// Literal is true for a scalar written out, false for a reference,
	// expression, interpolation or CloudFormation intrinsic.
	Literal bool
	// Fields holds an object's attributes and nested blocks by name; a
	// list value holds each item.
	Fields map[string][]*iacNode
	// KeyLine and KeyCol are where the field's name is, for a node read
	// as a field of an object.
	KeyLine, KeyCol int
	// Items are the items of a list value parsed on its own
	// (tfParseValue); nil for anything else.
	Items []*iacNode
	// Toks are the resource's scalars in source order, for policy
	// documents.
	Toks []iacTok
}

// iacTok is one scalar or word of a file, in source order.
type iacTok struct {
	Kind      byte // 'w' word, 's' string, 'p' punctuation, 'n' newline
	Text      string
	Line, Col int
}

// get returns the first field of n named by any of names.
func (n *iacNode) get(names ...string) *iacNode {
	if n == nil {
		return nil
	}
	for _, name := range names {
		if v := n.Fields[name]; len(v) > 0 {
			return v[0]
		}
	}
	return nil
}

// all returns every field of n named by any of names.
func (n *iacNode) all(names ...string) []*iacNode {
	if n == nil {
		return nil
	}
	var out []*iacNode
	for _, name := range names {
		out = append(out, n.Fields[name]...)
	}
	return out
}

// literal returns a field's literal text and whether there is one.
func (n *iacNode) literal(names ...string) (*iacNode, bool) {
	v := n.get(names...)
	return v, v != nil && v.Literal
}

// add appends a field to n.
func (n *iacNode) add(name string, v *iacNode) {
	if n.Fields == nil {
		n.Fields = map[string][]*iacNode{}
	}
	n.Fields[name] = append(n.Fields[name], v)
}

// iacResourcesKey memoizes a file's resources.
type iacResourcesKey struct{}

// iacParsed is a file read once for all the family's rules: the
// resources of a Terraform or CloudFormation file, or the ssl-policy
// annotations of a Kubernetes manifest, and the error that stopped the
// reader, if any.
type iacParsed struct {
	resources []*iacNode
	err       error
}

// iacParse reads f once for all the family's rules.
func iacParse(f *source.File) iacParsed {
	return f.Memo(iacResourcesKey{}, func(f *source.File) any {
		var p iacParsed
		switch f.Kind {
		case source.Terraform:
			p.resources, p.err = tfResources(f.Content)
		case source.CloudFormation:
			p.resources, p.err = cfnResources(f.Content)
		case source.Kubernetes:
			p.resources, p.err = k8sSSLPolicies(f.Content)
		}
		return p
	}).(iacParsed)
}

// iacResources returns the resources of a Terraform or CloudFormation
// file (the annotations of a Kubernetes manifest).
func iacResources(f *source.File) []*iacNode { return iacParse(f).resources }

// iacParseErr returns the error that stopped the reader of f, if any, for
// the rules to return with their matches.
func iacParseErr(f *source.File) error { return iacParse(f).err }

// tfLex splits HCL into words, strings, punctuation and newlines, dropping
// comments. A heredoc's body is lexed as code, so a JSON policy in it
// gives its strings. The lexer is deliberately small: the rules read
// literal attributes and policy strings, not expressions.
func tfLex(src []byte) ([]iacTok, *syntaxError) {
	var toks []iacTok
	var bad *syntaxError // the first construct left open
	fail := func(line, col int, msg string) {
		if bad == nil {
			bad = &syntaxError{format: "HCL", line: line, col: col, msg: msg}
		}
	}
	line, lineStart := 1, 0
	for i := 0; i < len(src); {
		c := src[i]
		col := i - lineStart + 1
		switch {
		case c == '\n':
			toks = append(toks, iacTok{Kind: 'n', Line: line, Col: col})
			i++
			line, lineStart = line+1, i
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '#' || (c == '/' && i+1 < len(src) && src[i+1] == '/'):
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			stop := len(src)
			if end >= 0 {
				stop = i + 2 + end + 2
			} else {
				fail(line, col, "comment not closed")
			}
			for ; i < stop; i++ {
				if src[i] == '\n' {
					line, lineStart = line+1, i+1
				}
			}
		case c == '"':
			j := tfStringEnd(src, i)
			if j >= len(src) || src[j] != '"' {
				fail(line, col, "string not closed")
			}
			toks = append(toks, iacTok{Kind: 's', Text: tfUnquote(string(src[i+1 : j])), Line: line, Col: col})
			i = min(j+1, len(src))
			if j < len(src) && src[j] == '\n' {
				i = j // the newline is a token of its own
			}
		case c == '<' && i+1 < len(src) && src[i+1] == '<' && tfHeredocStart(src[i+2:]) != "":
			body, next, lines, closed := tfHeredoc(src, i, tfHeredocStart(src[i+2:]))
			if !closed {
				fail(line, col, "heredoc not closed")
			}
			inner, _ := tfLex(body) // the body is any text: its own quotes need not pair
			for _, t := range inner {
				if t.Kind != 'n' {
					t.Line += line
					toks = append(toks, t)
				}
			}
			line, lineStart, i = line+lines, next, next
		case tfWordByte(c):
			j := i
			for j < len(src) && tfWordByte(src[j]) {
				j++
			}
			toks = append(toks, iacTok{Kind: 'w', Text: string(src[i:j]), Line: line, Col: col})
			i = j
		default:
			toks = append(toks, iacTok{Kind: 'p', Text: string(c), Line: line, Col: col})
			i++
		}
	}
	return toks, bad
}

// tfHeredoc returns the body of the heredoc whose opener starts at
// src[at], the index of the closing marker's line, and how many newlines
// lie between the opener and that line, and whether the marker was
// found. The body's tokens are kept without newlines so that they stay in
// the attribute's value.
func tfHeredoc(src []byte, at int, marker string) (body []byte, next, lines int, closed bool) {
	i := at
	for i < len(src) && src[i] != '\n' {
		i++
	}
	if i == len(src) {
		return nil, i, 0, false
	}
	start := i + 1
	for j := start; j < len(src); {
		end := j
		for end < len(src) && src[end] != '\n' {
			end++
		}
		lines++
		if strings.TrimSpace(string(src[j:end])) == marker {
			return src[start:j], j, lines, true
		}
		if end == len(src) {
			break
		}
		j = end + 1
	}
	return src[start:], len(src), lines, false
}

// tfHeredocStart returns the marker of a heredoc opener after "<<", or "".
func tfHeredocStart(rest []byte) string {
	s := strings.TrimPrefix(string(rest[:min(len(rest), 64)]), "-")
	j := 0
	for j < len(s) && (s[j] == '_' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= 'a' && s[j] <= 'z' || j > 0 && s[j] >= '0' && s[j] <= '9') {
		j++
	}
	return s[:j]
}

// tfWordByte reports whether c belongs to a word: identifiers, traversals
// (var.x, aws_lb.main.arn) and numbers.
func tfWordByte(c byte) bool {
	return c == '_' || c == '-' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// tfStringEnd returns the index of the quote closing the string opened at
// src[start], skipping escapes and ${...} interpolations, or the end of
// the line for an unclosed string.
func tfStringEnd(src []byte, start int) int {
	depth := 0
	for i := start + 1; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\\':
			i++
		case c == '\n':
			return i
		case c == '$' && i+1 < len(src) && src[i+1] == '{':
			depth++
			i++
		case c == '}' && depth > 0:
			depth--
		case c == '"' && depth == 0:
			return i
		}
	}
	return len(src)
}

// tfUnquote undoes the common escapes of an HCL string's body.
func tfUnquote(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	return strings.NewReplacer(`\"`, `"`, `\\`, `\`, `\n`, "\n", `\t`, "\t").Replace(s)
}

// tfParser reads blocks and attributes from the tokens of tfLex.
type tfParser struct {
	toks []iacTok
	i    int
	bad  *syntaxError // the first block left open, or stray closing brace
}

// tfResources returns the top-level resource and data blocks of a
// Terraform file, each with its tokens for the policy rule, and the
// first syntax error: a string, comment, heredoc or block left open, or
// a closing brace with no block. Blocks read before and after the error
// are returned.
func tfResources(src []byte) ([]*iacNode, error) {
	toks, bad := tfLex(src)
	p := &tfParser{toks: toks}
	var out []*iacNode
	for p.i < len(p.toks) {
		if t := p.toks[p.i]; t.Kind == 'p' && t.Text == "}" {
			p.fail(t, "unexpected }")
		}
		start := p.i
		name, labels, body := p.statement()
		if body != nil && (name == "resource" || name == "data") && len(labels) > 0 {
			body.Type, body.Data = labels[0], name == "data"
			if len(labels) > 1 {
				body.Name = labels[1]
			}
			body.Toks = p.toks[start:p.i]
			out = append(out, body)
		}
	}
	if bad == nil {
		bad = p.bad
	}
	if bad != nil {
		return out, bad
	}
	return out, nil
}

// fail records the first structural error, at token t.
func (p *tfParser) fail(t iacTok, msg string) {
	if p.bad == nil {
		p.bad = &syntaxError{format: "HCL", line: t.Line, col: t.Col, msg: msg}
	}
}

// body reads statements up to the closing brace of a block and returns
// them as an object.
func (p *tfParser) body(open iacTok) *iacNode {
	n := &iacNode{Line: open.Line, Col: open.Col}
	for p.i < len(p.toks) {
		if t := p.toks[p.i]; t.Kind == 'p' && t.Text == "}" {
			p.i++
			return n
		}
		name, _, v := p.statement()
		if v != nil {
			n.add(name, v)
		}
	}
	p.fail(open, "block not closed")
	return n
}

// statement reads one attribute (name = value) or block (name labels
// { ... }) and returns its name, labels and node; stray tokens give nil.
func (p *tfParser) statement() (string, []string, *iacNode) {
	t := p.toks[p.i]
	p.i++
	if t.Kind != 'w' {
		return "", nil, nil
	}
	if p.i < len(p.toks) && p.toks[p.i].Kind == 'p' && (p.toks[p.i].Text == "=" || p.toks[p.i].Text == ":") {
		p.i++
		return t.Text, nil, p.value()
	}
	var labels []string
	for p.i < len(p.toks) {
		u := p.toks[p.i]
		p.i++
		switch {
		case u.Kind == 'w' || u.Kind == 's':
			labels = append(labels, u.Text)
		case u.Kind == 'p' && u.Text == "{":
			b := p.body(t)
			b.Line, b.Col = t.Line, t.Col
			return t.Text, labels, b
		default:
			return "", nil, nil
		}
	}
	return "", nil, nil
}

// value reads an attribute's value up to the end of its line (or the
// block's closing brace) outside brackets. A lone string without
// interpolation, number or boolean is literal; anything else is not.
func (p *tfParser) value() *iacNode {
	start, depth := p.i, 0
	for ; p.i < len(p.toks); p.i++ {
		t := p.toks[p.i]
		if t.Kind == 'n' && depth == 0 {
			break
		}
		if t.Kind != 'p' {
			continue
		}
		switch t.Text {
		case "{", "[", "(":
			depth++
		case "}", "]", ")":
			depth--
		}
		if depth < 0 {
			break
		}
	}
	vals := p.toks[start:p.i]
	if len(vals) == 0 {
		return &iacNode{}
	}
	n := &iacNode{Line: vals[0].Line, Col: vals[0].Col, Text: vals[0].Text, Toks: vals}
	if len(vals) == 1 {
		v := vals[0]
		n.Literal = v.Kind == 's' && !strings.Contains(v.Text, "${") || v.Kind == 'w' && tfScalarWord(v.Text)
	}
	return n
}

// tfScalarWord reports whether a word is a literal: true, false or a
// number.
func tfScalarWord(w string) bool {
	if w == "true" || w == "false" {
		return true
	}
	_, err := strconv.ParseFloat(w, 64)
	return err == nil
}
