package hello_test

import (
	"bytes"
	"crypto/tls"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// replayConn feeds fixed bytes to a reader and swallows its writes.
type replayConn struct {
	net.Conn
	in  *bytes.Reader
	out bytes.Buffer
}

func (c *replayConn) Read(b []byte) (int, error)       { return c.in.Read(b) }
func (c *replayConn) Write(b []byte) (int, error)      { return c.out.Write(b) }
func (c *replayConn) Close() error                     { return nil }
func (c *replayConn) SetDeadline(time.Time) error      { return nil }
func (c *replayConn) SetReadDeadline(time.Time) error  { return nil }
func (c *replayConn) SetWriteDeadline(time.Time) error { return nil }
func (c *replayConn) RemoteAddr() net.Addr             { return &net.TCPAddr{} }
func (c *replayConn) LocalAddr() net.Addr              { return &net.TCPAddr{} }

var errCaptured = errors.New("captured")

// goParse has crypto/tls's server parse a ClientHello: the oracle the
// builder and the parser are checked against.
func goParse(t *testing.T, record []byte) *tls.ClientHelloInfo {
	t.Helper()
	var got *tls.ClientHelloInfo
	cfg := &tls.Config{GetConfigForClient: func(h *tls.ClientHelloInfo) (*tls.Config, error) {
		got = h
		return nil, errCaptured
	}}
	err := tls.Server(&replayConn{in: bytes.NewReader(record)}, cfg).Handshake()
	if got == nil {
		t.Fatalf("crypto/tls did not parse the hello: %v", err)
	}
	return got
}

// goClientHello returns the ClientHello records a crypto/tls client with
// cfg sends.
func goClientHello(t *testing.T, cfg *tls.Config) []byte {
	t.Helper()
	c := &replayConn{in: bytes.NewReader(nil)}
	tls.Client(c, cfg).Handshake() // fails at EOF once the hello is written
	if c.out.Len() == 0 {
		t.Fatal("crypto/tls client wrote nothing")
	}
	return c.out.Bytes()
}

// exchange sends a built hello to addr and reads the server's first flight.
func exchange(t *testing.T, addr string, ch *hello.ClientHello) (*hello.ServerFlight, error) {
	t.Helper()
	b, err := ch.Marshal()
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	return exchangeBytes(t, addr, b)
}

func exchangeBytes(t *testing.T, addr string, b []byte) (*hello.ServerFlight, error) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := conn.Write(b); err != nil {
		t.Fatal(err)
	}
	rc := &recordingConn{Conn: conn}
	f, err := hello.ReadServerFlight(rc, 1<<17)
	if *update {
		writeCorpus(t, "FuzzReadServerFlight", t.Name(), rc.got)
	}
	return f, err
}

// writeCorpus stores b as a fuzz seed in Go's corpus format.
func writeCorpus(t *testing.T, fuzzer, name string, b []byte) {
	t.Helper()
	dir := filepath.Join("testdata", "fuzz", fuzzer)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	name = strings.ReplaceAll(name, "/", "-")
	body := "go test fuzz v1\n[]byte(" + quote(b) + ")\n"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}
