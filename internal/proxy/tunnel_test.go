package proxy_test

import (
	"bytes"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/internal/hello"
	"github.com/tlsfloor/tlsfloor/internal/proxy"
)

// marshal builds a hello or fails the test.
func marshal(t *testing.T, ch hello.ClientHello) []byte {
	t.Helper()
	b, err := ch.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var sigSchemes = []tls.SignatureScheme{tls.ECDSAWithP256AndSHA256, tls.PSSWithSHA256, tls.PKCS1WithSHA256, tls.ECDSAWithP384AndSHA384}

// hello13 is a TLS 1.3 hello offering the given groups, with key shares.
func hello13(t *testing.T, groups ...tls.CurveID) []byte {
	return marshal(t, hello.ClientHello{
		ServerName:        awsHost,
		SupportedVersions: []uint16{tls.VersionTLS13, tls.VersionTLS12},
		CipherSuites:      append(hello.TLS13CipherSuites(), tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256),
		Groups:            groups,
		KeyShares:         groups[:1],
		SignatureSchemes:  sigSchemes,
	})
}

// hello10 is a TLS 1.0 hello, as a client stuck at TLS 1.0 sends it.
func hello10(t *testing.T) []byte {
	return marshal(t, hello.ClientHello{
		LegacyVersion:    tls.VersionTLS10,
		ServerName:       awsHost,
		CipherSuites:     hello.CipherSuitesFor(tls.VersionTLS10),
		Groups:           []tls.CurveID{tls.X25519, tls.CurveP256},
		SignatureSchemes: sigSchemes,
	})
}

// splitRecords re-frames one handshake record into records of the given
// payload sizes (the last takes the rest).
func splitRecords(rec []byte, sizes ...int) [][]byte {
	payload := rec[5:]
	var out [][]byte
	for _, n := range append(sizes, len(payload)) {
		n = min(n, len(payload))
		r := append([]byte{0x16, 0x03, 0x01, byte(n >> 8), byte(n)}, payload[:n]...)
		out, payload = append(out, r), payload[n:]
		if len(payload) == 0 {
			break
		}
	}
	return out
}

// changeCipherSpec is the dummy record TLS 1.3 clients send after their
// hello for middlebox compatibility (RFC 8446, appendix D.4).
var changeCipherSpec = []byte{0x14, 0x03, 0x03, 0x00, 0x01, 0x01}

func TestHelloSplitAcrossRecords(t *testing.T) {
	l := newLab(t, nil, nil)
	c, br, code := connect(t, l.proxy, l.dest())
	if code != http.StatusOK {
		t.Fatalf("CONNECT status %d", code)
	}
	for _, rec := range splitRecords(hello13(t, tls.X25519), 7, 100, 2) {
		if _, err := c.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	c.Write(changeCipherSpec)
	reply := readReply(t, br)
	if reply.Kind != hello.ServerHello || reply.Version != tls.VersionTLS13 {
		t.Fatalf("reply through the tunnel = %+v, want a TLS 1.3 ServerHello", reply)
	}
	c.Close()
	checkDecision(t, l.logs.only(t), map[string]any{
		proxy.FieldDecision: "allow", proxy.FieldReason: "ok", proxy.FieldNegotiatedVersion: "TLS 1.3",
		proxy.FieldOfferedVersions: []string{"TLS 1.3", "TLS 1.2"}, proxy.FieldOfferedGroups: []string{"X25519"},
		proxy.FieldSNI: awsHost, proxy.FieldDestination: l.dest(), proxy.FieldMode: "enforce",
	})
	if n := l.conns.Load(); n != 1 {
		t.Errorf("destination accepted %d connections, want 1", n)
	}
}

// readReply reads the destination's first message off a tunnel.
func readReply(t *testing.T, r io.Reader) hello.ServerReply {
	t.Helper()
	var buf []byte
	chunk := make([]byte, 4096)
	for {
		n, err := r.Read(chunk)
		buf = append(buf, chunk[:n]...)
		reply, perr := hello.ParseServerReply(buf)
		if perr == nil {
			return reply
		}
		if !errors.Is(perr, hello.ErrIncomplete) || err != nil {
			t.Fatalf("reading the reply: %v, %v (bytes % x)", perr, err, buf)
		}
	}
}

// TestRefusedHellos sends hand-made first bytes through the tunnel: each
// is refused with the alert (or silence) its reason calls for, and the
// destination never sees a connection.
func TestRefusedHellos(t *testing.T) {
	tests := []struct {
		name    string
		send    func(t *testing.T) []byte
		policy  tlsfloor.Policy
		reason  string
		answer  []byte // what the client reads before EOF
		offered []string
	}{
		{
			name: "TLS 1.0", send: hello10, reason: proxy.ReasonBelowFloor,
			answer: []byte{0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 70}, offered: []string{"TLS 1.0"},
		},
		{
			name: "TLS 1.0 to 1.2 under a TLS 1.3 floor", policy: tlsfloor.TLS13, reason: proxy.ReasonBelowFloor,
			send: func(t *testing.T) []byte {
				return marshal(t, hello.ClientHello{SupportedVersions: []uint16{0x0303, 0x0302, 0x0301}, CipherSuites: hello.CipherSuitesFor(0x0303), Groups: []tls.CurveID{tls.X25519}, KeyShares: []tls.CurveID{tls.X25519}, SignatureSchemes: sigSchemes})
			},
			answer: []byte{0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 70}, offered: []string{"TLS 1.2", "TLS 1.1", "TLS 1.0"},
		},
		{
			name: "TLS 1.3 without a hybrid group under PostQuantum", policy: tlsfloor.PostQuantum, reason: proxy.ReasonNoPQGroup,
			send:   func(t *testing.T) []byte { return hello13(t, tls.X25519, tls.CurveP256) },
			answer: []byte{0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 71}, offered: []string{"TLS 1.3", "TLS 1.2"},
		},
		{
			name: "SSL 2.0-compatible hello", send: sslv2Hello, reason: proxy.ReasonSSLv2Hello,
			answer: []byte{0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 70}, offered: []string{"TLS 1.0"},
		},
		{
			name: "garbage", reason: proxy.ReasonNotTLS,
			send: func(*testing.T) []byte { return []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n") },
		},
		{
			name: "malformed handshake", reason: proxy.ReasonHelloMalformed,
			send: func(*testing.T) []byte { return []byte{0x16, 0x03, 0x01, 0x00, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00} },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newLab(t, nil, func(o *proxy.Options) { o.Policy = tt.policy })
			c, br, code := connect(t, l.proxy, l.dest())
			if code != http.StatusOK {
				t.Fatalf("CONNECT status %d", code)
			}
			c.Write(tt.send(t))
			got, err := io.ReadAll(br)
			if err != nil || !bytes.Equal(got, tt.answer) {
				t.Errorf("client read % x, %v; want % x then EOF", got, err, tt.answer)
			}
			d := l.logs.only(t)
			checkDecision(t, d, map[string]any{proxy.FieldDecision: "deny", proxy.FieldReason: tt.reason})
			if tt.offered != nil {
				checkDecision(t, d, map[string]any{proxy.FieldOfferedVersions: tt.offered})
			}
			if n := l.conns.Load(); n != 0 {
				t.Errorf("the destination accepted %d connections for a refused tunnel", n)
			}
		})
	}
}

// sslv2Hello is an SSL 2.0-compatible CLIENT-HELLO offering TLS 1.0
// (RFC 5246, appendix E.2).
func sslv2Hello(*testing.T) []byte {
	specs := []byte{0x00, 0x00, 0x2f, 0x00, 0x00, 0x35, 0x01, 0x00, 0x80}
	challenge := bytes.Repeat([]byte{0xab}, 16)
	body := []byte{0x01, 0x03, 0x01, 0x00, byte(len(specs)), 0x00, 0x00, 0x00, byte(len(challenge))}
	body = append(append(body, specs...), challenge...)
	return append([]byte{0x80 | byte(len(body)>>8), byte(len(body))}, body...)
}

func TestClientSendsNoHello(t *testing.T) {
	l := newLab(t, nil, func(o *proxy.Options) { o.Limits.HelloTimeout = 200 * time.Millisecond })
	_, br, code := connect(t, l.proxy, l.dest())
	if code != http.StatusOK {
		t.Fatalf("CONNECT status %d", code)
	}
	if got, err := io.ReadAll(br); err != nil || len(got) != 0 {
		t.Errorf("client read %q, %v; want the proxy to close the silent tunnel", got, err)
	}
	checkDecision(t, l.logs.only(t), map[string]any{proxy.FieldDecision: "deny", proxy.FieldReason: proxy.ReasonHelloTimeout})
	if n := l.conns.Load(); n != 0 {
		t.Errorf("the destination accepted %d connections", n)
	}
}

// TestGoClients runs crypto/tls clients through the tunnel, in both modes.
func TestGoClients(t *testing.T) {
	tls10 := &tls.Config{MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS10}
	tests := []struct {
		name       string
		mode       proxy.Mode
		policy     tlsfloor.Policy
		server     *tls.Config
		client     *tls.Config
		decision   string
		reason     string
		negotiated string
		errText    string // in the client's error; "" means success
		destConns  int64
	}{
		{name: "TLS 1.3", server: nil, client: &tls.Config{}, decision: "allow", reason: "ok", negotiated: "TLS 1.3", destConns: 1},
		{name: "TLS 1.2", server: &tls.Config{MaxVersion: tls.VersionTLS12}, client: &tls.Config{MaxVersion: tls.VersionTLS12}, decision: "allow", reason: "ok", negotiated: "TLS 1.2", destConns: 1},
		{name: "TLS 1.0 enforce", server: tls10, client: tls10, decision: "deny", reason: proxy.ReasonBelowFloor, errText: "protocol version"},
		{name: "TLS 1.0 audit", mode: proxy.Audit, server: tls10, client: tls10, decision: "would_deny", reason: proxy.ReasonBelowFloor, negotiated: "TLS 1.0", destConns: 1},
		{name: "server below a TLS 1.3 floor", policy: tlsfloor.TLS13, server: &tls.Config{MaxVersion: tls.VersionTLS12}, client: &tls.Config{},
			decision: "deny", reason: proxy.ReasonServerBelowFloor, negotiated: "TLS 1.2", errText: "protocol version", destConns: 1},
		{name: "post-quantum", policy: tlsfloor.PostQuantum, client: &tls.Config{}, decision: "allow", reason: "ok", negotiated: "TLS 1.3", destConns: 1},
		{name: "server without a hybrid group", policy: tlsfloor.PostQuantum, server: &tls.Config{CurvePreferences: []tls.CurveID{tls.X25519}}, client: &tls.Config{},
			decision: "deny", reason: proxy.ReasonServerNoPQGroup, negotiated: "TLS 1.3", errText: "insufficient security", destConns: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newLab(t, tt.server, func(o *proxy.Options) { o.Mode, o.Policy = tt.mode, tt.policy })
			body, err := tlsClient(t, l, tt.client)
			switch {
			case tt.errText == "" && (err != nil || body != "tlslab ok\n"):
				t.Fatalf("through the proxy: %q, %v; want the destination's body", body, err)
			case tt.errText != "" && (err == nil || !strings.Contains(err.Error(), tt.errText)):
				t.Fatalf("through the proxy: error %v, want one mentioning %q", err, tt.errText)
			}
			checkDecision(t, l.logs.only(t), map[string]any{
				proxy.FieldDecision: tt.decision, proxy.FieldReason: tt.reason,
				proxy.FieldNegotiatedVersion: tt.negotiated, proxy.FieldMode: tt.mode.String(),
			})
			if n := l.conns.Load(); n != tt.destConns {
				t.Errorf("destination accepted %d connections, want %d", n, tt.destConns)
			}
		})
	}
}

// TestHalfClose: a client that half-closes after its request still gets
// the whole response, and the destination sees the end of the stream.
func TestHalfClose(t *testing.T) {
	l := newLab(t, nil, nil)
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{l.ca.Leaf(t, 0, awsHost)}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	serverSaw := make(chan string, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		req, err := io.ReadAll(c) // until the client's close_notify and FIN
		if err == nil {
			io.WriteString(c, "got "+string(req))
		}
		serverSaw <- string(req)
	}()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	l.server.Reload(labOptions(port))
	c, br, code := connect(t, l.proxy, net.JoinHostPort(awsHost, port))
	if code != http.StatusOK {
		t.Fatalf("CONNECT status %d", code)
	}
	tc := tls.Client(tunnelConn{c, br}, &tls.Config{RootCAs: l.ca.Pool(), ServerName: awsHost})
	io.WriteString(tc, "ping")
	if err := tc.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	c.(*net.TCPConn).CloseWrite()
	resp, err := io.ReadAll(tc)
	if string(resp) != "got ping" || err != nil {
		t.Errorf("response after half-close = %q, %v; want %q", resp, err, "got ping")
	}
	if got := <-serverSaw; got != "ping" {
		t.Errorf("server read %q", got)
	}
}

func TestIdleTimeout(t *testing.T) {
	l := newLab(t, nil, func(o *proxy.Options) { o.Limits.IdleTimeout = 300 * time.Millisecond })
	c, br, _ := connect(t, l.proxy, l.dest())
	tc := tls.Client(tunnelConn{c, br}, &tls.Config{RootCAs: l.ca.Pool(), ServerName: awsHost})
	if err := tc.Handshake(); err != nil {
		t.Fatal(err)
	}
	// The tunnel is now idle both ways; the proxy closes it. Without the
	// idle timeout this read would run into the test's 20s deadline.
	var ne net.Error
	if _, err := tc.Read(make([]byte, 1)); err == nil || errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("read on an idle tunnel: %v, want the proxy to close it", err)
	}
	checkDecision(t, l.logs.only(t), map[string]any{proxy.FieldDecision: "allow", proxy.FieldReason: "ok"})
}
