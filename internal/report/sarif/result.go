package sarif

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// fingerprintKey names tlsfloor's own entry in partialFingerprints.
const fingerprintKey = "tlsfloor/v1"

// newResult maps a finding to a result; print is its fingerprint. The rule
// index is set later, once all rules are known.
func newResult(f finding.Finding, print string) result {
	k := kind(f)
	return result{
		RuleID:              f.RuleID,
		Kind:                k,
		Level:               resultLevel(k, f.Severity),
		Message:             message{Text: resultText(f)},
		Locations:           locations(f),
		PartialFingerprints: map[string]string{fingerprintKey: print},
		Suppressions:        suppressions(f.Suppression),
	}
}

// resultText is the message, then each evidence item on its own line, then
// the remediation.
func resultText(f finding.Finding) string {
	lines := []string{firstNonEmpty(f.Message, f.Title, f.RuleID)}
	for _, e := range f.Evidence {
		lines = append(lines, e.Name+": "+e.Value)
	}
	if f.Remediation != "" {
		lines = append(lines, "Fix: "+f.Remediation)
	}
	return strings.Join(lines, "\n")
}

// locations is the file region or the target a finding is about, if any.
func locations(f finding.Finding) []location {
	switch {
	case f.Location != nil:
		return []location{{PhysicalLocation: physical(*f.Location)}}
	case f.Target != "":
		return []location{{LogicalLocations: []logicalLocation{{Name: f.Target, Kind: "resource"}}}}
	default:
		return nil
	}
}

// physical maps a file location; it has a region only when the line is
// known.
func physical(l finding.Location) *physicalLocation {
	p := &physicalLocation{ArtifactLocation: artifact(l.Path)}
	if l.Line <= 0 {
		return p
	}
	r := &region{StartLine: l.Line, StartColumn: positive(l.Column)}
	if l.EndLine >= l.Line {
		r.EndLine = l.EndLine
	}
	r.EndColumn = positive(l.EndColumn)
	if l.Snippet != "" {
		r.Snippet = &message{Text: l.Snippet}
	}
	p.Region = r
	return p
}

// positive returns n, or 0 when n is negative.
func positive(n int) int {
	return max(n, 0)
}

// fingerprint is the hex SHA-256 of the rule id, the path, and the trimmed
// snippet, the target or the message, whichever comes first.
func fingerprint(f finding.Finding) string {
	path, snippet := "", ""
	if f.Location != nil {
		path, snippet = f.Location.Path, strings.TrimSpace(f.Location.Snippet)
	}
	what := firstNonEmpty(snippet, f.Target, f.Message)
	sum := sha256.Sum256([]byte(f.RuleID + "\x00" + path + "\x00" + what))
	return hex.EncodeToString(sum[:])
}

// suppressions maps a suppression: "inline" is in the source, any other
// kind is external.
func suppressions(s *finding.Suppression) []suppression {
	if s == nil {
		return nil
	}
	kind := "external"
	if s.Kind == "inline" {
		kind = "inSource"
	}
	return []suppression{{Kind: kind, Justification: s.Justification}}
}
