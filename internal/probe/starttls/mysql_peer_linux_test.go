//go:build linux

package starttls

import (
	"context"
	"crypto/tls"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// startMariaDB runs a throw-away MariaDB server on an empty data
// directory (system tables are not needed with --skip-grant-tables), with
// the lab's certificate, listening on 127.0.0.1 only, and returns its
// address. MariaDB is not installed by the test setup, so a missing
// server skips the test even in CI.
func startMariaDB(t *testing.T, l *lab) string {
	t.Helper()
	mariadbd := findBinary("mariadbd", "/usr/sbin/mariadbd", "/usr/sbin/mysqld")
	if mariadbd == "" {
		t.Skip("MariaDB server not found (apt-get install mariadb-server)")
	}
	dir, err := os.MkdirTemp("", "tlsfloor-starttls-mariadb-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	cert, key, ca, err := l.ca.WriteFiles(dir, l.leaf)
	if err != nil {
		t.Fatal(err)
	}
	data, logFile := filepath.Join(dir, "data"), filepath.Join(dir, "server.log")
	if err := os.Mkdir(data, 0o700); err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(freePort(t))
	args := []string{"--no-defaults", "--datadir=" + data, "--socket=" + filepath.Join(dir, "sock"),
		"--pid-file=" + filepath.Join(dir, "pid"), "--log-error=" + logFile,
		"--bind-address=127.0.0.1", "--port=" + port, "--skip-grant-tables",
		"--ssl-cert=" + cert, "--ssl-key=" + key, "--ssl-ca=" + ca,
		"--innodb-buffer-pool-size=8M", "--innodb-log-file-size=4M"}
	if os.Geteuid() == 0 {
		args = append(args, "--user=root")
	}
	cmd := account{}.command(t, logFile, mariadbd, args...)
	addr := net.JoinHostPort("127.0.0.1", port)
	startPeer(t, cmd, addr, logFile)
	return addr
}

func TestMariaDBRealServer(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a MariaDB server")
	}
	l := newLab(t)
	start := time.Now()
	addr := startMariaDB(t, l)
	t.Logf("MariaDB up on %s in %v", addr, time.Since(start).Round(time.Millisecond))
	conn, err := dialWith(t, context.Background(), "mysql", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	tc := l.handshake(t, conn)
	if v := tc.ConnectionState().Version; v < tls.VersionTLS12 {
		t.Errorf("negotiated %s", tls.VersionName(v))
	}
}
