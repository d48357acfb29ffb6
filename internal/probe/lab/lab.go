// Package lab starts real TLS servers on 127.0.0.1 for the probe's tests:
// openssl s_server, nginx, haproxy, PostgreSQL and MariaDB processes, Go
// crypto/tls servers (post-quantum hybrids, SMTP STARTTLS) and hostile
// servers that misbehave on purpose. Every server comes with an Expect
// that declares, in machine-readable form, what it was configured to
// accept; wherever the server's own library can say so, Expect is derived
// from the configuration rather than written by hand (for OpenSSL-based
// servers by asking `openssl ciphers -V -s` about the very cipher strings
// the server is started with). Every server stops at the test's cleanup.
//
// A missing server binary fails the test with the Debian package to
// install when the environment variable CI is "true", and skips it
// otherwise.
package lab

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// SSL30 is the protocol version number of SSL 3.0, which crypto/tls no
// longer names.
const SSL30 uint16 = 0x0300

// Hostile behaviours of the servers that no ordinary client completes a
// handshake with, the values of Expect.Hostile.
const (
	Garbage   = "garbage"   // writes non-TLS bytes on connect, then closes
	Silent    = "silent"    // accepts and never answers
	Drip      = "drip"      // answers one byte every 100 ms, forever
	Close     = "close"     // closes each connection at once
	HugeChain = "hugechain" // sends a valid ~320 KB chain that clients refuse
)

// STARTTLS dialects, the values of Expect.StartTLS.
const (
	DialectPostgres = "postgres" // SSLRequest, then 'S'
	DialectSMTP     = "smtp"     // EHLO, STARTTLS, 220
	DialectMySQL    = "mysql"    // server greeting, then the client's SSL request
)

// Expect declares what a lab server was configured to accept.
type Expect struct {
	// Versions are the accepted protocol versions, lowest first
	// (SSL30 for SSL 3.0).
	Versions []uint16
	// Suites holds, per accepted version, the cipher suites the server
	// accepts at that version; the order is the server's preference when
	// ServerPref is true.
	Suites map[uint16][]uint16
	// ServerPref is true when the server picks the suite by its own order.
	ServerPref bool
	// ChaChaPref is true, with ServerPref, when a client that lists a
	// ChaCha20-Poly1305 suite first gets the server's first ChaCha20 suite
	// (OpenSSL's PrioritizeChaCha option, which haproxy sets).
	ChaChaPref bool
	// PrefUnknown is true when neither order alone decides, as with Go's
	// crypto/tls, which uses an internal order of its own but puts
	// ChaCha20-Poly1305 first when the client lists it first. ServerPref is
	// then false, and the order of Suites means nothing.
	PrefUnknown bool
	// Groups13 are the key-exchange groups accepted in TLS 1.3 (nil when
	// unknown or when TLS 1.3 is not accepted).
	Groups13 []tls.CurveID
	// Groups12 are the ECDHE curves accepted in TLS 1.2 and below (nil when
	// unknown or not applicable). A server with an ECDSA key (P-256) also
	// needs the client to list P-256 in TLS 1.2, as RFC 8422 ties the
	// certificate's curve to the client's supported groups.
	Groups12 []tls.CurveID
	// SHA1Only is true when the server signs its key exchange with SHA-1
	// only, and so fails with clients that do not offer it.
	SHA1Only bool
	// Hostile is "" for a well-behaved server, else one of Garbage,
	// Silent, Drip, Close or HugeChain.
	Hostile string
	// StartTLS is "" for TLS from the first byte, else one of
	// DialectPostgres, DialectSMTP or DialectMySQL (the names openssl
	// s_client -starttls uses).
	StartTLS string
}

// Accepts reports whether the server accepts version v.
func (e Expect) Accepts(v uint16) bool { return slices.Contains(e.Versions, v) }

// AcceptsSuite reports whether the server accepts suite s at version v.
func (e Expect) AcceptsSuite(v, s uint16) bool { return slices.Contains(e.Suites[v], s) }

// Server is a running lab server.
type Server struct {
	// Name tells the servers apart in test output.
	Name string
	// Addr is the server's 127.0.0.1:port.
	Addr string
	// Expect declares what the server accepts.
	Expect Expect
	// CAPool trusts the server's certificate authority.
	CAPool *x509.CertPool
	// CAFile is the same authority as a PEM file, for external clients.
	CAFile string
	// Log returns what the server process has printed so far ("" for
	// servers that run inside the test binary).
	Log func() string
}

// String names the server and its address.
func (s Server) String() string { return s.Name + "@" + s.Addr }

// VersionName names a protocol version as OpenSSL prints it.
func VersionName(v uint16) string {
	switch v {
	case SSL30:
		return "SSLv3"
	case tls.VersionTLS10:
		return "TLSv1"
	case tls.VersionTLS11:
		return "TLSv1.1"
	case tls.VersionTLS12:
		return "TLSv1.2"
	case tls.VersionTLS13:
		return "TLSv1.3"
	}
	return fmt.Sprintf("0x%04x", v)
}

// versionRange lists the TLS versions from lo to hi, both included.
func versionRange(lo, hi uint16) []uint16 {
	var vs []uint16
	for _, v := range []uint16{SSL30, tls.VersionTLS10, tls.VersionTLS11, tls.VersionTLS12, tls.VersionTLS13} {
		if v >= lo && v <= hi {
			vs = append(vs, v)
		}
	}
	return vs
}

// inCI reports whether the tests run in CI, where nothing may be skipped.
func inCI() bool { return os.Getenv("CI") == "true" }

// need returns the path of the program bin (looked up in PATH, then in
// the sbin directories that a non-root PATH may lack). When it is missing
// it fails the test in CI, naming the Debian package pkg, and skips the
// test elsewhere.
func need(t testing.TB, bin, pkg string) string {
	t.Helper()
	if p, err := exec.LookPath(bin); err == nil {
		return p
	}
	if !filepath.IsAbs(bin) {
		for _, dir := range []string{"/usr/sbin", "/sbin", "/usr/local/sbin"} {
			if p, err := exec.LookPath(filepath.Join(dir, bin)); err == nil {
				return p
			}
		}
	}
	missing(t, bin, pkg)
	return ""
}

// missing fails (in CI) or skips the test for a program that is not there.
func missing(t testing.TB, bin, pkg string) {
	t.Helper()
	if inCI() {
		t.Fatalf("lab: %s not found: install the Debian package %s", bin, pkg)
		return
	}
	t.Skipf("lab: %s not found (Debian package %s); skipped outside CI", bin, pkg)
}

// Ports for servers that must be told theirs are drawn from below Linux's
// ephemeral range (32768-60999), so that no listener that asks the kernel
// for a port, in this test binary or another, can take one between the
// draw and the server's bind.
const (
	portLow  = 20000
	portHigh = 32000
)

// drawn holds the ports already handed out by freePort.
var drawn struct {
	sync.Mutex
	ports map[int]bool
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago and
// that no other server of this test binary got, for servers that cannot
// pick one themselves.
func freePort(t testing.TB) int {
	t.Helper()
	drawn.Lock()
	defer drawn.Unlock()
	if drawn.ports == nil {
		drawn.ports = map[int]bool{}
	}
	for range 100 {
		port := portLow + rand.IntN(portHigh-portLow)
		if drawn.ports[port] {
			continue
		}
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err != nil {
			continue
		}
		ln.Close()
		drawn.ports[port] = true
		return port
	}
	t.Fatalf("lab: no free port in %d-%d", portLow, portHigh)
	return 0
}

// noLog is the Log of servers that run inside the test binary.
func noLog() string { return "" }
