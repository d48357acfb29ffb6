package proxy_test

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/proxy"
)

// request sends raw bytes to the proxy and reads one response.
func request(t *testing.T, proxyAddr, raw string) *http.Response {
	t.Helper()
	c, err := net.Dial("tcp", proxyAddr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(20 * time.Second))
	io.WriteString(c, raw)
	resp, err := http.ReadResponse(bufio.NewReader(c), &http.Request{Method: strings.Fields(raw)[0]})
	if err != nil {
		t.Fatalf("reading the response to %q: %v", raw, err)
	}
	return resp
}

func basic(user, pass string) string {
	return "Proxy-Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass)) + "\r\n"
}

func TestRefusedRequests(t *testing.T) {
	l := newLab(t, nil, func(o *proxy.Options) {
		o.Resolve["private.amazonaws.com:443"] = netip.MustParseAddrPort("10.1.2.3:443")
		o.Resolve["imds.amazonaws.com:80"] = netip.MustParseAddrPort("169.254.169.254:80")
	})
	tests := []struct {
		name, raw, reason string
		status            int
	}{
		{"metadata address", "CONNECT 169.254.169.254:80 HTTP/1.1\r\n\r\n", proxy.ReasonDestinationNotAllowed, 403},
		{"name resolving to a private address", "CONNECT private.amazonaws.com:443 HTTP/1.1\r\n\r\n", proxy.ReasonDestinationSpecial, 403},
		{"name resolving to the metadata address", "CONNECT imds.amazonaws.com:80 HTTP/1.1\r\n\r\n", proxy.ReasonDestinationSpecial, 403},
		{"not allowed", "CONNECT evil.example:443 HTTP/1.1\r\n\r\n", proxy.ReasonDestinationNotAllowed, 403},
		{"unresolvable", "CONNECT nowhere.amazonaws.com:443 HTTP/1.1\r\n\r\n", proxy.ReasonResolveFailed, 502},
		{"no port", "CONNECT sts.amazonaws.com HTTP/1.1\r\n\r\n", proxy.ReasonBadRequest, 400},
		{"origin-form GET", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", proxy.ReasonMethodNotAllowed, 405},
		{"absolute-form GET without upgrade mode", "GET http://" + awsHost + "/ HTTP/1.1\r\nHost: " + awsHost + "\r\n\r\n", proxy.ReasonMethodNotAllowed, 405},
		{"malformed", "CONNECT\r\n\r\n", proxy.ReasonBadRequest, 400},
		{"header too large", "CONNECT " + awsHost + ":443 HTTP/1.1\r\nX: " + strings.Repeat("a", 40<<10) + "\r\n\r\n", proxy.ReasonBadRequest, 431},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := request(t, l.proxy, tt.raw)
			if resp.StatusCode != tt.status || resp.Header.Get(proxy.HeaderReason) != tt.reason {
				t.Errorf("status %d reason %q, want %d %q", resp.StatusCode, resp.Header.Get(proxy.HeaderReason), tt.status, tt.reason)
			}
			d := l.logs.waitDecision(t, i+1)[i]
			checkDecision(t, d, map[string]any{proxy.FieldDecision: "deny", proxy.FieldReason: tt.reason})
		})
	}
	if resp := request(t, l.proxy, tests[6].raw); resp.Header.Get("Allow") != "CONNECT" {
		t.Errorf("405 without Allow: CONNECT")
	}
	if n := l.conns.Load(); n != 0 {
		t.Errorf("destination accepted %d connections", n)
	}
}

func TestProxyAuthorization(t *testing.T) {
	l := newLab(t, nil, func(o *proxy.Options) { o.Users = map[string]string{"alice": "s3cret"} })
	for _, tt := range []struct {
		name, header string
		status       int
	}{
		{"missing", "", 407},
		{"wrong password", basic("alice", "guess"), 407},
		{"unknown user", basic("mallory", "s3cret"), 407},
		{"not basic", "Proxy-Authorization: Bearer abc\r\n", 407},
		{"right", basic("alice", "s3cret"), 200},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, _, code := connect(t, l.proxy, l.dest(), tt.header)
			c.Close()
			if code != tt.status {
				t.Errorf("status %d, want %d", code, tt.status)
			}
		})
	}
	resp := request(t, l.proxy, "CONNECT "+l.dest()+" HTTP/1.1\r\n\r\n")
	if !strings.HasPrefix(resp.Header.Get("Proxy-Authenticate"), "Basic ") {
		t.Errorf("407 without a Basic challenge: %v", resp.Header)
	}
	identities := map[string]int{}
	for _, d := range l.logs.waitDecision(t, 6) {
		identities[d[proxy.FieldIdentity].(string)+" "+d[proxy.FieldReason].(string)]++
	}
	if identities[" auth_required"] != 5 || identities["alice no_hello"] != 1 {
		t.Errorf("identities and reasons logged: %v", identities)
	}
}

// TestReload: invalid options leave the old ones in force; valid ones
// apply to new tunnels while a live tunnel keeps going.
func TestReload(t *testing.T) {
	l := newLab(t, nil, nil)
	live, br, _ := connect(t, l.proxy, l.dest())
	tc := tls.Client(tunnelConn{live, br}, &tls.Config{RootCAs: l.ca.Pool(), ServerName: awsHost})
	if err := tc.Handshake(); err != nil {
		t.Fatal(err)
	}
	err := l.server.Reload(proxy.Options{Allow: []proxy.Pattern{{Host: "*"}}})
	if err == nil || !strings.Contains(err.Error(), "allow[0]") {
		t.Fatalf("Reload with an invalid pattern: %v", err)
	}
	if _, err := tlsClient(t, l, &tls.Config{}); err != nil {
		t.Fatalf("after a refused reload, the old options should hold: %v", err)
	}
	if err := l.server.Reload(proxy.Options{Allow: []proxy.Pattern{mustPattern("other.example")}, Lookup: noDNS}); err != nil {
		t.Fatal(err)
	}
	if _, _, code := connect(t, l.proxy, l.dest()); code != http.StatusForbidden {
		t.Errorf("after reload, CONNECT status %d, want 403", code)
	}
	io.WriteString(tc, "GET / HTTP/1.1\r\nHost: "+awsHost+"\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(tc), nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("the live tunnel did not survive the reload: %v", err)
	}
}

// TestShutdownDrains: Shutdown stops accepting and waits for a live
// tunnel, which keeps working, and returns once it ends.
func TestShutdownDrains(t *testing.T) {
	l := newLab(t, nil, nil)
	live, br, _ := connect(t, l.proxy, l.dest())
	tc := tls.Client(tunnelConn{live, br}, &tls.Config{RootCAs: l.ca.Pool(), ServerName: awsHost})
	if err := tc.Handshake(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- l.server.Shutdown(context.Background()) }()
	waitClosed(t, l.proxy)
	select {
	case err := <-done:
		t.Fatalf("Shutdown returned %v with a tunnel open", err)
	default:
	}
	io.WriteString(tc, "GET / HTTP/1.1\r\nHost: "+awsHost+"\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(tc), nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("the live tunnel stopped working during Shutdown: %v", err)
	}
	tc.Close()
	if err := <-done; err != nil {
		t.Errorf("Shutdown after the tunnel ended: %v", err)
	}
}

// TestShutdownDeadline: when the context ends first, Shutdown cuts the
// tunnel and returns the context's error.
func TestShutdownDeadline(t *testing.T) {
	l := newLab(t, nil, nil)
	live, br, _ := connect(t, l.proxy, l.dest())
	tc := tls.Client(tunnelConn{live, br}, &tls.Config{RootCAs: l.ca.Pool(), ServerName: awsHost})
	if err := tc.Handshake(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- l.server.Shutdown(ctx) }()
	waitClosed(t, l.proxy)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Shutdown = %v, want context.Canceled", err)
	}
	if _, err := tc.Read(make([]byte, 1)); err == nil {
		t.Error("the tunnel is still open after Shutdown's deadline")
	}
}

// waitClosed waits, boundedly, until the proxy refuses new connections.
func waitClosed(t *testing.T, addr string) {
	t.Helper()
	for range 500 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return
		}
		c.Close()
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the proxy still accepts connections after Shutdown")
}

func TestMaxConns(t *testing.T) {
	l := newLab(t, nil, func(o *proxy.Options) { o.Limits.MaxConns = 1 })
	first, err := net.Dial("tcp", l.proxy)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	resp := request(t, l.proxy, "CONNECT "+l.dest()+" HTTP/1.1\r\n\r\n")
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get(proxy.HeaderReason) != proxy.ReasonMaxConns {
		t.Errorf("second connection: status %d, reason %q; want 503 max_conns", resp.StatusCode, resp.Header.Get(proxy.HeaderReason))
	}
	m := scrape(t, l.server)
	if got := m[proxy.MetricRefusals+`{reason="max_conns",mode="enforce"}`]; got != 1 {
		t.Errorf("max_conns refusals = %v, want 1", got)
	}
}

// scrape reads the metrics back in the text format.
func scrape(t *testing.T, s *proxy.Server) map[string]float64 {
	t.Helper()
	rec := httptest.NewRecorder()
	s.Metrics().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("Content-Type %q", ct)
	}
	out := map[string]float64{}
	typed := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(rec.Body.String()), "\n") {
		if f := strings.Fields(line); len(f) == 4 && f[1] == "TYPE" {
			typed[f[2]] = true
			continue
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		name, _, _ := strings.Cut(line[:i], "{")
		if i < 0 || err != nil || !typed[name] {
			t.Fatalf("metrics line %q is not a typed sample", line)
		}
		out[line[:i]] = v
	}
	return out
}

func TestMetrics(t *testing.T) {
	l := newLab(t, nil, nil)
	if _, err := tlsClient(t, l, &tls.Config{}); err != nil {
		t.Fatal(err)
	}
	c, br, _ := connect(t, l.proxy, l.dest())
	c.Write(hello10(t))
	io.ReadAll(br)
	c2, br2, _ := connect(t, l.proxy, l.dest())
	io.WriteString(c2, "garbage\r\n")
	io.ReadAll(br2)
	l.logs.waitDecision(t, 3)
	m := scrape(t, l.server)
	want := map[string]float64{
		proxy.MetricTunnels + `{decision="allow",offered="TLS 1.3",negotiated="TLS 1.3"}`: 1,
		proxy.MetricTunnels + `{decision="deny",offered="TLS 1.0",negotiated="none"}`:     1,
		proxy.MetricRefusals + `{reason="below_floor",mode="enforce"}`:                    1,
		proxy.MetricRefusals + `{reason="not_tls",mode="enforce"}`:                        1,
		proxy.MetricDecisions + `{decision="allow",reason="ok",kind="connect"}`:           1,
		proxy.MetricHelloParseErrors:                                                      1,
		proxy.MetricActiveTunnels:                                                         0,
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s = %v, want %v", k, m[k], v)
		}
	}
	if m[proxy.MetricBytes+`{direction="up"}`] == 0 || m[proxy.MetricBytes+`{direction="down"}`] == 0 {
		t.Errorf("bytes not counted: %v", m)
	}
}
