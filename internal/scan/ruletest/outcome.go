package ruletest

import (
	"cmp"
	"fmt"
	"slices"
)

// Outcome compares the findings of a run with the fixtures.
type Outcome struct {
	// Matched are findings that were expected and found.
	Matched []Key
	// Missing are findings expected but not found: false negatives.
	Missing []Key
	// Unexpected are findings found but not expected: false positives.
	Unexpected []Key
	// Contradictions are lines that both want a rule and mark it ok.
	Contradictions []Key
	// Notes are what the scan said about files it could not fully check.
	Notes []string
}

// compare sorts the findings into matched, missing and unexpected. A key
// found twice counts as matched once and unexpected once.
func compare(want, got []Key) Outcome {
	left := map[Key]int{}
	for _, k := range want {
		left[k]++
	}
	var out Outcome
	for _, k := range got {
		if left[k] > 0 {
			left[k]--
			out.Matched = append(out.Matched, k)
		} else {
			out.Unexpected = append(out.Unexpected, k)
		}
	}
	for _, k := range want {
		if left[k] > 0 {
			left[k]--
			out.Missing = append(out.Missing, k)
		}
	}
	for _, ks := range [][]Key{out.Matched, out.Missing, out.Unexpected} {
		slices.SortFunc(ks, compareKeys)
	}
	return out
}

// compareKeys orders keys by path, line and rule.
func compareKeys(a, b Key) int {
	return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Rule, b.Rule))
}

// Add merges o into the outcome, for totals over several directories.
func (out *Outcome) Add(o Outcome) {
	out.Matched = append(out.Matched, o.Matched...)
	out.Missing = append(out.Missing, o.Missing...)
	out.Unexpected = append(out.Unexpected, o.Unexpected...)
	out.Contradictions = append(out.Contradictions, o.Contradictions...)
	out.Notes = append(out.Notes, o.Notes...)
}

// Precision is the share of findings that were expected: matched over
// matched plus unexpected; 1 when nothing was found.
func (out Outcome) Precision() float64 {
	return ratio(len(out.Matched), len(out.Matched)+len(out.Unexpected))
}

// Recall is the share of expected findings that were found: matched over
// matched plus missing; 1 when nothing was expected.
func (out Outcome) Recall() float64 {
	return ratio(len(out.Matched), len(out.Matched)+len(out.Missing))
}

// ratio is n/d, or 1 when d is 0.
func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

// String sums the outcome up: "precision 0.98 (50/51), recall 1.00 (50/50)".
func (out Outcome) String() string {
	m := len(out.Matched)
	return fmt.Sprintf("precision %.3f (%d/%d), recall %.3f (%d/%d)",
		out.Precision(), m, m+len(out.Unexpected), out.Recall(), m, m+len(out.Missing))
}
