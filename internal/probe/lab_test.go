package probe_test

import (
	"context"
	"crypto/tls"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/probe"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
	"github.com/tlsfloor/tlsfloor/internal/tlslab"
)

// server starts a lab server and returns its address.
type server func(t *testing.T, ca *testpki.CA) string

func opensslServer(kt testpki.KeyType, flags ...string) server {
	return func(t *testing.T, ca *testpki.CA) string { return tlslab.OpenSSL(t, ca, kt, flags...) }
}

func goServer(cfg *tls.Config) server {
	return func(t *testing.T, ca *testpki.CA) string { return tlslab.GoTLS(t, ca, cfg) }
}

// probeLab probes addr trusting ca, with short timeouts, and logs the
// time and connections it took.
func probeLab(t *testing.T, ca *testpki.CA, addr string, opts probe.Options) probe.Result {
	t.Helper()
	opts.Roots = ca.Pool()
	opts.ReadTimeout = 3 * time.Second
	r := probe.Probe(context.Background(), probe.Endpoint{Address: addr, ServerName: "localhost"}, opts)
	t.Logf("%s: %v, %d connections", t.Name(), r.Elapsed.Round(time.Millisecond), r.Connections)
	return r
}

// opensslSuites lists, by IANA name, the suites `openssl ciphers` says a
// server with cipherString supports at version flag (-tls1, -tls1_1,
// -tls1_2) with a certificate of type kt: PSK, SRP and DSS suites and the
// suites of the other key type are left out, since no such server can
// pick them.
func opensslSuites(t *testing.T, cipherString, flag string, kt testpki.KeyType) []string {
	t.Helper()
	out, err := exec.Command("openssl", "ciphers", "-s", "-stdname", flag, cipherString).Output()
	if err != nil {
		t.Fatalf("openssl ciphers: %v", err)
	}
	keep := "_RSA_"
	if kt == testpki.ECDSA {
		keep = "_ECDSA_"
	}
	var names []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		name, _, _ := strings.Cut(line, " ")
		if (strings.Contains(name, keep) || strings.Contains(name, "_anon_")) && !strings.Contains(name, "PSK") && !strings.Contains(name, "SRP") && !strings.Contains(name, "DSS") {
			names = append(names, name)
		}
	}
	return names
}

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// OpenSSL 3.0 defaults (ssl/t1_lib.c, ssl/ssl_ciph.c): TLS 1.3 suites
// and groups, and the groups that are curves usable in TLS 1.2.
var (
	opensslTLS13Suites = []string{"TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256"}
	opensslGroups      = []string{"X25519", "CurveP256", "x448", "CurveP521", "CurveP384", "ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192"}
	opensslCurves      = []string{"X25519", "CurveP256", "x448", "CurveP521", "CurveP384"}
	goGroups           = []string{"X25519MLKEM768", "SecP256r1MLKEM768", "SecP384r1MLKEM1024", "X25519", "CurveP256", "CurveP384", "CurveP521"}
	goCurves           = []string{"X25519", "CurveP256", "CurveP384", "CurveP521"}
)
