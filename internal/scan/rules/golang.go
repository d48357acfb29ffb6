package rules

import (
	"crypto/tls"
	"errors"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/scanner"
	"go/token"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// The Go family reads Go source with go/parser and go/ast, without type
// checking: a value counts when it is a literal, a crypto/tls constant
// named through the file's import of crypto/tls (under any name, or dot
// imported), or an identifier the file assigns only that constant. Other
// values are not judged, so that nothing is reported on a guess.

// Import paths the Go rules recognise.
const (
	tlsPath     = "crypto/tls"
	awsHTTPPath = "github.com/aws/aws-sdk-go-v2/aws/transport/http"
)

// tlsVersions are the crypto/tls protocol version constants.
var tlsVersions = map[string]uint64{
	"VersionSSL30": 0x0300, // deprecated in crypto/tls
	"VersionTLS10": tls.VersionTLS10,
	"VersionTLS11": tls.VersionTLS11,
	"VersionTLS12": tls.VersionTLS12,
	"VersionTLS13": tls.VersionTLS13,
}

// tlsConstants are every crypto/tls constant a value may name: versions
// and cipher suites, by name.
var tlsConstants = func() map[string]uint64 {
	m := map[string]uint64{
		// Legacy names of the ChaCha20 suites.
		"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305":   uint64(tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256),
		"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305": uint64(tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256),
	}
	for name, v := range tlsVersions {
		m[name] = v
	}
	for _, cs := range append(tls.CipherSuites(), tls.InsecureCipherSuites()...) {
		m[cs.Name] = uint64(cs.ID)
	}
	return m
}()

// versionName spells a protocol version below TLS 1.2, or "" for any
// other value.
func versionName(v uint64) string {
	switch v {
	case 0x0300:
		return "SSL 3.0"
	case tls.VersionTLS10:
		return "TLS 1.0"
	case tls.VersionTLS11:
		return "TLS 1.1"
	}
	return ""
}

// goFile is a Go file parsed once for all Go rules (see source.File.Memo).
type goFile struct {
	src     *source.File
	fset    *token.FileSet
	file    *ast.File // possibly partial; nil when nothing parsed
	err     error
	names   map[string]string     // local import name -> import path
	dots    []string              // paths imported with "."
	assigns map[string][]ast.Expr // identifier -> every value the file gives it
	sets    []fieldSet            // fields set in composite literals and assignments
	setenvs []*ast.CallExpr       // calls of a Setenv method or function
	strs    []*ast.BasicLit       // string literals
}

// fieldSet is a value given to a named field: Field: value in a composite
// literal, or x.Field = value.
type fieldSet struct {
	field string
	at    ast.Node // the key-value pair, or x.Field in an assignment
	recv  ast.Expr // x in x.Field = value; nil in a literal
	value ast.Expr
}

// goFileKey is the Memo key of a goFile.
type goFileKey struct{}

// parseGo returns the parsed form of a Go file.
func parseGo(f *source.File) *goFile {
	return f.Memo(goFileKey{}, func(f *source.File) any { return newGoFile(f) }).(*goFile)
}

// newGoFile parses f and indexes its imports and assignments.
func newGoFile(f *source.File) *goFile {
	g := &goFile{src: f, fset: token.NewFileSet(), names: map[string]string{}, assigns: map[string][]ast.Expr{}}
	g.file, g.err = parser.ParseFile(g.fset, f.Path, f.Content, parser.ParseComments|parser.SkipObjectResolution)
	if g.file == nil {
		return g
	}
	for _, imp := range g.file.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		switch name := importName(imp, p); {
		case err != nil:
		case name == ".":
			g.dots = append(g.dots, p)
		default:
			g.names[name] = p
		}
	}
	ast.Inspect(g.file, g.index)
	return g
}

// majorSuffix matches a module major version path element such as "v2".
var majorSuffix = regexp.MustCompile(`^v[0-9]+$`)

// importName is the name an import is used by: its alias, or the last
// path element (before a major version suffix).
func importName(imp *ast.ImportSpec, path string) string {
	if imp.Name != nil {
		return imp.Name.Name
	}
	elems := strings.Split(path, "/")
	last := elems[len(elems)-1]
	if majorSuffix.MatchString(last) && len(elems) > 1 {
		last = elems[len(elems)-2]
	}
	return last
}

// index notes what the rules look at: the values given to identifiers
// and fields, Setenv calls and string literals.
func (g *goFile) index(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.ValueSpec:
		for i, name := range n.Names {
			if i < len(n.Values) {
				g.assigns[name.Name] = append(g.assigns[name.Name], n.Values[i])
			}
		}
	case *ast.AssignStmt:
		g.indexAssign(n)
	case *ast.KeyValueExpr:
		if key, ok := n.Key.(*ast.Ident); ok {
			g.sets = append(g.sets, fieldSet{field: key.Name, at: n, value: n.Value})
		}
	case *ast.CallExpr:
		if fn, ok := n.Fun.(*ast.SelectorExpr); ok && fn.Sel.Name == "Setenv" && len(n.Args) == 2 {
			g.setenvs = append(g.setenvs, n)
		}
	case *ast.BasicLit:
		if n.Kind == token.STRING {
			g.strs = append(g.strs, n)
		}
	}
	return true
}

// indexAssign notes x = v and x.F = v for each pair of an assignment.
func (g *goFile) indexAssign(n *ast.AssignStmt) {
	if len(n.Lhs) != len(n.Rhs) {
		return
	}
	for i, lhs := range n.Lhs {
		switch lhs := lhs.(type) {
		case *ast.Ident:
			g.assigns[lhs.Name] = append(g.assigns[lhs.Name], n.Rhs[i])
		case *ast.SelectorExpr:
			if n.Tok == token.ASSIGN {
				g.sets = append(g.sets, fieldSet{field: lhs.Sel.Name, at: lhs, recv: lhs.X, value: n.Rhs[i]})
			}
		}
	}
}

// isPkg reports whether e names the package imported from path.
func (g *goFile) isPkg(e ast.Expr, path string) bool {
	id, ok := e.(*ast.Ident)
	return ok && g.names[id.Name] == path
}

// dotImports reports whether the file dot-imports path.
func (g *goFile) dotImports(path string) bool { return slices.Contains(g.dots, path) }

// maxDepth bounds the identifiers followed to resolve one value.
const maxDepth = 8

// value resolves e to a constant, or reports false.
func (g *goFile) value(e ast.Expr) (constant.Value, bool) {
	return g.resolve(e, 0)
}

// resolve is value with the depth of identifiers followed so far.
func (g *goFile) resolve(e ast.Expr, depth int) (constant.Value, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		v := constant.MakeFromLiteral(e.Value, e.Kind, 0)
		return v, v.Kind() != constant.Unknown
	case *ast.ParenExpr:
		return g.resolve(e.X, depth)
	case *ast.SelectorExpr:
		if v, ok := tlsConstants[e.Sel.Name]; ok && g.isPkg(e.X, tlsPath) {
			return constant.MakeUint64(v), true
		}
	case *ast.Ident:
		return g.resolveIdent(e, depth)
	case *ast.CallExpr:
		return g.resolveConversion(e, depth)
	case *ast.BinaryExpr:
		return g.resolveConcat(e, depth)
	}
	return nil, false
}

// resolveIdent resolves true, false, dot-imported crypto/tls constants,
// and identifiers the file gives one value only.
func (g *goFile) resolveIdent(id *ast.Ident, depth int) (constant.Value, bool) {
	switch {
	case id.Name == "true" || id.Name == "false":
		return constant.MakeBool(id.Name == "true"), true
	case tlsConstants[id.Name] != 0 && g.dotImports(tlsPath):
		return constant.MakeUint64(tlsConstants[id.Name]), true
	case depth >= maxDepth:
		return nil, false
	}
	var found constant.Value
	for _, e := range g.assigns[id.Name] {
		v, ok := g.resolve(e, depth+1)
		if !ok || found != nil && !constant.Compare(found, token.EQL, v) {
			return nil, false
		}
		found = v
	}
	return found, found != nil
}

// conversions are the types a constant may be converted to on its way.
var conversions = map[string]bool{"uint16": true, "uint": true, "int": true, "uint32": true, "uint64": true, "string": true, "bool": true}

// resolveConversion resolves a conversion such as uint16(0x0301).
func (g *goFile) resolveConversion(call *ast.CallExpr, depth int) (constant.Value, bool) {
	id, ok := call.Fun.(*ast.Ident)
	if !ok || !conversions[id.Name] || len(call.Args) != 1 {
		return nil, false
	}
	return g.resolve(call.Args[0], depth)
}

// resolveConcat resolves a + b of two constant strings.
func (g *goFile) resolveConcat(b *ast.BinaryExpr, depth int) (constant.Value, bool) {
	if b.Op != token.ADD {
		return nil, false
	}
	x, okX := g.resolve(b.X, depth)
	y, okY := g.resolve(b.Y, depth)
	if !okX || !okY || x.Kind() != constant.String || y.Kind() != constant.String {
		return nil, false
	}
	return constant.BinaryOp(x, token.ADD, y), true
}

// uintValue resolves e to an unsigned integer.
func (g *goFile) uintValue(e ast.Expr) (uint64, bool) {
	v, ok := g.value(e)
	if !ok || v.Kind() != constant.Int {
		return 0, false
	}
	return constant.Uint64Val(v)
}

// text returns the source text of a node, on one line.
func (g *goFile) text(n ast.Node) string {
	start, end := g.fset.Position(n.Pos()).Offset, g.fset.Position(n.End()).Offset
	if start < 0 || end > len(g.src.Content) || start > end {
		return ""
	}
	return strings.Join(strings.Fields(string(g.src.Content[start:end])), " ")
}

// match places a match on a node.
func (g *goFile) match(n ast.Node, msg string, ev ...finding.Evidence) source.Match {
	start, end := g.fset.Position(n.Pos()), g.fset.Position(n.End())
	return source.Match{
		Line: start.Line, Column: start.Column, EndLine: end.Line, EndColumn: end.Column,
		Message: msg, Evidence: ev,
	}
}

// parseError is the parse error of a file, if any, to report with the
// matches found in what could be parsed: the first error, placed by line
// and column (the path is the note's).
func (g *goFile) parseError() error {
	var list scanner.ErrorList
	switch {
	case g.err == nil:
		return nil
	case errors.As(g.err, &list) && len(list) > 0:
		return &syntaxError{format: "Go", line: max(list[0].Pos.Line, 1), col: list[0].Pos.Column, msg: list[0].Msg}
	}
	return &syntaxError{format: "Go", line: 1, msg: g.err.Error()}
}
