package cli

import (
	"errors"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/report/reporttest"
)

// fnd returns a finding of rule id and severity sev, suppressed if asked.
func fnd(id string, sev finding.Severity, suppressed bool) finding.Finding {
	f := finding.Finding{RuleID: id, Severity: sev, Title: id, Message: id + " found"}
	if suppressed {
		f.Suppression = &finding.Suppression{Kind: "inline", Justification: "accepted risk"}
	}
	return f
}

// belowFloor is an extra --fail-on word, as a command might define one.
func belowFloor() Threshold {
	return Threshold{Name: "below-floor", Match: func(f finding.Finding) bool { return f.RuleID == "BELOW" }}
}

// withVerdict returns f with verdict v.
func withVerdict(f finding.Finding, v finding.Verdict) finding.Finding {
	f.Verdict = v
	return f
}

func TestTally(t *testing.T) {
	mixed := []finding.Finding{
		fnd("A", finding.Info, false),
		fnd("B", finding.Low, false),
		fnd("C", finding.Medium, false),
		fnd("D", finding.High, true),
		fnd("BELOW", finding.Critical, false),
	}
	// Of these, the unsuppressed warn and fail findings count: WARN,
	// WARN-LOW, FAIL, the second BELOW, UNSET and INVALID.
	verdicts := []finding.Finding{
		withVerdict(fnd("PASS", finding.Critical, false), finding.VerdictPass),
		withVerdict(fnd("UNKNOWN", finding.Critical, false), finding.VerdictUnknown),
		withVerdict(fnd("BELOW", finding.Critical, false), finding.VerdictUnknown),
		withVerdict(fnd("WARN", finding.High, false), finding.VerdictWarn),
		withVerdict(fnd("WARN-LOW", finding.Low, false), finding.VerdictWarn),
		withVerdict(fnd("WARN-SUPPRESSED", finding.Critical, true), finding.VerdictWarn),
		withVerdict(fnd("FAIL", finding.Medium, false), finding.VerdictFail),
		withVerdict(fnd("BELOW", finding.Critical, false), finding.VerdictFail),
		fnd("UNSET", finding.High, false),
		withVerdict(fnd("INVALID", finding.Info, false), "maybe"),
	}
	tests := []struct {
		name      string
		threshold Threshold
		findings  []finding.Finding
		want      int
	}{
		{name: "none", threshold: noThreshold(), findings: mixed, want: 0},
		{name: "info", threshold: AtLeast(finding.Info), findings: mixed, want: 4},
		{name: "low", threshold: AtLeast(finding.Low), findings: mixed, want: 3},
		{name: "high skips suppressed", threshold: AtLeast(finding.High), findings: mixed, want: 1},
		{name: "critical", threshold: AtLeast(finding.Critical), findings: mixed, want: 1},
		{name: "extra word", threshold: belowFloor(), findings: mixed, want: 1},
		{name: "only suppressed", threshold: AtLeast(finding.Info), findings: []finding.Finding{fnd("X", finding.Critical, true)}, want: 0},
		{name: "no findings", threshold: AtLeast(finding.Info), findings: nil, want: 0},
		{name: "verdicts at info", threshold: AtLeast(finding.Info), findings: verdicts, want: 6},
		{name: "verdicts at high", threshold: AtLeast(finding.High), findings: verdicts, want: 3},
		{name: "verdicts at critical", threshold: AtLeast(finding.Critical), findings: verdicts, want: 1},
		{name: "verdicts under an extra word", threshold: belowFloor(), findings: verdicts, want: 1},
		{name: "verdicts under none", threshold: noThreshold(), findings: verdicts, want: 0},
		{name: "only passes and unknowns", threshold: AtLeast(finding.Info), findings: []finding.Finding{
			withVerdict(fnd("P", finding.Critical, false), finding.VerdictPass),
			withVerdict(fnd("U", finding.Critical, false), finding.VerdictUnknown),
		}, want: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := &tally{threshold: tt.threshold}
			for _, f := range tt.findings {
				tl.add(f)
			}
			checkTallyErr(t, tl.err(), tt.want, tt.threshold.Name)
		})
	}
}

// TestCountingHandlerVerdicts feeds the shared doctor run with mixed
// verdicts through a countingHandler: its warn and fail findings count at
// their severity, its passes and unknowns never.
func TestCountingHandlerVerdicts(t *testing.T) {
	tests := []struct {
		name      string
		threshold Threshold
		want      int
	}{
		{name: "info", threshold: AtLeast(finding.Info), want: 3},     // warn low, fail high, unset high
		{name: "low", threshold: AtLeast(finding.Low), want: 3},       // the text default
		{name: "medium", threshold: AtLeast(finding.Medium), want: 2}, // fail high, unset high
		{name: "critical", threshold: AtLeast(finding.Critical), want: 0},
		{name: "none", threshold: noThreshold(), want: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := &tally{threshold: tt.threshold}
			if err := reporttest.Feed(&countingHandler{next: &recorder{}, tally: tl}, reporttest.Mixed()); err != nil {
				t.Fatal(err)
			}
			checkTallyErr(t, tl.err(), tt.want, tt.threshold.Name)
		})
	}
}

func TestCounts(t *testing.T) {
	tests := []struct {
		name       string
		verdict    finding.Verdict
		suppressed bool
		want       bool
	}{
		{name: "no verdict", verdict: "", want: true},
		{name: "fail", verdict: finding.VerdictFail, want: true},
		{name: "warn", verdict: finding.VerdictWarn, want: true},
		{name: "pass", verdict: finding.VerdictPass, want: false},
		{name: "unknown", verdict: finding.VerdictUnknown, want: false},
		{name: "invalid verdict is a fail", verdict: "maybe", want: true},
		{name: "suppressed fail", verdict: finding.VerdictFail, suppressed: true, want: false},
		{name: "suppressed warn", verdict: finding.VerdictWarn, suppressed: true, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := withVerdict(fnd("R", finding.Critical, tt.suppressed), tt.verdict)
			if got := counts(f); got != tt.want {
				t.Errorf("counts() = %v, want %v", got, tt.want)
			}
		})
	}
}

// checkTallyErr checks that err is nil for want == 0 and a FindingsError
// with count want otherwise.
func checkTallyErr(t *testing.T, err error, want int, failOn string) {
	t.Helper()
	if want == 0 {
		if err != nil {
			t.Errorf("err = %v, want nil", err)
		}
		return
	}
	var fe *FindingsError
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v, want a *FindingsError", err)
	}
	if fe.Count != want || fe.FailOn != failOn {
		t.Errorf("FindingsError = %+v, want Count %d FailOn %q", *fe, want, failOn)
	}
}

func TestSeverityThresholds(t *testing.T) {
	want := []string{"none", "info", "low", "medium", "high", "critical"}
	got := severityThresholds()
	if len(got) != len(want) {
		t.Fatalf("got %d thresholds, want %d", len(got), len(want))
	}
	for i, th := range got {
		if th.Name != want[i] {
			t.Errorf("threshold %d = %q, want %q", i, th.Name, want[i])
		}
	}
}

// recorder is a tiny finding.Handler that remembers the calls it got.
type recorder struct {
	calls []string
	fail  error
}

func (r *recorder) Start(run finding.Run) error {
	r.calls = append(r.calls, "start "+run.Command)
	return r.fail
}

func (r *recorder) Finding(f finding.Finding) error {
	r.calls = append(r.calls, "finding "+f.RuleID)
	return r.fail
}

func (r *recorder) End(s finding.Summary) error {
	r.calls = append(r.calls, "end")
	return r.fail
}

func TestCountingHandlerOrder(t *testing.T) {
	run := finding.Run{Command: "fake"}
	f := fnd("A", finding.High, false)
	tests := []struct {
		name    string
		calls   func(h finding.Handler) error
		wantErr bool
	}{
		{name: "in order", calls: func(h finding.Handler) error {
			return errors.Join(h.Start(run), h.Finding(f), h.End(finding.Summary{}))
		}},
		{name: "finding before start", calls: func(h finding.Handler) error { return h.Finding(f) }, wantErr: true},
		{name: "end before start", calls: func(h finding.Handler) error { return h.End(finding.Summary{}) }, wantErr: true},
		{name: "start twice", calls: func(h finding.Handler) error { return errors.Join(h.Start(run), h.Start(run)) }, wantErr: true},
		{name: "finding after end", calls: func(h finding.Handler) error {
			return errors.Join(h.Start(run), h.End(finding.Summary{}), h.Finding(f))
		}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &countingHandler{next: &recorder{}, tally: &tally{threshold: AtLeast(finding.Low)}}
			err := tt.calls(h)
			if (err != nil) != tt.wantErr || (err != nil && !errors.Is(err, errHandlerOrder)) {
				t.Errorf("err = %v, want error %v", err, tt.wantErr)
			}
		})
	}
}

func TestCountingHandlerPassesErrors(t *testing.T) {
	boom := errors.New("disk full")
	h := &countingHandler{next: &recorder{fail: boom}, tally: &tally{threshold: AtLeast(finding.Low)}}
	if err := h.Start(finding.Run{}); !errors.Is(err, boom) {
		t.Errorf("Start error = %v, want %v", err, boom)
	}
}
