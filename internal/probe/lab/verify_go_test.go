package lab

import (
	"crypto/tls"
	"errors"
	"io"
	"net"
	"slices"
	"testing"
	"time"
)

// goGroups are the groups crypto/tls speaks.
var goGroups = []tls.CurveID{tls.X25519MLKEM768, tls.SecP256r1MLKEM768, tls.SecP384r1MLKEM1024, tls.X25519, tls.CurveP256, tls.CurveP384, tls.CurveP521}

// goDial runs a crypto/tls handshake with srv, trusting its CA.
func goDial(srv Server, min, max uint16, groups []tls.CurveID) (tls.ConnectionState, error) {
	c, err := net.DialTimeout("tcp", srv.Addr, 5*time.Second)
	if err != nil {
		return tls.ConnectionState{}, err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	host, _, _ := net.SplitHostPort(srv.Addr)
	tc := tls.Client(c, &tls.Config{RootCAs: srv.CAPool, ServerName: host, MinVersion: min, MaxVersion: max, CurvePreferences: groups})
	if err := tc.Handshake(); err != nil {
		return tls.ConnectionState{}, err
	}
	return tc.ConnectionState(), nil
}

// verifyWithGo checks with crypto/tls a TLS 1.3 server whose groups
// OpenSSL 3.0 lacks: each declared group alone works and is the one used,
// every other group and TLS 1.2 fail, and the suite is a declared one.
func verifyWithGo(t *testing.T, srv Server) {
	e := srv.Expect
	for _, g := range goGroups {
		cs, err := goDial(srv, tls.VersionTLS13, tls.VersionTLS13, []tls.CurveID{g})
		switch {
		case !slices.Contains(e.Groups13, g):
			if err == nil {
				t.Errorf("%v: handshake succeeded, want none", g)
			}
		case err != nil:
			t.Errorf("%v: %v", g, err)
		case cs.CurveID != g || !e.AcceptsSuite(cs.Version, cs.CipherSuite):
			t.Errorf("%v: got group %v, suite %s, want the group and one of %v", g, cs.CurveID, tls.CipherSuiteName(cs.CipherSuite), e.Suites[cs.Version])
		}
	}
	if !e.Accepts(tls.VersionTLS12) {
		if _, err := goDial(srv, tls.VersionTLS10, tls.VersionTLS12, nil); err == nil {
			t.Errorf("TLS 1.2 handshake succeeded, want none")
		}
	}
}

// verifyPostgresWithGo sends the SSLRequest bytes itself and completes a
// crypto/tls handshake after the 'S'.
func verifyPostgresWithGo(t *testing.T, srv Server) {
	c, err := net.DialTimeout("tcp", srv.Addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if err := PostgresSSLRequest(c); err != nil {
		t.Fatal(err)
	}
	tc := tls.Client(c, &tls.Config{RootCAs: srv.CAPool, ServerName: "localhost"})
	if err := tc.Handshake(); err != nil {
		t.Fatalf("handshake after SSLRequest: %v", err)
	}
	if v := tc.ConnectionState().Version; !srv.Expect.Accepts(v) {
		t.Errorf("version %s is not declared", VersionName(v))
	}
}

// verifyHostile checks that a hostile server misbehaves as declared.
func verifyHostile(t *testing.T, srv Server) {
	c, err := net.DialTimeout("tcp", srv.Addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	switch srv.Expect.Hostile {
	case Garbage:
		b := readFor(c, 64, 2*time.Second)
		if len(b) == 0 || b[0] >= 20 && b[0] <= 24 {
			t.Errorf("got %x, want bytes that are not a TLS record", b)
		}
	case Silent:
		if _, err := goHandshakeOn(c, 500*time.Millisecond); !isTimeout(err) {
			t.Errorf("handshake: %v, want a time-out", err)
		}
	case Drip:
		start := time.Now()
		b := readFor(c, 3, 5*time.Second)
		if string(b) != string(dripHead[:3]) || time.Since(start) < 2*DripInterval {
			t.Errorf("got %x after %v, want %x one by one", b, time.Since(start), dripHead[:3])
		}
	case Close:
		c.SetReadDeadline(time.Now().Add(2 * time.Second))
		if n, err := c.Read(make([]byte, 1)); n != 0 || isTimeout(err) {
			t.Errorf("read %d bytes, %v; want the connection closed", n, err)
		}
	}
}

// readFor reads from c until it has n bytes or d has passed.
func readFor(c net.Conn, n int, d time.Duration) []byte {
	c.SetReadDeadline(time.Now().Add(d))
	b := make([]byte, n)
	got, _ := io.ReadFull(c, b)
	return b[:got]
}

// goHandshakeOn runs a crypto/tls client handshake on c within d.
func goHandshakeOn(c net.Conn, d time.Duration) (tls.ConnectionState, error) {
	c.SetDeadline(time.Now().Add(d))
	tc := tls.Client(c, &tls.Config{InsecureSkipVerify: true})
	err := tc.Handshake()
	return tc.ConnectionState(), err
}

// isTimeout reports whether err is a network time-out.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
