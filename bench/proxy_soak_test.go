//go:build linux

package bench

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"runtime"
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

// Soak sizes. The default run is small enough for CI under the race
// detector; TLSFLOOR_BENCH=1 runs the full 10,000 tunnels, and
// TLSFLOOR_SOAK_TUNNELS sets any number.
const (
	soakTunnelsDefault = 1000
	soakTunnelsFull    = 10000
	soakSlow           = 50 // slowloris CONNECT headers, and as many trickled hellos
	soakBudget         = 3 * time.Minute
	soakSlowTimeout    = 2 * time.Second // the proxy's header and hello timeouts
	// soakFDsPerTunnel is what the proxy holds per tunnel: the client's
	// and the destination's sockets, and a pipe (two descriptors) for each
	// direction's splice(2), which io.Copy between TCP connections uses.
	soakFDsPerTunnel = 6
)

// soakRoleEnv tells a helper process which side it plays.
const soakRoleEnv = "TLSFLOOR_SOAK_ROLE"

// TestProxySoak holds many tunnels open at once through an in-process
// proxy, with slow clients besides, and checks that nothing is left
// behind: every tunnel carried data, the proxy cut every slow client at
// its header or hello timeout, and after Shutdown this process has as many
// open files and goroutines as before. The clients and the TLS destination
// run in two helper processes, so that the open-file limit of this one
// counts the proxy's descriptors only (soakFDsPerTunnel). Half the tunnels are
// closed by their clients; Shutdown's drain deadline closes the others.
func TestProxySoak(t *testing.T) {
	n := soakTunnels(t)
	need := uint64(soakFDsPerTunnel*n + 4*soakSlow + 256)
	raiseSoakFDLimit(t, need)
	ctx, cancel := context.WithTimeout(t.Context(), soakBudget)
	defer cancel()
	soakWarmUp(t)
	baseFDs, baseG := countFDs(t), runtime.NumGoroutine()

	t0 := time.Now()
	s := newSoak(t, n)
	dest := s.startHelper(ctx, "dest")
	destAddr := strings.TrimPrefix(dest.line(t, "addr "), "addr ")
	srv, ln := s.startProxy(t)
	slow := startSlowClients(t, ln.Addr().String(), destAddr)
	client := s.startHelper(ctx, "client", "PROXY="+ln.Addr().String(), "DEST="+destAddr)
	start := time.Now()
	t.Logf("proxy and helpers started in %v", start.Sub(t0).Round(time.Millisecond))
	if got := client.line(t, "opened "); got != fmt.Sprintf("opened %d failed 0", n) {
		t.Fatalf("client helper: %s, want all %d tunnels opened", got, n)
	}
	t.Logf("%d tunnels open after %v; open files %d", n, time.Since(start).Round(time.Millisecond), countFDs(t))
	if cut := slow.wait(ctx); cut != 2*soakSlow {
		t.Errorf("the proxy cut %d of %d slow clients", cut, 2*soakSlow)
	}
	client.send(t, "close-half")
	client.line(t, "closed-half")
	s.shutdown(srv)
	t.Logf("shut down after %v", time.Since(start).Round(time.Millisecond))
	if got := client.line(t, "remote-closed "); got != fmt.Sprintf("remote-closed %d", n-n/2) {
		t.Errorf("client helper: %s, want the %d open tunnels closed by Shutdown", got, n-n/2)
	}
	client.stop(t)
	dest.stop(t)
	t.Logf("helpers stopped after %v", time.Since(start).Round(time.Millisecond))
	s.checkLog(t)
	checkNoGrowth(t, baseFDs, baseG)
}

// soakTunnels returns how many tunnels to hold open.
func soakTunnels(t *testing.T) int {
	n := soakTunnelsDefault
	if os.Getenv(benchEnv) == "1" {
		n = soakTunnelsFull
	}
	if v := os.Getenv("TLSFLOOR_SOAK_TUNNELS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 2 {
			t.Fatalf("TLSFLOOR_SOAK_TUNNELS=%q: want a number of tunnels, at least 2", v)
		}
	}
	if raceEnabled && n > 2000 {
		t.Skipf("%d tunnels need more goroutines than the race detector allows (8128); run without -race", n)
	}
	return n
}

// raiseSoakFDLimit raises the soft limit on open files to need, and the
// hard one too when the process may; it skips the test when it cannot.
func raiseSoakFDLimit(t *testing.T, need uint64) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatalf("getrlimit: %v", err)
	}
	if lim.Cur >= need {
		return
	}
	old, want := lim, syscall.Rlimit{Cur: need, Max: max(lim.Max, need)}
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &want); err != nil {
		t.Skipf("the soak needs %d open files; soft limit %d, hard limit %d, and raising it failed (%v): raise the hard limit (ulimit -Hn) or set TLSFLOOR_SOAK_TUNNELS lower", need, lim.Cur, lim.Max, err)
	}
	t.Logf("raised the limit on open files from %d/%d to %d/%d", old.Cur, old.Max, want.Cur, want.Max)
	t.Cleanup(func() { syscall.Setrlimit(syscall.RLIMIT_NOFILE, &old) })
}

// soakWarmUp makes one loopback connection, so that the runtime's network
// poller is set up before the counts are taken.
func soakWarmUp(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	s, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	c.Close()
	ln.Close()
}

// countFDs counts this process's open file descriptors.
func countFDs(t *testing.T) int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

// checkNoGrowth waits, for at most 30 seconds, until the open files and
// goroutines are back to their counts before the soak, and fails with
// what is left if they are not. It runs the garbage collector as it
// waits: io.Copy between TCP connections splices through pipes that the
// net package pools, and the pool's pipes are closed by finalizers after
// a collection, not when the connections close.
func checkNoGrowth(t *testing.T, fds, goroutines int) {
	t.Helper()
	var nowFDs, nowG int
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		runtime.GC() // frees the pipes pooled for splice(2), closed by finalizers
		nowFDs, nowG = countFDs(t), runtime.NumGoroutine()
		if nowFDs <= fds && nowG <= goroutines {
			t.Logf("open files %d (before %d), goroutines %d (before %d)", nowFDs, fds, nowG, goroutines)
			return
		}
	}
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	t.Fatalf("after Shutdown: %d open files (before %d), %d goroutines (before %d); goroutines:\n%s", nowFDs, fds, nowG, goroutines, buf)
}

// soak is one run: its CA files, its size and the proxy's log.
type soak struct {
	t                     *testing.T
	n                     int
	certFile, keyFile, ca string
	log                   proxytest.LogSink
}

func newSoak(t *testing.T, n int) *soak {
	ca := testpki.New(t)
	cert, key, caFile := ca.Files(t, ca.Leaf(t, testpki.ECDSA))
	return &soak{t: t, n: n, certFile: cert, keyFile: key, ca: caFile}
}

// startProxy starts the proxy with room for every tunnel and slow client,
// and short header and hello timeouts.
func (s *soak) startProxy(t *testing.T) (*proxy.Server, net.Listener) {
	opts := proxy.Options{
		Allow: []proxy.Pattern{{Prefix: netip.MustParsePrefix("127.0.0.1/32")}},
		Limits: proxy.Limits{
			MaxConns: s.n + 2*soakSlow + 16, HeaderTimeout: soakSlowTimeout, HelloTimeout: soakSlowTimeout,
		},
	}
	srv, err := proxy.New(opts, slog.New(slog.NewJSONHandler(&s.log, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	return srv, ln
}

// shutdown drains for a second, then lets Shutdown close what is open.
func (s *soak) shutdown(srv *proxy.Server) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	srv.Shutdown(ctx) // the deadline passes with tunnels open: an error is expected
}

// checkLog counts the proxy's decisions: one "allow" per tunnel and one
// hello_timeout refusal per trickled hello.
func (s *soak) checkLog(t *testing.T) {
	counts := map[string]int{}
	sc := bufio.NewScanner(strings.NewReader(s.log.String()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var line map[string]any
		if json.Unmarshal(sc.Bytes(), &line) == nil && line["msg"] == proxy.LogMessage {
			counts[fmt.Sprint(line[proxy.FieldDecision], "/", line[proxy.FieldReason])]++
		}
	}
	if got := counts[proxy.DecisionAllow+"/"+proxy.ReasonOK]; got != s.n {
		t.Errorf("%d tunnels allowed in the log, want %d; decisions: %v", got, s.n, counts)
	}
	if got := counts[proxy.DecisionDeny+"/"+proxy.ReasonHelloTimeout]; got != soakSlow {
		t.Errorf("%d hello_timeout refusals in the log, want %d; decisions: %v", got, soakSlow, counts)
	}
	t.Logf("decisions: %v", counts)
}

// slowClients are connections that never finish their CONNECT header or
// their ClientHello, sending one byte every 100 ms.
type slowClients struct {
	cut atomic.Int64
	wg  sync.WaitGroup
}

func startSlowClients(t *testing.T, proxyAddr, dest string) *slowClients {
	hello := captureClientHello(t)
	s := &slowClients{}
	for range soakSlow {
		s.start(t, proxyAddr, "CONNECT "+dest+" HTTP/1.1\r\nHost: "+dest+"\r\n", []byte("X-Slow: "+strings.Repeat("x", 400)))
		s.start(t, proxyAddr, "CONNECT "+dest+" HTTP/1.1\r\nHost: "+dest+"\r\n\r\n", hello)
	}
	return s
}

// start opens one slow client: it sends head at once and trickles the
// rest until the proxy closes the connection or the rest runs out.
func (s *slowClients) start(t *testing.T, proxyAddr, head string, rest []byte) {
	c, err := net.Dial("tcp", proxyAddr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(c, head); err != nil {
		t.Fatal(err)
	}
	closed := make(chan struct{})
	s.wg.Go(func() {
		defer close(closed)
		if _, err := io.Copy(io.Discard, c); err == nil || !isTimeout(err) {
			s.cut.Add(1) // EOF or reset: the proxy closed it
		}
	})
	s.wg.Go(func() {
		defer c.Close()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for i := 0; i < len(rest); i++ {
			select {
			case <-closed:
				return
			case <-tick.C:
			}
			if _, err := c.Write(rest[i : i+1]); err != nil {
				return
			}
		}
		c.SetReadDeadline(time.Now()) // never cut: stop the reader
		<-closed
	})
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// wait returns how many slow clients the proxy cut, once all are done.
func (s *slowClients) wait(ctx context.Context) int {
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
	}
	return int(s.cut.Load())
}

// captureClientHello returns the first record crypto/tls sends as a
// client: a complete ClientHello.
func captureClientHello(t *testing.T) []byte {
	a, b := net.Pipe()
	defer b.Close()
	go func() {
		tls.Client(a, &tls.Config{ServerName: "127.0.0.1"}).Handshake()
		a.Close()
	}()
	hdr := make([]byte, 5)
	if _, err := io.ReadFull(b, hdr); err != nil {
		t.Fatal(err)
	}
	body := make([]byte, int(hdr[3])<<8|int(hdr[4]))
	if _, err := io.ReadFull(b, body); err != nil {
		t.Fatal(err)
	}
	a.Close()
	return append(hdr, body...)
}

// soakHelper is a helper process, driven by lines on its standard input
// and answering with lines on its standard output.
type soakHelper struct {
	cmd   *exec.Cmd
	in    io.WriteCloser
	lines chan string
}

// startHelper runs this test binary as a helper with role.
func (s *soak) startHelper(ctx context.Context, role string, env ...string) *soakHelper {
	t := s.t
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestProxySoakHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), append(env, soakRoleEnv+"="+role, "CERT="+s.certFile, "KEY="+s.keyFile, "CA="+s.ca, "TUNNELS="+strconv.Itoa(s.n))...)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	h := &soakHelper{cmd: cmd, in: in, lines: make(chan string, 16)}
	go func() {
		defer close(h.lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			h.lines <- sc.Text()
		}
	}()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return h
}

// line returns the helper's next line that starts with prefix.
func (h *soakHelper) line(t *testing.T, prefix string) string {
	t.Helper()
	for l := range h.lines {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	t.Fatalf("helper ended without a %q line", prefix)
	return ""
}

func (h *soakHelper) send(t *testing.T, cmd string) {
	if _, err := io.WriteString(h.in, cmd+"\n"); err != nil {
		t.Fatal(err)
	}
}

// stop closes the helper's standard input, which ends it, and waits.
func (h *soakHelper) stop(t *testing.T) {
	h.in.Close()
	for range h.lines {
	}
	if err := h.cmd.Wait(); err != nil {
		t.Errorf("helper: %v", err)
	}
}

// TestProxySoakHelper is the helper process of TestProxySoak; it is
// skipped in a normal run.
func TestProxySoakHelper(t *testing.T) {
	switch os.Getenv(soakRoleEnv) {
	case "dest":
		soakDest(t)
	case "client":
		soakClient(t)
	default:
		t.Skip("the helper process of TestProxySoak")
	}
}

// soakDest serves TLS on 127.0.0.1 and echoes what it reads, until its
// standard input closes.
func soakDest(t *testing.T) {
	cert, err := tls.LoadX509KeyPair(os.Getenv("CERT"), os.Getenv("KEY"))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("addr %s\n", ln.Addr())
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { io.Copy(c, c); c.Close() }()
		}
	}()
	io.Copy(io.Discard, os.Stdin)
	ln.Close()
}

// soakClient opens every tunnel through the proxy, 64 at a time, each
// with a full handshake and one echoed byte, and keeps them all open; it
// closes half on "close-half" and then reports how many of the others the
// proxy closed.
func soakClient(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("TUNNELS"))
	pem, err := os.ReadFile(os.Getenv("CA"))
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	cfg := &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", CurvePreferences: []tls.CurveID{tls.X25519}}
	route := proxyRoute{name: "tlsfloor", addr: os.Getenv("PROXY")}
	conns, failed := openSoakTunnels(route, os.Getenv("DEST"), cfg, n)
	fmt.Printf("opened %d failed %d\n", len(conns), failed)
	in := bufio.NewScanner(os.Stdin)
	if !in.Scan() || in.Text() != "close-half" {
		return
	}
	for _, c := range conns[:n/2] {
		c.Close()
	}
	fmt.Println("closed-half")
	fmt.Printf("remote-closed %d\n", waitRemoteClose(conns[n/2:]))
	io.Copy(io.Discard, os.Stdin)
}

// openSoakTunnels opens n tunnels, 64 at a time.
func openSoakTunnels(route proxyRoute, dest string, cfg *tls.Config, n int) ([]*tls.Conn, int) {
	var mu sync.Mutex
	var conns []*tls.Conn
	failed := 0
	work := make(chan struct{})
	var wg sync.WaitGroup
	for range 64 {
		wg.Go(func() {
			for range work {
				c, err := openEcho(route, dest, cfg)
				mu.Lock()
				if err != nil {
					failed++
					fmt.Fprintln(os.Stderr, "soak client:", err)
				} else {
					conns = append(conns, c)
				}
				mu.Unlock()
			}
		})
	}
	for range n {
		work <- struct{}{}
	}
	close(work)
	wg.Wait()
	return conns, failed
}

// openEcho opens a tunnel and checks that one byte makes the round trip.
func openEcho(route proxyRoute, dest string, cfg *tls.Config) (*tls.Conn, error) {
	c, err := route.open(dest, cfg)
	if err != nil {
		return nil, err
	}
	b := []byte{'e'}
	if _, err := c.Write(b); err == nil {
		_, err = io.ReadFull(c, b)
	}
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("echo: %w", err)
	}
	return c, nil
}

// waitRemoteClose waits, for at most a minute, until the other side has
// closed each connection, and returns how many it closed.
func waitRemoteClose(conns []*tls.Conn) int {
	var closed atomic.Int64
	var wg sync.WaitGroup
	deadline := time.Now().Add(time.Minute)
	for _, c := range conns {
		wg.Go(func() {
			c.SetReadDeadline(deadline)
			if _, err := c.Read(make([]byte, 1)); err != nil && !isTimeout(err) {
				closed.Add(1)
			}
			c.Close()
		})
	}
	wg.Wait()
	return int(closed.Load())
}
