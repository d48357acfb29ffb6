package probe_test

import (
	"context"
	"crypto/tls"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/probe"
	"github.com/tlsfloor/tlsfloor/internal/probe/lab"
)

// TestJointHellos checks suites and groups against crypto/tls servers
// whose groups make the joint hello (next suite and next group in one
// hello) take each of its ways: a new group from the offer, the ECDSA
// certificate's curve again, no common group left (refused, or answered
// with an RSA key exchange suite) in TLS 1.2, and a new group or none in
// TLS 1.3.
func TestJointHellos(t *testing.T) {
	ecdheRSA := []uint16{tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256}
	ecdheECDSA := []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384}
	tests := []struct {
		name string
		cfg  lab.GoConfig
	}{
		{"tls12-rsa-two-curves", lab.GoConfig{Min: tls.VersionTLS12, Max: tls.VersionTLS12, Key: lab.RSA, Suites: ecdheRSA, Groups: []tls.CurveID{tls.X25519, tls.CurveP384}}},
		{"tls12-rsa-one-curve", lab.GoConfig{Min: tls.VersionTLS12, Max: tls.VersionTLS12, Key: lab.RSA, Suites: ecdheRSA, Groups: []tls.CurveID{tls.CurveP256}}},
		{"tls12-rsa-kex-fallback", lab.GoConfig{Min: tls.VersionTLS12, Max: tls.VersionTLS12, Key: lab.RSA,
			Suites: append([]uint16{tls.TLS_RSA_WITH_AES_128_GCM_SHA256}, ecdheRSA...), Groups: []tls.CurveID{tls.X25519}}},
		{"tls12-ecdsa-cert-curve", lab.GoConfig{Min: tls.VersionTLS12, Max: tls.VersionTLS12, Key: lab.ECDSA, Suites: ecdheECDSA, Groups: []tls.CurveID{tls.CurveP256, tls.X25519}}},
		{"tls12-ecdsa-three-curves", lab.GoConfig{Min: tls.VersionTLS12, Max: tls.VersionTLS12, Key: lab.ECDSA, Suites: ecdheECDSA, Groups: []tls.CurveID{tls.X25519, tls.CurveP384, tls.CurveP256}}},
		{"tls13-three-groups", lab.GoConfig{Min: tls.VersionTLS13, Max: tls.VersionTLS13, Key: lab.ECDSA, Groups: []tls.CurveID{tls.X25519MLKEM768, tls.X25519, tls.CurveP384}}},
		{"tls13-one-group", lab.GoConfig{Min: tls.VersionTLS13, Max: tls.VersionTLS13, Key: lab.ECDSA, Groups: []tls.CurveID{tls.CurveP521}}},
		{"tls12-13-rsa", lab.GoConfig{Min: tls.VersionTLS12, Max: tls.VersionTLS13, Key: lab.RSA, Suites: ecdheRSA, Groups: []tls.CurveID{tls.CurveP256, tls.SecP256r1MLKEM768, tls.X25519}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := lab.Go(t, tt.name, tt.cfg)
			ep := probe.Endpoint{Address: srv.Addr, ServerName: "localhost"}
			for _, par := range []int{1, 4} {
				r := probe.Probe(context.Background(), ep, probe.Options{Roots: srv.CAPool, EndpointParallel: par})
				t.Logf("EndpointParallel %d: %d connections, suites %v, groups %v", par, r.Connections, r.CipherSuites, r.Groups)
				if len(r.Errors) > 0 {
					t.Errorf("errors: %q", r.Errors)
				}
				labCheckVersions(t, srv.Expect, r)
				labCheckSuites(t, srv.Expect, r)
				labCheckGroups(t, "TLS 1.3", srv.Expect.Groups13, r)
				labCheckGroups12(t, srv.Expect, r)
			}
		})
	}
}
