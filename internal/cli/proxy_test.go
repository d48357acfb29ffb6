//go:build unix

package cli

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/proxy"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
	"github.com/tlsfloor/tlsfloor/internal/tlslab"
)

// awsName is the destination name the tests use. The proxy maps it to a
// loopback server with --resolve (or resolve:), so nothing is looked up.
const awsName = "sts.us-east-1.amazonaws.com"

// proxyLab is a loopback TLS server that answers for awsName, and the CA
// that signed it, as a PEM file for curl.
type proxyLab struct {
	caFile string
	port   string
	ca     *testpki.CA
}

func newProxyLab(t *testing.T) *proxyLab {
	t.Helper()
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl not found: the proxy command tests drive a real curl")
	}
	ca := testpki.New(t)
	srv := tlslab.GoHTTPS(t, ca, &tls.Config{Certificates: []tls.Certificate{ca.Leaf(t, testpki.ECDSA, awsName)}})
	u, err := url.Parse(srv)
	if err != nil {
		t.Fatal(err)
	}
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	writeTestFile(t, caFile, string(ca.CertPEM()))
	return &proxyLab{caFile: caFile, port: u.Port(), ca: ca}
}

// config returns a configuration file body that sends awsName to the lab
// server, with extra lines appended.
func (l *proxyLab) config(extra string) string {
	return fmt.Sprintf("allow: [\"*.amazonaws.com\", 127.0.0.1/32]\nresolve: [%s:%s:127.0.0.1]\n%s", awsName, l.port, extra)
}

// curl fetches awsName's URL through the proxy at addr.
func (l *proxyLab) curl(t *testing.T, addr string, extra ...string) (string, error) {
	t.Helper()
	args := append([]string{"-sS", "--max-time", "60", "--proxy", "http://" + addr, "--cacert", l.caFile}, extra...)
	cmd := exec.Command("curl", append(args, "https://"+awsName+":"+l.port+"/")...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")} // no *_PROXY or NO_PROXY from the environment
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestProxyReload runs "tlsfloor proxy --config" with a real curl through
// it, raises the floor in the file, reloads it with a real SIGHUP, and
// checks that the new floor holds; then it writes an invalid file, which
// the next SIGHUP must reject whole, keeping the running floor.
func TestProxyReload(t *testing.T) {
	lab := newProxyLab(t)
	cfg := filepath.Join(t.TempDir(), "proxy.yaml")
	writeTestFile(t, cfg, lab.config("floor: \"1.2\"\n"))
	p := startProxy(t, "--config", cfg)

	if out, err := lab.curl(t, p.addr, "--tls-max", "1.2"); err != nil || out != tlslab.Body {
		t.Fatalf("TLS 1.2 client under the 1.2 floor: %v\n%s", err, out)
	}
	p.logs.wait(t, decisionIs(proxy.DecisionAllow))

	writeTestFile(t, cfg, lab.config("floor: \"1.3\"\n"))
	p.hup(t, "reloaded")
	out, err := lab.curl(t, p.addr, "--tls-max", "1.2")
	if err == nil || !strings.Contains(out, "protocol version") {
		t.Fatalf("TLS 1.2 client under the reloaded 1.3 floor: err %v, want a protocol_version alert\n%s", err, out)
	}
	p.logs.wait(t, decisionIs(proxy.DecisionDeny))

	writeTestFile(t, cfg, lab.config("floor: \"1.2\"\nlimits:\n  idle: 5m\n"))
	rejected := p.hup(t, "reload rejected; the running configuration is kept")
	if want := cfg + ":5: unknown limits key \"idle\""; !strings.HasPrefix(fmt.Sprint(rejected["error"]), want) {
		t.Errorf("rejection error %q, want it to start with %q", rejected["error"], want)
	}
	if out, err := lab.curl(t, p.addr, "--tls-max", "1.2"); err == nil {
		t.Fatalf("TLS 1.2 client after a rejected reload got through: the 1.3 floor was not kept\n%s", out)
	}
	if out, err := lab.curl(t, p.addr, "--tlsv1.3"); err != nil || out != tlslab.Body {
		t.Fatalf("TLS 1.3 client after a rejected reload: %v\n%s", err, out)
	}
	if err := p.stop(t); err != nil {
		t.Fatalf("proxy ended with %v", err)
	}
}

// TestProxyDrain checks that cancelling the run (SIGTERM or SIGINT in
// main) stops new connections but lets an open tunnel finish, and that the
// run then ends cleanly.
func TestProxyDrain(t *testing.T) {
	lab := newProxyLab(t)
	p := startProxy(t, "--allow", "*.amazonaws.com", "--allow", "127.0.0.1/32",
		"--resolve", awsName+":"+lab.port+":127.0.0.1", "--drain-timeout", "10m")
	client := lab.client(p.addr)
	get := func() error {
		resp, err := client.Get("https://" + awsName + ":" + lab.port + "/")
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		_, err = io.Copy(io.Discard, resp.Body)
		return err
	}
	if err := get(); err != nil {
		t.Fatal(err)
	}
	p.cancel()
	p.logs.wait(t, msgIs("draining"))
	if conn, err := net.Dial("tcp", p.addr); err == nil {
		conn.Close()
		t.Error("the proxy accepted a connection while draining")
	}
	if err := get(); err != nil { // the same tunnel, kept alive
		t.Errorf("request on the open tunnel while draining: %v", err)
	}
	client.CloseIdleConnections()
	if err := <-p.done; err != nil {
		t.Errorf("proxy ended with %v", err)
	}
	p.logs.wait(t, msgIs("stopped"))
}

// client returns an HTTP client that goes through the proxy at addr and
// keeps its one connection alive.
func (l *proxyLab) client(addr string) *http.Client {
	return &http.Client{Transport: &http.Transport{
		Proxy:           http.ProxyURL(&url.URL{Scheme: "http", Host: addr}),
		TLSClientConfig: &tls.Config{RootCAs: l.ca.Pool()},
		MaxConnsPerHost: 1,
	}}
}

// TestProxyMetricsAndWarnings runs the proxy in audit mode with a metrics
// listener: the weaker setting is warned about on standard error and in
// the log, and the metrics count the tunnel.
func TestProxyMetricsAndWarnings(t *testing.T) {
	lab := newProxyLab(t)
	cfg := filepath.Join(t.TempDir(), "proxy.yaml")
	writeTestFile(t, cfg, lab.config("mode: enforce\n"))
	p := startProxy(t, "--config", cfg, "--mode", "audit", "--metrics", "127.0.0.1:0")
	if !strings.Contains(p.logs.text(), "tlsfloor: warning: audit mode: ") {
		t.Errorf("no audit mode warning on standard error:\n%s", p.logs.text())
	}
	if !strings.Contains(p.logs.text(), "tlsfloor: warning: allow 127.0.0.1/32 admits special-purpose addresses: loopback") {
		t.Errorf("no warning for the loopback CIDR:\n%s", p.logs.text())
	}
	p.logs.wait(t, func(m map[string]any) bool {
		return m["level"] == "WARN" && strings.HasPrefix(fmt.Sprint(m["warning"]), "allow 127.0.0.1/32")
	})
	p.logs.wait(t, func(m map[string]any) bool {
		return m["level"] == "WARN" && strings.HasPrefix(fmt.Sprint(m["warning"]), "audit mode")
	})
	if out, err := lab.curl(t, p.addr); err != nil {
		t.Fatalf("curl: %v\n%s", err, out)
	}
	metrics := p.logs.wait(t, msgIs("metrics listening"))["addr"]
	resp, err := http.Get(fmt.Sprintf("http://%s/metrics", metrics))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), proxy.MetricDecisions) {
		t.Errorf("metrics lack %s:\n%s", proxy.MetricDecisions, body)
	}
	if err := p.stop(t); err != nil {
		t.Fatalf("proxy ended with %v", err)
	}
}

// TestProxyStartErrors checks what ends a run before it serves: a bad
// configuration file (named with its line), a missing users file, an
// address in use, and bad flags.
func TestProxyStartErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	writeTestFile(t, bad, "mode: enforce\nfloor: 1.1\n")
	pem := filepath.Join(dir, "cert.pem")
	writeTestFile(t, pem, "not used\n")
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--config", bad}, ExitError, bad + `:2: floor: unknown floor "1.1" (want 1.2, 1.3 or pq)`},
		{[]string{"--config", filepath.Join(dir, "missing.yaml")}, ExitError, "missing.yaml: no such file or directory"},
		{[]string{"--users-file", filepath.Join(dir, "users.txt")}, ExitError, "users file: open "},
		{[]string{"--listen", busy.Addr().String()}, ExitError, "address already in use"},
		{[]string{"--client-ca", pem}, ExitError, "tls: client_ca_file (--client-ca) needs cert_file and key_file"},
		{[]string{"--tls-cert", pem}, ExitError, "tls: cert_file and key_file (--tls-cert, --tls-key) go together"},
		{[]string{"--tls-cert", pem, "--tls-key", pem}, ExitError, pem + ": with key file " + pem + ": tls: failed to find any PEM data"},
		{[]string{"--listen", "proxy.internal:3128"}, ExitUsage, `invalid value "proxy.internal:3128" for flag -listen`},
		{[]string{"--allow", "*"}, ExitUsage, "would admit every destination"},
		{[]string{"--mode", "block"}, ExitUsage, `unknown mode "block"`},
		{[]string{"--floor", "1.1"}, ExitUsage, `unknown floor "1.1"`},
		{[]string{"--resolve", "a.amazonaws.com:443"}, ExitUsage, "want host:port:addr"},
		{[]string{"--upgrade-client", "10.0.0.1"}, ExitUsage, "want a CIDR"},
		{[]string{"--idle-timeout", "-1s"}, ExitUsage, "--idle-timeout -1s: want 0 or a positive duration"},
		{[]string{"extra"}, ExitUsage, `proxy takes no arguments, got "extra"`},
	}
	for _, tt := range tests {
		var stderr strings.Builder
		err := Main(context.Background(), append([]string{"proxy", "--listen", "127.0.0.1:0"}, tt.args...), strings.NewReader(""), io.Discard, &stderr)
		if code := ExitCode(err); code != tt.code || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("proxy %q: exit %d, stderr:\n%s\nwant exit %d and %q", tt.args, code, stderr.String(), tt.code, tt.want)
		}
	}
}

// TestProxyFlagsOverrideFile checks that the flags given, and only those,
// override the configuration file.
func TestProxyFlagsOverrideFile(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "proxy.yaml")
	writeTestFile(t, cfg, "listen: 127.0.0.1:13128\nmode: audit\nfloor: pq\nallow: [\"*.amazonaws.com\"]\ndrain_timeout: 3s\n")
	fs := flag.NewFlagSet("proxy", flag.ContinueOnError)
	pf := newProxyFlags(fs)
	if err := fs.Parse([]string{"--config", cfg, "--mode", "enforce", "--allow", "10.0.0.0/8", "--allow", "*.api.aws"}); err != nil {
		t.Fatal(err)
	}
	got, opts, err := pf.load()
	if err != nil {
		t.Fatal(err)
	}
	if got.Listen != "127.0.0.1:13128" || got.Floor != "pq" || got.DrainTimeout != 3*time.Second {
		t.Errorf("file values lost: listen %s, floor %s, drain %v", got.Listen, got.Floor, got.DrainTimeout)
	}
	if opts.Mode != proxy.Enforce || len(opts.Allow) != 2 || opts.Allow[0].String() != "10.0.0.0/8" || opts.Allow[1].String() != "*.api.aws" {
		t.Errorf("flags did not override: mode %v, allow %v", opts.Mode, opts.Allow)
	}
}

// proxyRun is a "tlsfloor proxy" run in the test's process.
type proxyRun struct {
	addr   string
	logs   *logStream
	cancel context.CancelFunc
	done   chan error
}

// startProxy runs the proxy command on 127.0.0.1:0 with args and waits
// until it listens.
func startProxy(t *testing.T, args ...string) *proxyRun {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	p := &proxyRun{logs: newLogStream(), cancel: cancel, done: make(chan error, 1)}
	go func() {
		err := Main(ctx, append([]string{"proxy", "--listen", "127.0.0.1:0"}, args...), strings.NewReader(""), io.Discard, p.logs)
		p.logs.close()
		p.done <- err
	}()
	t.Cleanup(func() { cancel(); p.logs.close() })
	p.addr = fmt.Sprint(p.logs.wait(t, msgIs("listening"))["addr"])
	return p
}

// hup sends this process SIGHUP, which the running proxy has subscribed
// to, and returns the log line with message msg that follows it.
func (p *proxyRun) hup(t *testing.T, msg string) map[string]any {
	t.Helper()
	mark := p.logs.count()
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	return p.logs.waitAfter(t, mark, msgIs(msg))
}

// stop cancels the run and returns its error.
func (p *proxyRun) stop(t *testing.T) error {
	t.Helper()
	p.cancel()
	return <-p.done
}

func msgIs(msg string) func(map[string]any) bool {
	return func(m map[string]any) bool { return m["msg"] == msg }
}

func decisionIs(d string) func(map[string]any) bool {
	return func(m map[string]any) bool { return m["msg"] == proxy.LogMessage && m[proxy.FieldDecision] == d }
}

// logStream collects a run's standard error and lets tests wait for a
// JSON log line.
type logStream struct {
	mu      sync.Mutex
	buf     strings.Builder
	parsed  int // bytes of buf split into lines so far
	lines   []map[string]any
	changed chan struct{} // closed and replaced on every new line
	closed  bool
}

func newLogStream() *logStream { return &logStream{changed: make(chan struct{})} }

func (s *logStream) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf.Write(b)
	all := s.buf.String()
	end := strings.LastIndexByte(all, '\n') + 1
	for line := range strings.Lines(all[s.parsed:end]) {
		var m map[string]any
		if json.Unmarshal([]byte(line), &m) == nil {
			s.lines = append(s.lines, m)
		}
	}
	s.parsed = max(s.parsed, end)
	s.wake()
	return len(b), nil
}

func (s *logStream) wake() {
	if !s.closed {
		close(s.changed)
		s.changed = make(chan struct{})
	}
}

// close marks the end of the run: waits that have not matched fail.
func (s *logStream) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.wake()
	s.closed = true
}

func (s *logStream) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

func (s *logStream) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.lines)
}

func (s *logStream) wait(t *testing.T, match func(map[string]any) bool) map[string]any {
	t.Helper()
	return s.waitAfter(t, 0, match)
}

// waitAfter returns the first log line after the first skip lines that
// match accepts. It fails the test if the run ends, or a minute passes,
// without one.
func (s *logStream) waitAfter(t *testing.T, skip int, match func(map[string]any) bool) map[string]any {
	t.Helper()
	deadline := time.After(time.Minute)
	for {
		s.mu.Lock()
		for _, m := range s.lines[skip:] {
			if match(m) {
				s.mu.Unlock()
				return m
			}
		}
		changed, closed := s.changed, s.closed
		s.mu.Unlock()
		if closed {
			t.Fatalf("the proxy stopped without the log line; its output:\n%s", s.text())
		}
		select {
		case <-changed:
		case <-deadline:
			t.Fatalf("no such log line within a minute; output:\n%s", s.text())
		}
	}
}

func writeTestFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
