package scan

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// Fingerprint identifies a finding across runs: the hex SHA-256 of its
// rule, its path and its trimmed snippet. The line number is left out, so
// that a finding keeps its fingerprint when lines above it move.
func Fingerprint(f finding.Finding) string {
	var path, snippet string
	if f.Location != nil {
		path, snippet = f.Location.Path, strings.TrimSpace(f.Location.Snippet)
	}
	sum := sha256.Sum256([]byte(f.RuleID + "\x00" + path + "\x00" + snippet))
	return hex.EncodeToString(sum[:])
}

// Baseline is a multiset of fingerprints from an earlier run: each
// fingerprint hides as many findings as the earlier run had with it, so
// that a second copy of a known line is still reported.
type Baseline map[string]int

// NewBaseline counts the fingerprints of an earlier run's findings.
func NewBaseline(earlier []finding.Finding) Baseline {
	b := Baseline{}
	for _, f := range earlier {
		b[Fingerprint(f)]++
	}
	return b
}

// filter returns the findings the baseline does not hold, in order, and
// how many it held. It does not change b.
func (b Baseline) filter(fs []finding.Finding) (kept []finding.Finding, known int) {
	left := make(map[string]int, len(b))
	for k, v := range b {
		left[k] = v
	}
	kept = fs[:0:0]
	for _, f := range fs {
		fp := Fingerprint(f)
		if left[fp] > 0 {
			left[fp]--
			known++
			continue
		}
		kept = append(kept, f)
	}
	return kept, known
}
