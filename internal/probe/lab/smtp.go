package lab

import (
	"bufio"
	"context"
	"crypto/tls"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// smtpConfig is the TLS configuration the SMTP server upgrades to.
var smtpConfig = GoConfig{
	Min: tls.VersionTLS12, Max: tls.VersionTLS13, Key: RSA,
	Groups: []tls.CurveID{tls.X25519, tls.CurveP256},
	Suites: []uint16{
		tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
		tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
		tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
	},
}

// SMTPStartTLS starts a small SMTP server on 127.0.0.1 that offers
// STARTTLS in its EHLO answer and then upgrades to TLS 1.2 or 1.3 with
// crypto/tls. Past the upgrade it answers EHLO, NOOP and QUIT.
func SMTPStartTLS(t testing.TB) Server {
	t.Helper()
	p := newPKI(t, t.TempDir(), smtpConfig.Key, "")
	tc := smtpConfig.tlsConfig(p.leaf)
	addr := serveLoopback(t, func(_ context.Context, c net.Conn) { serveSMTP(c, tc) })
	e := smtpConfig.expect()
	e.StartTLS = DialectSMTP
	return p.server("smtp-starttls", addr, e, noLog)
}

// serveSMTP speaks just enough SMTP for a STARTTLS client.
func serveSMTP(c net.Conn, cfg *tls.Config) {
	c.SetDeadline(time.Now().Add(handshakeTimeout))
	var conn net.Conn = c
	r := bufio.NewReader(conn)
	io.WriteString(conn, "220 localhost ESMTP tlsfloor lab\r\n")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		verb, _, _ := strings.Cut(strings.ToUpper(strings.TrimSpace(line)), " ")
		switch {
		case verb == "EHLO" || verb == "HELO":
			io.WriteString(conn, ehloReply(conn == c))
		case verb == "STARTTLS" && conn == c:
			io.WriteString(conn, "220 2.0.0 Ready to start TLS\r\n")
			tc := tls.Server(c, cfg)
			if tc.Handshake() != nil {
				return
			}
			conn, r = tc, bufio.NewReader(tc)
		case verb == "NOOP":
			io.WriteString(conn, "250 2.0.0 OK\r\n")
		case verb == "QUIT":
			io.WriteString(conn, "221 2.0.0 Bye\r\n")
			return
		default:
			io.WriteString(conn, "502 5.5.2 Command not recognized\r\n")
		}
	}
}

// ehloReply is the answer to EHLO, offering STARTTLS before the upgrade.
func ehloReply(plain bool) string {
	if plain {
		return "250-localhost\r\n250-STARTTLS\r\n250 8BITMIME\r\n"
	}
	return "250-localhost\r\n250 8BITMIME\r\n"
}
