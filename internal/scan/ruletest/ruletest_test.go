package ruletest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

func TestParseAnnotations(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    []Key
		ok      []Key
		wantErr string
	}{
		{name: "go", content: `x := 1 // want "TF-GO-001"`, want: []Key{{Path: "f", Line: 1, Rule: "TF-GO-001"}}},
		{name: "several", content: "\n# want \"TF-GO-001\" \"TF-GO-002 (suppressed)\"",
			want: []Key{{Path: "f", Line: 2, Rule: "TF-GO-001"}, {Path: "f", Line: 2, Rule: "TF-GO-002", Suppressed: true}}},
		{name: "xml", content: `<a/> <!-- want "TF-DOTNET-001" -->`, want: []Key{{Path: "f", Line: 1, Rule: "TF-DOTNET-001"}}},
		{name: "rem", content: `REM want "TF-X-001"`, want: []Key{{Path: "f", Line: 1, Rule: "TF-X-001"}}},
		{name: "ok", content: `y := 2 // ok "TF-GO-001" "TF-GO-002"`, ok: []Key{{Path: "f", Line: 1, Rule: "TF-GO-001"}, {Path: "f", Line: 1, Rule: "TF-GO-002"}}},
		{name: "not after a comment marker", content: `s := "want \"TF-GO-001\""`},
		{name: "bad id", content: `// want "G402"`, wantErr: `f:1: "G402" is not a rule ID`},
		{name: "ok suppressed", content: `// ok "TF-GO-001 (suppressed)"`, wantErr: "only want takes (suppressed)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, ok, err := parseAnnotations("f", []byte(tt.content))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, want); diff != "" {
				t.Errorf("want (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.ok, ok); diff != "" {
				t.Errorf("ok (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	a := Key{Path: "f", Line: 1, Rule: "R"}
	b := Key{Path: "f", Line: 2, Rule: "R"}
	c := Key{Path: "f", Line: 3, Rule: "R"}
	out := compare([]Key{a, b, b}, []Key{b, c, a})
	if diff := cmp.Diff(Outcome{Matched: []Key{a, b}, Missing: []Key{b}, Unexpected: []Key{c}}, out); diff != "" {
		t.Errorf("compare (-want +got):\n%s", diff)
	}
	if p, r := out.Precision(), out.Recall(); p != 2.0/3 || r != 2.0/3 {
		t.Errorf("precision %v, recall %v; want 2/3 each", p, r)
	}
	if got := (Outcome{}).String(); got != "precision 1.000 (0/0), recall 1.000 (0/0)" {
		t.Errorf("String() = %q", got)
	}
}

// markChecker matches lines containing MARK.
type markChecker struct{}

func (markChecker) Check(f *source.File) ([]source.Match, error) {
	var ms []source.Match
	for i, line := range strings.Split(string(f.Content), "\n") {
		if strings.Contains(line, "MARK") && !strings.Contains(line, "NOMARK") {
			ms = append(ms, source.Match{Line: i + 1})
		}
	}
	return ms, nil
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.sh":    "MARK # want \"TF-T-001\"\nNOMARK # ok \"TF-T-001\"\n# MARK\n",
		"b.sh":    "# want \"TF-T-001\"\n",
		"c.txtar": "-- sub/x.sh --\nMARK # want \"TF-T-001\"\n-- go.mod --\nmodule m\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rules := []source.Rule{{ID: "TF-T-001", Title: "t", Severity: finding.Low, Kinds: []source.Kind{source.Shell},
		New: func() source.Checker { return markChecker{} }}}
	out, err := Check(dir, rules)
	if err != nil {
		t.Fatal(err)
	}
	want := Outcome{
		Matched:    []Key{{Path: "a.sh", Line: 1, Rule: "TF-T-001"}, {Path: "c.txtar/sub/x.sh", Line: 1, Rule: "TF-T-001"}},
		Missing:    []Key{{Path: "b.sh", Line: 1, Rule: "TF-T-001"}},
		Unexpected: []Key{{Path: "a.sh", Line: 3, Rule: "TF-T-001"}},
	}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("Check (-want +got):\n%s", diff)
	}
	fx, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(fx.Want) != 3 || len(fx.OK) != 1 {
		t.Errorf("Load: %d want, %d ok; want 3 and 1", len(fx.Want), len(fx.OK))
	}
}
