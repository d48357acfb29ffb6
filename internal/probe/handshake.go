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

// probeHandshake runs the full handshake at the highest version accepted
// when TLS 1.2 did not show the chain in plaintext, unless an earlier
// version did and TLS 1.3 is not accepted, or always with
// Options.FullHandshake; it returns the version (0 when none ran). A TLS
// 1.3 server without TLS 1.2 so gets its handshake as soon as those two
// answers are in.
func (p *prober) probeHandshake(ctx context.Context) (uint16, *tls.ConnectionState, error) {
	if !p.opts.FullHandshake {
		if f := p.flight(tls.VersionTLS12); f != nil && len(f.Certificates) > 0 {
			return 0, nil, nil
		}
		if p.flight(tls.VersionTLS13) == nil && p.rawChainVersion() != 0 {
			return 0, nil, nil
		}
	}
	v := p.highestFlight(tls.VersionTLS13, tls.VersionTLS12, tls.VersionTLS11, tls.VersionTLS10)
	if v == 0 {
		return 0, nil, nil
	}
	cs, err := p.handshake(ctx, v)
	return v, cs, err
}

// rawChainOrder are the versions whose Certificate message is plaintext,
// in the order their chains are preferred.
var rawChainOrder = []uint16{tls.VersionTLS12, tls.VersionTLS11, tls.VersionTLS10, hello.VersionSSL30}

// rawChainVersion returns the highest version below TLS 1.3 that was
// accepted with a chain, waiting only for the answers it needs, or 0.
func (p *prober) rawChainVersion() uint16 {
	for _, v := range rawChainOrder {
		if f := p.flight(v); f != nil && len(f.Certificates) > 0 {
			return v
		}
	}
	return 0
}

// chainOutcome is what the chain step found: the full handshake, run at
// version v (the highest crypto/tls speaks; 0 if none ran) for the
// chain, ALPN and group, and the chain described.
type chainOutcome struct {
	v    uint16
	cs   *tls.ConnectionState
	err  error
	cert *Certificate
}

// probeChain runs probeHandshake and describes the chain it gave or,
// when none ran or it failed, the chain of the highest plaintext
// Certificate message, so that verifying it goes on beside the other
// enumerations.
func (p *prober) probeChain(ctx context.Context) chainOutcome {
	var o chainOutcome
	o.v, o.cs, o.err = p.probeHandshake(ctx)
	if o.v != 0 && o.err == nil {
		o.cert = p.describeChain(o.cs.PeerCertificates, "handshake")
	} else if v := p.rawChainVersion(); v != 0 {
		o.cert = p.describeRaw(v, p.flight(v))
	}
	return o
}

// recordChain records what probeChain found.
func (p *prober) recordChain(o chainOutcome) {
	switch {
	case o.v != 0 && o.err == nil:
		p.hs, p.hsGroup = describeHandshake(o.cs), o.cs.CurveID
	case o.v != 0 && o.err != p.stoppedErr():
		p.note("full handshake at %s: %v", hello.VersionName(o.v), o.err)
	}
	p.cert = o.cert
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
	for _, v := range rawChainOrder {
		if f := p.accepted[v]; f != nil && len(f.Certificates) > 0 {
			p.cert = p.describeRaw(v, f)
			return
		}
	}
}

// describeRaw describes the chain of the Certificate message of flight
// f, accepted at v, or notes why it cannot.
func (p *prober) describeRaw(v uint16, f *hello.ServerFlight) *Certificate {
	certs, err := parseChain(f.Certificates)
	if err != nil {
		p.note("%s Certificate message: %v", hello.VersionName(v), err)
		return nil
	}
	return p.describeChain(certs, "certificate message")
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
