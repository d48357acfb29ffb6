package handshake

import (
	"crypto/tls"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// fakeReport is a report with one client whose attempts against the five
// lab servers come out as given.
func fakeReport(outcomes ...Outcome) *Report {
	servers := labServers()
	c := ClientResult{Name: "fake", Path: "/bin/fake"}
	for i, s := range servers {
		a := Attempt{Server: s.Name, Outcome: outcomes[i], Detail: "why"}
		if a.Outcome == Negotiated {
			a.Version, a.CipherSuite, a.Group = s.Version, tls.TLS_AES_128_GCM_SHA256, tls.X25519
		}
		c.Results = append(c.Results, a)
	}
	return &Report{Servers: servers, Clients: []ClientResult{c}}
}

func TestJudge(t *testing.T) {
	const n, r, e, to = Negotiated, Refused, Error, Timeout
	tests := []struct {
		name     string
		outcomes []Outcome
		pqFloor  bool
		want     finding.Verdict
		reason   string
	}{
		{"post-quantum client", []Outcome{r, r, n, n, n}, true, finding.VerdictPass, "negotiates post-quantum"},
		{"no post-quantum", []Outcome{r, r, n, n, r}, false, finding.VerdictWarn, "X25519MLKEM768"},
		{"no post-quantum under a post-quantum floor", []Outcome{r, r, n, n, r}, true, finding.VerdictFail, "X25519MLKEM768"},
		{"accepts TLS 1.0", []Outcome{n, r, n, n, n}, false, finding.VerdictFail, "accepts TLS 1.0"},
		{"accepts TLS 1.1", []Outcome{r, n, n, n, n}, false, finding.VerdictFail, "accepts TLS 1.1"},
		{"refuses TLS 1.2", []Outcome{r, r, r, n, n}, false, finding.VerdictFail, "does not negotiate TLS 1.2"},
		{"no TLS 1.3", []Outcome{r, r, n, r, r}, false, finding.VerdictWarn, "does not negotiate TLS 1.3"},
		{"legacy timeout proves nothing", []Outcome{to, r, n, n, n}, false, finding.VerdictUnknown, "proves nothing"},
		{"error on TLS 1.2 proves nothing", []Outcome{r, r, e, n, n}, false, finding.VerdictUnknown, "proves nothing"},
		{"fail outranks unknown", []Outcome{n, e, n, n, n}, false, finding.VerdictFail, "accepts TLS 1.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := Judge(fakeReport(tt.outcomes...), tt.pqFloor)
			if len(j) != 1 {
				t.Fatalf("got %d judgements, want 1", len(j))
			}
			reasons := strings.Join(j[0].Reasons, "\n")
			if j[0].Verdict != tt.want || !strings.Contains(reasons, tt.reason) {
				t.Errorf("got %s:\n%s\nwant %s with %q", j[0].Verdict, reasons, tt.want, tt.reason)
			}
			if len(j[0].Reasons) != 5 {
				t.Errorf("got %d reasons, want one per server", len(j[0].Reasons))
			}
		})
	}
}

func TestJudgeSkipped(t *testing.T) {
	rep := &Report{Servers: labServers(), Clients: []ClientResult{
		{Name: "absent", Skipped: "absent not found on PATH"},
		{Name: "dotnet", Path: "/usr/bin/dotnet", Skipped: "not supported yet"},
	}}
	j := Judge(rep, false)
	if len(j) != 1 || j[0].Client != "dotnet" || j[0].Verdict != finding.VerdictUnknown {
		t.Fatalf("got %+v, want only dotnet, unknown", j)
	}
}
