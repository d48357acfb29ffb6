package tlsfloor

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"testing"
)

// TestClassify covers the crypto/tls errors a floor causes, including the
// one only a legacy server that ignores supported_versions produces.
func TestClassify(t *testing.T) {
	tests := []struct {
		name    string
		policy  Policy
		err     error
		problem Problem
		version uint16
	}{
		{name: "server chose TLS 1.1", err: errors.New("tls: server selected unsupported protocol version 302"), problem: ProblemVersion, version: tls.VersionTLS11},
		{name: "server chose SSL 3.0", err: fmt.Errorf("wrapped: %w", errors.New("tls: server selected unsupported protocol version 300")), problem: ProblemVersion, version: 0x0300},
		{name: "protocol_version alert", err: &net.OpError{Op: "remote error", Err: tls.AlertError(70)}, problem: ProblemVersion},
		{name: "handshake_failure under PQ", policy: PostQuantum, err: &net.OpError{Op: "remote error", Err: tls.AlertError(40)}, problem: ProblemKeyExchange},
		{name: "handshake_failure otherwise", err: &net.OpError{Op: "remote error", Err: tls.AlertError(40)}},
		{name: "local alert is not remote", err: &net.OpError{Op: "local error", Err: tls.AlertError(70)}},
		{name: "certificate error", err: errors.New("tls: failed to verify certificate: x509: certificate signed by unknown authority")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.policy.classify("h", tt.err)
			de, ok := err.(*DowngradeError)
			if tt.problem == 0 {
				if ok || !errors.Is(err, tt.err) {
					t.Errorf("classify = %#v, want the original error wrapped", err)
				}
				return
			}
			if !ok || de.Problem != tt.problem || de.Version != tt.version || !errors.Is(err, tt.err) {
				t.Errorf("classify = %#v, want %s problem naming %x and wrapping the cause", err, tt.problem, tt.version)
			}
		})
	}
}

func TestGroupsNarrowed(t *testing.T) {
	tests := []struct {
		name   string
		policy Policy
		base   []tls.CurveID
		want   []tls.CurveID
	}{
		{name: "default keeps nil", base: nil, want: nil},
		{name: "PQ from nil", policy: PostQuantum, want: hybridGroups},
		{name: "PQ filters", policy: PostQuantum, base: []tls.CurveID{tls.X25519, tls.SecP256r1MLKEM768}, want: []tls.CurveID{tls.SecP256r1MLKEM768}},
		{name: "FIPS drops X25519", policy: Policy{FIPS: true}, base: []tls.CurveID{tls.X25519, tls.CurveP384}, want: []tls.CurveID{tls.CurveP384}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.policy.Config(&tls.Config{CurvePreferences: tt.base}).CurvePreferences
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("CurvePreferences = %v, want %v", got, tt.want)
			}
		})
	}
}
