package scan

import (
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// at is a finding of rule at path:line with snippet.
func at(rule, path string, line int, snippet string) finding.Finding {
	return finding.Finding{RuleID: rule, Location: &finding.Location{Path: path, Line: line, Snippet: snippet}}
}

func TestFingerprint(t *testing.T) {
	base := at("TF-GO-001", "a.go", 3, "MinVersion: tls.VersionTLS10,")
	tests := []struct {
		name string
		f    finding.Finding
		same bool
	}{
		{name: "line moved", f: at("TF-GO-001", "a.go", 30, "MinVersion: tls.VersionTLS10,"), same: true},
		{name: "indentation changed", f: at("TF-GO-001", "a.go", 3, "\t\tMinVersion: tls.VersionTLS10,  "), same: true},
		{name: "other rule", f: at("TF-GO-002", "a.go", 3, "MinVersion: tls.VersionTLS10,")},
		{name: "other file", f: at("TF-GO-001", "b.go", 3, "MinVersion: tls.VersionTLS10,")},
		{name: "other text", f: at("TF-GO-001", "a.go", 3, "MinVersion: tls.VersionTLS11,")},
		{name: "no location", f: finding.Finding{RuleID: "TF-GO-001"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fingerprint(tt.f) == Fingerprint(base); got != tt.same {
				t.Errorf("same fingerprint = %v, want %v", got, tt.same)
			}
		})
	}
}

func TestBaselineFilter(t *testing.T) {
	old := []finding.Finding{at("R", "a.go", 1, "x"), at("R", "a.go", 5, "y")}
	now := []finding.Finding{
		at("R", "a.go", 2, "x"), // moved: known
		at("R", "a.go", 3, "x"), // a second copy: new
		at("R", "a.go", 9, "z"), // new
		at("R", "a.go", 6, "y"), // known
	}
	b := NewBaseline(old)
	kept, known := b.filter(now)
	if known != 2 || len(kept) != 2 || kept[0].Location.Line != 3 || kept[1].Location.Line != 9 {
		t.Errorf("filter kept %+v (%d known), want lines 3 and 9 (2 known)", kept, known)
	}
	if kept2, known2 := b.filter(now); known2 != 2 || len(kept2) != 2 {
		t.Errorf("filter changed the baseline: second run kept %d, known %d", len(kept2), known2)
	}
}
