package proxy_test

import (
	"bufio"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/internal/proxy"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
)

// tlsLab is a lab whose proxy listens with TLS, with a certificate from
// the lab CA, and asks for client certificates from clients.
type tlsLab struct {
	*lab
	clients *testpki.CA // the CA client certificates must come from
}

// newTLSLab starts a destination and an HTTPS proxy; edit may change the
// options further.
func newTLSLab(t *testing.T, edit func(*proxy.Options)) *tlsLab {
	t.Helper()
	ca, clients := testpki.New(t), testpki.New(t)
	l := newLabCA(t, ca, func(o *proxy.Options) {
		cert := ca.Leaf(t, testpki.ECDSA)
		o.Certificate, o.ClientCAs = &cert, clients.Pool()
		if edit != nil {
			edit(o)
		}
	})
	return &tlsLab{lab: l, clients: clients}
}

// newLabCA is newLab with the lab's CA given, so that edit can use it.
func newLabCA(t *testing.T, ca *testpki.CA, edit func(*proxy.Options)) *lab {
	t.Helper()
	l := &lab{t: t, ca: ca}
	l.port, l.conns = destServer(t, l.ca, nil)
	opts := labOptions(l.port)
	edit(&opts)
	l.server, l.proxy, l.logs = startProxy(t, opts)
	return l
}

// curlArgs are the arguments of a curl through the HTTPS proxy with the
// client certificate in certFile and keyFile, if any.
func (l *tlsLab) curlArgs(certFile, keyFile string, extra ...string) []string {
	ca := l.caFile()
	args := []string{"-sS", "--max-time", "30", "--proxy", "https://" + l.proxy, "--proxy-cacert", ca, "--cacert", ca}
	if certFile != "" {
		args = append(args, "--proxy-cert", certFile, "--proxy-key", keyFile)
	}
	return append(append(args, extra...), l.url())
}

// TestHTTPSProxyCurl runs a real curl through the HTTPS proxy with and
// without client certificates. Refused clients never reach the
// destination; the accepted one is logged by its certificate's name.
func TestHTTPSProxyCurl(t *testing.T) {
	curl := need(t, "curl")
	tests := []struct {
		name     string
		cert     func(l *tlsLab) (certFile, keyFile string)
		reason   string
		identity string
		detail   string // in the decision's detail
		output   string // in curl's output
	}{
		{name: "no client certificate", reason: proxy.ReasonClientCertMissing, output: "alert",
			cert: func(*tlsLab) (string, string) { return "", "" }},
		{name: "certificate from another CA", reason: proxy.ReasonClientCertInvalid, output: "alert",
			detail: `client certificate "mallory": x509: certificate signed by unknown authority`,
			cert:   func(l *tlsLab) (string, string) { return files(l.t, testpki.New(l.t), "mallory") }},
		{name: "right certificate", reason: proxy.ReasonOK, identity: "billing-service", output: "tlslab ok",
			cert: func(l *tlsLab) (string, string) { return files(l.t, l.clients, "billing-service") }},
		{name: "certificate named by its SAN only", reason: proxy.ReasonOK, identity: "batch.corp.internal", output: "tlslab ok",
			cert: func(l *tlsLab) (string, string) {
				return files(l.t, l.clients, "", "batch.corp.internal", "other.corp.internal")
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newTLSLab(t, nil)
			certFile, keyFile := tt.cert(l)
			out, err := run(t, "", curl, l.curlArgs(certFile, keyFile)...)
			allowed := tt.reason == proxy.ReasonOK
			if allowed != (err == nil) || !strings.Contains(out, tt.output) {
				t.Fatalf("curl: %v, want allowed=%v and output with %q:\n%s", err, allowed, tt.output, out)
			}
			d := l.logs.waitDecision(t, 1)[0]
			decision := map[bool]string{true: "allow", false: "deny"}[allowed]
			checkDecision(t, d, map[string]any{proxy.FieldDecision: decision, proxy.FieldReason: tt.reason, proxy.FieldIdentity: tt.identity})
			if !strings.Contains(d[proxy.FieldDetail].(string), tt.detail) {
				t.Errorf("detail %q, want it to contain %q", d[proxy.FieldDetail], tt.detail)
			}
			if want := int64(map[bool]int{true: 1}[allowed]); l.conns.Load() != want {
				t.Errorf("the destination accepted %d connections, want %d", l.conns.Load(), want)
			}
		})
	}
}

// files issues a client certificate from ca and writes it and its key.
func files(t *testing.T, ca *testpki.CA, cn string, dnsNames ...string) (certFile, keyFile string) {
	certFile, keyFile, _ = ca.Files(t, ca.Client(t, cn, dnsNames...))
	return certFile, keyFile
}

// TestHTTPSProxyWithBasic: with client certificates and users both
// configured, a client must pass both; the line names the certificate as
// the identity and the user apart.
func TestHTTPSProxyWithBasic(t *testing.T) {
	curl := need(t, "curl")
	l := newTLSLab(t, func(o *proxy.Options) { o.Users = map[string]string{"alice": "s3cret"} })
	certFile, keyFile := files(t, l.clients, "billing-service")
	tests := []struct {
		name, reason, user string
		args               []string
	}{
		{name: "certificate without Basic", reason: proxy.ReasonAuthRequired, args: l.curlArgs(certFile, keyFile)},
		{name: "Basic without a certificate", reason: proxy.ReasonClientCertMissing, args: l.curlArgs("", "", "--proxy-user", "alice:s3cret")},
		{name: "both", reason: proxy.ReasonOK, user: "alice", args: l.curlArgs(certFile, keyFile, "--proxy-user", "alice:s3cret")},
	}
	for i, tt := range tests {
		out, err := run(t, "", curl, tt.args...)
		if (tt.reason == proxy.ReasonOK) != (err == nil) {
			t.Fatalf("%s: curl: %v\n%s", tt.name, err, out)
		}
		identity := "billing-service"
		if tt.reason == proxy.ReasonClientCertMissing {
			identity = ""
		}
		d := l.logs.waitDecision(t, i+1)[i]
		checkDecision(t, d, map[string]any{proxy.FieldReason: tt.reason, proxy.FieldIdentity: identity, proxy.FieldUser: tt.user})
	}
	if n := l.conns.Load(); n != 1 {
		t.Errorf("the destination accepted %d connections, want 1", n)
	}
}

// TestHTTPSProxyGoClient runs net/http through the HTTPS proxy: the proxy
// and the destination are verified against the lab CA, and the client
// certificate goes to the proxy.
func TestHTTPSProxyGoClient(t *testing.T) {
	l := newTLSLab(t, nil)
	client := &http.Client{Transport: &http.Transport{
		Proxy: http.ProxyURL(&url.URL{Scheme: "https", Host: l.proxy}),
		TLSClientConfig: &tls.Config{
			RootCAs:      l.ca.Pool(),
			Certificates: []tls.Certificate{l.clients.Client(t, "go-client")},
		},
	}}
	defer client.CloseIdleConnections()
	resp, err := client.Get(l.url())
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || string(body) != "tlslab ok\n" {
		t.Fatalf("body %q, %v", body, err)
	}
	client.CloseIdleConnections()
	checkDecision(t, l.logs.only(t), map[string]any{proxy.FieldDecision: "allow", proxy.FieldIdentity: "go-client", proxy.FieldNegotiatedVersion: "TLS 1.3"})
}

// TestHTTPSProxyHop: the hop to the proxy is held to tlsfloor.Default even
// when the tunnels' floor is lowered, and a plain-HTTP client is told to
// use TLS.
func TestHTTPSProxyHop(t *testing.T) {
	l := newTLSLab(t, func(o *proxy.Options) {
		o.ClientCAs = nil
		o.Policy = tlsfloor.Default.InsecureLowerFloor(tls.VersionTLS10, "test: TLS 1.0 tunnels")
	})
	_, err := tls.Dial("tcp", l.proxy, &tls.Config{RootCAs: l.ca.Pool(), MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11})
	if err == nil || !strings.Contains(err.Error(), "protocol version") {
		t.Fatalf("TLS 1.1 to the proxy: %v, want a protocol_version alert", err)
	}
	checkDecision(t, l.logs.only(t), map[string]any{proxy.FieldDecision: "deny", proxy.FieldReason: proxy.ReasonClientTLSFailed})

	resp := request(t, l.proxy, "CONNECT "+l.dest()+" HTTP/1.1\r\n\r\n")
	if resp.StatusCode != http.StatusBadRequest || resp.Header.Get(proxy.HeaderReason) != proxy.ReasonClientTLSFailed {
		t.Errorf("plain HTTP to the TLS listener: %d %q, want 400 %s", resp.StatusCode, resp.Header.Get(proxy.HeaderReason), proxy.ReasonClientTLSFailed)
	}

	c, err := tls.Dial("tcp", l.proxy, &tls.Config{RootCAs: l.ca.Pool()})
	if err != nil {
		t.Fatalf("TLS 1.3 to the proxy: %v", err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(20 * time.Second))
	io.WriteString(c, "CONNECT "+l.dest()+" HTTP/1.1\r\n\r\n")
	br := bufio.NewReader(c)
	if resp, err := http.ReadResponse(br, &http.Request{Method: http.MethodConnect}); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("CONNECT over TLS: %v, %v", resp, err)
	}
	tc := tls.Client(tunnelConn{c, br}, &tls.Config{RootCAs: l.ca.Pool(), ServerName: awsHost})
	io.WriteString(tc, "GET / HTTP/1.1\r\nHost: "+awsHost+"\r\nConnection: close\r\n\r\n")
	if resp, err := http.ReadResponse(bufio.NewReader(tc), nil); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("TLS inside the tunnel inside TLS: %v, %v", resp, err)
	}
	c.Close()
	checkDecision(t, l.logs.waitDecision(t, 3)[2], map[string]any{proxy.FieldDecision: "allow", proxy.FieldNegotiatedVersion: "TLS 1.3"})
}

// TestNewRejectsTLSOptions: client CAs need a certificate, and a
// certificate needs its key.
func TestNewRejectsTLSOptions(t *testing.T) {
	ca := testpki.New(t)
	leaf := ca.Leaf(t, testpki.ECDSA)
	noKey := tls.Certificate{Certificate: leaf.Certificate}
	for _, opts := range []proxy.Options{
		{ClientCAs: ca.Pool()},
		{Certificate: &noKey},
		{Certificate: &tls.Certificate{}},
	} {
		if _, err := proxy.New(opts, nil); err == nil {
			t.Errorf("New accepted certificate %v with client CAs %v", opts.Certificate != nil, opts.ClientCAs != nil)
		}
	}
}

// TestHTTPSProxyRefusedBeforeDial: a client without a certificate gets
// no further than the handshake; its TCP connection is closed.
func TestHTTPSProxyRefusedBeforeDial(t *testing.T) {
	l := newTLSLab(t, nil)
	raw, err := net.Dial("tcp", l.proxy)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetDeadline(time.Now().Add(20 * time.Second))
	c := tls.Client(raw, &tls.Config{RootCAs: l.ca.Pool(), ServerName: "127.0.0.1"})
	c.Handshake() // TLS 1.3: the client finishes first; the proxy's verdict arrives as an alert
	io.WriteString(c, "CONNECT "+l.dest()+" HTTP/1.1\r\n\r\n")
	if _, err := io.ReadAll(c); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("reading after a handshake without a certificate: %v, want the proxy's certificate alert", err)
	}
	checkDecision(t, l.logs.only(t), map[string]any{proxy.FieldReason: proxy.ReasonClientCertMissing})
	if n := l.conns.Load(); n != 0 {
		t.Errorf("the destination accepted %d connections", n)
	}
}

// TestHTTPSProxySilentClient: a client that opens a connection and never
// starts the TLS handshake is closed after the header timeout.
func TestHTTPSProxySilentClient(t *testing.T) {
	l := newTLSLab(t, func(o *proxy.Options) { o.Limits.HeaderTimeout = 200 * time.Millisecond })
	c, err := net.Dial("tcp", l.proxy)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(20 * time.Second))
	if got, err := io.ReadAll(c); err != nil || len(got) != 0 {
		t.Errorf("silent client read %q, %v; want the proxy to close", got, err)
	}
	checkDecision(t, l.logs.only(t), map[string]any{proxy.FieldDecision: "deny", proxy.FieldReason: proxy.ReasonHeaderTimeout})
}
