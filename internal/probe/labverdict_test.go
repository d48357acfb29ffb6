package probe_test

import (
	"context"
	"crypto/tls"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/hello"
	"github.com/tlsfloor/tlsfloor/internal/probe"
	"github.com/tlsfloor/tlsfloor/internal/probe/lab"
	"github.com/tlsfloor/tlsfloor/internal/probe/starttls"
)

// TestLabVerdicts probes every server of the lab (openssl, nginx, haproxy,
// PostgreSQL, MariaDB, SMTP, post-quantum Go and hostile servers) and
// checks each result against the configuration the server was started
// with: versions, suites per version (and their order where the server
// imposes it), TLS 1.3 and 1.2 groups, and the verdict.
func TestLabVerdicts(t *testing.T) {
	if testing.Short() {
		t.Skip("starts every lab server")
	}
	for _, spec := range lab.All() {
		t.Run(spec.Name, func(t *testing.T) {
			srv := spec.Start(t)
			r := probe.Probe(context.Background(), endpointOf(t, srv), probe.Options{Roots: srv.CAPool, ReadTimeout: 2 * time.Second})
			t.Logf("%s: %d connections in %s", srv.Name, r.Connections, r.Elapsed)
			if srv.Expect.Hostile != "" && srv.Expect.Hostile != lab.HugeChain {
				if len(r.AcceptedVersions) > 0 || len(r.Errors) == 0 {
					t.Errorf("hostile %s: accepted %v, errors %v; want errors and no version", srv.Expect.Hostile, r.AcceptedVersions, r.Errors)
				}
				return
			}
			labCheckVersions(t, srv.Expect, r)
			labCheckSuites(t, srv.Expect, r)
			labCheckGroups(t, "TLS 1.3", srv.Expect.Groups13, r)
			labCheckGroups12(t, srv.Expect, r)
			labCheckFloor(t, srv.Expect, r)
		})
	}
}

func endpointOf(t *testing.T, srv lab.Server) probe.Endpoint {
	ep := probe.Endpoint{Target: srv.Name, Address: srv.Addr, ServerName: "localhost"}
	if srv.Expect.StartTLS != "" {
		dial, err := starttls.Dialer(srv.Expect.StartTLS, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ep.Dial = dial
	}
	return ep
}

func labNames(vs []uint16, name func(uint16) string) []string {
	var out []string
	for _, v := range vs {
		out = append(out, name(v))
	}
	return out
}

func labCheckVersions(t *testing.T, e lab.Expect, r probe.Result) {
	t.Helper()
	want := labNames(e.Versions, hello.VersionName)
	if !slices.Equal(r.AcceptedVersions, want) {
		t.Errorf("accepted versions %v, want %v (refused: %v, errors: %v)", r.AcceptedVersions, want, r.Refused, r.Errors)
	}
}

func labCheckSuites(t *testing.T, e lab.Expect, r probe.Result) {
	t.Helper()
	for v, suites := range e.Suites {
		want := labNames(suites, suiteName)
		got := r.CipherSuites[hello.VersionName(v)]
		ordered := e.ServerPref && !e.ChaChaPref && !e.PrefUnknown
		if !ordered {
			want, got = labSorted(want), labSorted(got)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s suites (ordered %v):\n got %v\nwant %v", hello.VersionName(v), ordered, got, want)
		}
	}
}

// suiteName names a suite as the probe does.
func suiteName(id uint16) string { return hello.CipherSuiteName(id) }

func labCheckGroups(t *testing.T, version string, want []tls.CurveID, r probe.Result) {
	t.Helper()
	if want == nil || version == "" || !slices.Contains(r.AcceptedVersions, version) {
		return
	}
	var w []string
	for _, g := range want {
		w = append(w, hello.GroupName(g))
	}
	if got := labSorted(r.Groups[version]); !slices.Equal(got, labSorted(w)) {
		t.Errorf("%s groups %v, want %v", version, got, labSorted(w))
	}
}

// labCheckGroups12 checks the TLS 1.0-1.2 ECDHE curves, which show only
// when an ECDHE suite is accepted, and only within the flight size bound:
// the huge-chain server's Certificate message is larger than that, so its
// curves must be reported as unknown, with the reason.
func labCheckGroups12(t *testing.T, e lab.Expect, r probe.Result) {
	t.Helper()
	v := highestBelow13(r)
	switch {
	case e.Hostile == lab.HugeChain:
		if !slices.ContainsFunc(r.Errors, func(s string) bool { return strings.Contains(s, "exceeds the byte limit") }) {
			t.Errorf("huge chain: errors %q do not report the flight bound", r.Errors)
		}
	case !slices.ContainsFunc(r.CipherSuites[v], func(s string) bool { return strings.Contains(s, "ECDHE") }):
		// no ECDHE suite: no curve is ever chosen
	default:
		labCheckGroups(t, v, e.Groups12, r)
	}
}

// highestBelow13 is the version whose ECDHE curves the probe reports.
func highestBelow13(r probe.Result) string {
	var best string
	for _, v := range []string{"TLS 1.0", "TLS 1.1", "TLS 1.2"} {
		if slices.Contains(r.AcceptedVersions, v) {
			best = v
		}
	}
	return best
}

// labCheckFloor checks the verdict where the configuration decides it: a
// version below TLS 1.2 is below the floor; only TLS 1.2+ with suites
// crypto/tls calls secure is not.
func labCheckFloor(t *testing.T, e lab.Expect, r probe.Result) {
	t.Helper()
	old := slices.ContainsFunc(e.Versions, func(v uint16) bool { return v < tls.VersionTLS12 })
	switch {
	case old && !r.BelowFloor:
		t.Errorf("accepts %v but below_floor is false", r.AcceptedVersions)
	case !old && allSecure(e) && r.BelowFloor:
		t.Errorf("below_floor with only secure suites at TLS 1.2+: %v", r.Evidence)
	}
}

func allSecure(e lab.Expect) bool {
	secure := map[uint16]bool{}
	for _, s := range tls.CipherSuites() {
		secure[s.ID] = true
	}
	for _, suites := range e.Suites {
		for _, s := range suites {
			if !secure[s] {
				return false
			}
		}
	}
	return true
}

func labSorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
