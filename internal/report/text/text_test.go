package text

import (
	"bytes"
	"errors"
	"flag"
	"path/filepath"
	"strings"
	"testing"

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
			reporttest.Golden(t, filepath.Join("testdata", c.Name+".txt"), buf.Bytes(), *update)
		})
	}
}

// TestStreaming checks that each finding is written before the next call.
func TestStreaming(t *testing.T) {
	c := reporttest.Rich()
	var buf bytes.Buffer
	h := New(&buf)
	if err := h.Start(c.Run); err != nil {
		t.Fatal(err)
	}
	for _, f := range c.Findings {
		before := buf.Len()
		if err := h.Finding(f); err != nil {
			t.Fatal(err)
		}
		if got := buf.String()[before:]; !strings.Contains(got, f.RuleID) {
			t.Errorf("Finding(%s) wrote %q, want it to name the rule", f.RuleID, got)
		}
	}
}

func TestFirstLine(t *testing.T) {
	tests := []struct {
		name string
		f    finding.Finding
		want string
	}{
		{
			name: "file",
			f:    finding.Finding{RuleID: "R-1", Severity: finding.High, Title: "t", Location: &finding.Location{Path: "a/b.go", Line: 3, Column: 7}},
			want: "a/b.go:3:7: high R-1 t",
		},
		{
			name: "file without column",
			f:    finding.Finding{RuleID: "R-1", Severity: finding.Low, Title: "t", Location: &finding.Location{Path: "a.go", Line: 3}},
			want: "a.go:3: low R-1 t",
		},
		{
			name: "target",
			f:    finding.Finding{RuleID: "R-2", Severity: finding.Critical, Title: "t", Target: "s3.amazonaws.com:443"},
			want: "s3.amazonaws.com:443: critical R-2 t",
		},
		{
			name: "no place",
			f:    finding.Finding{RuleID: "R-3", Title: "t"},
			want: "info R-3 t",
		},
		{
			name: "suppressed",
			f:    finding.Finding{RuleID: "R-4", Severity: finding.Medium, Title: "t", Target: "h", Suppression: &finding.Suppression{Kind: "inline"}},
			want: "h: medium R-4 t (suppressed)",
		},
		{
			name: "hostile title",
			f:    finding.Finding{RuleID: "R-5", Title: "a\nb\x1b[2J", Target: "h"},
			want: `h: info R-5 a\nb\x1b[2J`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := firstLine(tt.f); got != tt.want {
				t.Errorf("firstLine() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSummaryLine(t *testing.T) {
	tests := []struct {
		name    string
		command string
		s       finding.Summary
		want    string
	}{
		{
			name:    "brief example",
			command: "scan",
			s: finding.Summary{Unit: "files", Read: 120, Findings: 3, Suppressed: 1,
				Skipped: []finding.Skip{{Reason: "binary", Count: 3}, {Reason: "too large", Count: 1}}},
			want: "scan: 3 findings (1 suppressed) in 120 files read; 4 skipped (3 binary, 1 too large)",
		},
		{
			name:    "nothing",
			command: "probe",
			s:       finding.Summary{Unit: "endpoints"},
			want:    "probe: 0 findings in 0 endpoints read",
		},
		{
			name:    "singular",
			command: "trail",
			s:       finding.Summary{Unit: "records", Read: 1, Findings: 1},
			want:    "trail: 1 finding in 1 record read",
		},
		{
			name: "no command no unit",
			s:    finding.Summary{Read: 2},
			want: "tlsfloor: 0 findings in 2 items read",
		},
		{
			name:    "zero-count skip reasons left out",
			command: "scan",
			s: finding.Summary{Unit: "files", Read: 5,
				Skipped: []finding.Skip{{Reason: "binary", Count: 0}, {Reason: "unreadable", Count: 2}}},
			want: "scan: 0 findings in 5 files read; 2 skipped (2 unreadable)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := summaryLine(tt.command, tt.s); got != tt.want {
				t.Errorf("summaryLine() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "plain", in: "TLS 1.0 on s3", want: "TLS 1.0 on s3"},
		{name: "unicode kept", in: "héllo, 世界", want: "héllo, 世界"},
		{name: "escape sequence", in: "x\x1b[31my", want: `x\x1b[31my`},
		{name: "newline and tab", in: "a\nb\tc", want: `a\nb\tc`},
		{name: "invalid utf-8", in: "a\xffb", want: `a\xffb`},
		{name: "bidi override", in: "a\u202eb", want: `a\u202eb`},
		{name: "delete", in: "a\x7fb", want: `a\x7fb`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clean(tt.in); got != tt.want {
				t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	err := New(failWriter{}).Start(reporttest.Rich().Run)
	if err == nil || err.Error() != "text: disk full" {
		t.Errorf("Start() error = %v, want text: disk full", err)
	}
}
