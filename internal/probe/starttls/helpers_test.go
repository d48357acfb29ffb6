package starttls

import (
	"context"
	"crypto/tls"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/labca"
)

// lab is a throw-away CA with a leaf for localhost and the TLS configs of
// both ends.
type lab struct {
	ca     *labca.CA
	leaf   tls.Certificate
	server *tls.Config
	client *tls.Config
}

// newLab mints the lab's CA and leaf.
func newLab(t *testing.T) *lab {
	t.Helper()
	ca, err := labca.New("starttls test CA")
	if err != nil {
		t.Fatal(err)
	}
	key, err := labca.NewKey(labca.ECDSA)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := ca.Leaf(key)
	if err != nil {
		t.Fatal(err)
	}
	return &lab{
		ca:     ca,
		leaf:   leaf,
		server: &tls.Config{Certificates: []tls.Certificate{leaf}, MinVersion: tls.VersionTLS12},
		client: &tls.Config{RootCAs: ca.Pool(), ServerName: "localhost", MinVersion: tls.VersionTLS12},
	}
}

// handshake runs a verifying TLS client handshake on conn and returns the
// connection.
func (l *lab) handshake(t *testing.T, conn net.Conn) *tls.Conn {
	t.Helper()
	tc := tls.Client(conn, l.client)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := tc.HandshakeContext(ctx); err != nil {
		t.Fatalf("TLS handshake after STARTTLS: %v", err)
	}
	if got := tc.ConnectionState().PeerCertificates[0].Subject.CommonName; got != "localhost" {
		t.Errorf("peer certificate CN = %q, want localhost", got)
	}
	return tc
}

// upgrade dials addr through a Dialer of kind, which must succeed, and
// runs a verifying TLS handshake on the connection, closed at cleanup.
func (l *lab) upgrade(t *testing.T, kind, addr string) *tls.Conn {
	t.Helper()
	conn, err := dialWith(t, context.Background(), kind, addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return l.handshake(t, conn)
}

// fakeServer accepts one connection on a loopback port and runs handle
// on it, then closes it. Cleanup waits for handle to return.
func fakeServer(t *testing.T, handle func(conn net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(20 * time.Second))
		handle(conn)
	})
	t.Cleanup(func() {
		ln.Close()
		wg.Wait()
	})
	return ln.Addr().String()
}

// dialWith dials addr through a Dialer of kind with the given timeout.
func dialWith(t *testing.T, ctx context.Context, kind, addr string, timeout time.Duration) (net.Conn, error) {
	t.Helper()
	dial, err := Dialer(kind, nil, timeout)
	if err != nil {
		t.Fatal(err)
	}
	return dial(ctx, "tcp", addr)
}

// checkErr fails unless err is non-nil and contains every part of want.
func checkErr(t *testing.T, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", want)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not contain %q", err, w)
		}
	}
}

// readUntil reads from conn until the data read ends with suffix, and
// returns it, or what it had and the read error.
func readUntil(conn net.Conn, suffix string) (string, error) {
	var sb strings.Builder
	buf := make([]byte, 1)
	for !strings.HasSuffix(sb.String(), suffix) {
		if _, err := conn.Read(buf); err != nil {
			return sb.String(), err
		}
		sb.Write(buf)
	}
	return sb.String(), nil
}
