package rules

import (
	"cmp"
	"maps"
	"slices"
	"strings"
)

// IAM policy documents, as the S3 rules read them: the statements of a
// bucket policy written as jsonencode(...), heredoc JSON, an
// aws_iam_policy_document data source of the same file, or a
// CloudFormation PolicyDocument.

// iacStatement is one statement of a policy document.
type iacStatement struct {
	effect string // "Allow" or "Deny"; "Allow" when unset, as in aws_iam_policy_document
	conds  []iacCond
}

// iacCond is one condition key with its operator and literal values.
type iacCond struct {
	op, key   string
	values    []string
	line, col int // of the key
}

// iacDocStatements returns the statements of a JSON-shaped policy
// document: Statement is one object or a list of them. complete is false
// when a statement is not spelt out (a reference, a function call, a
// CloudFormation intrinsic), or there is none.
func iacDocStatements(doc *iacNode) (out []iacStatement, complete bool) {
	complete = len(doc.all("Statement")) > 0
	for _, s := range doc.all("Statement") {
		if s.Fields == nil {
			complete = false
			continue
		}
		st := iacStatement{effect: "Allow"}
		if e, ok := s.literal("Effect"); ok {
			st.effect = e.Text
		}
		for _, c := range s.all("Condition") {
			st.conds = append(st.conds, iacJSONConds(c)...)
		}
		out = append(out, st)
	}
	return out, complete
}

// iacJSONConds reads a Condition object: operator -> key -> value(s).
func iacJSONConds(c *iacNode) []iacCond {
	var out []iacCond
	for _, op := range sortedKeys(c.Fields) {
		for _, block := range c.Fields[op] {
			for _, key := range sortedKeys(block.Fields) {
				vs := block.Fields[key]
				cond := iacCond{op: op, key: key, line: vs[0].KeyLine, col: vs[0].KeyCol}
				for _, v := range vs {
					if v.Literal {
						cond.values = append(cond.values, v.Text)
					}
				}
				out = append(out, cond)
			}
		}
	}
	return out
}

// sortedKeys returns a node's field names in source order.
func sortedKeys(fields map[string][]*iacNode) []string {
	keys := slices.Collect(maps.Keys(fields))
	slices.SortFunc(keys, func(a, b string) int {
		fa, fb := fields[a][0], fields[b][0]
		return cmp.Or(cmp.Compare(fa.KeyLine, fb.KeyLine), cmp.Compare(fa.KeyCol, fb.KeyCol), cmp.Compare(a, b))
	})
	return keys
}

// tfDocStatements returns the statements of an aws_iam_policy_document
// data source: statement blocks with effect and condition blocks (test,
// variable, values). complete is false when the document takes
// statements from elsewhere: dynamic blocks, or source and override
// documents.
func tfDocStatements(doc *iacNode) (out []iacStatement, complete bool) {
	complete = doc.get("dynamic", "source_policy_documents", "override_policy_documents", "source_json", "override_json") == nil
	for _, s := range doc.all("statement") {
		st := iacStatement{effect: "Allow"}
		if e, ok := s.literal("effect"); ok {
			st.effect = e.Text
		}
		for _, c := range s.all("condition") {
			test, _ := c.literal("test")
			variable, ok := c.literal("variable")
			if !ok || test == nil || !test.Literal {
				continue
			}
			cond := iacCond{op: test.Text, key: variable.Text, line: variable.Line, col: variable.Col}
			for _, v := range tfListItems(c.get("values")) {
				if v.Literal {
					cond.values = append(cond.values, v.Text)
				}
			}
			st.conds = append(st.conds, cond)
		}
		out = append(out, st)
	}
	return out, complete
}

// iacPolicyDoc is a policy document found in a file, with the resource
// that holds it.
type iacPolicyDoc struct {
	res        *iacNode
	statements []iacStatement
	bucket     bool // a bucket policy, not a document that may be used elsewhere
	complete   bool // every statement is spelt out in the file
}

// iacPolicyDocs returns the policy documents of a file whose statements
// can be read: bucket policies (inline JSON, jsonencode, or an
// aws_iam_policy_document of the same file) and every
// aws_iam_policy_document, which may end up in a bucket policy. A
// bucket policy whose document is elsewhere (a variable, a file) is not
// returned.
func iacPolicyDocs(resources []*iacNode) []iacPolicyDoc {
	var out []iacPolicyDoc
	for _, r := range resources {
		switch r.Type {
		case "aws_iam_policy_document":
			sts, complete := tfDocStatements(r)
			out = append(out, iacPolicyDoc{res: r, statements: sts, complete: complete})
		case "aws_s3_bucket_policy", "aws_s3_bucket":
			if sts, complete, ok := tfPolicyStatements(r.get("policy"), resources); ok {
				out = append(out, iacPolicyDoc{res: r, statements: sts, bucket: true, complete: complete})
			}
		case "AWS::S3::BucketPolicy":
			if doc := r.get("PolicyDocument"); doc != nil && len(doc.Fields) > 0 {
				sts, complete := iacDocStatements(doc)
				out = append(out, iacPolicyDoc{res: r, statements: sts, bucket: true, complete: complete})
			}
		}
	}
	return out
}

// tfPolicyStatements reads the value of a Terraform policy attribute; ok
// is false when the document is not in the file.
func tfPolicyStatements(v *iacNode, resources []*iacNode) (sts []iacStatement, complete, ok bool) {
	if v == nil || len(v.Toks) == 0 {
		return nil, false, false
	}
	if ref, isData := strings.CutPrefix(v.Toks[0].Text, "data.aws_iam_policy_document."); isData && len(v.Toks) == 1 {
		name := strings.TrimSuffix(ref, ".json")
		for _, r := range resources {
			if r.Type == "aws_iam_policy_document" && r.Name == name && r.Data {
				sts, complete := tfDocStatements(r)
				return sts, complete, true
			}
		}
		return nil, false, false
	}
	doc := tfParseValue(v.Toks)
	if doc == nil || doc.Fields == nil {
		return nil, false, false
	}
	sts, complete = iacDocStatements(doc)
	return sts, complete, true
}

// tfListItems returns the items of a list value ["a", "b"], or the value
// itself when it is not a list.
func tfListItems(v *iacNode) []*iacNode {
	if v == nil {
		return nil
	}
	p := tfParseValue(v.Toks)
	if p == nil {
		return nil
	}
	if p.Items != nil {
		return p.Items
	}
	return []*iacNode{p}
}

// tfValueParser reads an HCL object or list expression, or JSON, from
// tokens: objects become nodes with fields (a list value repeating its
// key, as YAML sequences do), lists nodes with Items, strings and words
// scalars. Function calls other than jsonencode, and anything else it
// does not follow, become non-literal scalars.
type tfValueParser struct {
	toks []iacTok
	i    int
}

// tfParseValue parses the value at the start of toks; nil when there is
// none.
func tfParseValue(toks []iacTok) *iacNode {
	p := &tfValueParser{toks: toks}
	return p.value()
}

// peek returns the next token that is not a newline, and whether there
// is one.
func (p *tfValueParser) peek() (iacTok, bool) {
	for p.i < len(p.toks) && p.toks[p.i].Kind == 'n' {
		p.i++
	}
	if p.i >= len(p.toks) {
		return iacTok{}, false
	}
	return p.toks[p.i], true
}

// isPunct reports whether t is the punctuation s.
func isPunct(t iacTok, s string) bool { return t.Kind == 'p' && t.Text == s }

// value parses one value.
func (p *tfValueParser) value() *iacNode {
	t, ok := p.peek()
	if !ok {
		return nil
	}
	switch {
	case isPunct(t, "{"):
		p.i++
		return p.object(t)
	case isPunct(t, "["):
		p.i++
		return p.list(t)
	case t.Kind == 'w' && t.Text == "jsonencode" && p.i+1 < len(p.toks) && isPunct(p.toks[p.i+1], "("):
		p.i += 2
		v := p.value()
		p.skipTo(")")
		return v
	case t.Kind == 's':
		p.i++
		return &iacNode{Line: t.Line, Col: t.Col, Text: t.Text, Literal: !strings.Contains(t.Text, "${")}
	case t.Kind == 'w':
		p.i++
		if n, ok := p.peek(); ok && isPunct(n, "(") {
			p.i++
			p.skipTo(")")
			return &iacNode{Line: t.Line, Col: t.Col, Text: t.Text}
		}
		return &iacNode{Line: t.Line, Col: t.Col, Text: t.Text, Literal: tfScalarWord(t.Text)}
	}
	p.i++
	return &iacNode{Line: t.Line, Col: t.Col, Text: t.Text}
}

// skipTo moves past the closing token close of the current bracket,
// skipping nested brackets.
func (p *tfValueParser) skipTo(close string) {
	depth := 0
	for ; p.i < len(p.toks); p.i++ {
		t := p.toks[p.i]
		switch {
		case t.Kind != 'p':
		case t.Text == "{" || t.Text == "[" || t.Text == "(":
			depth++
		case depth == 0 && t.Text == close:
			p.i++
			return
		case t.Text == "}" || t.Text == "]" || t.Text == ")":
			if depth == 0 {
				return // a bracket that closes something else
			}
			depth--
		}
	}
}

// object parses the fields of an object whose '{' was open.
func (p *tfValueParser) object(open iacTok) *iacNode {
	n := &iacNode{Line: open.Line, Col: open.Col, Fields: map[string][]*iacNode{}}
	for {
		t, ok := p.peek()
		switch {
		case !ok:
			return n
		case isPunct(t, "}"):
			p.i++
			return n
		case isPunct(t, ","):
			p.i++
			continue
		case t.Kind != 'w' && t.Kind != 's':
			p.skipTo("}")
			return n
		}
		p.i++
		if sep, ok := p.peek(); !ok || !isPunct(sep, "=") && !isPunct(sep, ":") {
			continue
		}
		p.i++
		v := p.value()
		if v == nil {
			return n
		}
		p.field(n, t, v)
	}
}

// field adds v to n under key k; a list adds each item.
func (p *tfValueParser) field(n *iacNode, k iacTok, v *iacNode) {
	items := []*iacNode{v}
	if v.Items != nil {
		items = v.Items
	}
	for _, it := range items {
		it.KeyLine, it.KeyCol = k.Line, k.Col
		n.add(k.Text, it)
	}
}

// list parses the items of a list whose '[' was open.
func (p *tfValueParser) list(open iacTok) *iacNode {
	n := &iacNode{Line: open.Line, Col: open.Col, Items: []*iacNode{}}
	for {
		t, ok := p.peek()
		switch {
		case !ok:
			return n
		case isPunct(t, "]"):
			p.i++
			return n
		case isPunct(t, ","):
			p.i++
			continue
		case isPunct(t, "}") || isPunct(t, ")"):
			return n
		}
		if v := p.value(); v != nil {
			n.Items = append(n.Items, v)
		}
	}
}
