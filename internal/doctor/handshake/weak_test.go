package handshake

import (
	"context"
	"crypto/tls"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// weakPython is a probe with its floor lowered to TLS 1.0 and OpenSSL's
// security level to 0, the settings a careless program would use.
const weakPython = `
import socket, ssl, sys
ca, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
ctx = ssl.create_default_context(cafile=ca)
ctx.minimum_version = ssl.TLSVersion.TLSv1
ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
with ctx.wrap_socket(socket.create_connection((host, port), timeout=10), server_hostname=host) as c:
    print("tlsfloor-probe", c.version(), c.cipher()[0], "-")
`

// weakPythonDriver is a test-only driver for weakPython.
var weakPythonDriver = driver{
	name: "weak-python", bin: "python3", versionArgs: []string{"--version"}, account: probeAccount,
	command: func(t target) invocation {
		return invocation{args: []string{"-c", weakPython, t.caFile, t.host, t.port}}
	},
}

// TestLabSeesWeakPython proves the lab reports a client whose floor was
// lowered in code: it must see TLS 1.0 and 1.1 negotiated and fail it.
func TestLabSeesWeakPython(t *testing.T) {
	rep := runOne(t, weakPythonDriver, "python3")
	assertAcceptsLegacy(t, rep)
}

// TestLabSeesNodeOptions proves the client environment carries what lowers
// a floor: NODE_OPTIONS=--tls-min-v1.0, set only in this process's
// environment, must make node negotiate TLS 1.0.
func TestLabSeesNodeOptions(t *testing.T) {
	t.Setenv("NODE_OPTIONS", "--tls-min-v1.0")
	rep := runOne(t, registered(t, "node"), "node")
	assertAcceptsLegacy(t, rep)
}

// registered returns the registry's driver called name.
func registered(t *testing.T, name string) driver {
	t.Helper()
	for _, d := range drivers() {
		if d.name == name {
			return d
		}
	}
	t.Fatalf("no driver %q in the registry", name)
	return driver{}
}

// runOne runs the lab with driver d only, skipping when bin is missing
// (failing under CI=true).
func runOne(t *testing.T, d driver, bin string) *Report {
	t.Helper()
	rep, err := Run(context.Background(), Options{drivers: []driver{d}})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if c := rep.Clients[0]; c.Path == "" {
		if inCI {
			t.Fatalf("%s is not installed, and CI=true requires it", bin)
		}
		t.Skipf("%s not installed", bin)
	}
	return rep
}

// assertAcceptsLegacy checks the single client negotiated TLS 1.0 and 1.1
// and that the verdict fails naming them.
func assertAcceptsLegacy(t *testing.T, rep *Report) {
	t.Helper()
	c := rep.Clients[0]
	for name, v := range map[string]uint16{"TLS 1.0": tls.VersionTLS10, "TLS 1.1": tls.VersionTLS11} {
		a, _ := c.Attempt(name)
		if a.Outcome != Negotiated || a.Version != v || !strings.HasPrefix(a.ClientSaw, "TLSv1") {
			t.Errorf("%s server: got %s (client saw %q), want %s negotiated", name, a, a.ClientSaw, tls.VersionName(v))
		}
	}
	j := Judge(rep, false)
	if len(j) != 1 || j[0].Verdict != finding.VerdictFail {
		t.Fatalf("verdict: got %+v, want fail", j)
	}
	reasons := strings.Join(j[0].Reasons, "\n")
	if !strings.Contains(reasons, "accepts TLS 1.0") || !strings.Contains(reasons, "accepts TLS 1.1") {
		t.Errorf("reasons do not name TLS 1.0 and 1.1:\n%s", reasons)
	}
}
