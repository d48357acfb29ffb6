package lab

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"slices"
	"strings"
	"testing"
	"time"
)

// handshakeTimeout bounds each handshake and exchange of the in-process
// servers, so a stalled client cannot hold them past the test.
const handshakeTimeout = 10 * time.Second

// GoConfig configures a crypto/tls server.
type GoConfig struct {
	// Min and Max bound the protocol versions.
	Min, Max uint16
	// Suites are the TLS 1.2 suites (crypto/tls chooses TLS 1.3's); needed
	// when Min is below TLS 1.3.
	Suites []uint16
	// Groups are the key-exchange groups (CurvePreferences).
	Groups []tls.CurveID
	// Key is the type of the server's key.
	Key KeyType
}

// Go starts a crypto/tls server on 127.0.0.1 with cfg that completes each
// handshake, writes "ok\n" and closes. Its Expect is derived from cfg and
// from crypto/tls's own suite tables.
func Go(t testing.TB, name string, cfg GoConfig) Server {
	t.Helper()
	p := newPKI(t, t.TempDir(), cfg.Key, "")
	tc := cfg.tlsConfig(p.leaf)
	addr := serveLoopback(t, func(_ context.Context, c net.Conn) { serveTLS(c, tc) })
	return p.server(name, addr, cfg.expect(), noLog)
}

// tlsConfig is the crypto/tls configuration for cfg.
func (cfg GoConfig) tlsConfig(leaf tls.Certificate) *tls.Config {
	return &tls.Config{
		MinVersion:       cfg.Min,
		MaxVersion:       cfg.Max,
		CipherSuites:     cfg.Suites,
		CurvePreferences: cfg.Groups,
		Certificates:     []tls.Certificate{leaf},
	}
}

// serveTLS completes a handshake on c, writes "ok\n" and closes.
func serveTLS(c net.Conn, cfg *tls.Config) {
	c.SetDeadline(time.Now().Add(handshakeTimeout))
	tc := tls.Server(c, cfg)
	if tc.Handshake() == nil {
		io.WriteString(tc, "ok\n")
		tc.Close()
	}
}

// expect derives what a crypto/tls server with cfg accepts.
func (cfg GoConfig) expect() Expect {
	e := Expect{Versions: versionRange(cfg.Min, cfg.Max), Suites: map[uint16][]uint16{}, PrefUnknown: true}
	all := append(tls.CipherSuites(), tls.InsecureCipherSuites()...)
	for _, v := range e.Versions {
		for _, s := range all {
			if !slices.Contains(s.SupportedVersions, v) {
				continue
			}
			if v == tls.VersionTLS13 || (slices.Contains(cfg.Suites, s.ID) && goSuiteFits(s.Name, cfg.Key)) {
				e.Suites[v] = append(e.Suites[v], s.ID)
			}
		}
	}
	for _, g := range cfg.Groups {
		if e.Accepts(tls.VersionTLS13) {
			e.Groups13 = append(e.Groups13, g)
		}
		if e.Versions[0] < tls.VersionTLS13 && !isHybrid(g) {
			e.Groups12 = append(e.Groups12, g)
		}
	}
	return e
}

// goSuiteFits reports whether a crypto/tls suite, by its name, can be used
// with a server key of type kt.
func goSuiteFits(name string, kt KeyType) bool {
	if strings.Contains(name, "_ECDSA_") {
		return kt == ECDSA
	}
	return kt == RSA // ECDHE_RSA and plain RSA key exchange
}

// isHybrid reports whether g is a post-quantum hybrid, usable in TLS 1.3
// only.
func isHybrid(g tls.CurveID) bool {
	return g == tls.X25519MLKEM768 || g == tls.SecP256r1MLKEM768 || g == tls.SecP384r1MLKEM1024
}

// goTLS13 is a TLS 1.3-only crypto/tls configuration with one group.
func goTLS13(g tls.CurveID) GoConfig {
	return GoConfig{Min: tls.VersionTLS13, Max: tls.VersionTLS13, Groups: []tls.CurveID{g}, Key: ECDSA}
}

// GoX25519MLKEM768 accepts TLS 1.3 with the X25519MLKEM768 hybrid only.
func GoX25519MLKEM768(t testing.TB) Server {
	return Go(t, "go-x25519mlkem768", goTLS13(tls.X25519MLKEM768))
}

// GoSecP256r1MLKEM768 accepts TLS 1.3 with the SecP256r1MLKEM768 hybrid
// only.
func GoSecP256r1MLKEM768(t testing.TB) Server {
	return Go(t, "go-secp256r1mlkem768", goTLS13(tls.SecP256r1MLKEM768))
}

// GoSecP384r1MLKEM1024 accepts TLS 1.3 with the SecP384r1MLKEM1024 hybrid
// only.
func GoSecP384r1MLKEM1024(t testing.TB) Server {
	return Go(t, "go-secp384r1mlkem1024", goTLS13(tls.SecP384r1MLKEM1024))
}

// GoX25519Only accepts TLS 1.2 and 1.3 with X25519 as the only group and
// ECDHE suites only, so a client without X25519 cannot connect at all.
func GoX25519Only(t testing.TB) Server {
	return Go(t, "go-x25519", GoConfig{
		Min: tls.VersionTLS12, Max: tls.VersionTLS13, Key: ECDSA,
		Groups: []tls.CurveID{tls.X25519},
		Suites: []uint16{
			tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
			tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
			tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
		},
	})
}
