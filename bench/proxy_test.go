//go:build unix

package bench

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/proxy"
	"github.com/tlsfloor/tlsfloor/internal/proxy/proxytest"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
)

// proxyBenchPlan sizes one run of TestProxyPeers.
type proxyBenchPlan struct {
	reps       int           // interleaved repetitions; medians are reported
	rateFor    time.Duration // how long each tunnels-per-second run lasts
	setupN     int           // tunnels opened one at a time for the p50
	bulkBytes  int64         // bytes sent through one tunnel
	concurrent int           // tunnels opened at a time for the rate
}

var (
	proxyBenchFull  = proxyBenchPlan{reps: 3, rateFor: 3 * time.Second, setupN: 400, bulkBytes: 512 << 20, concurrent: 16}
	proxyBenchShort = proxyBenchPlan{reps: 1, rateFor: 200 * time.Millisecond, setupN: 10, bulkBytes: 4 << 20, concurrent: 16}
)

// TestProxyPeers measures, in one run on loopback, new tunnels per second
// (CONNECT and a full TLS handshake, 16 at a time), the p50 time to set up
// one tunnel (one at a time) and bulk throughput through one tunnel:
// directly, through the tlsfloor proxy and through smokescreen. It prints
// a Markdown table with each proxy's ratio to direct. With TLSFLOOR_BENCH=1
// tlsfloor runs as its own process ("tlsfloor proxy", built here) like
// smokescreen, three times interleaved:
//
//	GOBIN=/tmp/smokebin go install github.com/stripe/smokescreen@v0.1.0
//	TLSFLOOR_BENCH=1 TLSFLOOR_BENCH_SMOKESCREEN_BIN=/tmp/smokebin/smokescreen go test ./bench -run TestProxyPeers -v -timeout 20m
//
// Without it, a short run goes through an in-process tlsfloor proxy only,
// to check that the driver works; its numbers mean nothing.
func TestProxyPeers(t *testing.T) {
	full := os.Getenv(benchEnv) == "1"
	plan := proxyBenchShort
	if full {
		plan = proxyBenchFull
	}
	ca := testpki.New(t)
	dest := startProxyDest(t, ca)
	routes := []proxyRoute{{name: "direct"}, startTlsfloorProxy(t, full)}
	if full {
		routes = append(routes, startFloorProxy(t))
		if bin := smokescreenBin(t); bin != "" {
			routes = append(routes, startSmokescreen(t, bin))
		}
	}
	cfg := &tls.Config{RootCAs: ca.Pool(), ServerName: "127.0.0.1"}
	results := make([][]proxyResult, len(routes))
	for rep := range plan.reps {
		for i, r := range routes {
			res, err := r.measure(dest, cfg, plan)
			if err != nil {
				t.Fatalf("%s, run %d: %v", r.name, rep+1, err)
			}
			results[i] = append(results[i], res)
		}
	}
	fmt.Printf("\n%s on %s, load average %s\n\n", time.Now().Format("2006-01-02"), machine(), loadAverage())
	writeProxyTable(os.Stdout, routes, results)
}

// proxyResult is one run's numbers for one route.
type proxyResult struct {
	tunnelsPerSec float64
	setupP50      time.Duration
	bulkMBps      float64
	cpuPerTunnel  time.Duration // the proxy process's CPU time per tunnel in the rate run; 0 if unknown
}

// proxyRoute is a way to the destination: directly, or through the proxy
// at addr, which runs as process pid when pid is not 0.
type proxyRoute struct {
	name string
	addr string // "" for direct
	pid  int
}

func (r proxyRoute) measure(dest string, cfg *tls.Config, plan proxyBenchPlan) (proxyResult, error) {
	var res proxyResult
	var err error
	cpu0 := processCPU(r.pid)
	n, d, err := r.rate(dest, cfg, plan.concurrent, plan.rateFor)
	if err != nil {
		return res, fmt.Errorf("tunnels per second: %w", err)
	}
	res.tunnelsPerSec = float64(n) / d.Seconds()
	if cpu1 := processCPU(r.pid); cpu0 > 0 && n > 0 {
		res.cpuPerTunnel = (cpu1 - cpu0) / time.Duration(n)
	}
	if res.setupP50, err = r.setupP50(dest, cfg, plan.setupN); err != nil {
		return res, fmt.Errorf("setup: %w", err)
	}
	if res.bulkMBps, err = r.bulk(dest, cfg, plan.bulkBytes); err != nil {
		return res, fmt.Errorf("bulk: %w", err)
	}
	return res, nil
}

// open sets up one tunnel to dest and completes a full TLS handshake in
// it.
func (r proxyRoute) open(dest string, cfg *tls.Config) (*tls.Conn, error) {
	target := dest
	if r.addr != "" {
		target = r.addr
	}
	raw, err := net.Dial("tcp", target)
	if err != nil {
		return nil, err
	}
	c := raw
	if r.addr != "" {
		if c, err = proxyConnect(raw, dest); err != nil {
			raw.Close()
			return nil, err
		}
	}
	tc := tls.Client(c, cfg)
	if err := tc.Handshake(); err != nil {
		tc.Close()
		return nil, err
	}
	return tc, nil
}

// proxyConnect asks the proxy on c for a tunnel to dest and returns the
// connection to use for it.
func proxyConnect(c net.Conn, dest string) (net.Conn, error) {
	if _, err := fmt.Fprintf(c, "CONNECT %s HTTP/1.1\r\nHost: %s\r\n\r\n", dest, dest); err != nil {
		return nil, err
	}
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, &http.Request{Method: http.MethodConnect})
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("CONNECT %s: %s", dest, resp.Status)
	}
	if br.Buffered() > 0 {
		return &bufferedConn{Conn: c, r: br}, nil
	}
	return c, nil
}

// bufferedConn reads what the proxy's reader already holds first.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *bufferedConn) Read(b []byte) (int, error) { return c.r.Read(b) }

// quick runs one short tunnel: handshake, a "q" that makes the server
// close first (leaving TIME_WAIT on its side), and the close.
func (r proxyRoute) quick(dest string, cfg *tls.Config) error {
	tc, err := r.open(dest, cfg)
	if err != nil {
		return err
	}
	defer tc.Close()
	if _, err := tc.Write([]byte{'q'}); err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, tc)
	return err
}

// rate opens tunnels with n workers for d and returns how many it opened
// in how long.
func (r proxyRoute) rate(dest string, cfg *tls.Config, n int, d time.Duration) (int64, time.Duration, error) {
	var done atomic.Int64
	var firstErr atomic.Value
	stop := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for time.Now().Before(stop) {
				if err := r.quick(dest, cfg); err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
				done.Add(1)
			}
		})
	}
	wg.Wait()
	if err, _ := firstErr.Load().(error); err != nil {
		return 0, 0, err
	}
	return done.Load(), time.Since(start), nil
}

// processCPU returns the user and system CPU time process pid has used,
// from /proc/PID/stat (fields 14 and 15, in clock ticks of 10 ms, the
// USER_HZ of Linux on x86 and arm64); 0 for pid 0 or when unreadable.
func processCPU(pid int) time.Duration {
	if pid == 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name, field 2, is in parentheses and may hold spaces.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// setupP50 opens n tunnels one after another and returns the median time
// from dial to completed handshake.
func (r proxyRoute) setupP50(dest string, cfg *tls.Config, n int) (time.Duration, error) {
	times := make([]time.Duration, 0, n)
	for range n {
		start := time.Now()
		tc, err := r.open(dest, cfg)
		if err != nil {
			return 0, err
		}
		times = append(times, time.Since(start))
		tc.Write([]byte{'q'})
		io.Copy(io.Discard, tc)
		tc.Close()
	}
	slices.Sort(times)
	return times[len(times)/2], nil
}

// bulk has the server send size bytes through one tunnel and returns the
// rate in MB/s (10^6 bytes), handshake excluded.
func (r proxyRoute) bulk(dest string, cfg *tls.Config, size int64) (float64, error) {
	tc, err := r.open(dest, cfg)
	if err != nil {
		return 0, err
	}
	defer tc.Close()
	start := time.Now()
	if _, err := fmt.Fprintf(tc, "b%d\n", size); err != nil {
		return 0, err
	}
	n, err := io.Copy(io.Discard, tc)
	if err != nil {
		return 0, err
	}
	if n != size {
		return 0, fmt.Errorf("received %d bytes, want %d", n, size)
	}
	return float64(n) / 1e6 / time.Since(start).Seconds(), nil
}

// startProxyDest starts the loopback TLS destination: after the handshake
// it reads a command, "q" (close) or "b<size>\n" (send size bytes, then
// close), and closes first either way.
func startProxyDest(t *testing.T, ca *testpki.CA) string {
	t.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{ca.Leaf(t, testpki.ECDSA)}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go serveProxyDest(c)
		}
	}()
	return ln.Addr().String()
}

// proxyBulkChunk is what the destination writes, over and over.
var proxyBulkChunk = make([]byte, 64<<10)

func serveProxyDest(c net.Conn) {
	defer c.Close()
	br := bufio.NewReader(c)
	cmd, err := br.ReadByte()
	if err != nil || cmd != 'b' {
		return
	}
	var size int64
	if _, err := fmt.Fscanf(br, "%d\n", &size); err != nil {
		return
	}
	for size > 0 {
		n, err := c.Write(proxyBulkChunk[:min(int64(len(proxyBulkChunk)), size)])
		if err != nil {
			return
		}
		size -= int64(n)
	}
}

// startTlsfloorProxy starts the tlsfloor proxy with 127.0.0.1/32 allowed:
// as its own process (the command, built here) when process is set, else
// in this process.
func startTlsfloorProxy(t *testing.T, process bool) proxyRoute {
	t.Helper()
	if !process {
		return proxyRoute{name: "tlsfloor", addr: startInProcessProxy(t)}
	}
	bin := filepath.Join(t.TempDir(), "tlsfloor")
	build := exec.Command("go", "build", "-o", bin, "github.com/tlsfloor/tlsfloor/cmd/tlsfloor")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	addr := "127.0.0.1:" + proxyFreePort(t)
	pid := startProxyProcess(t, "tlsfloor", addr, nil, bin, "proxy", "--listen", addr, "--allow", "127.0.0.1/32")
	return proxyRoute{name: "tlsfloor", addr: addr, pid: pid}
}

func startInProcessProxy(t *testing.T) string {
	t.Helper()
	_, addr := proxytest.Start(t, proxy.Options{Allow: []proxy.Pattern{{Prefix: netip.MustParsePrefix("127.0.0.1/32")}}}, io.Discard)
	return addr
}

// smokescreenBin returns smokescreen's path: TLSFLOOR_BENCH_SMOKESCREEN_BIN,
// or smokescreen on PATH; "" when neither is there.
func smokescreenBin(t *testing.T) string {
	if b := os.Getenv("TLSFLOOR_BENCH_SMOKESCREEN_BIN"); b != "" {
		return b
	}
	if b, err := exec.LookPath("smokescreen"); err == nil {
		return b
	}
	t.Log("smokescreen not found (GOBIN=/tmp/smokebin go install github.com/stripe/smokescreen@v0.1.0, then TLSFLOOR_BENCH_SMOKESCREEN_BIN=/tmp/smokebin/smokescreen): its column is left out")
	return ""
}

// startSmokescreen starts smokescreen on 127.0.0.1, with 127.0.0.1/32 let
// through its private-range check.
func startSmokescreen(t *testing.T, bin string) proxyRoute {
	t.Helper()
	port := proxyFreePort(t)
	addr := "127.0.0.1:" + port
	pid := startProxyProcess(t, "smokescreen", addr, nil, bin, "--listen-ip", "127.0.0.1", "--listen-port", port, "--allow-range", "127.0.0.1/32")
	return proxyRoute{name: "smokescreen", addr: addr, pid: pid}
}

// startProxyProcess runs a proxy, with env added to its environment and
// its output in a file of the test's temporary directory, waits until it
// accepts connections on addr, stops it with SIGTERM at cleanup, and
// returns its process ID.
func startProxyProcess(t *testing.T, name, addr string, env []string, bin string, args ...string) int {
	t.Helper()
	logFile, err := os.Create(filepath.Join(t.TempDir(), name+".log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		logFile.Close()
	})
	if err := waitAccepting(addr, 10*time.Second); err != nil {
		out, _ := os.ReadFile(logFile.Name())
		t.Fatalf("%s did not start: %v\n%s", name, err, out)
	}
	return cmd.Process.Pid
}

// waitAccepting dials addr until it answers, for at most d.
func waitAccepting(addr string, d time.Duration) error {
	var err error
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var c net.Conn
		if c, err = net.Dial("tcp", addr); err == nil {
			return c.Close()
		}
	}
	return err
}

// proxyFreePort returns a loopback port that was free a moment ago.
func proxyFreePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

// loadAverage returns the 1, 5 and 15 minute load averages.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// writeProxyTable prints each route's medians and, for the proxies, their
// ratios to direct per run.
func writeProxyTable(w io.Writer, routes []proxyRoute, results [][]proxyResult) {
	fmt.Fprintln(w, "| route | tunnels/s (16 at a time) | p50 setup (ms) | bulk (MB/s) | proxy CPU per tunnel (µs) | tunnels/s vs direct | added p50 setup (ms) | bulk vs direct |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	direct := results[0]
	for i, r := range routes {
		med := medianResult(results[i])
		row := fmt.Sprintf("| %s | %.0f | %.3f | %.0f | %s |", r.name, med.tunnelsPerSec, ms(med.setupP50), med.bulkMBps, cpuCell(med.cpuPerTunnel))
		if i == 0 {
			fmt.Fprintln(w, row+" | | |")
			continue
		}
		var rate, setup, bulk []string
		for j, res := range results[i] {
			rate = append(rate, fmt.Sprintf("%.2f", res.tunnelsPerSec/direct[j].tunnelsPerSec))
			setup = append(setup, fmt.Sprintf("%+.3f", ms(res.setupP50)-ms(direct[j].setupP50)))
			bulk = append(bulk, fmt.Sprintf("%.2f", res.bulkMBps/direct[j].bulkMBps))
		}
		fmt.Fprintf(w, "%s %s | %s | %s |\n", row, strings.Join(rate, ", "), strings.Join(setup, ", "), strings.Join(bulk, ", "))
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// cpuCell renders a CPU time per tunnel in microseconds, blank if unknown.
func cpuCell(d time.Duration) string {
	if d == 0 {
		return ""
	}
	return fmt.Sprintf("%.0f", float64(d)/float64(time.Microsecond))
}

// medianResult takes the median of each number over the runs.
func medianResult(rs []proxyResult) proxyResult {
	pick := func(f func(proxyResult) float64) float64 {
		v := make([]float64, len(rs))
		for i, r := range rs {
			v[i] = f(r)
		}
		sort.Float64s(v)
		return v[len(v)/2]
	}
	return proxyResult{
		tunnelsPerSec: pick(func(r proxyResult) float64 { return r.tunnelsPerSec }),
		setupP50:      time.Duration(pick(func(r proxyResult) float64 { return float64(r.setupP50) })),
		bulkMBps:      pick(func(r proxyResult) float64 { return r.bulkMBps }),
		cpuPerTunnel:  time.Duration(pick(func(r proxyResult) float64 { return float64(r.cpuPerTunnel) })),
	}
}
