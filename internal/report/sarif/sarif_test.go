package sarif

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func write(t testing.TB, c reporttest.Case) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := reporttest.Feed(New(&buf), c); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, c := range cases() {
		t.Run(c.Name, func(t *testing.T) {
			reporttest.Golden(t, filepath.Join("testdata", c.Name+".sarif"), write(t, c), *update)
		})
	}
}

// cases are the shared runs plus one with only target findings and no
// rules, so that every rule is made from a finding.
func cases() []reporttest.Case {
	probe := reporttest.Case{
		Name: "targets",
		Run:  finding.Run{Command: "probe", ToolVersion: "0.9.0-rc.1+abc", Floor: "TLS 1.2", Started: reporttest.Started()},
		Findings: []finding.Finding{
			{RuleID: "TF-PROBE-002", Severity: finding.High, Title: "Endpoint accepts TLS 1.1", Message: "a.example:443 accepts TLS 1.1.", Target: "a.example:443"},
			{RuleID: "TF-PROBE-002", Severity: finding.High, Title: "Endpoint accepts TLS 1.1", Message: "b.example:443 accepts TLS 1.1.", Target: "b.example:443"},
			{RuleID: "TF-PROBE-002", Severity: finding.High, Title: "Endpoint accepts TLS 1.1", Message: "a.example:443 accepts TLS 1.1.", Target: "a.example:443"},
		},
		Summary: finding.Summary{Unit: "endpoints", Read: 2, Findings: 3},
	}
	return append(reporttest.Cases(), probe)
}

// TestResultsNeverNull checks that an empty run still says it ran, with an
// empty results array, as GitHub expects.
func TestResultsNeverNull(t *testing.T) {
	var log struct {
		Runs []struct {
			Results json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(write(t, reporttest.Empty()), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 || string(log.Runs[0].Results) != "[]" {
		t.Errorf("runs = %+v, want one run with results []", log.Runs)
	}
}

// TestRuleIndex checks that every result points at the rule of its id.
func TestRuleIndex(t *testing.T) {
	var l sarifLog
	if err := json.Unmarshal(write(t, reporttest.Rich()), &l); err != nil {
		t.Fatal(err)
	}
	rules := l.Runs[0].Tool.Driver.Rules
	var ids []string
	for _, r := range rules {
		ids = append(ids, r.ID)
	}
	want := []string{"TF-DOTNET-001", "TF-EXTRA-009", "TF-INFO-001", "TF-JAVA-002", "TF-OPENSSL-003", "TF-PROBE-001"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("rule ids (-want +got):\n%s", diff)
	}
	for i, res := range l.Runs[0].Results {
		if got := rules[res.RuleIndex].ID; got != res.RuleID {
			t.Errorf("results[%d]: ruleIndex %d is %s, want %s", i, res.RuleIndex, got, res.RuleID)
		}
	}
}

// TestPassesLeftOut checks that a check that passed makes no result, adds
// no rule of its own, and does not count towards the fingerprint
// occurrences of the results that are written.
func TestPassesLeftOut(t *testing.T) {
	pass := finding.Finding{RuleID: "TF-PASS-001", Verdict: finding.VerdictPass, Title: "ok", Message: "m", Target: "h"}
	samePlace := finding.Finding{RuleID: "TF-PASS-001", Verdict: finding.VerdictWarn, Severity: finding.Low, Title: "ok", Message: "m", Target: "h"}
	c := reporttest.Case{
		Name:     "passes",
		Run:      finding.Run{Command: "doctor", Started: reporttest.Started()},
		Findings: []finding.Finding{pass, pass, samePlace},
		Summary:  finding.Summary{Findings: 3},
	}
	var l sarifLog
	if err := json.Unmarshal(write(t, c), &l); err != nil {
		t.Fatal(err)
	}
	results := l.Runs[0].Results
	if len(results) != 1 {
		t.Fatalf("%d results, want 1: %+v", len(results), results)
	}
	if got := results[0].PartialFingerprints[fingerprintKey]; got != fingerprint(samePlace)+":1" {
		t.Errorf("fingerprint %q, want occurrence 1", got)
	}
	only := finding.Finding{RuleID: "TF-PASS-002", Verdict: finding.VerdictPass, Title: "ok"}
	c.Findings = []finding.Finding{only}
	var alone sarifLog
	if err := json.Unmarshal(write(t, c), &alone); err != nil {
		t.Fatal(err)
	}
	if n, m := len(alone.Runs[0].Results), len(alone.Runs[0].Tool.Driver.Rules); n != 0 || m != 0 {
		t.Errorf("a run of one pass has %d results and %d rules, want none", n, m)
	}
}

func TestOutOfOrderCalls(t *testing.T) {
	tests := []struct {
		name string
		call func(h *Handler) error
		want string
	}{
		{name: "finding", call: func(h *Handler) error { return h.Finding(finding.Finding{}) }, want: "sarif: Finding called before Start"},
		{name: "end", call: func(h *Handler) error { return h.End(finding.Summary{}) }, want: "sarif: End called before Start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(New(&bytes.Buffer{})); err == nil || err.Error() != tt.want {
				t.Errorf("error = %v, want %s", err, tt.want)
			}
		})
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	err := reporttest.Feed(New(failWriter{}), reporttest.Empty())
	if err == nil || err.Error() != "end: sarif: disk full" {
		t.Errorf("error = %v, want end: sarif: disk full", err)
	}
}
