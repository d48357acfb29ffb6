package lab

import (
	"crypto/tls"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// mariadbLight keeps a throw-away MariaDB small and off the disk's
// critical path: small buffers and redo log, no syncing.
var mariadbLight = []string{"--innodb-buffer-pool-size=16M", "--innodb-log-file-size=4M",
	"--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0", "--innodb-flush-method=nosync"}

// MariaDBConfig configures a MariaDB server's TLS.
type MariaDBConfig struct {
	// Versions is tls_version, e.g. "TLSv1.2,TLSv1.3".
	Versions string
	// Cipher is ssl_cipher, naming TLS 1.2 suites only: TLS 1.3 then keeps
	// OpenSSL's default suites.
	Cipher string
	// Key is the type of the server's key.
	Key KeyType
}

// MariaDB initializes a throw-away data directory with Debian's MariaDB
// and starts mariadbd on a free 127.0.0.1 port with cfg, as the mysql
// user when the test runs as root. Clients reach TLS after the server's
// greeting and their SSL request (Expect.StartTLS is DialectMySQL). Its
// Expect is derived from cfg; MariaDB has no setting for groups, so
// Groups13 and Groups12 are nil (OpenSSL's defaults apply), and it lets
// the client's order decide.
func MariaDB(t testing.TB, name string, cfg MariaDBConfig) Server {
	t.Helper()
	server := need(t, "mariadbd", "mariadb-server")
	install := need(t, "mariadb-install-db", "mariadb-server")
	e := cfg.expect(t)
	dir := serverDir(t, "mariadb", "mysql")
	p := newPKI(t, dir, cfg.Key, "mysql")
	data := filepath.Join(dir, "data")
	initArgv := []string{install, "--no-defaults", "--datadir=" + data,
		"--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve"}
	run(t, procSpec{name: name + " (mariadb-install-db)", dir: dir, runAs: "mysql", argv: append(initArgv, mariadbLight...)})
	port := freePort(t)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	argv := []string{server, "--no-defaults", "--datadir=" + data, "--port=" + fmt.Sprint(port),
		"--socket=" + filepath.Join(dir, "mysqld.sock"), "--pid-file=" + filepath.Join(dir, "mysqld.pid"),
		"--bind-address=127.0.0.1", "--skip-name-resolve", "--skip-log-bin",
		"--ssl-cert=" + p.cert, "--ssl-key=" + p.key, "--tls-version=" + cfg.Versions, "--ssl-cipher=" + cfg.Cipher}
	argv = append(argv, mariadbLight...)
	pr := start(t, procSpec{name: name + " (mariadbd)", dir: dir, runAs: "mysql", argv: argv})
	pr.waitUntil(t, "greeting offering SSL on "+addr, func() bool { return probeDialect(addr, MySQLGreeting) })
	return p.server(name, addr, e, pr.log.String)
}

// expect derives what MariaDB with cfg accepts.
func (cfg MariaDBConfig) expect(t testing.TB) Expect {
	t.Helper()
	e := Expect{StartTLS: DialectMySQL}
	for _, v := range versionRange(tls.VersionTLS10, tls.VersionTLS13) {
		if strings.Contains(","+cfg.Versions+",", ","+dottedVersion(v)+",") {
			e.Versions = append(e.Versions, v)
		}
	}
	if len(e.Versions) == 0 {
		t.Fatalf("lab: no version in tls_version %q", cfg.Versions)
	}
	e.Suites = opensslSuites(t, e.Versions, cipherConfig{cipher: cfg.Cipher, key: cfg.Key})
	return e
}

// MariaDBTLS12Up accepts TLS 1.2 with two ECDHE-RSA suites, and TLS 1.3
// with OpenSSL's default suites.
func MariaDBTLS12Up(t testing.TB) Server {
	return MariaDB(t, "mariadb", MariaDBConfig{
		Versions: "TLSv1.2,TLSv1.3", Key: RSA,
		Cipher: "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384",
	})
}
