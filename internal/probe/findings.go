package probe

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// Rule IDs of probe findings.
const (
	// RuleFloor is an endpoint's verdict against the floor.
	RuleFloor = "TF-PROBE-FLOOR"
	// RuleError is an endpoint the probe could not finish.
	RuleError = "TF-PROBE-ERROR"
)

// floorFix is the general remediation; the AWS policy names come from the
// AWS documentation of each service's TLS security policies.
const floorFix = "Choose a TLS policy that requires TLS 1.2 or later on the endpoint: for example " +
	"ELBSecurityPolicy-TLS13-1-2-2021-06 on ALB/NLB listeners, TLSv1.2_2021 as CloudFront's minimum protocol version, " +
	"TLS_1_2 on API Gateway custom domains, Policy-Min-TLS-1-2-2019-07 on OpenSearch domains; on your own servers, " +
	"ssl_protocols TLSv1.2 TLSv1.3 (nginx) or ssl-min-ver TLSv1.2 (HAProxy)."

// Rules describes probe's rules, for SARIF.
func Rules() []finding.Rule {
	return []finding.Rule{
		{ID: RuleFloor, Title: "Endpoint accepts TLS below the floor", Severity: finding.High, CWE: "326",
			Description: "The endpoint completed a ServerHello for a protocol version, cipher suite or key exchange the policy refuses.",
			Help:        floorFix, Tags: []string{"security", "tls"}},
		{ID: RuleError, Title: "Endpoint could not be probed", Severity: finding.Low,
			Description: "The probe could not finish: the name did not resolve, the port was closed, or the server did not answer TLS."},
	}
}

// Finding turns a result into one finding whose details carry the whole
// result. An endpoint with no accepted version and errors is unknown,
// never a pass.
func (r Result) Finding() finding.Finding {
	f := finding.Finding{Target: r.Target, Evidence: r.evidence(), Details: r.details()}
	switch {
	case r.BelowFloor:
		f.RuleID, f.Verdict, f.Severity = RuleFloor, finding.VerdictFail, finding.High
		f.Title, f.Remediation = "Endpoint accepts TLS below the floor", floorFix
		f.Message = fmt.Sprintf("%s accepts what %s refuses: %s", r.Target, r.Floor, strings.Join(r.Evidence, "; "))
	case len(r.AcceptedVersions) == 0 && len(r.Errors) > 0:
		f.RuleID, f.Verdict, f.Severity = RuleError, finding.VerdictUnknown, finding.Low
		f.Title = "Endpoint could not be probed"
		f.Message = r.Target + ": " + strings.Join(r.Errors, "; ")
	default:
		f.RuleID, f.Verdict, f.Severity = RuleFloor, finding.VerdictPass, finding.Info
		f.Title = "Endpoint holds the floor"
		f.Message = fmt.Sprintf("%s accepts only %s: it holds %s", r.Target, strings.Join(r.AcceptedVersions, ", "), r.Floor)
	}
	return f
}

func (r Result) evidence() []finding.Evidence {
	ev := []finding.Evidence{{Name: "address", Value: r.Address}}
	ev = append(ev, finding.Evidence{Name: "accepted versions", Value: orNone(strings.Join(r.AcceptedVersions, ", "))})
	for _, v := range slices.Sorted(maps.Keys(r.CipherSuites)) {
		ev = append(ev, finding.Evidence{Name: v + " suites", Value: strings.Join(r.CipherSuites[v], ", ")})
	}
	for _, v := range slices.Sorted(maps.Keys(r.Groups)) {
		ev = append(ev, finding.Evidence{Name: v + " groups", Value: strings.Join(r.Groups[v], ", ")})
	}
	if c := r.Certificate; c != nil {
		ev = append(ev, finding.Evidence{Name: "certificate", Value: certSummary(c)})
	}
	for _, e := range r.Errors {
		ev = append(ev, finding.Evidence{Name: "error", Value: e})
	}
	return ev
}

func certSummary(c *Certificate) string {
	trust := "trusted"
	if !c.Trusted {
		trust = "not trusted: " + c.TrustError
	}
	return fmt.Sprintf("%s, issued by %s, %s %d-bit, %s, expires %s, %s",
		c.Subject, c.Issuer, c.KeyType, c.KeyBits, c.SignatureAlgorithm, c.NotAfter.Format("2006-01-02"), trust)
}

func (r Result) details() json.RawMessage {
	b, err := json.Marshal(r)
	if err != nil {
		return nil // Result holds only plain data; Marshal cannot fail
	}
	return b
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
