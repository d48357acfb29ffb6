package proxy_test

import (
	"crypto/tls"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/proxy"
)

// TestSNIMismatch runs Go clients whose ClientHello names the CONNECT
// host, the same host in other case, and another host the destination's
// certificate also covers: all go through (the destination is the one
// CONNECT named), and only the last is flagged and counted.
func TestSNIMismatch(t *testing.T) {
	l := newLab(t, nil, nil)
	tests := []struct {
		serverName string
		mismatch   bool
	}{
		{awsHost, false},
		{strings.ToUpper(awsHost), false},
		{"localhost", true},
	}
	for i, tt := range tests {
		body, err := tlsClient(t, l, &tls.Config{ServerName: tt.serverName})
		if err != nil || body != "tlslab ok\n" {
			t.Fatalf("SNI %s: %q, %v", tt.serverName, body, err)
		}
		d := l.logs.waitDecision(t, i+1)[i]
		checkDecision(t, d, map[string]any{proxy.FieldDecision: "allow", proxy.FieldSNI: tt.serverName,
			proxy.FieldSNIMismatch: tt.mismatch, proxy.FieldDestination: l.dest()})
	}
	m := scrape(t, l.server)
	if got := m[proxy.MetricSNIMismatches+`{decision="allow"}`]; got != 1 {
		t.Errorf("%s{decision=\"allow\"} = %v, want 1", proxy.MetricSNIMismatches, got)
	}
}
