package rules

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"sort"
	"strconv"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// godebugSetting is one key=value of a GODEBUG list, placed where its key
// starts.
type godebugSetting struct {
	key, value   string
	line, column int
}

// godebugSource is one place that sets GODEBUG values: a //go:debug line,
// a Setenv call, an ENV instruction, a go.mod godebug line, ...
type godebugSource struct {
	where    string
	settings []godebugSetting
}

// parseGodebugList splits a GODEBUG list ("k=v,k=v"; //go:debug and
// go.mod also separate with spaces) that starts at line and column.
// Entries without "=" are skipped. It does not look past a line break.
func parseGodebugList(s string, line, column int) []godebugSetting {
	var out []godebugSetting
	i := 0
	for i < len(s) && s[i] != '\n' {
		for i < len(s) && isListSep(s[i]) {
			i++
		}
		start := i
		for i < len(s) && !isListSep(s[i]) && s[i] != '\n' {
			i++
		}
		if k, v, ok := strings.Cut(s[start:i], "="); ok && k != "" {
			out = append(out, godebugSetting{key: k, value: v, line: line, column: column + start})
		}
		if i < len(s) && s[i] == '\n' {
			break
		}
	}
	return out
}

// isListSep reports a separator of GODEBUG entries.
func isListSep(c byte) bool { return c == ',' || c == ' ' || c == '\t' || c == '\r' }

// goGodebug reports GODEBUG settings that weaken TLS, wherever the Go
// rules find GODEBUG set: Go source, go.mod and go.work, Dockerfiles, env
// files, shell scripts, YAML, JSON and Terraform.
type goGodebug struct {
	bad    map[string]string // key -> the value that weakens TLS
	effect string
}

func newGoTLS10Server() source.Checker {
	return goGodebug{bad: map[string]string{"tls10server": "1"}, effect: "servers accept TLS 1.0 and 1.1 again"}
}

func newGoWeakSuites() source.Checker {
	return goGodebug{
		bad:    map[string]string{"tlsrsakex": "1", "tls3des": "1", "tlssha1": "1"},
		effect: "RSA key exchange, 3DES suites or SHA-1 signatures come back into TLS 1.2",
	}
}

func newGoMLKEM() source.Checker {
	return goGodebug{
		bad:    map[string]string{"tlsmlkem": "0", "tlssecpmlkem": "0"},
		effect: "post-quantum hybrid key exchanges (ML-KEM) are turned off",
	}
}

// Check implements source.Checker.
func (c goGodebug) Check(f *source.File) ([]source.Match, error) {
	srcs, err := godebugSources(f)
	var ms []source.Match
	for _, src := range srcs {
		if m, ok := c.judge(src); ok {
			ms = append(ms, m)
		}
	}
	return ms, err
}

// judge reports a source whose settings, the last of each key winning,
// include a bad one.
func (c goGodebug) judge(src godebugSource) (source.Match, bool) {
	last := map[string]godebugSetting{}
	for _, s := range src.settings {
		last[s.key] = s
	}
	var bad []godebugSetting
	for k, s := range last {
		if want, ok := c.bad[k]; ok && s.value == want {
			bad = append(bad, s)
		}
	}
	if len(bad) == 0 {
		return source.Match{}, false
	}
	sort.Slice(bad, func(i, j int) bool { return bad[i].column < bad[j].column })
	var names []string
	var ev []finding.Evidence
	for _, s := range bad {
		names = append(names, s.key+"="+s.value)
		ev = append(ev, finding.Evidence{Name: src.where, Value: s.key + "=" + s.value})
	}
	msg := fmt.Sprintf("%s sets GODEBUG %s: %s", src.where, strings.Join(names, ","), c.effect)
	first := bad[0]
	end := first.column + len(first.key) + 1 + len(first.value)
	return source.Match{Line: first.line, Column: first.column, EndLine: first.line, EndColumn: end, Message: msg, Evidence: ev}, true
}

// godebugKey is the Memo key of a file's GODEBUG sources.
type godebugKey struct{}

// godebugResult is what godebugSources memoises.
type godebugResult struct {
	srcs []godebugSource
	err  error
}

// godebugSources returns the places a file sets GODEBUG values.
func godebugSources(f *source.File) ([]godebugSource, error) {
	r := f.Memo(godebugKey{}, func(f *source.File) any {
		switch f.Kind {
		case source.Go:
			g := parseGo(f)
			return godebugResult{srcs: g.godebugSources(), err: g.parseError()}
		case source.GoMod:
			m, err := parseGoMod(f.Content)
			return godebugResult{srcs: m.godebugSources(), err: err}
		}
		return godebugResult{srcs: textGodebugSources(f)}
	}).(godebugResult)
	return r.srcs, r.err
}

// godebugSources finds //go:debug directives, Setenv("GODEBUG", ...)
// calls and "GODEBUG=..." strings (environments for child processes).
func (g *goFile) godebugSources() []godebugSource {
	if g.file == nil {
		return nil
	}
	srcs := g.directiveSources()
	for _, call := range g.setenvs {
		if v, ok := g.value(call.Args[0]); ok && v.Kind() == constant.String && constant.StringVal(v) == "GODEBUG" {
			srcs = append(srcs, g.setenvSource(call))
		}
	}
	for _, lit := range g.strs {
		s, err := strconv.Unquote(lit.Value)
		if rest, ok := strings.CutPrefix(s, "GODEBUG="); err == nil && ok {
			pos := g.fset.Position(lit.Pos())
			srcs = append(srcs, godebugSource{where: `"GODEBUG=..."`, settings: parseGodebugList(rest, pos.Line, pos.Column+len(`"GODEBUG=`))})
		}
	}
	return srcs
}

// directiveSources reads the //go:debug lines above the package clause
// of a main package or a test file, the only places the go command reads
// them.
func (g *goFile) directiveSources() []godebugSource {
	if g.file.Name == nil || g.file.Name.Name != "main" && !strings.HasSuffix(g.src.Path, "_test.go") {
		return nil
	}
	var srcs []godebugSource
	for _, cg := range g.file.Comments {
		if cg.End() >= g.file.Package {
			break
		}
		for _, c := range cg.List {
			if rest, ok := strings.CutPrefix(c.Text, "//go:debug "); ok {
				pos := g.fset.Position(c.Pos())
				srcs = append(srcs, godebugSource{where: "//go:debug", settings: parseGodebugList(rest, pos.Line, pos.Column+len("//go:debug "))})
			}
		}
	}
	return srcs
}

// setenvSource reads the constant strings of a Setenv value: "k=v" and
// the constant parts of os.Getenv("GODEBUG") + ",k=v".
func (g *goFile) setenvSource(call *ast.CallExpr) godebugSource {
	src := godebugSource{where: g.text(call.Fun) + `("GODEBUG")`}
	var visit func(e ast.Expr)
	visit = func(e ast.Expr) {
		switch e := e.(type) {
		case *ast.BinaryExpr:
			if e.Op == token.ADD {
				visit(e.X)
				visit(e.Y)
			}
		case *ast.ParenExpr:
			visit(e.X)
		default:
			if v, ok := g.value(e); ok && v.Kind() == constant.String {
				pos := g.fset.Position(e.Pos())
				src.settings = append(src.settings, parseGodebugList(constant.StringVal(v), pos.Line, pos.Column+1)...)
			}
		}
	}
	visit(call.Args[1])
	return src
}
