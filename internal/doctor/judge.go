package doctor

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/platform"
)

// Rule IDs of doctor's own findings; the knowledge base's entries bring
// theirs (TF-PLAT-...).
const (
	// RuleUnread is a fact doctor could not read.
	RuleUnread = "TF-DOCTOR-UNREAD"
	// RuleInventory lists a runtime no entry judged.
	RuleInventory = "TF-DOCTOR-INVENTORY"
)

// Rules describes doctor's own rules, for SARIF.
func Rules() []finding.Rule {
	return []finding.Rule{
		{ID: RuleUnread, Title: "A fact could not be read", Severity: finding.Low,
			Description: "doctor could not read a fact it needs, so the checks that depend on it are unknown, never passed.",
			Help:        "Install the missing program, fix the file, or raise --timeout, then run doctor again."},
		{ID: RuleInventory, Title: "Runtime found", Severity: finding.Info,
			Description: "A runtime or tool was found on PATH; the knowledge base has no entry that judges it."},
		handshakeRule,
		machineRule,
	}
}

// Machine is one machine's facts, as collected or read from files.
type Machine struct {
	// Name labels the machine in reports; empty for the live machine.
	Name string
	// Facts are what was collected.
	Facts platform.Facts
	// Issues are the facts that could not be read.
	Issues []Issue
}

// Judge evaluates a machine at floor and returns one finding per check,
// with a verdict each, then one per issue and per runtime no check
// judged.
func Judge(m Machine, floor platform.Floor) []finding.Finding {
	results := platform.Evaluate(m.Facts, floor)
	var fs []finding.Finding
	for _, r := range results {
		fs = append(fs, m.label(r.Finding()))
	}
	for _, is := range m.Issues {
		fs = append(fs, m.label(unread(is)))
	}
	for _, rt := range unjudged(m.Facts.Runtimes, results) {
		fs = append(fs, m.label(inventory(rt)))
	}
	return fs
}

// label prefixes a finding's target with the machine name.
func (m Machine) label(f finding.Finding) finding.Finding {
	if m.Name != "" {
		f.Target = m.Name + ": " + f.Target
	}
	return f
}

// Unread reports a fact or file that could not be read.
func Unread(is Issue) finding.Finding { return unread(is) }

func unread(is Issue) finding.Finding {
	return finding.Finding{
		RuleID: RuleUnread, Severity: finding.Low, Verdict: finding.VerdictUnknown,
		Title: "A fact could not be read", Target: is.Source, Message: is.Error(),
		Remediation: "Checks that need this fact are unknown; install or fix it and run doctor again.",
	}
}

// unjudged returns the runtimes no result names in its subject.
func unjudged(rts []platform.Runtime, results []platform.Result) []platform.Runtime {
	var out []platform.Runtime
	for _, rt := range rts {
		judged := false
		for _, r := range results {
			judged = judged || (rt.Path != "" && strings.Contains(r.Subject, rt.Path))
		}
		if !judged {
			out = append(out, rt)
		}
	}
	return out
}

func inventory(rt platform.Runtime) finding.Finding {
	return finding.Finding{
		RuleID: RuleInventory, Severity: finding.Info, Verdict: finding.VerdictPass,
		Title: "Runtime found", Target: fmt.Sprintf("%s %s at %s", rt.Name, rt.Version, rt.Path),
		Message:  fmt.Sprintf("%s %s found; no knowledge-base entry judges it.", rt.Name, rt.Version),
		Evidence: settingsEvidence(rt.Settings),
	}
}

func settingsEvidence(s map[string]string) []finding.Evidence {
	ev := make([]finding.Evidence, 0, len(s))
	for _, k := range slices.Sorted(maps.Keys(s)) {
		ev = append(ev, finding.Evidence{Name: k, Value: s[k]})
	}
	return ev
}

// RuleMachine is the rule of the one-per-machine verdict of a fleet run.
const RuleMachine = "TF-DOCTOR-MACHINE"

var machineRule = finding.Rule{
	ID: RuleMachine, Title: "Machine verdict", Severity: finding.High,
	Description: "The worst verdict of the machine's checks: fail if any check fails, else unknown, warn or pass.",
}

// MachineVerdict sums up one machine's findings as one finding whose
// verdict is the worst of theirs (fail, unknown, warn, pass).
func MachineVerdict(name string, fs []finding.Finding) finding.Finding {
	counts := map[finding.Verdict]int{}
	worst := finding.VerdictPass
	for _, f := range fs {
		v := f.Outcome()
		counts[v]++
		worst = finding.Worse(worst, v)
	}
	return finding.Finding{
		RuleID: RuleMachine, Verdict: worst, Severity: proofSeverity(worst),
		Title: "Machine verdict", Target: name,
		Message: fmt.Sprintf("%s: %s (%d fail, %d unknown, %d warn, %d pass)", name, worst,
			counts[finding.VerdictFail], counts[finding.VerdictUnknown], counts[finding.VerdictWarn], counts[finding.VerdictPass]),
	}
}
