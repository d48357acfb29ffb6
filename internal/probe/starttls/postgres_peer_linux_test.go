//go:build linux

package starttls

import (
	"context"
	"crypto/tls"
	"encoding/binary"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// postgresBinaries returns initdb and postgres from PATH or Debian's
// /usr/lib/postgresql/VERSION/bin, or "" when missing.
func postgresBinaries() (initdb, postgres string) {
	initdb = findBinary("initdb", newestVersion("/usr/lib/postgresql/*/bin/initdb"))
	if initdb == "" {
		return "", ""
	}
	return initdb, findBinary(filepath.Join(filepath.Dir(initdb), "postgres"), "postgres")
}

// startPostgres runs a throw-away PostgreSQL cluster with ssl=on and the
// lab's certificate, listening on 127.0.0.1 only, and returns its
// address.
func startPostgres(t *testing.T, l *lab) string {
	t.Helper()
	initdb, postgres := postgresBinaries()
	if initdb == "" || postgres == "" {
		needPeer(t, "PostgreSQL server binaries not found (apt-get install postgresql)")
	}
	acct, err := accountFor(t, "postgres")
	if err != nil {
		needPeer(t, "no postgres account to run the server as: %v", err)
	}
	dir := peerDir(t, acct, "tlsfloor-starttls-pg-")
	cert, key, _, err := l.ca.WriteFiles(dir, l.leaf)
	if err != nil {
		t.Fatal(err)
	}
	acct.chown(t, cert, key)
	logFile, data := filepath.Join(dir, "server.log"), filepath.Join(dir, "data")
	run(t, acct.command(t, logFile, initdb, "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"), logFile)
	port := strconv.Itoa(freePort(t))
	cmd := acct.command(t, logFile, postgres, "-D", data,
		"-c", "listen_addresses=127.0.0.1", "-c", "port="+port, "-c", "unix_socket_directories="+dir,
		"-c", "ssl=on", "-c", "ssl_cert_file="+cert, "-c", "ssl_key_file="+key,
		"-c", "fsync=off", "-c", "logging_collector=off")
	addr := net.JoinHostPort("127.0.0.1", port)
	startPeer(t, cmd, addr, logFile)
	waitPostgresReady(t, filepath.Join(data, "postmaster.pid"), logFile)
	return addr
}

// waitPostgresReady waits until the server's postmaster.pid says "ready"
// on its status line: before that it answers connections with "the
// database system is starting up".
func waitPostgresReady(t *testing.T, pidFile, logFile string) {
	t.Helper()
	deadline := time.Now().Add(peerStartTimeout)
	for time.Now().Before(deadline) {
		b, _ := os.ReadFile(pidFile)
		if lines := strings.Split(string(b), "\n"); len(lines) > 7 && strings.TrimSpace(lines[7]) == "ready" {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("PostgreSQL not ready after %v:\n%s", peerStartTimeout, logTail(logFile))
}

func TestPostgresRealServer(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a PostgreSQL server")
	}
	l := newLab(t)
	start := time.Now()
	addr := startPostgres(t, l)
	t.Logf("PostgreSQL up on %s in %v", addr, time.Since(start).Round(time.Millisecond))
	conn, err := dialWith(t, context.Background(), "postgres", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	tc := l.handshake(t, conn)
	if v := tc.ConnectionState().Version; v < tls.VersionTLS12 {
		t.Errorf("negotiated %s", tls.VersionName(v))
	}
	checkPostgresStartup(t, tc)
}

// checkPostgresStartup sends a StartupMessage over the TLS connection and
// expects AuthenticationOk, proving the server speaks PostgreSQL inside
// TLS.
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
