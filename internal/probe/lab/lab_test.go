package lab

import (
	"crypto/tls"
	"slices"
	"strings"
	"testing"
)

// TestServers starts every server of the lab and checks with real clients
// that it accepts exactly what its Expect declares.
func TestServers(t *testing.T) {
	for _, spec := range All() {
		t.Run(spec.Name, func(t *testing.T) {
			t.Parallel()
			srv := spec.Start(t)
			if srv.Name != spec.Name {
				t.Errorf("server named %q, listed as %q", srv.Name, spec.Name)
			}
			checkDeclaration(t, srv.Expect)
			verify(t, srv)
			if t.Failed() && srv.Log != nil {
				t.Logf("server log:\n%s", srv.Log())
			}
		})
	}
}

// verify picks the clients that can check srv.
func verify(t *testing.T, srv Server) {
	e := srv.Expect
	switch {
	case e.Hostile == HugeChain:
		verifyHugeChain(t, srv)
	case e.Hostile != "":
		verifyHostile(t, srv)
	case slices.ContainsFunc(e.Groups13, isHybrid):
		verifyWithGo(t, srv)
	default:
		need(t, "openssl", "openssl")
		verifyWithOpenSSL(t, srv)
		if e.StartTLS == DialectPostgres {
			t.Run("sslrequest-go", func(t *testing.T) { verifyPostgresWithGo(t, srv) })
		}
	}
}

// checkDeclaration checks that an Expect is well formed: versions
// ascending, suites for each accepted version and for no other, groups
// only for versions that are accepted.
func checkDeclaration(t *testing.T, e Expect) {
	if e.Hostile != "" && e.Hostile != HugeChain {
		if e.Versions != nil || e.Suites != nil {
			t.Errorf("hostile server declares versions or suites: %+v", e)
		}
		return
	}
	if len(e.Versions) == 0 || !slices.IsSorted(e.Versions) || len(slices.Compact(slices.Clone(e.Versions))) != len(e.Versions) {
		t.Errorf("versions %v: want some, ascending, once each", e.Versions)
	}
	for _, v := range e.Versions {
		if len(e.Suites[v]) == 0 {
			t.Errorf("no suites declared for %s", VersionName(v))
		}
	}
	if len(e.Suites) != len(e.Versions) {
		t.Errorf("suites declared for %d versions, %d accepted", len(e.Suites), len(e.Versions))
	}
	if e.Groups13 != nil && !e.Accepts(tls.VersionTLS13) {
		t.Errorf("TLS 1.3 groups declared without TLS 1.3")
	}
	if e.Groups12 != nil && e.Versions[0] == tls.VersionTLS13 {
		t.Errorf("TLS 1.2 curves declared for a TLS 1.3-only server")
	}
}

// TestCleanupStops checks that every kind of server is gone once the test
// that started it has ended.
func TestCleanupStops(t *testing.T) {
	for _, start := range []func(testing.TB) Server{OpenSSLTLS12, NginxModern, PostgresTLS12Up, GoX25519Only, HostileSilent} {
		var addr string
		t.Run("", func(t *testing.T) {
			srv := start(t)
			addr = srv.Addr
			if !canDial(addr) {
				t.Fatalf("%s: not listening", srv)
			}
		})
		if addr != "" && canDial(addr) {
			t.Errorf("%s still listening after its test ended", addr)
		}
	}
}

// TestIntents checks that each named server declares what its name and
// doc comment promise, so that a wrong cipher string cannot pass for
// right just because the server and its Expect agree.
func TestIntents(t *testing.T) {
	tls12, tls13 := []uint16{tls.VersionTLS12}, []uint16{tls.VersionTLS13}
	tests := []struct {
		start func(testing.TB) Server
		check func(t *testing.T, e Expect, names func(uint16) []string)
	}{
		{OpenSSLTLS12, func(t *testing.T, e Expect, _ func(uint16) []string) { wantVersions(t, e, tls12) }},
		{OpenSSLLegacy, func(t *testing.T, e Expect, _ func(uint16) []string) {
			wantVersions(t, e, []uint16{tls.VersionTLS10, tls.VersionTLS11})
		}},
		{OpenSSLTLS13, func(t *testing.T, e Expect, _ func(uint16) []string) { wantVersions(t, e, tls13) }},
		{OpenSSLCBC, func(t *testing.T, e Expect, names func(uint16) []string) {
			wantAll(t, names(tls.VersionTLS12), "a CBC suite", func(n string) bool {
				return !strings.Contains(n, "GCM") && !strings.Contains(n, "CCM") && !strings.Contains(n, "CHACHA") && !strings.Contains(n, "NULL")
			})
		}},
		{OpenSSLRSAKex, func(t *testing.T, e Expect, names func(uint16) []string) {
			wantAll(t, names(tls.VersionTLS12), "RSA key exchange", func(n string) bool { return !strings.Contains(n, "DH") })
		}},
		{OpenSSLSHA1, func(t *testing.T, e Expect, names func(uint16) []string) {
			if !e.SHA1Only {
				t.Error("not SHA1Only")
			}
			wantAll(t, names(tls.VersionTLS12), "ECDHE-RSA with encryption", func(n string) bool {
				return strings.HasPrefix(n, "ECDHE-") && !strings.Contains(n, "NULL")
			})
		}},
		{OpenSSLServerPref, func(t *testing.T, e Expect, names func(uint16) []string) {
			if !e.ServerPref || !isChaCha(names(tls.VersionTLS12)[0]) || !isChaCha(names(tls.VersionTLS13)[0]) {
				t.Errorf("want server preference with ChaCha20 first, got %v %v %v", e.ServerPref, names(tls.VersionTLS12), names(tls.VersionTLS13))
			}
		}},
		{OpenSSLSecLevel0, func(t *testing.T, e Expect, names func(uint16) []string) {
			wantVersions(t, e, versionRange(tls.VersionTLS10, tls.VersionTLS13))
		}},
	}
	for _, tt := range tests {
		srv := tt.start(t)
		t.Run(srv.Name, func(t *testing.T) {
			tt.check(t, srv.Expect, func(v uint16) []string { return suiteNames(t, srv.Expect.Suites[v]) })
		})
	}
}

// wantVersions fails the test unless e declares exactly versions.
func wantVersions(t *testing.T, e Expect, versions []uint16) {
	t.Helper()
	if !slices.Equal(e.Versions, versions) {
		t.Errorf("versions %x, want %x", e.Versions, versions)
	}
}

// wantAll fails the test unless every suite name satisfies ok.
func wantAll(t *testing.T, names []string, what string, ok func(string) bool) {
	t.Helper()
	for _, n := range names {
		if !ok(n) {
			t.Errorf("%s is not %s", n, what)
		}
	}
}
