package lab

import (
	"crypto/tls"
	"net"
	"strings"
	"testing"
)

// DefaultGroups is the group list of lab servers whose configuration
// leaves groups out.
const DefaultGroups = "X25519:P-256:P-384"

// OpenSSLConfig configures an `openssl s_server -www`.
type OpenSSLConfig struct {
	// Min and Max bound the protocol versions (-min_protocol,
	// -max_protocol); TLS 1.0 and 1.1 need "@SECLEVEL=0" in Cipher.
	Min, Max uint16
	// Cipher is the cipher string for TLS 1.2 and below (-cipher); ""
	// keeps OpenSSL's default.
	Cipher string
	// Ciphersuites lists the TLS 1.3 suites (-ciphersuites); "" keeps
	// OpenSSL's default.
	Ciphersuites string
	// Groups lists the key-exchange groups (-groups); "" means
	// DefaultGroups.
	Groups string
	// Key is the type of the server's key.
	Key KeyType
	// SigAlgs limits the signature algorithms (-sigalgs), e.g. "RSA+SHA1".
	SigAlgs string
	// ServerPref makes the server pick suites by its own order
	// (-serverpref).
	ServerPref bool
}

// OpenSSL starts `openssl s_server -www` on 127.0.0.1 with cfg and an
// Expect derived from it: versions from Min and Max, suites from
// `openssl ciphers -V -s` for Cipher and Ciphersuites, groups from Groups.
// s_server serves one connection at a time.
func OpenSSL(t testing.TB, name string, cfg OpenSSLConfig) Server {
	t.Helper()
	bin := need(t, "openssl", "openssl")
	if cfg.Groups == "" {
		cfg.Groups = DefaultGroups
	}
	e := cfg.expect(t)
	p := newPKI(t, t.TempDir(), cfg.Key, "")
	addr, log := SServer(t, name, bin, p.cert, p.key, cfg.flags()...)
	return p.server(name, addr, e, log)
}

// SServer runs bin as `openssl s_server -www` on a port of 127.0.0.1 that
// it picks itself, with the PEM files cert and key and the extra flags,
// and stops it at the test's cleanup. It waits for the server's ACCEPT
// line and returns the address in it and a function returning what the
// server has printed so far. name tells the server apart in failures.
func SServer(t testing.TB, name, bin, cert, key string, flags ...string) (addr string, log func() string) {
	t.Helper()
	argv := append([]string{bin, "s_server", "-accept", "127.0.0.1:0", "-www", "-cert", cert, "-key", key}, flags...)
	pr := start(t, procSpec{name: name + " (openssl s_server)", argv: argv})
	pr.waitUntil(t, "ACCEPT line", func() bool {
		addr = acceptLine(pr.log.String())
		return addr != ""
	})
	return addr, pr.log.String
}

// flags turns cfg into s_server options.
func (cfg OpenSSLConfig) flags() []string {
	f := []string{"-min_protocol", VersionName(cfg.Min), "-max_protocol", VersionName(cfg.Max), "-groups", cfg.Groups}
	if cfg.Cipher != "" {
		f = append(f, "-cipher", cfg.Cipher)
	}
	if cfg.Ciphersuites != "" {
		f = append(f, "-ciphersuites", cfg.Ciphersuites)
	}
	if cfg.SigAlgs != "" {
		f = append(f, "-sigalgs", cfg.SigAlgs)
	}
	if cfg.ServerPref {
		f = append(f, "-serverpref")
	}
	return f
}

// expect derives what a server with cfg accepts.
func (cfg OpenSSLConfig) expect(t testing.TB) Expect {
	t.Helper()
	e := Expect{Versions: versionRange(cfg.Min, cfg.Max), ServerPref: cfg.ServerPref}
	e.Suites = opensslSuites(t, e.Versions, cipherConfig{cipher: cfg.Cipher, ciphersuites: cfg.Ciphersuites, key: cfg.Key})
	e.Groups13, e.Groups12 = opensslGroups(t, cfg.Groups, e.Versions)
	e.SHA1Only = sha1Only(cfg.SigAlgs)
	return e
}

// sha1Only reports whether a -sigalgs list allows SHA-1 signatures alone.
func sha1Only(sigalgs string) bool {
	if sigalgs == "" {
		return false
	}
	for _, alg := range strings.Split(sigalgs, ":") {
		if !strings.HasSuffix(strings.ToUpper(alg), "SHA1") {
			return false
		}
	}
	return true
}

// acceptLine finds s_server's "ACCEPT 127.0.0.1:PORT" line in its output.
func acceptLine(out string) string {
	for _, line := range strings.Split(out, "\n") {
		if addr, ok := strings.CutPrefix(strings.TrimSpace(line), "ACCEPT "); ok {
			if _, _, err := net.SplitHostPort(addr); err == nil {
				return addr
			}
		}
	}
	return ""
}

// OpenSSLTLS12 accepts TLS 1.2 only, with OpenSSL's default suites and an
// ECDSA key.
func OpenSSLTLS12(t testing.TB) Server {
	return OpenSSL(t, "openssl-tls12", OpenSSLConfig{Min: tls.VersionTLS12, Max: tls.VersionTLS12, Key: ECDSA})
}

// OpenSSLSecLevel0 accepts TLS 1.0 to 1.3 with every suite OpenSSL 3.0
// still has at security level 0 ("ALL", so anonymous suites too), and an
// RSA key.
func OpenSSLSecLevel0(t testing.TB) Server {
	return OpenSSL(t, "openssl-seclevel0", OpenSSLConfig{
		Min: tls.VersionTLS10, Max: tls.VersionTLS13, Cipher: "ALL:@SECLEVEL=0", Key: RSA,
	})
}

// OpenSSLLegacy accepts TLS 1.0 and 1.1 only.
func OpenSSLLegacy(t testing.TB) Server {
	return OpenSSL(t, "openssl-legacy", OpenSSLConfig{
		Min: tls.VersionTLS10, Max: tls.VersionTLS11, Cipher: "DEFAULT:@SECLEVEL=0", Key: RSA,
	})
}

// OpenSSLTLS13 accepts TLS 1.3 only, with a chosen set of suites that
// includes AES-128-CCM (which crypto/tls lacks) and groups that include
// X448.
func OpenSSLTLS13(t testing.TB) Server {
	return OpenSSL(t, "openssl-tls13", OpenSSLConfig{
		Min: tls.VersionTLS13, Max: tls.VersionTLS13, Key: ECDSA,
		Ciphersuites: "TLS_AES_256_GCM_SHA384:TLS_AES_128_CCM_SHA256:TLS_CHACHA20_POLY1305_SHA256",
		Groups:       "P-384:X448:X25519",
	})
}

// OpenSSLCBC accepts TLS 1.2 with CBC suites only.
func OpenSSLCBC(t testing.TB) Server {
	return OpenSSL(t, "openssl-cbc", OpenSSLConfig{
		Min: tls.VersionTLS12, Max: tls.VersionTLS12, Key: RSA,
		Cipher: "HIGH:!aNULL:!AESGCM:!AESCCM:!CHACHA20:!ARIA",
	})
}

// OpenSSLRSAKex accepts TLS 1.2 with RSA key exchange only.
func OpenSSLRSAKex(t testing.TB) Server {
	return OpenSSL(t, "openssl-rsakex", OpenSSLConfig{
		Min: tls.VersionTLS12, Max: tls.VersionTLS12, Cipher: "AES128-SHA:AES256-SHA", Key: RSA,
	})
}

// OpenSSLSHA1 accepts TLS 1.2 with ECDHE-RSA suites and signs its key
// exchange with RSA and SHA-1 only.
func OpenSSLSHA1(t testing.TB) Server {
	return OpenSSL(t, "openssl-sha1", OpenSSLConfig{
		Min: tls.VersionTLS12, Max: tls.VersionTLS12, Cipher: "ECDHE+aRSA:!eNULL:@SECLEVEL=0",
		SigAlgs: "RSA+SHA1", Key: RSA,
	})
}

// OpenSSLServerPref accepts TLS 1.2 and 1.3 and picks suites by its own
// explicit order, which puts ChaCha20 first and a CBC suite last.
func OpenSSLServerPref(t testing.TB) Server {
	return OpenSSL(t, "openssl-serverpref", OpenSSLConfig{
		Min: tls.VersionTLS12, Max: tls.VersionTLS13, Key: RSA, ServerPref: true,
		Cipher:       "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-SHA",
		Ciphersuites: "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384",
	})
}
