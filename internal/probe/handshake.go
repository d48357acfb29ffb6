package probe

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// goSuites are all the suites crypto/tls implements, insecure ones
// included, so that the full handshake succeeds with old servers.
var goSuites = func() []uint16 {
	var ids []uint16
	for _, s := range append(tls.CipherSuites(), tls.InsecureCipherSuites()...) {
		ids = append(ids, s.ID)
	}
	return ids
}()

// defaultALPN is offered in the full handshake unless the endpoint says.
var defaultALPN = []string{"h2", "http/1.1"}

// recordHandshake records the one full handshake, run at version v (the
// highest crypto/tls speaks; 0 if none) for the chain, ALPN and group.
// When it failed, the chain comes from the highest plaintext Certificate
// message seen.
func (p *prober) recordHandshake(v uint16, cs *tls.ConnectionState, err error) {
	if v != 0 {
		if err == nil {
			p.hs, p.hsGroup = describeHandshake(cs), cs.CurveID
			p.cert = p.describeChain(cs.PeerCertificates, "handshake")
			return
		}
		if err != p.stoppedErr() {
			p.note("full handshake at %s: %v", hello.VersionName(v), err)
		}
	}
	p.rawChain()
}

// handshake runs a crypto/tls handshake limited to version v.
func (p *prober) handshake(ctx context.Context, v uint16) (*tls.ConnectionState, error) {
	conn, err := p.dial(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	alpn := p.ep.ALPN
	if alpn == nil {
		alpn = defaultALPN
	}
	tc := tls.Client(conn, &tls.Config{
		ServerName: p.sni,
		// The chain is verified by describeChain, so that an untrusted
		// chain is reported rather than ending the probe.
		InsecureSkipVerify: true,
		MinVersion:         v,
		MaxVersion:         v,
		CipherSuites:       goSuites,
		NextProtos:         alpn,
	})
	if err := tc.HandshakeContext(ctx); err != nil {
		return nil, err
	}
	cs := tc.ConnectionState()
	tc.Close()
	return &cs, nil
}

func describeHandshake(cs *tls.ConnectionState) *Handshake {
	h := &Handshake{
		Version: hello.VersionName(cs.Version), CipherSuite: hello.CipherSuiteName(cs.CipherSuite),
		ALPN: cs.NegotiatedProtocol, HelloRetry: cs.HelloRetryRequest,
	}
	if cs.CurveID != 0 {
		h.Group = hello.GroupName(cs.CurveID)
	}
	return h
}

// rawChain describes the chain of the highest TLS 1.2 or earlier flight
// that carried one.
func (p *prober) rawChain() {
	for _, v := range []uint16{tls.VersionTLS12, tls.VersionTLS11, tls.VersionTLS10, hello.VersionSSL30} {
		f := p.accepted[v]
		if f == nil || len(f.Certificates) == 0 {
			continue
		}
		certs, err := parseChain(f.Certificates)
		if err != nil {
			p.note("%s Certificate message: %v", hello.VersionName(v), err)
			return
		}
		p.cert = p.describeChain(certs, "certificate message")
		return
	}
}

func parseChain(ders [][]byte) ([]*x509.Certificate, error) {
	certs := make([]*x509.Certificate, 0, len(ders))
	for i, der := range ders {
		c, err := x509.ParseCertificate(der)
		if err != nil {
			return nil, fmt.Errorf("certificate %d: %w", i, err)
		}
		certs = append(certs, c)
	}
	return certs, nil
}
