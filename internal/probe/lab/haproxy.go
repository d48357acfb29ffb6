package lab

import (
	"crypto/tls"
	"strings"
	"testing"
)

// HAProxyConfig configures an haproxy TLS frontend.
type HAProxyConfig struct {
	// Min and Max bound the protocol versions (ssl-min-ver, ssl-max-ver).
	Min, Max uint16
	// Ciphers is the OpenSSL cipher string for TLS 1.2 and below.
	Ciphers string
	// Ciphersuites are the TLS 1.3 suites; "" keeps OpenSSL's default.
	Ciphersuites string
	// Curves lists the groups; "" means DefaultGroups.
	Curves string
	// PreferClient lets the client's order decide (prefer-client-ciphers);
	// haproxy otherwise uses its own, but gives a client that lists
	// ChaCha20-Poly1305 first a ChaCha20 suite.
	PreferClient bool
	// Key is the type of the server's key.
	Key KeyType
}

// HAProxy starts Debian's haproxy in the foreground on a free 127.0.0.1
// port with cfg, answering 200 to every request itself. Its Expect is
// derived from cfg.
func HAProxy(t testing.TB, name string, cfg HAProxyConfig) Server {
	t.Helper()
	bin := need(t, "haproxy", "haproxy")
	if cfg.Curves == "" {
		cfg.Curves = DefaultGroups
	}
	return startConfigured(t, name, cfg.Key, cfg.expect(t), configured{prog: "haproxy", conf: cfg.conf,
		argv: func(_, conf string) []string { return []string{bin, "-f", conf, "-db"} }})
}

// conf is the haproxy configuration for cfg.
func (cfg HAProxyConfig) conf(_, addr string, p pki) string {
	bind := []string{"bind", addr, "ssl", "crt", p.combined,
		"ssl-min-ver", dottedVersion(cfg.Min), "ssl-max-ver", dottedVersion(cfg.Max), "curves", cfg.Curves}
	if cfg.Ciphers != "" {
		bind = append(bind, "ciphers", cfg.Ciphers)
	}
	if cfg.Ciphersuites != "" {
		bind = append(bind, "ciphersuites", cfg.Ciphersuites)
	}
	if cfg.PreferClient {
		bind = append(bind, "prefer-client-ciphers")
	}
	return "global\n  maxconn 64\n" +
		"defaults\n  mode http\n  timeout connect 5s\n  timeout client 10s\n  timeout server 10s\n" +
		"frontend lab\n  " + strings.Join(bind, " ") + "\n" +
		"  http-request return status 200 content-type text/plain string ok\n"
}

// dottedVersion names a version as haproxy and MariaDB do ("TLSv1.0").
func dottedVersion(v uint16) string {
	if v == tls.VersionTLS10 {
		return "TLSv1.0"
	}
	return VersionName(v)
}

// expect derives what haproxy with cfg accepts.
func (cfg HAProxyConfig) expect(t testing.TB) Expect {
	t.Helper()
	e := Expect{Versions: versionRange(cfg.Min, cfg.Max), ServerPref: !cfg.PreferClient, ChaChaPref: !cfg.PreferClient}
	e.Suites = opensslSuites(t, e.Versions, cipherConfig{cipher: cfg.Ciphers, ciphersuites: cfg.Ciphersuites, key: cfg.Key})
	e.Groups13, e.Groups12 = opensslGroups(t, cfg.Curves, e.Versions)
	return e
}

// HAProxyModern accepts TLS 1.2 and 1.3 with an ECDSA key, three TLS 1.2
// suites and two TLS 1.3 suites in its own order, and P-384 and X25519.
func HAProxyModern(t testing.TB) Server {
	return HAProxy(t, "haproxy-modern", HAProxyConfig{
		Min: tls.VersionTLS12, Max: tls.VersionTLS13, Key: ECDSA,
		Ciphers:      "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-SHA256",
		Ciphersuites: "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256",
		Curves:       "P-384:X25519",
	})
}
