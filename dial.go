package tlsfloor

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"time"
)

// dialFunc is the type of http.Transport.DialContext.
type dialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// baseDial returns the plain dialer a transport uses: DialContext, else
// the deprecated Dial, else a zero net.Dialer, as net/http does
// (golang/go@go1.26.8:src/net/http/transport.go, Transport.dial).
func baseDial(contextDial dialFunc, dial func(network, addr string) (net.Conn, error)) dialFunc {
	switch {
	case contextDial != nil:
		return contextDial
	case dial != nil:
		return func(_ context.Context, network, addr string) (net.Conn, error) { return dial(network, addr) }
	}
	var zero net.Dialer
	return zero.DialContext
}

// checkCustom wraps a TLS dialer the caller supplied: its connections must
// expose their state, and are checked against the policy.
func (p Policy) checkCustom(custom dialFunc) dialFunc {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := custom(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		sc, ok := conn.(interface{ ConnectionState() tls.ConnectionState })
		if !ok {
			conn.Close()
			return nil, fmt.Errorf("tlsfloor: %s: custom TLS dialer returned %T, whose TLS version cannot be checked", addr, conn)
		}
		if tc, ok := conn.(*tls.Conn); ok {
			if err := tc.HandshakeContext(ctx); err != nil {
				conn.Close()
				return nil, p.classify(addr, err)
			}
		}
		return p.checkState(conn, addr, sc.ConnectionState())
	}
}

func (p Policy) checkState(conn net.Conn, addr string, cs tls.ConnectionState) (net.Conn, error) {
	if err := p.Check(cs); err != nil {
		conn.Close()
		p.emit(stateEvent(Client, addr, cs, err))
		return nil, err
	}
	return conn, nil
}

// errDiagnosed ends a diagnostic handshake once the version is known.
var errDiagnosed = errors.New("tlsfloor: diagnostic handshake done")

// diagnoseTimeout bounds the diagnostic handshake.
const diagnoseTimeout = 5 * time.Second

// diagnose learns which version a server that refused every version at or
// above the floor would negotiate, so the error can name it. It opens one
// more connection and starts a handshake that offers TLS 1.0 to 1.2, then
// aborts it as soon as the server's certificate arrives: no key is
// exchanged and nothing is sent. It returns 0 if it learns nothing.
func diagnose(dial dialFunc, host, addr string) uint16 {
	ctx, cancel := context.WithTimeout(context.Background(), diagnoseTimeout)
	defer cancel()
	raw, err := dial(ctx, "tcp", addr)
	if err != nil {
		return 0
	}
	defer raw.Close()
	var version uint16
	cfg := &tls.Config{
		ServerName:         host,
		MinVersion:         tls.VersionTLS10,
		MaxVersion:         tls.VersionTLS12,
		CipherSuites:       allSuites(),
		InsecureSkipVerify: true, // only the version is read; the connection is dropped
		VerifyConnection: func(cs tls.ConnectionState) error {
			version = cs.Version
			return errDiagnosed
		},
	}
	err = tls.Client(raw, cfg).HandshakeContext(ctx)
	if v, ok := unsupportedVersion(err); ok {
		return v
	}
	return version
}

// allSuites lists every TLS 1.0-1.2 suite crypto/tls implements, so that
// the diagnostic handshake reaches a ServerHello from any legacy server.
func allSuites() []uint16 {
	ids := secureSuites()
	for _, s := range tls.InsecureCipherSuites() {
		ids = append(ids, s.ID)
	}
	return ids
}
