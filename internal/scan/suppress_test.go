package scan

import (
	"slices"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

func TestParseDirective(t *testing.T) {
	tests := []struct {
		name   string
		line   string
		ok     bool
		rules  []string
		reason string
		column int
	}{
		{name: "go comment", line: "x := 1 // tlsfloor:ignore TF-GO-001 -- legacy peer", ok: true, rules: []string{"TF-GO-001"}, reason: "legacy peer", column: 11},
		{name: "hash", line: "# tlsfloor:ignore TF-PS-001 -- lab only", ok: true, rules: []string{"TF-PS-001"}, reason: "lab only", column: 3},
		{name: "semicolon", line: "; tlsfloor:ignore TF-X-001 -- ini file", ok: true, rules: []string{"TF-X-001"}, reason: "ini file", column: 3},
		{name: "xml", line: `<add key="x"/> <!-- tlsfloor:ignore TF-DOTNET-004 -- pinned by vendor -->`, ok: true, rules: []string{"TF-DOTNET-004"}, reason: "pinned by vendor", column: 21},
		{name: "xml without reason", line: "<!-- tlsfloor:ignore TF-DOTNET-004 -->", ok: true, rules: []string{"TF-DOTNET-004"}, column: 6},
		{name: "rem", line: "REM tlsfloor:ignore TF-X-001 -- batch", ok: true, rules: []string{"TF-X-001"}, reason: "batch", column: 5},
		{name: "rem lower case", line: "rem tlsfloor:ignore TF-X-001 -- batch", ok: true, rules: []string{"TF-X-001"}, reason: "batch", column: 5},
		{name: "block comment", line: "/* tlsfloor:ignore TF-GO-001 -- why */", ok: true, rules: []string{"TF-GO-001"}, reason: "why", column: 4},
		{name: "inside block comment", line: " * tlsfloor:ignore TF-GO-001 -- why", ok: true, rules: []string{"TF-GO-001"}, reason: "why", column: 4},
		{name: "sql comment", line: "-- tlsfloor:ignore TF-X-001 -- why", ok: true, rules: []string{"TF-X-001"}, reason: "why", column: 4},
		{name: "several rules", line: "// tlsfloor:ignore TF-GO-001, TF-GO-002 -- both", ok: true, rules: []string{"TF-GO-001", "TF-GO-002"}, reason: "both", column: 4},
		{name: "no reason", line: "// tlsfloor:ignore TF-GO-001", ok: true, rules: []string{"TF-GO-001"}, column: 4},
		{name: "empty reason", line: "// tlsfloor:ignore TF-GO-001 --   ", ok: true, rules: []string{"TF-GO-001"}, column: 4},
		{name: "no rule", line: "// tlsfloor:ignore -- because", ok: true, reason: "because", column: 4},
		{name: "in a string", line: `s := "tlsfloor:ignore TF-GO-001 -- no"`},
		{name: "comment marker in a string", line: `"snippet": "// tlsfloor:ignore TF-GO-001",`},
		{name: "string before the comment", line: `s := "a\"b" // tlsfloor:ignore TF-GO-001 -- ok`, ok: true, rules: []string{"TF-GO-001"}, reason: "ok", column: 16},
		{name: "later in a comment", line: "// see tlsfloor:ignore TF-GO-001 -- docs"},
		{name: "batch at sign", line: "@rem tlsfloor:ignore TF-X-001 -- batch", ok: true, rules: []string{"TF-X-001"}, reason: "batch", column: 6},
		{name: "powershell block", line: "<# tlsfloor:ignore TF-PS-001 -- lab #>", ok: true, rules: []string{"TF-PS-001"}, reason: "lab #>", column: 4},
		{name: "no directive", line: "// nothing here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := parseDirective(tt.line)
			if ok != tt.ok {
				t.Fatalf("parseDirective(%q) ok = %v, want %v", tt.line, ok, tt.ok)
			}
			if !ok {
				return
			}
			if !slices.Equal(d.rules, tt.rules) || d.reason != tt.reason || d.column != tt.column {
				t.Errorf("parseDirective(%q) = rules %q reason %q column %d; want %q %q %d", tt.line, d.rules, d.reason, d.column, tt.rules, tt.reason, tt.column)
			}
		})
	}
}

func TestDirectiveProblem(t *testing.T) {
	known := func(id string) bool { return id == "TF-GO-001" }
	tests := []struct {
		name string
		d    directive
		want string
	}{
		{name: "honoured", d: directive{rules: []string{"TF-GO-001"}, reason: "r"}, want: ""},
		{name: "no rule", d: directive{reason: "r"}, want: "names no rule"},
		{name: "no reason", d: directive{rules: []string{"TF-GO-001"}}, want: `gives no reason after "--"`},
		{name: "unknown rule", d: directive{rules: []string{"TF-GO-001", "TF-GO-999"}, reason: "r"}, want: "names unknown rule TF-GO-999"},
		{name: "malformed rule", d: directive{rules: []string{"G402"}, reason: "r"}, want: "names unknown rule G402"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.problem(known); got != tt.want {
				t.Errorf("problem() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestApplySuppressions(t *testing.T) {
	content := []byte("a\n// tlsfloor:ignore TF-GO-001 -- reason\nb\nc // tlsfloor:ignore TF-GO-001\n")
	fs := []finding.Finding{
		{RuleID: "TF-GO-001", Location: &finding.Location{Line: 2}},
		{RuleID: "TF-GO-001", Location: &finding.Location{Line: 3}},
		{RuleID: "TF-GO-002", Location: &finding.Location{Line: 3}},
		{RuleID: "TF-GO-001", Location: &finding.Location{Line: 4}},
		{RuleID: "TF-GO-001", Location: &finding.Location{Line: 1}},
	}
	bad := applySuppressions("x.go", content, fs, func(string) bool { return true })
	wantSuppressed := []bool{true, true, false, false, false}
	for i, f := range fs {
		if got := f.Suppression != nil; got != wantSuppressed[i] {
			t.Errorf("finding %d (line %d, %s): suppressed %v, want %v", i, f.Location.Line, f.RuleID, got, wantSuppressed[i])
		}
	}
	if len(bad) != 1 || bad[0].RuleID != SuppressRuleID || bad[0].Location.Line != 4 || bad[0].Severity != finding.Low {
		t.Fatalf("bad = %+v, want one TF-SCAN-SUPPRESS on line 4", bad)
	}
	if fs[0].Suppression.Kind != "inline" || fs[0].Suppression.Justification != "reason" {
		t.Errorf("suppression = %+v", fs[0].Suppression)
	}
}
