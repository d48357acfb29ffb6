package text

import (
	"bytes"
	"errors"
	"flag"
	"path/filepath"
	"strings"
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
		{
			name: "fail in a file",
			f:    finding.Finding{RuleID: "R-6", Severity: finding.High, Verdict: finding.VerdictFail, Title: "t", Location: &finding.Location{Path: "a.cnf", Line: 3}},
			want: "a.cnf:3: fail high R-6 t",
		},
		{
			name: "pass on a target",
			f:    finding.Finding{RuleID: "R-7", Verdict: finding.VerdictPass, Title: "t", Target: "h"},
			want: "h: pass info R-7 t",
		},
		{
			name: "warn suppressed",
			f:    finding.Finding{RuleID: "R-8", Severity: finding.Low, Verdict: finding.VerdictWarn, Title: "t", Target: "h", Suppression: &finding.Suppression{Kind: "config"}},
			want: "h: warn low R-8 t (suppressed)",
		},
		{
			name: "unknown without place",
			f:    finding.Finding{RuleID: "R-9", Severity: finding.Medium, Verdict: finding.VerdictUnknown, Title: "t"},
			want: "unknown medium R-9 t",
		},
		{
			name: "invalid verdict shown as fail",
			f:    finding.Finding{RuleID: "R-10", Verdict: "\x1b[2Jpass", Title: "t", Target: "h"},
			want: "h: fail info R-10 t",
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
		{
			name:    "skips in another unit apart",
			command: "trail",
			s: finding.Summary{Unit: "records", Read: 12, Findings: 1,
				Skipped: []finding.Skip{{Reason: "duplicate event ID", Count: 2}, {Reason: "digest", Count: 3, Unit: "files"},
					{Reason: "no tlsDetails", Count: 1}, {Reason: "insight", Count: 1, Unit: "files"}}},
			want: "trail: 1 finding in 12 records read; 3 skipped (2 duplicate event ID, 1 no tlsDetails); 4 files skipped (3 digest, 1 insight)",
		},
		{
			name:    "only other-unit skips",
			command: "trail",
			s:       finding.Summary{Unit: "records", Read: 0, Skipped: []finding.Skip{{Reason: "digest", Count: 1, Unit: "files"}}},
			want:    "trail: 0 findings in 0 records read; 1 file skipped (1 digest)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := summaryLine(tt.command, tt.s, outcomes{}); got != tt.want {
				t.Errorf("summaryLine() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDetail(t *testing.T) {
	full := finding.Finding{
		RuleID: "R", Title: "t", Message: "m", Target: "h",
		Location:    &finding.Location{Path: "a.cnf", Line: 1, Snippet: "s"},
		Evidence:    []finding.Evidence{{Name: "seen", Value: "v"}},
		Remediation: "do x",
		References:  []string{"https://example.com/"},
		Suppression: &finding.Suppression{Kind: "config", Justification: "j"},
	}
	everything := []string{"m", "snippet: s", "seen: v", "fix: do x", "see: https://example.com/", "suppressed (config): j"}
	tests := []struct {
		name    string
		verdict finding.Verdict
		want    []string
	}{
		{name: "no verdict", verdict: "", want: everything},
		{name: "fail", verdict: finding.VerdictFail, want: everything},
		{name: "warn", verdict: finding.VerdictWarn, want: everything},
		{name: "unknown", verdict: finding.VerdictUnknown, want: everything},
		{name: "pass shows evidence only", verdict: finding.VerdictPass, want: []string{"seen: v"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := full
			f.Verdict = tt.verdict
			if diff := cmp.Diff(tt.want, detail(f)); diff != "" {
				t.Errorf("detail() (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPassWithoutEvidence(t *testing.T) {
	f := finding.Finding{RuleID: "R", Title: "t", Message: "m", Target: "h", Verdict: finding.VerdictPass, Remediation: "x"}
	if got, want := block(f), "h: pass info R t\n"; got != want {
		t.Errorf("block() = %q, want %q", got, want)
	}
}

func TestChecksSummaryLine(t *testing.T) {
	v := func(vs ...finding.Verdict) []finding.Finding {
		fs := make([]finding.Finding, len(vs))
		for i, verdict := range vs {
			fs[i] = finding.Finding{RuleID: "R", Verdict: verdict}
		}
		return fs
	}
	tests := []struct {
		name     string
		s        finding.Summary
		findings []finding.Finding
		want     string
	}{
		{
			name:     "brief example",
			s:        finding.Summary{Unit: "components", Read: 5, Findings: 14, Suppressed: 1},
			findings: v("pass", "pass", "pass", "pass", "pass", "pass", "pass", "pass", "pass", "warn", "warn", "fail", "", "unknown"),
			want:     "doctor: 14 checks: 9 pass, 2 warn, 2 fail, 1 unknown; 1 suppressed; 5 components read",
		},
		{
			name:     "zeros listed",
			s:        finding.Summary{Unit: "components", Read: 1, Findings: 1},
			findings: v("pass"),
			want:     "doctor: 1 check: 1 pass, 0 warn, 0 fail, 0 unknown; 1 component read",
		},
		{
			name:     "skipped",
			s:        finding.Summary{Unit: "components", Read: 2, Findings: 2, Skipped: []finding.Skip{{Reason: "not installed", Count: 3}}},
			findings: v("unknown", "warn"),
			want:     "doctor: 2 checks: 0 pass, 1 warn, 0 fail, 1 unknown; 2 components read; 3 skipped (3 not installed)",
		},
		{
			name:     "no finding sets a verdict",
			s:        finding.Summary{Unit: "components", Read: 2, Findings: 2},
			findings: v("", ""),
			want:     "doctor: 2 findings in 2 components read",
		},
		{
			name: "no findings",
			s:    finding.Summary{Unit: "components", Read: 2},
			want: "doctor: 0 findings in 2 components read",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var o outcomes
			for _, f := range tt.findings {
				o.add(f)
			}
			if got := summaryLine("doctor", tt.s, o); got != tt.want {
				t.Errorf("summaryLine() = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestStartResetsCounts checks that a Handler used for a second run does
// not count the first run's verdicts.
func TestStartResetsCounts(t *testing.T) {
	var buf bytes.Buffer
	h := New(&buf)
	if err := reporttest.Feed(h, reporttest.Mixed()); err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := reporttest.Feed(h, reporttest.Empty()); err != nil {
		t.Fatal(err)
	}
	if want := "scan: 0 findings in 0 files read\n"; !strings.HasSuffix(buf.String(), want) {
		t.Errorf("second run ends %q, want %q", buf.String(), want)
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
