package platform

import (
	"crypto/tls"
	"slices"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// cwe is the weakness every non-informational entry maps to: CWE-327, use
// of a broken or risky cryptographic algorithm (here, protocol version).
const cwe = "327"

// verdicts maps a status to the finding verdict of the same name.
var verdicts = map[Status]finding.Verdict{
	Unknown: finding.VerdictUnknown, Pass: finding.VerdictPass,
	Warn: finding.VerdictWarn, Fail: finding.VerdictFail,
}

// Finding turns the result into a finding. RuleID is the entry's ID,
// Target the subject and Verdict the status. The severity follows the
// status:
//
//   - Fail: the entry's Severity;
//   - Warn: one step below it (critical→high, high→medium, medium→low,
//     low→info), since the requirement is met only partly or by default;
//   - Pass and Unknown: info. An Unknown is a gap in the facts, not a
//     finding against the stack; its message says what to collect.
//
// Remediation is set for every status but Pass.
func (r Result) Finding() finding.Finding {
	fd := finding.Finding{
		Severity: r.severity(),
		Verdict:  verdicts[r.Status],
		Message:  r.Message,
		Target:   r.Subject,
		Evidence: slices.Clone(r.Evidence),
	}
	if e := r.Entry; e != nil {
		fd.RuleID, fd.Title = e.ID, e.Title
		fd.References = slices.Clone(e.Sources)
		if r.Status != Pass {
			fd.Remediation = e.Remediation
		}
	}
	return fd
}

// severity maps the status to a finding severity (see Finding).
func (r Result) severity() finding.Severity {
	if r.Entry == nil {
		return finding.Info
	}
	switch r.Status {
	case Fail:
		return r.Entry.Severity
	case Warn:
		return max(r.Entry.Severity-1, finding.Info)
	}
	return finding.Info
}

// Rules returns one rule per entry, in table order, for the rule metadata
// of a report (SARIF reportingDescriptors).
func Rules() []finding.Rule {
	rules := make([]finding.Rule, 0, len(entries))
	for i := range entries {
		rules = append(rules, entries[i].rule())
	}
	return rules
}

// rule describes the entry as a finding.Rule.
func (e *Entry) rule() finding.Rule {
	r := finding.Rule{
		ID:          e.ID,
		Title:       e.Title,
		Description: e.Condition + ": " + e.Requirement,
		Severity:    e.Severity,
		Help:        e.Remediation,
		Tags:        []string{e.Platform, e.floorTag()},
		References:  slices.Clone(e.Sources),
	}
	if e.Severity > finding.Info {
		r.CWE = cwe
	}
	return r
}

// floorTag names the lowest floor the entry is judged for.
func (e *Entry) floorTag() string {
	switch {
	case e.PostQuantum:
		return "post-quantum"
	case e.MinFloor >= tls.VersionTLS13:
		return "tls1.3"
	}
	return "tls1.2"
}
