package proxy

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/tlsfloor/tlsfloor"
)

// errNoClientCert ends the TLS handshake of a client that presented no
// certificate when ClientCAs require one.
var errNoClientCert = errors.New("the client presented no certificate")

// listenerTLS builds the TLS configuration of an HTTPS proxy's listener,
// or returns nil for plain TCP. The hop to the proxy is held to
// tlsfloor.Default whatever Options.Policy says: a lowered floor is for
// the tunnels, not for the proxy's own port.
func listenerTLS(opts Options) *tls.Config {
	if opts.Certificate == nil {
		return nil
	}
	base := &tls.Config{Certificates: []tls.Certificate{*opts.Certificate}}
	if opts.ClientCAs != nil {
		// VerifyClientCertIfGiven and the check below, rather than
		// RequireAndVerifyClientCert, so that a missing certificate is an
		// error the log can name.
		base.ClientCAs = opts.ClientCAs
		base.ClientAuth = tls.VerifyClientCertIfGiven
		base.VerifyConnection = func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return errNoClientCert
			}
			return nil
		}
	}
	return tlsfloor.Default.ServerConfig(base)
}

func checkTLS(opts Options) error {
	if opts.ClientCAs != nil && opts.Certificate == nil {
		return errors.New("proxy: client CAs need a certificate: client certificates are asked for on a TLS listener only")
	}
	if c := opts.Certificate; c != nil && (len(c.Certificate) == 0 || c.PrivateKey == nil) {
		return errors.New("proxy: certificate: want a certificate chain and its private key")
	}
	return nil
}

// handshake runs an HTTPS proxy's TLS handshake with a client within
// HeaderTimeout and keeps the client certificate's identity. A failed
// handshake is logged as a refusal; crypto/tls has sent the alert.
func (s *Server) handshake(c *clientConn) bool {
	if c.cfg.listenTLS == nil {
		return true
	}
	tc := tls.Server(c.conn, c.cfg.listenTLS)
	c.setConn(tc)
	tc.SetDeadline(time.Now().Add(c.cfg.limits.HeaderTimeout))
	err := tc.Handshake()
	tc.SetDeadline(time.Time{})
	if err != nil {
		rec := c.newRecord()
		rec.dec = handshakeDecision(err)
		s.finish(rec)
		answerPlainHTTP(c, err)
		return false
	}
	if certs := tc.ConnectionState().PeerCertificates; len(certs) > 0 {
		c.certIdentity = quoteUser(certIdentity(certs[0]))
	}
	return true
}

// handshakeDecision names why a client's TLS handshake with the proxy
// failed.
func handshakeDecision(err error) Decision {
	var ne net.Error
	var cve *tls.CertificateVerificationError
	switch {
	case errors.Is(err, errNoClientCert):
		return deny(ReasonClientCertMissing, err.Error())
	case errors.As(err, &cve) && len(cve.UnverifiedCertificates) > 0:
		name := quoteUser(certIdentity(cve.UnverifiedCertificates[0]))
		return deny(ReasonClientCertInvalid, fmt.Sprintf("client certificate %q: %v", name, cve.Err))
	case errors.As(err, &cve):
		return deny(ReasonClientCertInvalid, err.Error())
	case errors.As(err, &ne) && ne.Timeout():
		return deny(ReasonHeaderTimeout, "no complete TLS handshake within the header timeout")
	case errors.Is(err, io.EOF):
		return deny(ReasonNoRequest, "client closed before completing the TLS handshake")
	case errors.As(err, new(tls.RecordHeaderError)):
		return deny(ReasonClientTLSFailed, "the client did not speak TLS to the TLS listener")
	}
	return deny(ReasonClientTLSFailed, err.Error())
}

// certIdentity names the holder of a client certificate: its Subject
// common name, else its first subject alternative name, taking DNS names
// first, then e-mail addresses, IP addresses and URIs (crypto/x509 keeps
// each kind in a list of its own).
func certIdentity(cert *x509.Certificate) string {
	switch {
	case cert.Subject.CommonName != "":
		return cert.Subject.CommonName
	case len(cert.DNSNames) > 0:
		return cert.DNSNames[0]
	case len(cert.EmailAddresses) > 0:
		return cert.EmailAddresses[0]
	case len(cert.IPAddresses) > 0:
		return cert.IPAddresses[0].String()
	case len(cert.URIs) > 0:
		return cert.URIs[0].String()
	}
	return fmt.Sprintf("serial %x (no name)", cert.SerialNumber)
}

// answerPlainHTTP tells a client that sent a plain-HTTP request to the TLS
// listener, in plain HTTP, to use TLS; net/http's server does the same.
func answerPlainHTTP(c *clientConn, err error) {
	var re tls.RecordHeaderError
	if !errors.As(err, &re) || re.Conn == nil || !looksLikeHTTP(re.RecordHeader[:]) {
		return
	}
	re.Conn.SetWriteDeadline(time.Now().Add(c.cfg.limits.HeaderTimeout))
	writeStatus(re.Conn, http.StatusBadRequest, deny(ReasonClientTLSFailed, "this proxy listens with TLS: use an https:// proxy URL"), nil)
}

// looksLikeHTTP reports whether the first bytes of a connection are the
// start of an HTTP request line: upper-case letters up to a space.
func looksLikeHTTP(b []byte) bool {
	method, _, _ := bytes.Cut(b, []byte(" "))
	for _, c := range method {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return len(method) > 0
}
