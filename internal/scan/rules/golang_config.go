package rules

import (
	"crypto/tls"
	"fmt"
	"go/ast"
	"go/constant"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// goVersionField reports a field called field (MinVersion, MaxVersion)
// set to SSL 3.0, TLS 1.0 or TLS 1.1, in a composite literal or by
// assignment. Without types, any field of that name counts: crypto/tls
// Config's, and the same field of wrappers that pass it on.
type goVersionField struct {
	field  string
	effect string // what the value does, after "MinVersion is X: "
}

func newGoMinVersion() source.Checker {
	return goVersionField{field: "MinVersion", effect: "connections can use %s"}
}

func newGoMaxVersion() source.Checker {
	return goVersionField{field: "MaxVersion", effect: "connections cannot use anything above %s"}
}

// Check implements source.Checker.
func (c goVersionField) Check(f *source.File) ([]source.Match, error) {
	g := parseGo(f)
	var ms []source.Match
	for _, s := range g.sets {
		if s.field != c.field {
			continue
		}
		if m, ok := g.versionMatch(s, c.effect); ok {
			ms = append(ms, m)
		}
	}
	return ms, g.parseError()
}

// versionMatch judges a version value; ok is false unless it is below
// TLS 1.2.
func (g *goFile) versionMatch(s fieldSet, effect string) (source.Match, bool) {
	v, ok := g.uintValue(s.value)
	name := versionName(v)
	if !ok || name == "" {
		return source.Match{}, false
	}
	text := g.text(s.value)
	msg := fmt.Sprintf("%s is %s: "+effect, s.field, text, name)
	ev := finding.Evidence{Name: s.field, Value: fmt.Sprintf("%s = %#04x (%s)", text, v, name)}
	return g.span(s.at, s.value, msg, ev), true
}

// goInsecureSkipVerify reports InsecureSkipVerify set to true, and, as a
// warning, set from a value known only at run time.
type goInsecureSkipVerify struct{}

func newGoInsecureSkipVerify() source.Checker { return goInsecureSkipVerify{} }

// Check implements source.Checker.
func (goInsecureSkipVerify) Check(f *source.File) ([]source.Match, error) {
	g := parseGo(f)
	var ms []source.Match
	for _, s := range g.sets {
		if s.field != "InsecureSkipVerify" {
			continue
		}
		v, ok := g.value(s.value)
		switch {
		case !ok:
			ms = append(ms, runtimeSkipVerify(g, s))
		case v.Kind() == constant.Bool && constant.BoolVal(v):
			msg := "InsecureSkipVerify is " + g.text(s.value) + ": the server's certificate and name are not checked"
			ms = append(ms, g.span(s.at, s.value, msg, finding.Evidence{Name: "InsecureSkipVerify", Value: "true"}))
		}
	}
	return ms, g.parseError()
}

// runtimeSkipVerify reports InsecureSkipVerify set from a value known only
// at run time, such as a command-line flag: a warning, since it may be
// true (gosec's G402 reports it the same way).
func runtimeSkipVerify(g *goFile, s fieldSet) source.Match {
	msg := "InsecureSkipVerify is set from " + g.text(s.value) + ", which may be true at run time: make sure it cannot be switched on where the floor must hold"
	m := g.span(s.at, s.value, msg, finding.Evidence{Name: "InsecureSkipVerify", Value: g.text(s.value)})
	m.Verdict = finding.VerdictWarn
	return m
}

// goCipherSuites reports insecure suites (tls.InsecureCipherSuites) in a
// CipherSuites list: a []uint16 literal, an append to it, or an
// identifier given such a literal in the file.
type goCipherSuites struct{}

func newGoCipherSuites() source.Checker { return goCipherSuites{} }

// insecureSuites are the IDs of tls.InsecureCipherSuites.
var insecureSuites = func() map[uint64]bool {
	m := map[uint64]bool{}
	for _, cs := range tls.InsecureCipherSuites() {
		m[uint64(cs.ID)] = true
	}
	return m
}()

// Check implements source.Checker.
func (goCipherSuites) Check(f *source.File) ([]source.Match, error) {
	g := parseGo(f)
	var ms []source.Match
	seen := map[ast.Expr]bool{}
	for _, s := range g.sets {
		if s.field != "CipherSuites" {
			continue
		}
		for _, e := range g.suiteElements(s.value) {
			if id, ok := g.uintValue(e); ok && insecureSuites[id] && !seen[e] {
				seen[e] = true
				ms = append(ms, g.suiteMatch(e, id))
			}
		}
	}
	return ms, g.parseError()
}

// suiteElements returns the suites a CipherSuites value lists.
func (g *goFile) suiteElements(v ast.Expr) []ast.Expr {
	switch v := v.(type) {
	case *ast.CompositeLit:
		return v.Elts
	case *ast.CallExpr:
		if id, ok := v.Fun.(*ast.Ident); ok && id.Name == "append" && len(v.Args) > 1 && !v.Ellipsis.IsValid() {
			return v.Args[1:]
		}
	case *ast.Ident:
		var out []ast.Expr
		for _, a := range g.assigns[v.Name] {
			if lit, ok := a.(*ast.CompositeLit); ok {
				out = append(out, lit.Elts...)
			}
		}
		return out
	}
	return nil
}

// suiteMatch reports one insecure suite.
func (g *goFile) suiteMatch(e ast.Expr, id uint64) source.Match {
	name := tls.CipherSuiteName(uint16(id))
	msg := fmt.Sprintf("CipherSuites lists %s, which crypto/tls counts as insecure", name)
	return g.match(e, msg, finding.Evidence{Name: "cipher suite", Value: fmt.Sprintf("%s (%#04x)", name, id)})
}

// span places a match from one node to the end of another.
func (g *goFile) span(from, to ast.Node, msg string, ev ...finding.Evidence) source.Match {
	m := g.match(from, msg, ev...)
	end := g.fset.Position(to.End())
	m.EndLine, m.EndColumn = end.Line, end.Column
	return m
}
