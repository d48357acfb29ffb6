package proxy_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/proxy"
	"github.com/tlsfloor/tlsfloor/internal/proxy/proxytest"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
	"github.com/tlsfloor/tlsfloor/internal/tlslab"
)

// awsHost is the destination name tests use: an AWS name, so the default
// allowlist admits it, pointed at 127.0.0.1 through Options.Resolve.
const awsHost = "sts.us-east-1.amazonaws.com"

// lab is a destination server with a certificate for awsHost, and a proxy
// in front of it.
type lab struct {
	t      *testing.T
	ca     *testpki.CA
	port   string        // destination port
	conns  *atomic.Int64 // connections the destination accepted
	proxy  string        // proxy address
	server *proxy.Server
	logs   *logSink
}

// dest is awsHost:port, what clients ask the proxy for.
func (l *lab) dest() string { return net.JoinHostPort(awsHost, l.port) }

// url is the HTTPS URL of the destination through its AWS name.
func (l *lab) url() string { return "https://" + l.dest() + "/" }

// destServer starts an HTTPS server with cfg that answers tlslab.Body and
// counts the connections it accepts.
func destServer(t *testing.T, ca *testpki.CA, cfg *tls.Config) (port string, conns *atomic.Int64) {
	t.Helper()
	conns = new(atomic.Int64)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		io.WriteString(w, tlslab.Body)
	}))
	if cfg == nil {
		cfg = &tls.Config{}
	}
	srv.TLS = cfg.Clone()
	srv.TLS.Certificates = []tls.Certificate{ca.Leaf(t, testpki.ECDSA, awsHost)}
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Config.ErrorLog = discardLog()
	srv.StartTLS()
	t.Cleanup(srv.Close)
	_, port, _ = net.SplitHostPort(srv.Listener.Addr().String())
	return port, conns
}

// labOptions admits awsHost:port at 127.0.0.1 and never asks DNS.
func labOptions(port string) proxy.Options {
	return proxy.Options{
		Allow:   append(proxy.DefaultAllow(), mustPattern("127.0.0.1/32")),
		Resolve: map[string]netip.AddrPort{net.JoinHostPort(awsHost, port): netip.MustParseAddrPort("127.0.0.1:" + port)},
		Lookup:  noDNS,
	}
}

func noDNS(context.Context, string) ([]netip.Addr, error) {
	return nil, errors.New("no DNS lookups in tests")
}

func mustPattern(s string) proxy.Pattern {
	p, err := proxy.ParsePattern(s)
	if err != nil {
		panic(err)
	}
	return p
}

// newLab starts a destination with cfg and a proxy with the options
// edit makes from labOptions.
func newLab(t *testing.T, cfg *tls.Config, edit func(*proxy.Options)) *lab {
	t.Helper()
	l := &lab{t: t, ca: testpki.New(t)}
	l.port, l.conns = destServer(t, l.ca, cfg)
	opts := labOptions(l.port)
	if edit != nil {
		edit(&opts)
	}
	l.server, l.proxy, l.logs = startProxy(t, opts)
	return l
}

// startProxy serves opts on 127.0.0.1 until the test ends.
func startProxy(t *testing.T, opts proxy.Options) (*proxy.Server, string, *logSink) {
	t.Helper()
	logs := &logSink{}
	srv, addr := proxytest.Start(t, opts, logs)
	return srv, addr, logs
}

// logSink collects the proxy's JSON log lines.
type logSink struct{ proxytest.LogSink }

// waitDecision waits (boundedly) until n decision lines were logged.
func (s *logSink) waitDecision(t *testing.T, n int) []map[string]any {
	t.Helper()
	return s.WaitDecisions(t, n)
}

// only waits for the one decision line of a test and returns it.
func (s *logSink) only(t *testing.T) map[string]any {
	t.Helper()
	d := s.waitDecision(t, 1)
	if len(d) != 1 {
		t.Fatalf("%d decision lines, want 1: %v", len(d), d)
	}
	return d[0]
}

// checkDecision compares fields of a decision line.
func checkDecision(t *testing.T, d map[string]any, want map[string]any) {
	t.Helper()
	for k, v := range want {
		if got := d[k]; !equalJSON(got, v) {
			t.Errorf("decision field %s = %v, want %v (line %v)", k, got, v, d)
		}
	}
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// connect opens a tunnel to dest through the proxy and returns the
// connection and the proxy's status code. Extra header lines may be given.
func connect(t *testing.T, proxyAddr, dest string, header ...string) (net.Conn, *bufio.Reader, int) {
	t.Helper()
	c, err := net.Dial("tcp", proxyAddr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(20 * time.Second))
	req := "CONNECT " + dest + " HTTP/1.1\r\nHost: " + dest + "\r\n" + strings.Join(header, "") + "\r\n"
	if _, err := io.WriteString(c, req); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, &http.Request{Method: http.MethodConnect})
	if err != nil {
		t.Fatalf("reading the CONNECT response: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, resp.Body)
	}
	return c, br, resp.StatusCode
}

// tunnelConn is a tunnel whose reads go through the bufio.Reader that read
// the CONNECT response.
type tunnelConn struct {
	net.Conn
	r *bufio.Reader
}

func (c tunnelConn) Read(p []byte) (int, error) { return c.r.Read(p) }

// tlsClient runs a Go TLS client over a tunnel and fetches "/".
func tlsClient(t *testing.T, l *lab, cfg *tls.Config) (string, error) {
	t.Helper()
	c, br, code := connect(t, l.proxy, l.dest())
	if code != http.StatusOK {
		t.Fatalf("CONNECT status %d", code)
	}
	defer c.Close()
	cfg = cfg.Clone()
	cfg.RootCAs = l.ca.Pool()
	if cfg.ServerName == "" {
		cfg.ServerName = awsHost
	}
	tc := tls.Client(tunnelConn{c, br}, cfg)
	if err := tc.Handshake(); err != nil {
		return "", err
	}
	io.WriteString(tc, "GET / HTTP/1.1\r\nHost: "+awsHost+"\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(tc), nil)
	if err != nil {
		return "", err
	}
	body, err := io.ReadAll(resp.Body)
	return string(body), err
}

// need skips the test when a client binary is missing.
func need(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed: this test needs the real client", name)
	}
	return path
}

// caFile writes the lab CA as PEM and returns its path.
func (l *lab) caFile() string {
	_, _, caFile := l.ca.Files(l.t, l.ca.Leaf(l.t, testpki.ECDSA))
	return caFile
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// discardLog silences a test server's expected handshake errors.
func discardLog() *log.Logger { return log.New(io.Discard, "", 0) }
