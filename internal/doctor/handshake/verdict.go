package handshake

import (
	"crypto/tls"
	"fmt"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// Judgement is the verdict on one client of a Report.
type Judgement struct {
	// Client is the ClientResult's Name.
	Client string
	// Verdict is the worst verdict of the client's attempts, ranked pass,
	// warn, unknown, fail.
	Verdict finding.Verdict
	// Reasons has one line per server, in Report.Servers order, or the
	// reason the client was skipped.
	Reasons []string
}

// Judge turns a report into one verdict per client found on the machine;
// clients not installed are left out. A client fails when it negotiates
// TLS 1.0 or 1.1, or does not negotiate TLS 1.2; it is warned when it does
// not negotiate TLS 1.3, or the hybrid post-quantum group, when offered.
// Under a post-quantum floor the latter fails instead. An attempt that
// errored or timed out proves nothing: unknown.
func Judge(r *Report, postQuantumFloor bool) []Judgement {
	var out []Judgement
	for _, c := range r.Clients {
		if c.Path != "" {
			out = append(out, judgeClient(r.Servers, c, postQuantumFloor))
		}
	}
	return out
}

// judgeClient judges one client against every server.
func judgeClient(servers []Server, c ClientResult, pq bool) Judgement {
	j := Judgement{Client: c.Name, Verdict: finding.VerdictPass}
	if c.Skipped != "" {
		return Judgement{Client: c.Name, Verdict: finding.VerdictUnknown, Reasons: []string{"not run: " + c.Skipped}}
	}
	for _, s := range servers {
		v, reason := judgeServer(s, c, pq)
		j.Verdict = finding.Worse(j.Verdict, v)
		j.Reasons = append(j.Reasons, reason)
	}
	return j
}

// judgeServer judges the client's attempt against s.
func judgeServer(s Server, c ClientResult, pq bool) (finding.Verdict, string) {
	a, ok := c.Attempt(s.Name)
	switch {
	case !ok:
		return finding.VerdictUnknown, "not tried against the " + s.Name + " server"
	case a.Outcome == Error || a.Outcome == Timeout:
		return finding.VerdictUnknown, fmt.Sprintf("%s server: proves nothing (%s: %s)", s.Name, a.Outcome, a.Detail)
	case s.Version < tls.VersionTLS12:
		return judgeLegacy(s, a)
	case s.PostQuantum:
		return judgePostQuantum(a, pq)
	case s.Version == tls.VersionTLS12:
		return judgeRequired(s, a, finding.VerdictFail)
	default:
		return judgeRequired(s, a, finding.VerdictWarn)
	}
}

// judgeLegacy: negotiating TLS 1.0 or 1.1 fails, refusing passes.
func judgeLegacy(s Server, a Attempt) (finding.Verdict, string) {
	if a.Outcome == Negotiated {
		return finding.VerdictFail, fmt.Sprintf("accepts %s (negotiated %s)", tls.VersionName(a.Version), tls.CipherSuiteName(a.CipherSuite))
	}
	return finding.VerdictPass, "refuses " + s.Name
}

// judgeRequired: negotiating the server's version passes; a refusal gets
// the verdict given.
func judgeRequired(s Server, a Attempt, refused finding.Verdict) (finding.Verdict, string) {
	if a.Outcome == Negotiated {
		return finding.VerdictPass, "negotiates " + describe(a)
	}
	return refused, "does not negotiate " + s.Name + " when offered: " + a.Detail
}

// judgePostQuantum: negotiating the hybrid group passes; a refusal warns,
// or fails under a post-quantum floor.
func judgePostQuantum(a Attempt, floor bool) (finding.Verdict, string) {
	if a.Outcome == Negotiated {
		return finding.VerdictPass, "negotiates post-quantum " + describe(a)
	}
	v := finding.VerdictWarn
	if floor {
		v = finding.VerdictFail
	}
	return v, "does not negotiate the post-quantum X25519MLKEM768 key exchange: " + a.Detail
}

// describe names what an attempt negotiated.
func describe(a Attempt) string {
	return fmt.Sprintf("%s with %s and %s", tls.VersionName(a.Version), tls.CipherSuiteName(a.CipherSuite), groupName(a.Group))
}
