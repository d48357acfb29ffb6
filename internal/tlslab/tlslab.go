// Package tlslab starts real TLS servers on 127.0.0.1 for tests: Go
// crypto/tls servers and openssl s_server processes, each limited to the
// versions, suites and groups a test asks for. Every server is stopped by
// the test's cleanup.
package tlslab

import (
	"crypto/tls"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/testpki"
)

// Body is what every lab server answers to an HTTP request.
const Body = "tlslab ok\n"

// GoHTTPS starts an HTTPS server with cfg (Certificates are filled in from
// ca when empty) that answers every request with Body, and returns its URL.
func GoHTTPS(t testing.TB, ca *testpki.CA, cfg *tls.Config) string {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		io.WriteString(w, Body)
	}))
	srv.TLS = withCert(t, ca, cfg)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv.URL
}

// GoTLS starts a raw TLS listener with cfg that completes each handshake,
// writes Body and closes the connection. It returns the listener's address.
func GoTLS(t testing.TB, ca *testpki.CA, cfg *tls.Config) string {
	t.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", withCert(t, ca, cfg))
	if err != nil {
		t.Fatalf("tlslab: listen: %v", err)
	}
	t.Cleanup(func() { ln.Close() })
	go Serve(ln, func(tc *tls.Conn) { io.WriteString(tc, Body) })
	return ln.Addr().String()
}

// Serve accepts on a TLS listener until it is closed, completes each
// connection's handshake and hands it to serve, then closes it.
func Serve(ln net.Listener, serve func(*tls.Conn)) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer c.Close()
			if tc, ok := c.(*tls.Conn); ok && tc.Handshake() == nil {
				serve(tc)
			}
		}()
	}
}

func withCert(t testing.TB, ca *testpki.CA, cfg *tls.Config) *tls.Config {
	t.Helper()
	if cfg == nil {
		cfg = &tls.Config{}
	}
	cfg = cfg.Clone()
	if len(cfg.Certificates) == 0 && cfg.GetCertificate == nil && cfg.GetConfigForClient == nil {
		cfg.Certificates = []tls.Certificate{ca.Leaf(t, testpki.ECDSA)}
	}
	return cfg
}
