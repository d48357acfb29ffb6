package tlsfloor

import (
	"crypto/tls"
	"slices"
)

// ServerConfig returns a copy of base (which may be nil) that holds the
// policy on the server side, for Go services that must keep the same floor
// inbound. It sets MinVersion, cipher suites and curve preferences as
// [Policy.Config] does, and installs two hooks:
//
//   - GetConfigForClient reports a client that offers no version at or
//     above the floor to the observer, then re-applies the policy to the
//     config used for that handshake, so that fields edited on the
//     returned config after the fact (a lowered MinVersion, say) cannot
//     lower the floor. A GetConfigForClient set in base is called first and
//     its result is held to the policy too.
//   - VerifyConnection checks every handshake, resumed ones included. A
//     VerifyConnection set in base runs after the policy's check.
//
// The zero MinVersion of an old go.mod together with GODEBUG=tls10server=1
// would let a plain crypto/tls server accept TLS 1.0; a config from
// ServerConfig never does. Client certificate settings are kept as they are.
func (p Policy) ServerConfig(base *tls.Config) *tls.Config {
	cfg := cloneConfig(base)
	p.apply(cfg)
	next, userHook := cfg.VerifyConnection, cfg.GetConfigForClient
	cfg.VerifyConnection = p.verifier(Server, "", next)
	cfg.GetConfigForClient = func(hello *tls.ClientHelloInfo) (*tls.Config, error) {
		p.observeOffer(hello)
		c, err := p.helloConfig(cfg, userHook, hello)
		if err != nil || c == nil {
			return c, err
		}
		p.apply(c)
		c.GetConfigForClient = nil
		c.VerifyConnection = p.verifier(Server, remoteAddr(hello), next)
		return c, nil
	}
	return cfg
}

// helloConfig returns a private copy of the config to use for one
// handshake: the user's hook's answer if it gives one, else the live config.
func (p Policy) helloConfig(live *tls.Config, userHook func(*tls.ClientHelloInfo) (*tls.Config, error), hello *tls.ClientHelloInfo) (*tls.Config, error) {
	if userHook != nil {
		c, err := userHook(hello)
		if err != nil || c != nil {
			return c.Clone(), err
		}
	}
	return live.Clone(), nil
}

// observeOffer reports a client whose ClientHello offers nothing at or
// above the floor; crypto/tls then ends the handshake with a
// protocol_version alert.
func (p Policy) observeOffer(hello *tls.ClientHelloInfo) {
	top := slices.Max(append([]uint16{0}, hello.SupportedVersions...))
	if top >= p.Floor() {
		return
	}
	err := &DowngradeError{Host: hello.ServerName, Problem: ProblemVersion, Offered: top, Floor: p.Floor(), Policy: p.String()}
	p.emit(Event{Side: Server, Host: hello.ServerName, Addr: remoteAddr(hello), Outcome: Refused, Err: err})
}

func remoteAddr(hello *tls.ClientHelloInfo) string {
	if hello.Conn == nil || hello.Conn.RemoteAddr() == nil {
		return ""
	}
	return hello.Conn.RemoteAddr().String()
}
