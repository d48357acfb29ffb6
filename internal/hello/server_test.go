package hello_test

import (
	"crypto/tls"
	"errors"
	"flag"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/hello"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
	"github.com/tlsfloor/tlsfloor/internal/tlslab"
)

var update = flag.Bool("update", false, "rewrite testdata/serverreply seeds from live servers")

// recordingConn keeps every byte the server sends.
type recordingConn struct {
	net.Conn
	mu  sync.Mutex
	got []byte
}

func (c *recordingConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	c.mu.Lock()
	c.got = append(c.got, b[:n]...)
	c.mu.Unlock()
	return n, err
}

// firstFlight runs a handshake with client against addr and returns the
// bytes the server sent.
func firstFlight(t *testing.T, addr string, client *tls.Config) []byte {
	t.Helper()
	raw, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rc := &recordingConn{Conn: raw}
	tls.Client(rc, client).Handshake() // success or failure, the reply is recorded
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.got
}

// TestParseLiveReplies parses what real servers send: Go and OpenSSL
// ServerHellos at each version, a HelloRetryRequest, and a
// protocol_version alert.
func TestParseLiveReplies(t *testing.T) {
	ca := testpki.New(t)
	legacy := &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS10, CipherSuites: allSuites()}
	tests := []struct {
		name    string
		addr    func(t *testing.T) string
		client  *tls.Config
		want    hello.ServerReply
		version bool // compare Version only
	}{
		{name: "go-tls13", addr: goServer(ca, &tls.Config{}), client: legacy, want: hello.ServerReply{Kind: hello.ServerHello, Version: tls.VersionTLS13, LegacyVersion: tls.VersionTLS12, KeyShare: tls.X25519MLKEM768}, version: true},
		{name: "go-tls12", addr: goServer(ca, &tls.Config{MaxVersion: tls.VersionTLS12}), client: legacy, want: hello.ServerReply{Kind: hello.ServerHello, Version: tls.VersionTLS12, LegacyVersion: tls.VersionTLS12}, version: true},
		{name: "openssl-tls10", addr: opensslServer(ca, tlslab.OnlyTLS10), client: legacy, want: hello.ServerReply{Kind: hello.ServerHello, Version: tls.VersionTLS10, LegacyVersion: tls.VersionTLS10}, version: true},
		{name: "openssl-tls11", addr: opensslServer(ca, tlslab.OnlyTLS11), client: legacy, want: hello.ServerReply{Kind: hello.ServerHello, Version: tls.VersionTLS11, LegacyVersion: tls.VersionTLS11}, version: true},
		{name: "openssl-tls13", addr: opensslServer(ca, tlslab.OnlyTLS13), client: legacy, want: hello.ServerReply{Kind: hello.ServerHello, Version: tls.VersionTLS13, LegacyVersion: tls.VersionTLS12, KeyShare: tls.X25519}, version: true},
		{
			name:   "go-tls12-alpn",
			addr:   goServer(ca, &tls.Config{MaxVersion: tls.VersionTLS12, NextProtos: []string{"h2", "http/1.1"}}),
			client: &tls.Config{InsecureSkipVerify: true, NextProtos: []string{"http/1.1", "h2"}},
			want:   hello.ServerReply{Kind: hello.ServerHello, Version: tls.VersionTLS12, LegacyVersion: tls.VersionTLS12, ALPN: "h2"}, version: true,
		},
		{
			name:   "openssl-tls12-alpn",
			addr:   opensslServer(ca, []string{"-tls1_2", "-alpn", "http/1.1"}),
			client: &tls.Config{InsecureSkipVerify: true, NextProtos: []string{"h2", "http/1.1"}},
			want:   hello.ServerReply{Kind: hello.ServerHello, Version: tls.VersionTLS12, LegacyVersion: tls.VersionTLS12, ALPN: "http/1.1"}, version: true,
		},
		{
			name:   "go-hello-retry",
			addr:   goServer(ca, &tls.Config{CurvePreferences: []tls.CurveID{tls.CurveP384}}),
			client: &tls.Config{InsecureSkipVerify: true, CurvePreferences: []tls.CurveID{tls.X25519, tls.CurveP384}},
			want:   hello.ServerReply{Kind: hello.ServerHello, Version: tls.VersionTLS13, LegacyVersion: tls.VersionTLS12, HelloRetry: true, KeyShare: tls.CurveP384}, version: true,
		},
		{
			name:   "openssl-protocol-version-alert",
			addr:   opensslServer(ca, tlslab.OnlyTLS11),
			client: &tls.Config{InsecureSkipVerify: true},
			want:   hello.ServerReply{Kind: hello.Alert, AlertLevel: 2, AlertDescription: 70},
		},
		{
			name:   "go-protocol-version-alert",
			addr:   goServer(ca, &tls.Config{MaxVersion: tls.VersionTLS11}),
			client: &tls.Config{InsecureSkipVerify: true},
			want:   hello.ServerReply{Kind: hello.Alert, AlertLevel: 2, AlertDescription: 70},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := firstFlight(t, tt.addr(t), tt.client)
			reply, err := hello.ParseServerReply(got)
			if err != nil {
				t.Fatalf("ParseServerReply(%d bytes): %v", len(got), err)
			}
			if tt.version {
				reply.CipherSuite = 0
			}
			if reply != tt.want {
				t.Errorf("reply = %+v, want %+v", reply, tt.want)
			}
			if *update {
				writeSeed(t, tt.name, got)
			}
		})
	}
}

func goServer(ca *testpki.CA, cfg *tls.Config) func(*testing.T) string {
	return func(t *testing.T) string { return tlslab.GoTLS(t, ca, cfg) }
}

func opensslServer(ca *testpki.CA, flags []string) func(*testing.T) string {
	return func(t *testing.T) string { return tlslab.OpenSSL(t, ca, testpki.ECDSA, flags...) }
}

func allSuites() []uint16 {
	var ids []uint16
	for _, s := range append(tls.CipherSuites(), tls.InsecureCipherSuites()...) {
		ids = append(ids, s.ID)
	}
	return ids
}

// writeSeed stores a live reply as a fuzz seed in Go's corpus format.
func writeSeed(t *testing.T, name string, b []byte) {
	dir := filepath.Join("testdata", "fuzz", "FuzzParseServerReply")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	body := "go test fuzz v1\n[]byte(" + quote(b) + ")\n"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func quote(b []byte) string {
	const hex = "0123456789abcdef"
	out := []byte{'"'}
	for _, c := range b {
		out = append(out, '\\', 'x', hex[c>>4], hex[c&15])
	}
	return string(append(out, '"'))
}

func TestParseServerReplyErrors(t *testing.T) {
	serverHello := []byte{22, 3, 3, 0, 42, 2, 0, 0, 38, 3, 3}
	serverHello = append(serverHello, make([]byte, 32)...)
	serverHello = append(serverHello, 0, 0x13, 0x01, 0)
	tests := []struct {
		name string
		in   []byte
		want error // nil: any non-nil error other than the sentinels
	}{
		{name: "empty", in: nil, want: hello.ErrIncomplete},
		{name: "HTTP response", in: []byte("HTTP/1.1 200 OK\r\n"), want: hello.ErrNotTLS},
		{name: "SOCKS5 reply", in: []byte{5, 0}, want: hello.ErrNotTLS},
		{name: "short header", in: []byte{22, 3, 3}, want: hello.ErrIncomplete},
		{name: "record cut", in: serverHello[:20], want: hello.ErrIncomplete},
		{name: "not TLS version", in: []byte{22, 2, 0, 0, 4, 2, 0, 0, 0}},
		{name: "zero length record", in: []byte{22, 3, 3, 0, 0}},
		{name: "huge record", in: []byte{22, 3, 3, 0xff, 0xff}},
		{name: "not ServerHello", in: []byte{22, 3, 3, 0, 4, 11, 0, 0, 0}},
		{name: "ServerHello truncated inside", in: []byte{22, 3, 3, 0, 6, 2, 0, 0, 2, 3, 3}},
		{name: "short alert", in: []byte{21, 3, 3, 0, 1, 2}},
		{name: "alert then handshake type mix", in: append([]byte{22, 3, 3, 0, 4, 2, 0, 0, 80}, 21, 3, 3, 0, 2, 2, 70)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := hello.ParseServerReply(tt.in)
			switch {
			case err == nil:
				t.Fatal("no error")
			case tt.want != nil && !errors.Is(err, tt.want):
				t.Errorf("error = %v, want %v", err, tt.want)
			case tt.want == nil && (errors.Is(err, hello.ErrIncomplete) || errors.Is(err, hello.ErrNotTLS)):
				t.Errorf("error = %v, want a malformed-input error", err)
			}
		})
	}
	if r, err := hello.ParseServerReply(serverHello); err != nil || r.Version != tls.VersionTLS12 || r.CipherSuite != tls.TLS_AES_128_GCM_SHA256 {
		t.Errorf("minimal ServerHello = %+v, %v", r, err)
	}
}

// TestFragmentedServerHello splits a live ServerHello into one-byte
// records: it must parse the same.
func TestFragmentedServerHello(t *testing.T) {
	ca := testpki.New(t)
	got := firstFlight(t, tlslab.GoTLS(t, ca, &tls.Config{}), &tls.Config{InsecureSkipVerify: true})
	whole, err := hello.ParseServerReply(got)
	if err != nil {
		t.Fatal(err)
	}
	n := int(got[3])<<8 | int(got[4])
	var frag []byte
	for _, c := range got[5 : 5+n] {
		frag = append(frag, 22, 3, 3, 0, 1, c)
	}
	split, err := hello.ParseServerReply(frag)
	if err != nil || split != whole {
		t.Errorf("fragmented = %+v, %v; want %+v", split, err, whole)
	}
}

func FuzzParseServerReply(f *testing.F) {
	f.Add([]byte{21, 3, 3, 0, 2, 2, 70})
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := hello.ParseServerReply(b)
		if err == nil && r.Kind != hello.ServerHello && r.Kind != hello.Alert {
			t.Errorf("no error but kind %d", r.Kind)
		}
	})
}
