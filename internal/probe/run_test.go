package probe_test

import (
	"context"
	"crypto/tls"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/probe"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
	"github.com/tlsfloor/tlsfloor/internal/tlslab"
)

// goEndpoints starts n Go servers and returns endpoints for them.
func goEndpoints(t testing.TB, n int) []probe.Endpoint {
	ca := testpki.New(t)
	eps := make([]probe.Endpoint, n)
	for i := range eps {
		eps[i] = probe.Endpoint{Address: tlslab.GoTLS(t, ca, &tls.Config{})}
	}
	return eps
}

// runAll runs eps and returns the results by address, failing on a
// duplicate or on emit calls that overlap.
func runAll(t *testing.T, ctx context.Context, eps []probe.Endpoint, opts probe.Options) map[string]probe.Result {
	t.Helper()
	got := map[string]probe.Result{}
	var inEmit atomic.Int32
	probe.Run(ctx, eps, opts, func(r probe.Result) {
		if inEmit.Add(1) != 1 {
			t.Error("emit called concurrently")
		}
		defer inEmit.Add(-1)
		if _, dup := got[r.Address]; dup {
			t.Errorf("%s emitted twice", r.Address)
		}
		got[r.Address] = r
	})
	if len(got) != len(eps) {
		t.Errorf("%d results for %d endpoints", len(got), len(eps))
	}
	return got
}

func TestRunEmitsEveryEndpoint(t *testing.T) {
	eps := goEndpoints(t, 6)
	start := time.Now()
	got := runAll(t, context.Background(), eps, probe.Options{Concurrency: 3, PerIP: 3})
	t.Logf("6 endpoints in %v", time.Since(start).Round(time.Millisecond))
	for addr, r := range got {
		if len(r.AcceptedVersions) != 2 || len(r.Errors) != 0 {
			t.Errorf("%s: accepted %v, errors %q", addr, r.AcceptedVersions, r.Errors)
		}
	}
}

// countingDial counts the connections open at once across all endpoints.
type countingDial struct {
	mu        sync.Mutex
	open, max int
}

func (d *countingDial) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	d.open++
	d.max = max(d.max, d.open)
	d.mu.Unlock()
	return &countedConn{Conn: c, d: d}, nil
}

type countedConn struct {
	net.Conn
	d    *countingDial
	once sync.Once
}

func (c *countedConn) Close() error {
	c.once.Do(func() { c.d.mu.Lock(); c.d.open--; c.d.mu.Unlock() })
	return c.Conn.Close()
}

// TestRunPerIPCap: endpoints with their own dialer count per host name;
// one endpoint has at most EndpointParallel connections open at once, so
// the connections open at once never exceed the cap times the host names
// times that.
func TestRunPerIPCap(t *testing.T) {
	tests := []struct {
		name     string
		hosts    []string
		perIP    int
		parallel int
		wantMax  int
	}{
		{name: "one host, cap 1", hosts: []string{"127.0.0.1"}, perIP: 1, parallel: 1, wantMax: 1},
		{name: "two hosts, cap 1", hosts: []string{"127.0.0.1", "localhost"}, perIP: 1, parallel: 1, wantMax: 2},
		{name: "one host, cap 2", hosts: []string{"127.0.0.1"}, perIP: 2, parallel: 1, wantMax: 2},
		{name: "one host, cap 1, parallel 3", hosts: []string{"127.0.0.1"}, perIP: 1, parallel: 3, wantMax: 3},
		{name: "two hosts, cap 2, default parallel", hosts: []string{"127.0.0.1", "localhost"}, perIP: 2, wantMax: 2 * 2 * 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &countingDial{}
			eps := goEndpoints(t, 6)
			for i := range eps {
				_, port, _ := net.SplitHostPort(eps[i].Address)
				eps[i].Address = net.JoinHostPort(tt.hosts[i%len(tt.hosts)], port)
				eps[i].Dial = d.dial
			}
			runAll(t, context.Background(), eps, probe.Options{Concurrency: 8, PerIP: tt.perIP, EndpointParallel: tt.parallel})
			if d.max > tt.wantMax {
				t.Errorf("%d connections open at once, cap %d", d.max, tt.wantMax)
			}
		})
	}
}

// TestRunRateLimit: n connections at rate r with a burst of 1 take at
// least (n-1)/r.
func TestRunRateLimit(t *testing.T) {
	const rate = 200
	eps := goEndpoints(t, 2)
	start := time.Now()
	got := runAll(t, context.Background(), eps, probe.Options{Rate: rate, Burst: 1})
	elapsed, conns := time.Since(start), 0
	for _, r := range got {
		conns += r.Connections
	}
	if min := time.Duration(conns-1) * time.Second / rate; elapsed < min*9/10 {
		t.Errorf("%d connections in %v at %d/s, want at least %v", conns, elapsed, rate, min)
	}
}

func TestRunCanceled(t *testing.T) {
	eps := append(goEndpoints(t, 3), probe.Endpoint{Address: "no port"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	got := runAll(t, ctx, eps, probe.Options{})
	for addr, r := range got {
		if len(r.Errors) == 0 || r.Connections != 0 {
			t.Errorf("%s: %d connections, errors %q; want none and an error", addr, r.Connections, r.Errors)
		}
	}
	if r := got["no port"]; len(r.Errors) == 0 || !strings.Contains(r.Errors[0], "address") {
		t.Errorf("bad address: errors %q", r.Errors)
	}
}

// TestProbeHostName resolves a host name once, pins the IP, and sends
// and verifies the name.
func TestProbeHostName(t *testing.T) {
	ca := testpki.New(t)
	_, port, _ := net.SplitHostPort(tlslab.GoTLS(t, ca, &tls.Config{}))
	r := probe.Probe(context.Background(), probe.Endpoint{Target: "lab", Address: net.JoinHostPort("localhost", port)}, probe.Options{Roots: ca.Pool()})
	if r.Target != "lab" || r.IP != "127.0.0.1" || r.ServerName != "localhost" || r.Certificate == nil || !r.Certificate.Trusted || len(r.Errors) > 0 {
		t.Errorf("target %q, IP %q, name %q, certificate %+v, errors %q", r.Target, r.IP, r.ServerName, r.Certificate, r.Errors)
	}
}
