package probe_test

import (
	"context"
	"crypto/tls"
	"slices"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/internal/probe"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
	"github.com/tlsfloor/tlsfloor/internal/tlslab"
)

// versionsOnly probes addr in versions-only mode under policy.
func versionsOnly(t *testing.T, ca *testpki.CA, addr string, policy tlsfloor.Policy) probe.Result {
	t.Helper()
	return probeLab(t, ca, addr, probe.Options{Policy: policy, VersionsOnly: true})
}

// checkVersionsOnly checks what versions-only mode must leave out: one
// connection per version and nothing beyond the versions.
func checkVersionsOnly(t *testing.T, r probe.Result) {
	t.Helper()
	if r.Connections != 5 {
		t.Errorf("%d connections, want one per version (5)", r.Connections)
	}
	if len(r.CipherSuites) != 0 || len(r.Groups) != 0 || len(r.SuiteOrder) != 0 || r.Certificate != nil || r.Handshake != nil {
		t.Errorf("suites %v, groups %v, order %v, certificate %+v, handshake %+v; want none",
			r.CipherSuites, r.Groups, r.SuiteOrder, r.Certificate, r.Handshake)
	}
}

// TestVersionsOnly finds the same versions and version verdict as the
// full probe, with one connection per version and nothing else.
func TestVersionsOnly(t *testing.T) {
	tests := []struct {
		name     string
		server   server
		accepted []string
		below    bool
	}{
		{name: "go-tls12-13", server: goServer(&tls.Config{}), accepted: []string{"TLS 1.2", "TLS 1.3"}},
		{name: "go-tls10-12", server: goServer(&tls.Config{MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS12}),
			accepted: []string{"TLS 1.0", "TLS 1.1", "TLS 1.2"}, below: true},
		{name: "go-tls13", server: goServer(&tls.Config{MinVersion: tls.VersionTLS13}), accepted: []string{"TLS 1.3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ca := testpki.New(t)
			addr := tt.server(t, ca)
			r := versionsOnly(t, ca, addr, tlsfloor.Default)
			checkVersions(t, r, expect{accepted: tt.accepted})
			checkVersionsOnly(t, r)
			if r.BelowFloor != tt.below || len(r.Errors) != 0 {
				t.Errorf("below floor %v (evidence %q), errors %q; want %v and no errors", r.BelowFloor, r.Evidence, r.Errors, tt.below)
			}
			full := probeLab(t, ca, addr, probe.Options{})
			if !slices.Equal(full.AcceptedVersions, r.AcceptedVersions) || full.BelowFloor != r.BelowFloor {
				t.Errorf("full probe: accepted %v, below %v; versions only: %v, %v",
					full.AcceptedVersions, full.BelowFloor, r.AcceptedVersions, r.BelowFloor)
			}
		})
	}
}

// TestVersionsOnlyUnjudged: a post-quantum or FIPS policy needs groups or
// suites, which versions-only mode does not learn; it says so instead of
// judging them either way.
func TestVersionsOnlyUnjudged(t *testing.T) {
	ca := testpki.New(t)
	x25519 := tlslab.GoTLS(t, ca, &tls.Config{MinVersion: tls.VersionTLS13, CurvePreferences: []tls.CurveID{tls.X25519}})
	tests := []struct {
		name   string
		policy tlsfloor.Policy
		want   string
	}{
		{name: "post-quantum", policy: tlsfloor.PostQuantum, want: "post-quantum requirement of policy"},
		{name: "fips", policy: tlsfloor.Policy{FIPS: true}, want: "FIPS profile of policy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := versionsOnly(t, ca, x25519, tt.policy)
			checkVersionsOnly(t, r)
			if r.BelowFloor || len(r.Errors) != 1 || !strings.Contains(r.Errors[0], tt.want) {
				t.Errorf("below floor %v (evidence %q), errors %q; want not below, one error about the %s", r.BelowFloor, r.Evidence, r.Errors, tt.want)
			}
		})
	}
	t.Run("full probe judges it", func(t *testing.T) {
		if r := probeLab(t, ca, x25519, probe.Options{Policy: tlsfloor.PostQuantum}); !r.BelowFloor {
			t.Errorf("full probe of an X25519-only server under %s: not below the floor", tlsfloor.PostQuantum)
		}
	})
}

// TestVersionsOnlyRun sweeps several endpoints through Run.
func TestVersionsOnlyRun(t *testing.T) {
	eps := goEndpoints(t, 8)
	got := runAll(t, context.Background(), eps, probe.Options{VersionsOnly: true, Concurrency: 8, PerIP: 8})
	for addr, r := range got {
		if !slices.Equal(r.AcceptedVersions, []string{"TLS 1.2", "TLS 1.3"}) || r.Connections != 5 || len(r.Errors) != 0 {
			t.Errorf("%s: accepted %v in %d connections, errors %q", addr, r.AcceptedVersions, r.Connections, r.Errors)
		}
	}
}
