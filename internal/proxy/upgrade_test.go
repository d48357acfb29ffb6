package proxy_test

import (
	"bufio"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/proxy"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
)

// echoServer is an HTTPS destination that answers with what it received.
func echoServer(t *testing.T, ca *testpki.CA, cfg *tls.Config) string {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, "host=%s uri=%s tls=%s body=%s auth=%s hop=%q pc=%q pa=%q",
			r.Host, r.RequestURI, tls.VersionName(r.TLS.Version), body, r.Header.Get("Authorization"),
			r.Header.Get("X-Hop"), r.Header.Get("Proxy-Connection"), r.Header.Get("Proxy-Authorization"))
	}))
	srv.TLS = &tls.Config{}
	if cfg != nil {
		srv.TLS = cfg.Clone()
	}
	srv.TLS.Certificates = []tls.Certificate{ca.Leaf(t, testpki.ECDSA, awsHost)}
	srv.Config.ErrorLog = discardLog()
	srv.StartTLS()
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	return port
}

func upgradeLab(t *testing.T, server *tls.Config, edit func(*proxy.Options)) (port, proxyAddr string, logs *logSink) {
	t.Helper()
	ca := testpki.New(t)
	port = echoServer(t, ca, server)
	opts := labOptions(port)
	opts.Upgrade.Enabled = true
	opts.RootCAs = ca.Pool()
	if edit != nil {
		edit(&opts)
	}
	_, proxyAddr, logs = startProxy(t, opts)
	return port, proxyAddr, logs
}

func TestUpgrade(t *testing.T) {
	port, proxyAddr, logs := upgradeLab(t, nil, nil)
	hostport := net.JoinHostPort(awsHost, port)
	c, err := net.Dial("tcp", proxyAddr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(20 * time.Second))
	br := bufio.NewReader(c)
	reqs := []string{
		"GET http://" + hostport + "/path/?Action=GetCallerIdentity&Version=2011-06-15 HTTP/1.1\r\nHost: " + hostport +
			"\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKID/x, Signature=abc\r\nProxy-Connection: keep-alive\r\nConnection: keep-alive, X-Hop\r\nX-Hop: 1\r\n\r\n",
		"POST http://" + hostport + "/ HTTP/1.1\r\nHost: " + hostport + "\r\nContent-Length: 5\r\n\r\nhello",
	}
	wants := []string{
		"host=" + hostport + " uri=/path/?Action=GetCallerIdentity&Version=2011-06-15 tls=TLS 1.3 body= auth=AWS4-HMAC-SHA256 Credential=AKID/x, Signature=abc hop=\"\" pc=\"\" pa=\"\"",
		"host=" + hostport + " uri=/ tls=TLS 1.3 body=hello auth= hop=\"\" pc=\"\" pa=\"\"",
	}
	for i, raw := range reqs { // one kept-alive connection
		io.WriteString(c, raw)
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || string(body) != wants[i] {
			t.Errorf("request %d: %d %q\nwant %q", i, resp.StatusCode, body, wants[i])
		}
	}
	d := logs.waitDecision(t, 2)
	checkDecision(t, d[0], map[string]any{proxy.FieldKind: "upgrade", proxy.FieldDecision: "allow", proxy.FieldReason: proxy.ReasonUpgraded, proxy.FieldNegotiatedVersion: "TLS 1.3"})
}

func TestUpgradeCurl(t *testing.T) {
	curl := need(t, "curl")
	port, proxyAddr, _ := upgradeLab(t, nil, nil)
	out, err := run(t, "", curl, "-sS", "--max-time", "30", "--proxy", "http://"+proxyAddr, "http://"+net.JoinHostPort(awsHost, port)+"/x")
	if err != nil || !strings.HasPrefix(out, "host="+net.JoinHostPort(awsHost, port)+" uri=/x tls=TLS 1.3") {
		t.Fatalf("curl through upgrade mode: %v\n%s", err, out)
	}
}

func TestUpgradeRefusals(t *testing.T) {
	tests := []struct {
		name   string
		server *tls.Config
		edit   func(*proxy.Options)
		url    func(port string) string
		status int
		reason string
	}{
		{name: "client outside Upgrade.Clients", edit: func(o *proxy.Options) { o.Upgrade.Clients = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")} },
			status: 403, reason: proxy.ReasonUpgradeClientNotAllowed},
		{name: "upgrade off", edit: func(o *proxy.Options) { o.Upgrade.Enabled = false }, status: 405, reason: proxy.ReasonMethodNotAllowed},
		{name: "destination not allowed", url: func(string) string { return "http://evil.example/" }, status: 403, reason: proxy.ReasonDestinationNotAllowed},
		{name: "upstream below the floor", server: &tls.Config{MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11}, status: 502, reason: proxy.ReasonServerBelowFloor},
		{name: "upstream untrusted", edit: func(o *proxy.Options) { o.RootCAs = testpki.New(t).Pool() }, status: 502, reason: proxy.ReasonUpgradeFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			port, proxyAddr, logs := upgradeLab(t, tt.server, tt.edit)
			u := "http://" + net.JoinHostPort(awsHost, port) + "/"
			if tt.url != nil {
				u = tt.url(port)
			}
			resp := request(t, proxyAddr, "GET "+u+" HTTP/1.1\r\nHost: x\r\n\r\n")
			if resp.StatusCode != tt.status || resp.Header.Get(proxy.HeaderReason) != tt.reason {
				body, _ := io.ReadAll(resp.Body)
				t.Errorf("status %d reason %q (%s), want %d %s", resp.StatusCode, resp.Header.Get(proxy.HeaderReason), body, tt.status, tt.reason)
			}
			checkDecision(t, logs.only(t), map[string]any{proxy.FieldDecision: "deny", proxy.FieldReason: tt.reason})
		})
	}
}
