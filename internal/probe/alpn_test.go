package probe_test

import (
	"crypto/tls"
	"slices"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/probe"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
)

// TestProbeALPN: the ALPN protocol comes from a TLS 1.2 ServerHello when
// no full handshake runs, and from the handshake of a TLS 1.3-only
// server; a server that refuses every protocol offered is probed as
// fully as one that selects one, and the refusal is noted.
func TestProbeALPN(t *testing.T) {
	tests := []struct {
		name      string
		cfg       *tls.Config
		alpn      string
		handshake bool   // a full handshake ran
		errorHas  string // "" for no error
	}{
		{name: "tls12-and-13", cfg: &tls.Config{NextProtos: []string{"h2", "http/1.1"}}, alpn: "h2"},
		{name: "tls13-only", cfg: &tls.Config{MinVersion: tls.VersionTLS13, NextProtos: []string{"http/1.1"}}, alpn: "http/1.1", handshake: true},
		{name: "strict-no-match", cfg: &tls.Config{NextProtos: []string{"imap"}}, errorHas: "refused every ALPN protocol offered (h2, http/1.1)"},
	}
	ca := testpki.New(t)
	plain := probeLab(t, ca, goServer(&tls.Config{})(t, ca), probe.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := probeLab(t, ca, goServer(tt.cfg)(t, ca), probe.Options{})
			if r.ALPN != tt.alpn || (r.Handshake != nil) != tt.handshake {
				t.Errorf("ALPN %q, handshake %+v; want %q, handshake %v", r.ALPN, r.Handshake, tt.alpn, tt.handshake)
			}
			hasError := slices.ContainsFunc(r.Errors, func(e string) bool { return tt.errorHas != "" && strings.Contains(e, tt.errorHas) })
			if hasError != (tt.errorHas != "") || tt.errorHas == "" && len(r.Errors) > 0 {
				t.Errorf("errors %q, want one containing %q", r.Errors, tt.errorHas)
			}
			if tt.cfg.MinVersion == 0 && (!sameSet(r.CipherSuites["TLS 1.2"], plain.CipherSuites["TLS 1.2"]) || !sameSet(r.Groups["TLS 1.2"], plain.Groups["TLS 1.2"])) {
				t.Errorf("TLS 1.2 suites %v and curves %v, want those of the same server without ALPN: %v and %v",
					r.CipherSuites["TLS 1.2"], r.Groups["TLS 1.2"], plain.CipherSuites["TLS 1.2"], plain.Groups["TLS 1.2"])
			}
		})
	}
}
