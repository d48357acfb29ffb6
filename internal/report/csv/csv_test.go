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
	if got, want := buf.String()[before:], "R-1,info,,,,,,,,false,\n"; got != want {
		t.Errorf("Finding wrote %q, want %q", got, want)
	}
	if err := h.End(finding.Summary{Read: 3}); err != nil || buf.Len() != before+len("R-1,info,,,,,,,,false,\n") {
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
			want: []string{"R", "high", "t", "a.go", "3", "4", "", "m", "fix", "false", ""},
		},
		{
			name: "target suppressed",
			f: finding.Finding{RuleID: "R", Severity: finding.Low, Title: "t", Target: "h:443",
				Suppression: &finding.Suppression{Kind: "config", Justification: "ok"}},
			want: []string{"R", "low", "t", "", "", "", "h:443", "", "", "true", "ok"},
		},
		{
			name: "unknown line",
			f:    finding.Finding{RuleID: "R", Location: &finding.Location{Path: "a.go"}},
			want: []string{"R", "info", "", "a.go", "", "", "", "", "", "false", ""},
		},
		{
			name: "formula neutralised",
			f:    finding.Finding{RuleID: "R", Message: `=HYPERLINK("http://x")`, Title: "-1", Target: "@h", Remediation: "+x"},
			want: []string{"R", "info", "'-1", "", "", "", "'@h", `'=HYPERLINK("http://x")`, "'+x", "false", ""},
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
