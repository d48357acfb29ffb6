// Package finding is the one model through which every tlsfloor command
// reports: doctor checks, scan rules, probe verdicts, trail callers and proxy
// decisions all become [Finding] values handed to a [Handler].
//
// A run is reported as Start(Run), any number of Finding calls, then
// End(Summary). Each output format (text, JSON, SARIF, CSV) is its own
// package under internal/report that implements Handler; streaming formats
// write as findings arrive, batch formats write in End.
package finding

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Finding is one thing a command found: a rule that matched a line of code,
// a machine setting below the floor, an endpoint that accepts TLS 1.0, a
// caller seen below the floor in CloudTrail. Commands that report every
// check they ran, such as doctor, also report checks that passed, warned or
// could not be verified, each with its [Verdict].
type Finding struct {
	// RuleID is the stable identifier of the rule or check, such as
	// "TF-DOTNET-001". It matches a Rule in Run.Rules.
	RuleID string `json:"rule_id"`
	// Severity ranks the finding; see [Severity].
	Severity Severity `json:"severity"`
	// Verdict says how the check came out. The zero value means VerdictFail:
	// a finding is something below the floor unless it says otherwise.
	Verdict Verdict `json:"verdict,omitempty"`
	// Title is the rule's one-line title.
	Title string `json:"title"`
	// Message says what was found in this instance, in one or two
	// sentences. It names the input and the place.
	Message string `json:"message"`
	// Location is set for findings in files (scan, doctor --binary).
	Location *Location `json:"location,omitempty"`
	// Target is set for findings about something that is not a file: an
	// endpoint ("s3.amazonaws.com:443"), a machine, a caller's ARN.
	Target string `json:"target,omitempty"`
	// Evidence lists the observed facts that support the finding, in
	// order: negotiated version, matched text, registry value, ...
	Evidence []Evidence `json:"evidence,omitempty"`
	// Remediation says exactly what to change, for this stack.
	Remediation string `json:"remediation,omitempty"`
	// References are URLs to the primary sources behind the finding.
	References []string `json:"references,omitempty"`
	// Suppression is set when an inline or configured suppression covers
	// the finding. Suppressed findings are still reported.
	Suppression *Suppression `json:"suppression,omitempty"`
	// Details is the command's full record behind the finding, as JSON,
	// for machine consumers: probe puts the endpoint's result here. Its
	// layout is part of the command's schema ("tlsfloor.probe/v1"). Text,
	// CSV and SARIF leave it out.
	Details json.RawMessage `json:"details,omitempty"`
}

// Location is a place in a file.
type Location struct {
	// Path is slash-separated and relative to Run.Root when the file is
	// under it; absolute otherwise.
	Path string `json:"path"`
	// Line and Column are 1-based; zero means unknown.
	Line   int `json:"line,omitempty"`
	Column int `json:"column,omitempty"`
	// EndLine and EndColumn close the region; zero means unknown.
	EndLine   int `json:"end_line,omitempty"`
	EndColumn int `json:"end_column,omitempty"`
	// Snippet is the matched source text, trimmed to one line.
	Snippet string `json:"snippet,omitempty"`
}

// String formats the location as path:line:column, omitting unknown parts.
func (l Location) String() string {
	var b strings.Builder
	b.WriteString(l.Path)
	if l.Line > 0 {
		fmt.Fprintf(&b, ":%d", l.Line)
		if l.Column > 0 {
			fmt.Fprintf(&b, ":%d", l.Column)
		}
	}
	return b.String()
}

// Evidence is one observed fact, as a name and a value.
type Evidence struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Suppression records why a finding is not counted against the run.
type Suppression struct {
	// Kind is "inline" for a comment in the source, "config" for a
	// suppression from a configuration file.
	Kind string `json:"kind"`
	// Justification is the reason given with the suppression. Inline
	// suppressions without one are not honoured.
	Justification string `json:"justification"`
}

// Rule describes a rule or check: what SARIF calls a reportingDescriptor.
type Rule struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Severity    Severity `json:"severity"`
	// Help is the remediation in general form, shown once per rule.
	Help string `json:"help,omitempty"`
	// CWE is the weakness number without prefix, such as "327".
	CWE        string   `json:"cwe,omitempty"`
	Tags       []string `json:"tags,omitempty"`
	References []string `json:"references,omitempty"`
}

// Run describes one invocation of a command.
type Run struct {
	// Command is the subcommand name: "doctor", "scan", "probe", "trail",
	// "proxy". JSON documents carry the schema "tlsfloor.<Command>/v1".
	Command string `json:"command"`
	// ToolVersion is the tlsfloor version that produced the run.
	ToolVersion string `json:"tool_version"`
	// Floor names the policy verdicts are judged against, as
	// tlsfloor.Policy.String spells it (for example "TLS 1.2").
	Floor string `json:"floor"`
	// Root is the directory that relative Location paths start from.
	Root string `json:"root,omitempty"`
	// Rules holds metadata for every rule that can appear in the run.
	Rules []Rule `json:"rules,omitempty"`
	// Started is when the run began.
	Started time.Time `json:"started"`
}

// Summary says how much a run read and skipped, and why: nothing is
// dropped silently.
type Summary struct {
	// Unit names what was counted: "files", "endpoints", "records".
	Unit string `json:"unit"`
	// Read is how many units were examined.
	Read int `json:"read"`
	// Skipped lists units not examined, by reason.
	Skipped []Skip `json:"skipped,omitempty"`
	// Findings is how many findings were reported, suppressed included.
	Findings int `json:"findings"`
	// Suppressed is how many of those carried a Suppression.
	Suppressed int `json:"suppressed"`
	// Details is the command's run-level record, as JSON, for machine
	// consumers: trail puts its totals and TLS version shares here. Its
	// layout is part of the command's schema ("tlsfloor.trail/v1"). Text,
	// CSV and SARIF leave it out.
	Details json.RawMessage `json:"details,omitempty"`
}

// Skip counts units skipped for one reason.
type Skip struct {
	Reason string `json:"reason"`
	Count  int    `json:"count"`
	// Unit names what Count counts when it is not Summary.Unit: trail
	// reads records but skips whole files too. Empty means Summary.Unit.
	Unit string `json:"unit,omitempty"`
}

// SkippedTotal returns the number of skipped units over all reasons, in
// the summary's own unit (skips counted in another unit are left out).
func (s Summary) SkippedTotal() int {
	n := 0
	for _, k := range s.Skipped {
		if k.Unit == "" || k.Unit == s.Unit {
			n += k.Count
		}
	}
	return n
}

// Handler receives a run's findings. Calls come from one goroutine, in the
// order Start, Finding..., End. A Handler that returns an error from any call
// ends the run with that error.
type Handler interface {
	Start(Run) error
	Finding(Finding) error
	End(Summary) error
}
