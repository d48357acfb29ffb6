package lab

import (
	"crypto/tls"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// PostgresDefaultCiphers is PostgreSQL's default ssl_ciphers, passed
// explicitly when PostgresConfig.Ciphers is empty.
const PostgresDefaultCiphers = "HIGH:MEDIUM:+3DES:!aNULL"

// PostgresConfig configures a PostgreSQL server's TLS.
type PostgresConfig struct {
	// Min and Max are ssl_min_protocol_version and
	// ssl_max_protocol_version.
	Min, Max uint16
	// Ciphers is ssl_ciphers (TLS 1.2 and below); "" means
	// PostgresDefaultCiphers. TLS 1.3 keeps OpenSSL's default suites.
	Ciphers string
	// Curve is ssl_ecdh_curve, the only group the server accepts in any
	// version; "" means prime256v1.
	Curve string
	// PreferServer is ssl_prefer_server_ciphers.
	PreferServer bool
	// Key is the type of the server's key.
	Key KeyType
}

// Postgres initializes a throw-away cluster with Debian's PostgreSQL and
// starts it with ssl=on on a free 127.0.0.1 port, as the postgres user
// when the test runs as root. Clients reach TLS after an SSLRequest
// (Expect.StartTLS is DialectPostgres). Its Expect is derived from cfg.
func Postgres(t testing.TB, name string, cfg PostgresConfig) Server {
	t.Helper()
	bin := postgresBin(t)
	if cfg.Ciphers == "" {
		cfg.Ciphers = PostgresDefaultCiphers
	}
	if cfg.Curve == "" {
		cfg.Curve = "prime256v1"
	}
	e := cfg.expect(t)
	dir := serverDir(t, "postgres", "postgres")
	p := newPKI(t, dir, cfg.Key, "postgres")
	data := filepath.Join(dir, "data")
	run(t, procSpec{name: name + " (initdb)", dir: dir, runAs: "postgres", argv: []string{
		filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust",
		"--no-sync", "--no-instructions", "--locale=C", "-E", "UTF8"}})
	port := freePort(t)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	argv := []string{filepath.Join(bin, "postgres"), "-D", data, "-p", fmt.Sprint(port)}
	for _, kv := range cfg.settings(dir, p) {
		argv = append(argv, "-c", kv)
	}
	pr := start(t, procSpec{name: name + " (postgres)", dir: dir, runAs: "postgres", interrupt: true, argv: argv})
	pr.waitUntil(t, "answer 'S' to SSLRequest on "+addr, func() bool { return probeDialect(addr, PostgresSSLRequest) })
	// It answers 'S' while still starting up, and then refuses logins
	// ("the database system is starting up", SQLSTATE 57P03).
	pr.waitUntil(t, "log that it is ready to accept connections", func() bool {
		return strings.Contains(pr.log.String(), "ready to accept connections")
	})
	return p.server(name, addr, e, pr.log.String)
}

// settings are the postgres -c settings for cfg.
func (cfg PostgresConfig) settings(dir string, p pki) []string {
	s := []string{
		"listen_addresses=127.0.0.1", "unix_socket_directories=" + dir,
		"fsync=off", "shared_buffers=16MB", "max_connections=20",
		"ssl=on", "ssl_cert_file=" + p.cert, "ssl_key_file=" + p.key,
		"ssl_min_protocol_version=" + VersionName(cfg.Min), "ssl_ciphers=" + cfg.Ciphers,
		"ssl_ecdh_curve=" + cfg.Curve, "ssl_prefer_server_ciphers=" + onOff(cfg.PreferServer),
	}
	if cfg.Max != 0 {
		s = append(s, "ssl_max_protocol_version="+VersionName(cfg.Max))
	}
	return s
}

// expect derives what PostgreSQL with cfg accepts.
func (cfg PostgresConfig) expect(t testing.TB) Expect {
	t.Helper()
	hi := cfg.Max
	if hi == 0 {
		hi = tls.VersionTLS13
	}
	e := Expect{Versions: versionRange(cfg.Min, hi), ServerPref: cfg.PreferServer, StartTLS: DialectPostgres}
	e.Suites = opensslSuites(t, e.Versions, cipherConfig{cipher: cfg.Ciphers, key: cfg.Key})
	e.Groups13, e.Groups12 = opensslGroups(t, cfg.Curve, e.Versions)
	return e
}

// postgresBin returns the bin directory of the newest PostgreSQL that
// Debian installed.
func postgresBin(t testing.TB) string {
	t.Helper()
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.Sort(dirs)
	for _, d := range slices.Backward(dirs) {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d
		}
	}
	missing(t, "/usr/lib/postgresql/*/bin/initdb", "postgresql")
	return ""
}

// PostgresTLS12Up is PostgreSQL with its default TLS settings made
// explicit: TLS 1.2 and up, its default cipher string, prime256v1, its own
// order, and an RSA key.
func PostgresTLS12Up(t testing.TB) Server {
	return Postgres(t, "postgres", PostgresConfig{Min: tls.VersionTLS12, PreferServer: true, Key: RSA})
}
