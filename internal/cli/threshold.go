package cli

import (
	"errors"
	"fmt"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// Threshold is the meaning of one --fail-on word: which findings fail a
// run. Besides "none" and the severities, a command can accept its own
// words by passing Thresholds to [AddReportFlags].
type Threshold struct {
	// Name is the word --fail-on takes, such as "low" or "below-floor".
	Name string
	// Match reports whether a finding fails the run. Suppressed findings,
	// and findings whose verdict is pass or unknown, never reach it; see
	// [counts]. A nil Match fails on nothing.
	Match func(finding.Finding) bool
}

// AtLeast returns the threshold named after s that matches findings of
// severity s or higher.
func AtLeast(s finding.Severity) Threshold {
	return Threshold{
		Name:  s.String(),
		Match: func(f finding.Finding) bool { return f.Severity >= s },
	}
}

// noThreshold is "--fail-on none": no finding fails the run.
func noThreshold() Threshold { return Threshold{Name: "none"} }

// severityThresholds returns "none" and one threshold per severity, lowest
// first.
func severityThresholds() []Threshold {
	ts := []Threshold{noThreshold()}
	for s := finding.Info; s <= finding.Critical; s++ {
		ts = append(ts, AtLeast(s))
	}
	return ts
}

// tally counts the findings of a run that fail it under a threshold.
type tally struct {
	threshold Threshold
	failing   int
}

// add counts f if it can fail a run and the threshold matches it.
func (t *tally) add(f finding.Finding) {
	if counts(f) && t.threshold.Match != nil && t.threshold.Match(f) {
		t.failing++
	}
}

// counts reports whether f can fail a run under --fail-on: it must be
// unsuppressed, and its verdict warn or fail (a finding without a verdict
// is a fail). A check that passed found nothing wrong, and one whose
// outcome is unknown found nothing either: it is reported so that people
// look, not counted.
func counts(f finding.Finding) bool {
	if f.Suppression != nil {
		return false
	}
	switch f.Outcome() {
	case finding.VerdictPass, finding.VerdictUnknown:
		return false
	default:
		return true
	}
}

// err returns a *FindingsError when any finding failed the run.
func (t *tally) err() error {
	if t.failing == 0 {
		return nil
	}
	return &FindingsError{Count: t.failing, FailOn: t.threshold.Name}
}

// countingHandler passes a run to a format's handler, counting the findings
// that fail it and checking that calls come in order.
type countingHandler struct {
	next    finding.Handler
	tally   *tally
	started bool
	ended   bool
}

// errHandlerOrder is a command that called the handler out of order.
var errHandlerOrder = errors.New("report handler called out of order")

// Start begins the run.
func (h *countingHandler) Start(r finding.Run) error {
	if h.started {
		return fmt.Errorf("%w: Start called twice", errHandlerOrder)
	}
	h.started = true
	return h.next.Start(r)
}

// Finding counts f and passes it on.
func (h *countingHandler) Finding(f finding.Finding) error {
	if !h.started || h.ended {
		return fmt.Errorf("%w: Finding outside Start and End", errHandlerOrder)
	}
	h.tally.add(f)
	return h.next.Finding(f)
}

// End finishes the run.
func (h *countingHandler) End(s finding.Summary) error {
	if !h.started || h.ended {
		return fmt.Errorf("%w: End without Start, or twice", errHandlerOrder)
	}
	h.ended = true
	return h.next.End(s)
}
