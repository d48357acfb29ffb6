package trail

import (
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/platform"
	"github.com/tlsfloor/tlsfloor/internal/trail/cloudtrail"
	"github.com/tlsfloor/tlsfloor/internal/trail/useragent"
)

// Rules of trail's findings.
const (
	// RuleCaller is the rule of a caller below the floor.
	RuleCaller = "TF-TRAIL-CALLER"
	// RuleUnknown is the rule of a customer caller whose records have no
	// TLS version: it cannot be shown to be at or above the floor.
	RuleUnknown = "TF-TRAIL-UNKNOWN"
)

// Rules describes trail's rules, for SARIF.
func Rules() []finding.Rule {
	return []finding.Rule{{
		ID: RuleCaller, Title: "Caller calls AWS below the floor", Severity: finding.High, CWE: "326",
		Description: "CloudTrail recorded API calls from this caller whose tlsDetails.tlsVersion is below the floor.",
		Help:        "Upgrade the caller's TLS stack as its remediation says; its user agent names the SDK, runtime and OS.",
	}, {
		ID: RuleUnknown, Title: "Caller's TLS version is not logged", Severity: finding.Medium, CWE: "326",
		Description: "CloudTrail recorded API calls from this customer caller without tlsDetails.tlsVersion (the service does not log it, or the record has only part of tlsDetails), so the caller cannot be shown to be at or above the floor.",
		Help:        "Prove the floor from the caller's side: check its stack as the remediation says, or watch its connections (tlsfloor doctor on its host, tlsfloor proxy in its path).",
	}}
}

// All yields one finding per caller below the floor (verdict fail), most
// calls first, then one per customer caller without a TLS version
// (verdict unknown), most calls first. Each is made when it is needed: a
// report with many callers does not hold all their findings at once.
func All(rep *cloudtrail.Report, floor platform.Floor) iter.Seq[finding.Finding] {
	return func(yield func(finding.Finding) bool) {
		for _, c := range rep.Callers {
			if !yield(callerFinding(c, floor)) {
				return
			}
		}
		for _, c := range rep.Unknown {
			if !yield(unknownFinding(c, floor)) {
				return
			}
		}
	}
}

// Count is the number of findings of a report.
func Count(rep *cloudtrail.Report) int { return len(rep.Callers) + len(rep.Unknown) }

func unknownFinding(c cloudtrail.Caller, floor platform.Floor) finding.Finding {
	agent := useragent.Parse(c.UserAgent)
	fix := "CloudTrail does not say which TLS version these calls used; show the caller is at or above the floor from its side (tlsfloor doctor on its host, or tlsfloor proxy in its path). " +
		remediation(agent, floor)
	d := callerDetails(c, agent, fix)
	d.TLSVersions, d.WithoutTLS = map[string]int{}, c.Count
	details, _ := json.Marshal(d) // plain data: Marshal cannot fail
	return finding.Finding{
		RuleID: RuleUnknown, Verdict: finding.VerdictUnknown, Severity: finding.Medium,
		Title:       "Caller's TLS version is not logged",
		Target:      callerName(c),
		Message:     fmt.Sprintf("%d calls to %s without a TLS version in CloudTrail, %s", c.Count, c.EventSource, seen(c)),
		Evidence:    evidence(c, agent),
		Remediation: fix,
		Details:     details,
	}
}

func callerFinding(c cloudtrail.Caller, floor platform.Floor) finding.Finding {
	agent := useragent.Parse(c.UserAgent)
	fix := remediation(agent, floor)
	details, _ := json.Marshal(callerDetails(c, agent, fix)) // plain data: Marshal cannot fail
	return finding.Finding{
		RuleID: RuleCaller, Verdict: finding.VerdictFail, Severity: finding.High,
		Title:       "Caller calls AWS below the floor",
		Target:      callerName(c),
		Message:     fmt.Sprintf("%d calls to %s over %s, %s", c.Count, c.EventSource, versions(c.Versions), seen(c)),
		Evidence:    evidence(c, agent),
		Remediation: fix,
		Details:     details,
	}
}

// callerName names a caller by its principal, else its access key, else
// its source address.
func callerName(c cloudtrail.Caller) string {
	for _, s := range []string{c.PrincipalARN, c.AccessKeyID, c.SourceIP} {
		if s != "" {
			return s
		}
	}
	return "unknown caller in account " + c.Account
}

func versions(v map[string]int) string {
	names := slices.Sorted(maps.Keys(v))
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s (%d)", n, v[n])
	}
	return strings.Join(parts, ", ")
}

func seen(c cloudtrail.Caller) string {
	if c.FirstSeen.IsZero() {
		return "times unknown"
	}
	return "from " + c.FirstSeen.Format(time.RFC3339) + " to " + c.LastSeen.Format(time.RFC3339)
}

func evidence(c cloudtrail.Caller, a useragent.Agent) []finding.Evidence {
	ev := []finding.Evidence{
		{Name: "account", Value: c.Account},
		{Name: "principal type", Value: c.PrincipalType},
		{Name: "access key", Value: c.AccessKeyID},
		{Name: "source IP", Value: c.SourceIP},
		{Name: "VPC endpoint", Value: c.VPCEndpoint},
		{Name: "user agent", Value: c.UserAgent},
		{Name: "stack", Value: stack(a)},
		{Name: "sample event IDs", Value: strings.Join(c.Samples, ", ")},
	}
	return slices.DeleteFunc(ev, func(e finding.Evidence) bool { return e.Value == "" })
}

// stack names the caller's SDK, runtime and OS as its agent tells them.
func stack(a useragent.Agent) string {
	parts := []string{a.Family + " " + a.SDKVersion, a.Runtime + " " + a.RuntimeVersion, a.OS + " " + a.OSVersion}
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return strings.Join(slices.DeleteFunc(parts, func(p string) bool { return p == "" }), ", ")
}

// remediation is what the knowledge base says to fix for the facts the
// agent gives, then what the agent cannot tell.
func remediation(a useragent.Agent, floor platform.Floor) string {
	var fixes []string
	for _, r := range platform.Evaluate(a.Facts(), floor) {
		switch r.Status {
		case platform.Fail:
			fixes = append(fixes, r.Entry.ID+": "+r.Entry.Remediation+".")
		case platform.Unknown:
			fixes = append(fixes, r.Entry.ID+": "+r.Message+"; where it falls short: "+r.Entry.Remediation+".")
		}
	}
	fixes = append(fixes, a.Unknowns...)
	if len(fixes) == 0 {
		return "Upgrade the caller's SDK and runtime so that it negotiates TLS 1.2 or later; its user agent does not say enough to be more precise."
	}
	return strings.Join(dedupe(fixes), " ")
}

// classReasons are the summary's skip reasons for records without a TLS
// version, by the class of their caller.
var classReasons = map[cloudtrail.Class]string{
	cloudtrail.ClassServiceEvent: "no TLS version: AWS service event",
	cloudtrail.ClassAWSService:   "no TLS version: AWS service",
	cloudtrail.ClassAWSInternal:  "no TLS version: AWS internal",
	cloudtrail.ClassConsole:      "no TLS version: console",
	cloudtrail.ClassCustomer:     "no TLS version: customer caller",
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// Summary counts the records read, so that read = counted + the record
// skips (records without a TLS version by the class of their caller),
// then the files skipped (counted in files), and carries the
// run-level record (RunDetails) as its details. input is as for Details.
func Summary(rep *cloudtrail.Report, findings int, input string) finding.Summary {
	t := rep.Totals
	s := finding.Summary{Unit: "records", Read: t.Read, Findings: findings}
	add := func(reason, unit string, n int) {
		if n > 0 {
			s.Skipped = append(s.Skipped, finding.Skip{Reason: reason, Count: n, Unit: unit})
		}
	}
	add("duplicate event ID", "", t.Duplicates)
	for _, c := range cloudtrail.Classes() {
		add(classReasons[c], "", t.WithoutTLS.ByClass[c])
	}
	add("invalid record", "", t.Skipped.Records-t.Skipped.TooLarge)
	add("too large", "", t.Skipped.TooLarge)
	add("unreadable", "files", len(t.Unreadable))
	add("digest", "files", t.Skipped.Digest)
	add("insight", "files", t.Skipped.Insight)
	add("not CloudTrail", "files", t.Skipped.NotCloudTrail)
	s.Details, _ = json.Marshal(Details(rep, input)) // plain data: Marshal cannot fail
	return s
}
