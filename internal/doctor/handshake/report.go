package handshake

import (
	"crypto/tls"
	"fmt"
)

// Report is what one run of the lab saw: the servers it started and, for
// every client driver, what that client negotiated with each server.
type Report struct {
	// Servers lists the lab servers in the order they were tried.
	Servers []Server
	// Clients lists every selected driver, run or skipped.
	Clients []ClientResult
}

// Server is one lab server: a Go crypto/tls listener on 127.0.0.1 limited
// to one protocol version.
type Server struct {
	// Name is how attempts refer to the server: "TLS 1.0" ... "TLS 1.3",
	// and "TLS 1.3 X25519MLKEM768" for the post-quantum one.
	Name string
	// Version is the only protocol version the server speaks.
	Version uint16
	// PostQuantum is set on the server that offers only the
	// X25519MLKEM768 hybrid key exchange.
	PostQuantum bool
	// Addr is the listener's host:port, always on 127.0.0.1.
	Addr string
}

// ClientResult is what one client did against every server.
type ClientResult struct {
	// Name is the driver's name: "curl", "openssl", "python3", ...
	Name string
	// Path is the executable that ran, as found on PATH.
	Path string
	// Version is the client's own version line, with its TLS library
	// where the client says it.
	Version string
	// Results holds one attempt per server, in Report.Servers order.
	Results []Attempt
	// Skipped says why the client was not run; it is empty when it was.
	Skipped string
}

// Attempt is one client run against one server. The server's record of
// the handshake is the ground truth; the client's own account is kept as
// a cross-check.
type Attempt struct {
	// Server is the Name of the server tried.
	Server string
	// Outcome says how the handshake came out.
	Outcome Outcome
	// Version, CipherSuite and Group are what the server negotiated; they
	// are zero unless Outcome is Negotiated.
	Version     uint16
	CipherSuite uint16
	Group       tls.CurveID
	// Offered lists the protocol versions the client's ClientHello
	// offered, as the server read them; nil when no ClientHello arrived.
	Offered []uint16
	// ClientSaw is the client's own account of the connection, such as
	// "TLSv1.3 TLS_AES_128_GCM_SHA256 X25519", when it gives one.
	ClientSaw string
	// Detail explains the outcome: the client's error text, trimmed, and
	// the server's view of a failed handshake.
	Detail string
}

// Outcome is how one attempt came out.
type Outcome string

// Outcomes of an attempt.
const (
	// Negotiated means the server completed a handshake with the client,
	// which verified the lab certificate.
	Negotiated Outcome = "negotiated"
	// Refused means a ClientHello arrived but no handshake completed: the
	// client and the server had no version, suite or group in common.
	Refused Outcome = "refused"
	// Error means the attempt proved nothing either way: the client did
	// not start, sent no ClientHello, or did not trust the lab CA.
	Error Outcome = "error"
	// Timeout means the client was still running when its time was up
	// and was killed, without a completed handshake.
	Timeout Outcome = "timeout"
)

// String describes the attempt in one line, with crypto/tls names.
func (a Attempt) String() string {
	if a.Outcome != Negotiated {
		return fmt.Sprintf("%s: %s: %s", a.Server, a.Outcome, a.Detail)
	}
	return fmt.Sprintf("%s: negotiated %s %s %s", a.Server, tls.VersionName(a.Version),
		tls.CipherSuiteName(a.CipherSuite), groupName(a.Group))
}

// groupName names a key exchange group, or "-" when there was none.
func groupName(g tls.CurveID) string {
	if g == 0 {
		return "-"
	}
	return g.String()
}

// Attempt returns the client's attempt against the server called name.
func (c ClientResult) Attempt(name string) (Attempt, bool) {
	for _, a := range c.Results {
		if a.Server == name {
			return a, true
		}
	}
	return Attempt{}, false
}

// Server returns the lab server called name.
func (r *Report) Server(name string) (Server, bool) {
	for _, s := range r.Servers {
		if s.Name == name {
			return s, true
		}
	}
	return Server{}, false
}
