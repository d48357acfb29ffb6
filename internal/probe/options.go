package probe

import (
	"context"
	"crypto/x509"
	"net"
	"time"

	"github.com/tlsfloor/tlsfloor"
)

// DialFunc opens a connection on which the next bytes written are a TLS
// ClientHello: a plain TCP dial, or a STARTTLS or proxy dialer that has
// already done its own negotiation.
type DialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// Endpoint is one TLS endpoint to probe.
type Endpoint struct {
	// Target names the endpoint in results, as the user wrote it. Empty
	// means Address.
	Target string
	// Address is the host:port to connect to.
	Address string
	// ServerName is sent as SNI and is the name the certificate is
	// verified for. Empty means the host of Address; an IP address is
	// verified but not sent as SNI.
	ServerName string
	// Dial opens the connections. Nil means a TCP dial to an IP address
	// resolved once for the whole probe, so that every probe reaches the
	// same server. A Dial function is given Address unresolved.
	Dial DialFunc
	// ALPN are the protocols offered in the full handshake. Nil means
	// "h2" and "http/1.1"; empty offers none. The probing hellos offer
	// none, so that servers strict about ALPN do not refuse them.
	ALPN []string
}

// Options configure a probe. The zero value uses the defaults.
type Options struct {
	// Policy is the floor results are judged against.
	Policy tlsfloor.Policy
	// Roots are the trusted roots for certificate verification. Nil
	// means the system roots.
	Roots *x509.CertPool
	// ConnectTimeout bounds each connection attempt. Default 5s.
	ConnectTimeout time.Duration
	// ReadTimeout bounds each exchange, from connect to the end of the
	// server's first flight, however slowly it drips. Default 5s.
	ReadTimeout time.Duration
	// EndpointTimeout bounds one endpoint's whole probe. Default 3m.
	EndpointTimeout time.Duration
	// MaxFlightBytes bounds what is read of one first flight. Default
	// 128 KiB.
	MaxFlightBytes int
	// MaxConnections bounds the connections to one endpoint. Default 400.
	MaxConnections int
	// EndpointParallel is how many connections one endpoint's probe has
	// open at once. The version hellos (after the first), each accepted
	// version's suite enumeration (started as soon as that version's
	// answer is in), the group enumerations and the full handshake are
	// independent and run side by side; the hellos of one enumeration
	// still go one after another, as each depends on the last. These
	// connections count against MaxConnections and Rate like any other,
	// and an address probed by PerIP endpoints at once sees up to PerIP
	// times EndpointParallel connections. Results do not depend on it.
	// Default 4; 1 makes one connection at a time.
	EndpointParallel int
	// Concurrency is how many endpoints Run probes at once. Default 8.
	Concurrency int
	// PerIP is how many endpoints on one IP address (or, for endpoints
	// with their own Dial, one host name) Run probes at once. Default 2.
	PerIP int
	// Rate limits new connections across Run, per second. Zero or less
	// means no limit.
	Rate float64
	// Burst is how many connections may start at once under Rate.
	// Default Concurrency.
	Burst int
	// FullHandshake runs one full crypto/tls handshake at the highest
	// version accepted, for Result.Handshake, even when a TLS 1.2 or
	// earlier Certificate message already showed the chain. Without it
	// the handshake runs only when TLS 1.2 did not show the chain and,
	// if TLS 1.3 is not accepted, no earlier version did either (a TLS
	// 1.3-only server): it costs a connection and the server a
	// signature, and the probing hellos already learn the ALPN protocol
	// from TLS 1.2 ServerHellos.
	FullHandshake bool
	// VersionsOnly limits the probe to the protocol versions: one
	// connection per version, no suite or group enumeration and no full
	// handshake, so CipherSuites, Groups, Certificate and Handshake stay
	// empty. The verdict then judges versions alone; what a policy's
	// post-quantum or FIPS requirement would need is noted in Errors as
	// not checked.
	VersionsOnly bool
}

// withDefaults fills in zero fields.
func (o Options) withDefaults() Options {
	def := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.ConnectTimeout, 5*time.Second)
	def(&o.ReadTimeout, 5*time.Second)
	def(&o.EndpointTimeout, 3*time.Minute)
	for _, f := range []struct {
		v *int
		d int
	}{{&o.MaxFlightBytes, 128 << 10}, {&o.MaxConnections, 400}, {&o.Concurrency, 8}, {&o.PerIP, 2}, {&o.EndpointParallel, 4}, {&o.Burst, 0}} {
		if *f.v <= 0 {
			*f.v = f.d
		}
	}
	if o.Burst <= 0 {
		o.Burst = o.Concurrency
	}
	return o
}
