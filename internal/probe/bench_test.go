package probe_test

import (
	"context"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/probe"
)

// BenchmarkProbe probes a default crypto/tls server on loopback: versions,
// suites, groups and one full handshake per iteration.
func BenchmarkProbe(b *testing.B) {
	ep := goEndpoints(b, 1)[0]
	conns := 0
	for b.Loop() {
		r := probe.Probe(context.Background(), ep, probe.Options{})
		if len(r.Errors) > 0 {
			b.Fatalf("errors: %q", r.Errors)
		}
		conns = r.Connections
	}
	b.ReportMetric(float64(conns), "conns/op")
}
