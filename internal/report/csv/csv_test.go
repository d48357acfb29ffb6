package csv

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestGolden(t *testing.T) {
	for _, c := range reporttest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := reporttest.Feed(New(&buf), c); err != nil {
				t.Fatal(err)
			}
			reporttest.Golden(t, filepath.Join("testdata", c.Name+".csv"), buf.Bytes(), *update)
		})
	}
}

// TestParses reads the output back: a header and one row per finding,
// every row as wide as the header.
func TestParses(t *testing.T) {
	c := reporttest.Rich()
	var buf bytes.Buffer
	if err := reporttest.Feed(New(&buf), c); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 1+len(c.Findings) {
		t.Fatalf("%d records, want %d", len(records), 1+len(c.Findings))
	}
	if diff := cmp.Diff(header[:], records[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	if got, want := records[3][7], c.Findings[2].Message; got != want {
		t.Errorf("multi-line message read back as %q, want %q", got, want)
	}
}

// TestColumnPositions pins every column to its index, so that scripts that
// read columns by position keep working as columns are added at the end.
func TestColumnPositions(t *testing.T) {
	want := []string{
		"rule_id", "severity", "title", "path", "line", "column", "target",
		"message", "remediation", "suppressed", "justification", "verdict",
	}
	if diff := cmp.Diff(want, header[:]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
}

// TestStreaming checks that each row is written when its finding arrives.
func TestStreaming(t *testing.T) {
	var buf bytes.Buffer
	h := New(&buf)
	if err := h.Start(finding.Run{}); err != nil {
		t.Fatal(err)
	}
	before := buf.Len()
	if err := h.Finding(finding.Finding{RuleID: "R-1"}); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String()[before:], "R-1,info,,,,,,,,false,,fail\n"; got != want {
		t.Errorf("Finding wrote %q, want %q", got, want)
	}
	if err := h.End(finding.Summary{Read: 3}); err != nil || buf.Len() != before+len("R-1,info,,,,,,,,false,,fail\n") {
		t.Errorf("End wrote %q (error %v), want nothing", buf.String()[before:], err)
	}
}

func TestRow(t *testing.T) {
	tests := []struct {
		name string
		f    finding.Finding
		want []string
	}{
		{
			name: "file",
			f: finding.Finding{RuleID: "R", Severity: finding.High, Title: "t", Message: "m", Remediation: "fix",
				Location: &finding.Location{Path: "a.go", Line: 3, Column: 4}},
			want: []string{"R", "high", "t", "a.go", "3", "4", "", "m", "fix", "false", "", "fail"},
		},
		{
			name: "target suppressed",
			f: finding.Finding{RuleID: "R", Severity: finding.Low, Title: "t", Target: "h:443",
				Suppression: &finding.Suppression{Kind: "config", Justification: "ok"}},
			want: []string{"R", "low", "t", "", "", "", "h:443", "", "", "true", "ok", "fail"},
		},
		{
			name: "unknown line",
			f:    finding.Finding{RuleID: "R", Location: &finding.Location{Path: "a.go"}},
			want: []string{"R", "info", "", "a.go", "", "", "", "", "", "false", "", "fail"},
		},
		{
			name: "formula neutralised",
			f:    finding.Finding{RuleID: "R", Message: `=HYPERLINK("http://x")`, Title: "-1", Target: "@h", Remediation: "+x"},
			want: []string{"R", "info", "'-1", "", "", "", "'@h", `'=HYPERLINK("http://x")`, "'+x", "false", "", "fail"},
		},
		{
			name: "pass",
			f:    finding.Finding{RuleID: "R", Verdict: finding.VerdictPass, Target: "h"},
			want: []string{"R", "info", "", "", "", "", "h", "", "", "false", "", "pass"},
		},
		{
			name: "warn",
			f:    finding.Finding{RuleID: "R", Severity: finding.Low, Verdict: finding.VerdictWarn},
			want: []string{"R", "low", "", "", "", "", "", "", "", "false", "", "warn"},
		},
		{
			name: "explicit fail",
			f:    finding.Finding{RuleID: "R", Severity: finding.High, Verdict: finding.VerdictFail},
			want: []string{"R", "high", "", "", "", "", "", "", "", "false", "", "fail"},
		},
		{
			name: "unknown",
			f:    finding.Finding{RuleID: "R", Severity: finding.Medium, Verdict: finding.VerdictUnknown},
			want: []string{"R", "medium", "", "", "", "", "", "", "", "false", "", "unknown"},
		},
		{
			name: "invalid verdict written as fail",
			f:    finding.Finding{RuleID: "R", Verdict: "=maybe"},
			want: []string{"R", "info", "", "", "", "", "", "", "", "false", "", "fail"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, row(tt.f)); diff != "" {
				t.Errorf("row() (-want +got):\n%s", diff)
			}
		})
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	err := New(failWriter{}).Start(finding.Run{})
	if err == nil || err.Error() != "csv: disk full" {
		t.Errorf("Start() error = %v, want csv: disk full", err)
	}
}
