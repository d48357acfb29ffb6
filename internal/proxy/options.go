package proxy

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net/netip"
	"time"

	"github.com/tlsfloor/tlsfloor"
)

// Mode says what the proxy does with a tunnel below the floor.
type Mode int

const (
	// Enforce refuses a tunnel whose ClientHello or negotiated version is
	// below the floor, with a TLS protocol_version alert. It is the zero
	// value and the default.
	Enforce Mode = iota
	// Audit logs the same decision but lets the tunnel through.
	Audit
)

// Options configure a Server. The zero value is the strict setting: enforce
// mode, the TLS 1.2 floor of tlsfloor.Default, the AWS domains as the only
// destinations, no client authentication, no upgrade mode.
type Options struct {
	// Mode is Enforce (default) or Audit.
	Mode Mode
	// Policy is the floor tunnels are held to: its MinVersion and, when
	// set, its PostQuantum requirement on the offered groups.
	Policy tlsfloor.Policy
	// Allow lists the destinations: host patterns ("*.amazonaws.com",
	// "sts.us-east-1.amazonaws.com") and CIDRs. Nil means DefaultAllow;
	// an empty, non-nil list is refused. See ParsePattern.
	// A CIDR is also what admits a special-purpose address (loopback,
	// private, link-local, ...) at dial time.
	Allow []Pattern
	// Resolve maps "host:port" to an address, as curl's --resolve does,
	// before any DNS lookup.
	Resolve map[string]netip.AddrPort
	// Users, when not empty, require Proxy-Authorization: Basic with one
	// of these user names and its password.
	Users map[string]string
	// Certificate, when set, makes the proxy an HTTPS proxy: clients
	// reach it over TLS (curl --proxy https://...), with this certificate
	// chain and key, under tlsfloor.Default.ServerConfig, so that the hop
	// to the proxy is held to TLS 1.2 or later whatever Policy says.
	// Requests and tunnels then run inside that TLS connection. Nil
	// means plain TCP, as HTTP proxies customarily listen.
	Certificate *tls.Certificate
	// ClientCAs, when set, require every client to present a certificate
	// that verifies against them, for client authentication
	// (ExtKeyUsageClientAuth); a client without one, or with one that does
	// not verify, fails the TLS handshake. The certificate's identity
	// (see FieldIdentity) is logged. With Users set too, a client must
	// pass both. ClientCAs need Certificate.
	ClientCAs *x509.CertPool
	// Upgrade turns on upgrade mode: plain-HTTP absolute-form requests to
	// allowed destinations are sent upstream over TLS under Policy.
	Upgrade Upgrade
	// Limits bound connections and reads; zero fields take the defaults
	// documented on Limits.
	Limits Limits
	// RootCAs verify the upstream servers of upgrade mode; nil means the
	// system roots.
	RootCAs *x509.CertPool
	// Lookup resolves a destination name that Resolve does not map; nil
	// means net.DefaultResolver.LookupNetIP with network "ip".
	Lookup func(ctx context.Context, host string) ([]netip.Addr, error)
}

// Pattern is one allowlist entry: a host pattern or a CIDR.
type Pattern struct {
	// Host is an exact name or "*." followed by a suffix; empty for a
	// CIDR entry.
	Host string
	// Prefix is the CIDR; invalid for a host entry.
	Prefix netip.Prefix
}

// Upgrade configures upgrade mode.
type Upgrade struct {
	// Enabled turns upgrade mode on. It is off by default.
	Enabled bool
	// Clients are the client networks allowed to use it; empty means
	// loopback clients only.
	Clients []netip.Prefix
}

// Limits bound the proxy's resources.
type Limits struct {
	// MaxConns caps concurrent client connections (default 4096). A
	// connection over the cap is answered 503 (closed without an answer
	// on a TLS listener) and counted.
	//
	// Each spliced tunnel holds up to FDsPerTunnel (6) file descriptors,
	// so the default cap needs about 24,600 (4096 × 6 = 24,576, plus the
	// listeners and a few more) under the process's RLIMIT_NOFILE; a
	// limit below that makes accept fail with "too many open files"
	// under load. tlsfloor proxy raises its soft limit to fit, up to the
	// hard limit, and warns with the MaxConns that fits when it cannot.
	MaxConns int
	// HeaderTimeout bounds reading the CONNECT request (default 10s).
	HeaderTimeout time.Duration
	// HelloTimeout bounds reading the tunnelled ClientHello, and then the
	// destination's first reply to it (default 10s).
	HelloTimeout time.Duration
	// IdleTimeout closes a tunnel idle in both directions (default 5m).
	IdleTimeout time.Duration
	// DialTimeout bounds resolving and connecting to the destination
	// (default 10s).
	DialTimeout time.Duration
}
