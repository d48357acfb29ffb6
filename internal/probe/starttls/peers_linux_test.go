//go:build linux

package starttls

import (
	"context"
	"crypto/tls"
	"encoding/binary"
	"io"
	"testing"
	"time"

	problab "github.com/tlsfloor/tlsfloor/internal/probe/lab"
)

// peerHandshake negotiates STARTTLS with kind on a lab server, then
// completes a TLS handshake that verifies the server's certificate.
func peerHandshake(t *testing.T, kind string, srv problab.Server) *tls.Conn {
	t.Helper()
	conn, err := dialWith(t, context.Background(), kind, srv.Addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	tc := tls.Client(conn, &tls.Config{RootCAs: srv.CAPool, ServerName: "localhost"})
	t.Cleanup(func() { tc.Close() })
	if err := tc.Handshake(); err != nil {
		t.Fatalf("TLS after %s STARTTLS: %v", kind, err)
	}
	if v := tc.ConnectionState().Version; v < tls.VersionTLS12 {
		t.Errorf("negotiated %s", tls.VersionName(v))
	}
	return tc
}

// TestPostgresRealServer runs STARTTLS against the probe lab's PostgreSQL, then
// proves the server speaks PostgreSQL inside TLS.
func TestPostgresRealServer(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a PostgreSQL server")
	}
	checkPostgresStartup(t, peerHandshake(t, "postgres", problab.PostgresTLS12Up(t)))
}

// TestMariaDBRealServer runs STARTTLS against the probe lab's MariaDB.
func TestMariaDBRealServer(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a MariaDB server")
	}
	peerHandshake(t, "mysql", problab.MariaDBTLS12Up(t))
}

// checkPostgresStartup sends a StartupMessage over the TLS connection and
// expects AuthenticationOk (the lab's cluster trusts local users).
func checkPostgresStartup(t *testing.T, conn *tls.Conn) {
	t.Helper()
	params := "user\x00postgres\x00database\x00postgres\x00\x00"
	msg := binary.BigEndian.AppendUint32(nil, uint32(8+len(params)))
	msg = binary.BigEndian.AppendUint32(msg, 3<<16) // protocol 3.0
	if _, err := conn.Write(append(msg, params...)); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	reply := make([]byte, 9)
	if _, err := io.ReadFull(conn, reply); err != nil {
		t.Fatal(err)
	}
	if want := []byte{'R', 0, 0, 0, 8, 0, 0, 0, 0}; string(reply) != string(want) {
		rest := make([]byte, 256)
		n, _ := conn.Read(rest)
		t.Errorf("reply to StartupMessage = %q, want AuthenticationOk % x", append(reply, rest[:n]...), want)
	}
}
