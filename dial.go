package tlsfloor

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"time"
)

// dialTLS opens one direct TLS connection for the transport.
func (d *dialer) dialTLS(ctx context.Context, network, addr string) (net.Conn, error) {
	if d.custom != nil {
		return d.dialCustom(ctx, network, addr)
	}
	raw, err := d.dialTCP(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	conn, err := d.handshake(ctx, raw, addr)
	if err != nil {
		raw.Close()
		return nil, err
	}
	return conn, nil
}

func (d *dialer) dialTCP(ctx context.Context, network, addr string) (net.Conn, error) {
	if d.tr.DialContext != nil {
		return d.tr.DialContext(ctx, network, addr)
	}
	if d.tr.Dial != nil {
		return d.tr.Dial(network, addr)
	}
	var nd net.Dialer
	return nd.DialContext(ctx, network, addr)
}

// handshake runs the client handshake over raw with the transport's
// current TLSClientConfig, re-floored.
func (d *dialer) handshake(ctx context.Context, raw net.Conn, addr string) (*tls.Conn, error) {
	cfg, host := d.config(addr)
	reached := false
	verify := cfg.VerifyConnection
	cfg.VerifyConnection = func(cs tls.ConnectionState) error {
		reached = true
		if verify == nil {
			return nil
		}
		return verify(cs)
	}
	if t := d.tr.TLSHandshakeTimeout; t > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, t)
		defer cancel()
	}
	conn := tls.Client(raw, cfg)
	if err := conn.HandshakeContext(ctx); err != nil {
		return nil, d.failed(ctx, host, addr, err, reached)
	}
	return conn, d.recheck(conn, addr)
}

// config clones the transport's TLS config and applies the policy to it
// again, so that edits made after Transport returned cannot lower the floor.
func (d *dialer) config(addr string) (*tls.Config, string) {
	cfg := cloneConfig(d.tr.TLSClientConfig)
	d.policy.apply(cfg)
	cfg.InsecureSkipVerify = d.policy.skipVerify != nil
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if cfg.ServerName == "" {
		cfg.ServerName = host
	}
	return cfg, cfg.ServerName
}

// failed reports a handshake that failed before verification (one that
// failed in verification was reported by the verifier) and classifies it.
func (d *dialer) failed(ctx context.Context, host, addr string, err error, reached bool) error {
	err = d.policy.classify(host, err)
	if de, ok := err.(*DowngradeError); ok && de.Problem == ProblemVersion && de.Version == 0 {
		de.Version, de.Diagnosed = d.diagnose(ctx, host, addr), true
	}
	if !reached {
		d.policy.emit(Event{Side: Client, Host: host, Addr: addr, Outcome: outcome(err), Err: err})
	}
	return err
}

// recheck checks a finished connection. It only fails when the config's
// VerifyConnection was replaced after Transport returned.
func (d *dialer) recheck(conn *tls.Conn, addr string) error {
	cs := conn.ConnectionState()
	err := d.policy.Check(cs)
	if err != nil {
		conn.Close()
		d.policy.emit(stateEvent(Client, addr, cs, err))
	}
	return err
}

// dialCustom uses the TLS dialer the base transport came with and checks
// what it returns.
func (d *dialer) dialCustom(ctx context.Context, network, addr string) (net.Conn, error) {
	conn, err := d.custom(ctx, network, addr)
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
			return nil, d.policy.classify(addr, err)
		}
	}
	cs := sc.ConnectionState()
	if err := d.policy.Check(cs); err != nil {
		conn.Close()
		d.policy.emit(stateEvent(Client, addr, cs, err))
		return nil, err
	}
	return conn, nil
}

// errDiagnosed ends a diagnostic handshake once the version is known.
var errDiagnosed = errors.New("tlsfloor: diagnostic handshake done")

// diagnose learns which version a server that refused every version at or
// above the floor would negotiate, so the error can name it. It opens one
// more connection and starts a handshake that offers TLS 1.0 to 1.2, then
// aborts it as soon as the server's certificate arrives: no key is
// exchanged and nothing is sent. It returns 0 if it learns nothing.
func (d *dialer) diagnose(ctx context.Context, host, addr string) uint16 {
	raw, err := d.dialTCP(ctx, "tcp", addr)
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
	ctx, cancel := context.WithTimeout(ctx, diagnoseTimeout)
	defer cancel()
	err = tls.Client(raw, cfg).HandshakeContext(ctx)
	if v, ok := unsupportedVersion(err); ok {
		return v
	}
	return version
}

// diagnoseTimeout bounds the diagnostic handshake.
const diagnoseTimeout = 5 * time.Second

// allSuites lists every TLS 1.0-1.2 suite crypto/tls implements, so that
// the diagnostic handshake reaches a ServerHello from any legacy server.
func allSuites() []uint16 {
	ids := secureSuites()
	for _, s := range tls.InsecureCipherSuites() {
		ids = append(ids, s.ID)
	}
	return ids
}
