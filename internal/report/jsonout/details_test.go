package jsonout

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// TestDetailsRoundTrip checks a finding's details object survives writing
// and reading unchanged.
func TestDetailsRoundTrip(t *testing.T) {
	details := json.RawMessage(`{"target":"db.example:5432","accepted_versions":["TLS 1.2","TLS 1.3"],"below_floor":false}`)
	var buf bytes.Buffer
	h := New(&buf)
	run := finding.Run{Command: "probe", ToolVersion: "v0", Floor: "TLS 1.2", Started: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	f := finding.Finding{RuleID: "TF-PROBE-FLOOR", Title: "t", Verdict: finding.VerdictPass, Target: "db.example:5432", Details: details}
	if err := h.Start(run); err != nil {
		t.Fatal(err)
	}
	if err := h.Finding(f); err != nil {
		t.Fatal(err)
	}
	if err := h.End(finding.Summary{Unit: "endpoints", Read: 1, Findings: 1}); err != nil {
		t.Fatal(err)
	}
	_, got, _, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var want, have any
	json.Unmarshal(details, &want)
	if len(got) != 1 || json.Unmarshal(got[0].Details, &have) != nil || !jsonEqual(want, have) {
		t.Errorf("details = %s, want %s", got[0].Details, details)
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}
