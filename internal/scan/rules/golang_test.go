package rules

import (
	"go/ast"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// goSource wraps a body in a file that imports crypto/tls as name.
func goSource(name, decls string) []byte {
	return []byte("package p\n\nimport " + name + " \"crypto/tls\"\n\n" + decls + "\n")
}

func TestGoValue(t *testing.T) {
	tests := []struct {
		name   string
		alias  string
		decls  string
		want   uint64
		wantOK bool
	}{
		{name: "selector", decls: "var x = tls.VersionTLS10", want: 0x0301, wantOK: true},
		{name: "alias", alias: "t", decls: "var x = t.VersionTLS11", want: 0x0302, wantOK: true},
		{name: "dot import", alias: ".", decls: "var x = VersionSSL30", want: 0x0300, wantOK: true},
		{name: "hex literal", decls: "var x = 0x0301", want: 0x0301, wantOK: true},
		{name: "conversion", decls: "var x = uint16(tls.VersionTLS12)", want: 0x0303, wantOK: true},
		{name: "parenthesised", decls: "var x = (0x0302)", want: 0x0302, wantOK: true},
		{name: "through a constant", decls: "const c = tls.VersionTLS10\nvar x = c", want: 0x0301, wantOK: true},
		{name: "through two", decls: "const a = 0x0301\nconst b = a\nvar x = b", want: 0x0301, wantOK: true},
		{name: "same value twice", decls: "var c = 0x0301\nfunc f() { c = tls.VersionTLS10 }\nvar x = c", want: 0x0301, wantOK: true},
		{name: "two values", decls: "var c = 0x0301\nfunc f() { c = 0x0303 }\nvar x = c"},
		{name: "unknown identifier", decls: "var x = elsewhere"},
		{name: "call", decls: "var x = version()"},
		{name: "self reference", decls: "var x = x"},
		{name: "suite", decls: "var x = tls.TLS_RSA_WITH_RC4_128_SHA", want: 0x0005, wantOK: true},
		{name: "not the tls package", decls: "var x = other.VersionTLS10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			alias := tt.alias
			f := &source.File{Path: "p.go", Kind: source.Go, Content: goSource(alias, tt.decls)}
			g := parseGo(f)
			if g.err != nil {
				t.Fatal(g.err)
			}
			var x ast.Expr
			for _, e := range g.assigns["x"] {
				x = e
			}
			got, ok := g.uintValue(x)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("value of x = %#x, %v; want %#x, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestGoFileMemo(t *testing.T) {
	f := &source.File{Path: "p.go", Kind: source.Go, Content: goSource("", "var x = 1")}
	if parseGo(f) != parseGo(f) {
		t.Errorf("parseGo parsed the file twice")
	}
}

func TestGoParseError(t *testing.T) {
	f := &source.File{Path: "p.go", Kind: source.Go, Content: []byte("package p\nimport \"crypto/tls\"\nvar c = &tls.Config{MinVersion: tls.VersionTLS10}\nfunc {")}
	ms, err := newGoMinVersion().Check(f)
	if err == nil {
		t.Errorf("no error for a file that does not parse")
	}
	if len(ms) != 1 || ms[0].Line != 3 {
		t.Errorf("matches in the part that parsed = %+v, want one on line 3", ms)
	}
}

func TestParseGodebugList(t *testing.T) {
	got := parseGodebugList("a=1, b=2,,c  d=4\nx=9", 3, 10)
	want := []godebugSetting{
		{key: "a", value: "1", line: 3, column: 10},
		{key: "b", value: "2", line: 3, column: 15},
		{key: "d", value: "4", line: 3, column: 23},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(godebugSetting{})); diff != "" {
		t.Errorf("parseGodebugList (-want +got):\n%s", diff)
	}
}

func TestTextGodebugSources(t *testing.T) {
	tests := []struct {
		name    string
		kind    source.Kind
		content string
		want    []string // key=value@line:column
	}{
		{name: "env", kind: source.EnvFile, content: "GODEBUG=a=1,b=2", want: []string{"a=1@1:9", "b=2@1:13"}},
		{name: "env quoted", kind: source.EnvFile, content: `GODEBUG='a=1'`, want: []string{"a=1@1:10"}},
		{name: "env comment", kind: source.EnvFile, content: "# GODEBUG=a=1"},
		{name: "trailing comment", kind: source.Shell, content: "x # GODEBUG=a=1"},
		{name: "hash in a word", kind: source.Shell, content: "GODEBUG=a=1#x", want: []string{"a=1#x@1:9"}},
		{name: "command in quotes", kind: source.Shell, content: `sh -c "GODEBUG=a=1 ./server"`, want: []string{"a=1@1:16"}},
		{name: "inside a string", kind: source.Shell, content: `echo "set GODEBUG=a=1"`},
		{name: "reference", kind: source.Shell, content: `echo $GODEBUG`},
		{name: "longer name", kind: source.Shell, content: `MY_GODEBUG=a=1`},
		{name: "dockerfile legacy", kind: source.Dockerfile, content: "ENV GODEBUG a=1", want: []string{"a=1@1:13"}},
		{name: "dockerfile run", kind: source.Dockerfile, content: "RUN GODEBUG=a=1 go test", want: []string{"a=1@1:13"}},
		{name: "yaml key", kind: source.YAML, content: "env:\n  GODEBUG: \"a=1\"", want: []string{"a=1@2:13"}},
		{name: "yaml key without value", kind: source.YAML, content: "GODEBUG:\n  nested: a=1"},
		{name: "k8s pair", kind: source.Kubernetes, content: "- name: GODEBUG\n  value: a=1", want: []string{"a=1@2:10"}},
		{name: "k8s pair stops at next name", kind: source.Kubernetes, content: "- name: GODEBUG\n  valueFrom: {}\n- name: X\n  value: a=1"},
		{name: "json pair", kind: source.JSON, content: `{"name": "GODEBUG", "value": "a=1"}`, want: []string{"a=1@1:31"}},
		{name: "json key", kind: source.JSON, content: `{"GODEBUG": "a=1"}`, want: []string{"a=1@1:14"}},
		{name: "json list item", kind: source.JSON, content: `["GODEBUG=a=1"]`, want: []string{"a=1@1:11"}},
		{name: "json has no comments", kind: source.JSON, content: `{"#": "x", "GODEBUG": "a=1"}`, want: []string{"a=1@1:24"}},
		{name: "terraform", kind: source.Terraform, content: `GODEBUG = "a=1"`, want: []string{"a=1@1:12"}},
		{name: "terraform comment", kind: source.Terraform, content: `// GODEBUG = "a=1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, src := range textGodebugSources(&source.File{Path: "f", Kind: tt.kind, Content: []byte(tt.content)}) {
				for _, s := range src.settings {
					got = append(got, s.key+"="+s.value+"@"+strconv.Itoa(s.line)+":"+strconv.Itoa(s.column))
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("settings (-want +got):\n%s", diff)
			}
		})
	}
}
