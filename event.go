package tlsfloor

import (
	"crypto/tls"
	"time"
)

// Side says which end of a connection the policy was applied to.
type Side int

const (
	// Client is a connection this program opened.
	Client Side = iota
	// Server is a connection this program accepted.
	Server
)

// String returns "client" or "server".
func (s Side) String() string {
	if s == Server {
		return "server"
	}
	return "client"
}

// Outcome is how a handshake ended, as far as the policy is concerned.
type Outcome int

const (
	// Accepted means the handshake completed and met the policy.
	Accepted Outcome = iota
	// Refused means the policy refused the connection: the peer offered or
	// negotiated less than the policy requires. Event.Err is a
	// *DowngradeError.
	Refused
	// Failed means the handshake failed for a reason other than the
	// policy, such as an untrusted certificate or a network error.
	Failed
)

// String returns "accepted", "refused" or "failed".
func (o Outcome) String() string {
	switch o {
	case Accepted:
		return "accepted"
	case Refused:
		return "refused"
	}
	return "failed"
}

// Event describes one handshake, for [Policy.Observer].
type Event struct {
	// Time is when the event was recorded.
	Time time.Time
	// Side is Client for connections this program opened.
	Side Side
	// Host is the server name: the one dialled on the client side, the
	// SNI the client sent on the server side. It may be empty.
	Host string
	// Addr is the remote address when it is known.
	Addr string
	// Version, CipherSuite and CurveID are what was negotiated; zero when
	// the handshake did not get that far. Use tls.VersionName,
	// tls.CipherSuiteName and CurveID.String to name them.
	Version     uint16
	CipherSuite uint16
	CurveID     tls.CurveID
	// Resumed is true for a resumed session.
	Resumed bool
	// Outcome says whether the policy accepted the handshake.
	Outcome Outcome
	// Err is the reason for a Refused or Failed outcome.
	Err error
	// Policy names the policy in force, as Policy.String spells it.
	Policy string
	// Warnings repeats Policy.Warnings: every insecure opt-in in force and
	// its reason. It is empty for a policy that was not weakened.
	Warnings []string
}
