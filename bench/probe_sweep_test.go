package bench

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/probe"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
)

// sweepSize is the number of endpoints of the sweep benchmark.
const sweepSize = 1000

// sweepConcurrency is how many endpoints the sweep probes at once, all on
// 127.0.0.1, so the per-IP cap is set to the same.
var sweepConcurrency = []int{50, 100, 200}

// BenchmarkSweep1000 sweeps 1,000 Go crypto/tls listeners on 127.0.0.1,
// served by this process, with probe.Run in versions-only mode (one
// connection per version, five per endpoint) at several concurrencies.
// The metrics are the sweep's wall time and endpoints per second; every
// endpoint must come out with TLS 1.2 and 1.3 and no error.
//
//	go test ./bench -run '^$' -bench Sweep1000 -benchtime 5x
func BenchmarkSweep1000(b *testing.B) {
	raiseFDLimit(b, fdsNeeded(sweepSize, slices.Max(sweepConcurrency)))
	eps := sweepListeners(b, sweepSize)
	for _, c := range sweepConcurrency {
		b.Run(fmt.Sprintf("concurrency=%d", c), func(b *testing.B) {
			for b.Loop() {
				if err := sweep(eps, c); err != nil {
					b.Fatal(err)
				}
			}
			per := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(per, "s/sweep")
			b.ReportMetric(float64(len(eps))/per, "endpoints/s")
		})
	}
}

// TestSweep runs a small sweep, so that the benchmark's harness is
// tested with the quick tests.
func TestSweep(t *testing.T) {
	eps := sweepListeners(t, 40)
	start := time.Now()
	if err := sweep(eps, 20); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d endpoints in %v", len(eps), time.Since(start).Round(time.Millisecond))
}

// fdsNeeded is the open files a sweep of n listeners at concurrency c
// needs: the listeners, both ends of each connection in flight, and a
// margin for the rest of the process.
func fdsNeeded(n, c int) uint64 { return uint64(n + 2*c + 256) }

// sweep probes eps in versions-only mode, c at once, and checks that
// each accepts TLS 1.2 and 1.3 alone, found in five connections.
func sweep(eps []probe.Endpoint, c int) error {
	opts := probe.Options{VersionsOnly: true, Concurrency: c, PerIP: c}
	var bad []string
	n := 0
	probe.Run(context.Background(), eps, opts, func(r probe.Result) {
		n++
		if !slices.Equal(r.AcceptedVersions, []string{"TLS 1.2", "TLS 1.3"}) || r.Connections != 5 || len(r.Errors) > 0 {
			bad = append(bad, fmt.Sprintf("%s: accepted %v in %d connections, errors %q", r.Address, r.AcceptedVersions, r.Connections, r.Errors))
		}
	})
	if n != len(eps) || len(bad) > 0 {
		return fmt.Errorf("%d results for %d endpoints, %d wrong; first: %v", n, len(eps), len(bad), bad[:min(3, len(bad))])
	}
	return nil
}

// sweepListeners starts n TLS listeners on 127.0.0.1 with crypto/tls's
// defaults (TLS 1.2 and 1.3) and one ECDSA certificate, each handshake
// bounded to 5 s. At cleanup the listeners close and every handler is
// waited for.
func sweepListeners(tb testing.TB, n int) []probe.Endpoint {
	tb.Helper()
	ca := testpki.New(tb)
	cfg := &tls.Config{Certificates: []tls.Certificate{ca.Leaf(tb, testpki.ECDSA)}}
	var wg sync.WaitGroup
	eps := make([]probe.Endpoint, n)
	lns := make([]net.Listener, 0, n)
	tb.Cleanup(func() {
		for _, ln := range lns {
			ln.Close()
		}
		wg.Wait()
	})
	for i := range eps {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			tb.Fatalf("listener %d of %d: %v", i+1, n, err)
		}
		lns = append(lns, ln)
		wg.Go(func() { acceptTLS(ln, cfg, &wg) })
		eps[i] = probe.Endpoint{Address: ln.Addr().String()}
	}
	return eps
}

// acceptTLS serves ln until it is closed: each connection gets one
// handshake, bounded to 5 s, and is closed.
func acceptTLS(ln net.Listener, cfg *tls.Config, wg *sync.WaitGroup) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		wg.Go(func() {
			defer c.Close()
			c.SetDeadline(time.Now().Add(5 * time.Second))
			tls.Server(c, cfg).Handshake()
		})
	}
}
