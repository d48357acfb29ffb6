//go:build unix

package bench

import (
	"context"
	"crypto/tls"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/probe"
	"github.com/tlsfloor/tlsfloor/internal/probe/lab"
)

// benchEnv turns on the peer comparison, which takes minutes.
const benchEnv = "TLSFLOOR_BENCH"

// peerBudget bounds the whole comparison: peers not started by then are
// reported as skipped. Each peer run has its own timeout besides.
const peerBudget = 8 * time.Minute

// tlsfloorRuns is how many times tlsfloor probes each server, half just
// before the peers and half just after them, so that a burst of load from
// elsewhere on the machine does not decide its time; the median wall time
// is reported. Peers run once each.
const tlsfloorRuns = 7

// TestProbePeers probes lab servers with tlsfloor's engine in-process
// and with each peer binary installed (sslscan, nmap's ssl-enum-ciphers,
// testssl.sh), one after another, and prints a Markdown table of wall
// times, ratios to tlsfloor and whether each tool got the server's
// versions and groups right, then a summary against the goals. It runs
// only with TLSFLOOR_BENCH=1:
//
//	TLSFLOOR_BENCH=1 go test ./bench -run TestProbePeers -v -timeout 20m
func TestProbePeers(t *testing.T) {
	if os.Getenv(benchEnv) != "1" {
		t.Skipf("the peer comparison takes minutes; set %s=1 to run it", benchEnv)
	}
	printPeers()
	startLoad := loadNow()
	deadline := time.Now().Add(peerBudget)
	var rows []row
	for _, spec := range peerLab() {
		t.Run(spec.Name, func(t *testing.T) {
			srv := spec.Start(t)
			var walls []time.Duration
			timeProbes(srv, tlsfloorRuns/2, &walls)
			var peerRows []row
			for _, p := range peers {
				peerRows = append(peerRows, p.run(t, srv, deadline))
			}
			r := timeProbes(srv, tlsfloorRuns-tlsfloorRuns/2, &walls)
			rows = append(append(rows, tlsfloorRow(srv, r, walls)), peerRows...)
		})
	}
	fmt.Printf("\n%s on %s; load average %s at the start, %s at the end\n\n", time.Now().Format("2006-01-02"), machine(), startLoad, loadNow())
	writeTable(os.Stdout, rows)
	fmt.Println()
	for _, s := range summary(rows) {
		fmt.Println("- " + s)
	}
}

// printPeers prints each peer's package version, or that it is missing.
func printPeers() {
	for _, p := range peers {
		v := p.installed()
		if v == "" {
			v = "not installed"
		}
		fmt.Printf("peer %s (Debian package %s): %s\n", p.tool, p.pkg, v)
	}
}

// machine describes the machine: CPUs and kernel.
func machine() string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if name, ok := strings.CutPrefix(line, "model name"); ok {
				model = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
				break
			}
		}
	}
	return fmt.Sprintf("%d x %s", runtime.NumCPU(), model)
}

// peerLab lists the lab servers of the comparison: the lab's own, and a
// Go server with crypto/tls's seven default groups, three of them
// post-quantum hybrids.
func peerLab() []lab.Spec {
	names := []string{
		"openssl-tls12", "openssl-seclevel0", "openssl-legacy", "openssl-tls13", "openssl-sha1",
		"nginx-modern", "haproxy-modern", "go-x25519mlkem768", "go-x25519",
	}
	var specs []lab.Spec
	for _, s := range lab.All() {
		if slices.Contains(names, s.Name) {
			specs = append(specs, s)
		}
	}
	return append(specs, lab.Spec{Name: "go-default-groups", Start: goDefaultGroups})
}

// goDefaultGroups accepts TLS 1.2 and 1.3 with an ECDSA key and every
// group crypto/tls has: three hybrids in TLS 1.3, four curves in both.
func goDefaultGroups(t testing.TB) lab.Server {
	return lab.Go(t, "go-default-groups", lab.GoConfig{
		Min: tls.VersionTLS12, Max: tls.VersionTLS13, Key: lab.ECDSA,
		Groups: []tls.CurveID{
			tls.X25519MLKEM768, tls.SecP256r1MLKEM768, tls.SecP384r1MLKEM1024,
			tls.X25519, tls.CurveP256, tls.CurveP384, tls.CurveP521,
		},
		Suites: []uint16{
			tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
			tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
			tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, tls.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
		},
	})
}

// fullProbe is one full tlsfloor probe of srv: versions, suites, groups
// and certificate, trusting the server's lab CA.
func fullProbe(srv lab.Server) probe.Result {
	ep := probe.Endpoint{Address: srv.Addr, ServerName: "localhost"}
	return probe.Probe(context.Background(), ep, probe.Options{Roots: srv.CAPool})
}

// loadNow is the first three fields of /proc/loadavg, or "unknown".
func loadNow() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "unknown"
}

// timeProbes probes srv n times, adds each wall time to walls, and
// returns the last result.
func timeProbes(srv lab.Server, n int, walls *[]time.Duration) probe.Result {
	var r probe.Result
	for range n {
		start := time.Now()
		r = fullProbe(srv)
		*walls = append(*walls, time.Since(start))
	}
	return r
}

// tlsfloorRow judges tlsfloor's result r; the row's time is the median of
// walls.
func tlsfloorRow(srv lab.Server, r probe.Result, walls []time.Duration) row {
	slices.Sort(walls)
	wall := walls[len(walls)/2]
	f, err := fromResult(r)
	if err != nil {
		return failed(srv.Name, toolTlsfloor, wall, err.Error())
	}
	out := judged(srv.Name, toolTlsfloor, wall, f, srv.Expect)
	out.note = fmt.Sprintf("%d connections, median of %d runs", r.Connections, tlsfloorRuns)
	if len(r.Errors) > 0 {
		out.note += "; errors: " + strings.Join(r.Errors, "; ")
	}
	if r.Certificate == nil {
		out.note += "; no certificate"
	}
	return out
}

// BenchmarkProbeLab runs tlsfloor's full probe (versions, suites, groups,
// certificate) against each server of the comparison; servers whose
// program is missing are skipped.
//
//	go test ./bench -run '^$' -bench ProbeLab -benchtime 5x
func BenchmarkProbeLab(b *testing.B) {
	for _, spec := range peerLab() {
		b.Run(spec.Name, func(b *testing.B) {
			srv := spec.Start(b)
			conns := 0
			for b.Loop() {
				conns = fullProbe(srv).Connections
			}
			b.ReportMetric(float64(conns), "conns/op")
		})
	}
}
