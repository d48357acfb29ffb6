package handshake

import (
	"context"
	"crypto/tls"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// inCI is set where every client this test names must be installed.
var inCI = os.Getenv("CI") == "true"

// requiredInCI are the clients whose absence fails the test under CI=true.
var requiredInCI = []string{"curl", "openssl", "python3", "java", "node"}

// legacyBehaviour is what a client did against the TLS 1.0 and 1.1 servers
// and the post-quantum server, measured on Debian 12 (bookworm) with the
// distribution's packages and no TLS variable set:
//
//   - curl 7.88.1 (OpenSSL 3.0.19) and openssl s_client 3.0.19 offer TLS 1.0
//     to 1.3 and NEGOTIATE TLS 1.0 and TLS 1.1 with
//     TLS_RSA_WITH_AES_128_CBC_SHA: Debian 12's openssl.cnf sets no
//     MinProtocol, and security level 1 forbids only the SHA-1 signature an
//     ECDHE key exchange needs below TLS 1.2, not RSA key exchange. Against
//     a server offering only ECDHE they abort with "legacy sigalg
//     disallowed or unsupported", which is not a refusal of the version.
//   - Python 3.11.7 (ssl.create_default_context, OpenSSL 3.0.19), Node.js
//     20.20.2 (OpenSSL 3.0.19), Java 17.0.15 (jdk.tls.disabledAlgorithms)
//     and aws-cli 1.45.11 (botocore on Python 3.11.7) offer only TLS 1.3
//     and 1.2 and refuse TLS 1.0 and 1.1 with a protocol_version alert.
//   - All of them negotiate TLS 1.2 with TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
//     and X25519, and TLS 1.3 with TLS_AES_128_GCM_SHA256 and X25519.
//   - None of them offers X25519MLKEM768 (OpenSSL 3.0 and Java 17 have no
//     ML-KEM): all refuse the post-quantum server with handshake_failure.
//
// The legacy expectations are asserted only where the client's version
// line still contains when (the build measured); elsewhere the result is
// logged, and only the TLS 1.2 and 1.3 expectations are asserted.
var legacyBehaviour = []struct {
	client  string
	when    string
	legacy  Outcome
	offered []uint16
}{
	{"curl", "OpenSSL/3.0.", Negotiated, upTo13From(tls.VersionTLS10)},
	{"openssl", "OpenSSL 3.0.", Negotiated, upTo13From(tls.VersionTLS10)},
	{"python3", "OpenSSL 3.0.", Refused, upTo13From(tls.VersionTLS12)},
	{"node", "OpenSSL 3.0.", Refused, upTo13From(tls.VersionTLS12)},
	{"java", `version "17.`, Refused, upTo13From(tls.VersionTLS12)},
	{"aws", "Python/3.11", Refused, upTo13From(tls.VersionTLS12)},
}

// upTo13From lists TLS 1.3 down to min, as ClientHellos order them.
func upTo13From(min uint16) []uint16 {
	var vs []uint16
	for v := uint16(tls.VersionTLS13); v >= min; v-- {
		vs = append(vs, v)
	}
	return vs
}

// TestRealClients runs the whole lab with every client installed here and
// checks what each one really did.
func TestRealClients(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every installed TLS client; skipped with -short")
	}
	t.Setenv("NODE_OPTIONS", "") // the measured defaults, not a caller's
	rep, err := Run(context.Background(), Options{})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	checkServers(t, rep)
	verdicts := Judge(rep, false)
	for _, want := range legacyBehaviour {
		t.Run(want.client, func(t *testing.T) {
			c := installed(t, rep, want.client)
			checkModern(t, c)
			checkLegacy(t, c, want.when, want.legacy, want.offered)
			checkVerdict(t, verdicts, c)
		})
	}
}

// checkServers checks the report lists the five lab servers on loopback.
func checkServers(t *testing.T, rep *Report) {
	t.Helper()
	if len(rep.Servers) != 5 {
		t.Fatalf("got %d servers, want 5: %+v", len(rep.Servers), rep.Servers)
	}
	for _, s := range rep.Servers {
		if !strings.HasPrefix(s.Addr, "127.0.0.1:") {
			t.Errorf("server %s listens on %s, want 127.0.0.1", s.Name, s.Addr)
		}
	}
}

// installed returns the client's result, skipping the test when the
// client is not installed, or failing it under CI=true for the clients
// CI must have.
func installed(t *testing.T, rep *Report, name string) ClientResult {
	t.Helper()
	i := slices.IndexFunc(rep.Clients, func(c ClientResult) bool { return c.Name == name })
	if i < 0 {
		t.Fatalf("no result for client %s", name)
	}
	c := rep.Clients[i]
	if c.Path == "" {
		if inCI && slices.Contains(requiredInCI, name) {
			t.Fatalf("%s is not installed, and CI=true requires it: %s", name, c.Skipped)
		}
		t.Skipf("%s not installed: %s", name, c.Skipped)
	}
	if c.Skipped != "" {
		t.Fatalf("%s installed but skipped: %s", name, c.Skipped)
	}
	t.Logf("%s: %s", c.Path, c.Version)
	return c
}

// checkModern asserts TLS 1.2 and TLS 1.3 were negotiated, and that the
// client's own account agrees with the server's record.
func checkModern(t *testing.T, c ClientResult) {
	t.Helper()
	for name, v := range map[string]uint16{"TLS 1.2": tls.VersionTLS12, "TLS 1.3": tls.VersionTLS13} {
		a, _ := c.Attempt(name)
		t.Logf("%s", a)
		if a.Outcome != Negotiated || a.Version != v {
			t.Errorf("%s server: got %s, want %s negotiated", name, a, tls.VersionName(v))
		}
		if strings.Contains(a.Detail, "client reported") {
			t.Errorf("%s server: client and server disagree: %s", name, a.Detail)
		}
	}
}

// checkLegacy asserts the measured behaviour against TLS 1.0, 1.1 and the
// post-quantum server, where the client is the build measured.
func checkLegacy(t *testing.T, c ClientResult, when string, want Outcome, offered []uint16) {
	t.Helper()
	measured := strings.Contains(c.Version, when)
	for _, name := range []string{"TLS 1.0", "TLS 1.1", "TLS 1.3 X25519MLKEM768"} {
		a, _ := c.Attempt(name)
		t.Logf("%s (offered %s)", a, versionList(a.Offered))
		if !measured {
			continue
		}
		w := want
		if name == "TLS 1.3 X25519MLKEM768" {
			w = Refused
		}
		if a.Outcome != w || !slices.Equal(a.Offered, offered) {
			t.Errorf("%s server: got %s offering %s, measured %s offering %s",
				name, a.Outcome, versionList(a.Offered), w, versionList(offered))
		}
	}
}

// checkVerdict asserts the verdict follows from the legacy outcome.
func checkVerdict(t *testing.T, verdicts []Judgement, c ClientResult) {
	t.Helper()
	i := slices.IndexFunc(verdicts, func(j Judgement) bool { return j.Client == c.Name })
	if i < 0 {
		t.Fatalf("no verdict for %s", c.Name)
	}
	a, _ := c.Attempt("TLS 1.0")
	got := verdicts[i]
	if a.Outcome == Negotiated && got.Verdict != finding.VerdictFail {
		t.Errorf("%s accepts TLS 1.0 but its verdict is %s: %v", c.Name, got.Verdict, got.Reasons)
	}
	if a.Outcome == Refused && got.Verdict == finding.VerdictFail {
		t.Errorf("%s refuses TLS 1.0 but fails: %v", c.Name, got.Reasons)
	}
}

func versionList(vs []uint16) string {
	names := make([]string, len(vs))
	for i, v := range vs {
		names[i] = tls.VersionName(v)
	}
	return strings.Join(names, ", ")
}
