package tlsfloor

import (
	"crypto/tls"
	"fmt"
	"slices"
	"strings"
)

// Problem says which part of a connection fell short of a policy.
type Problem int

const (
	// ProblemVersion means the protocol version is below the floor, or the
	// peer would not agree on any version at or above it.
	ProblemVersion Problem = iota + 1
	// ProblemCipherSuite means the cipher suite is one the policy refuses.
	ProblemCipherSuite
	// ProblemKeyExchange means the key exchange group is one the policy
	// refuses: not a post-quantum hybrid under a post-quantum policy, or
	// not FIPS approved under the FIPS profile.
	ProblemKeyExchange
)

// String returns "version", "cipher suite" or "key exchange".
func (p Problem) String() string {
	switch p {
	case ProblemVersion:
		return "version"
	case ProblemCipherSuite:
		return "cipher suite"
	case ProblemKeyExchange:
		return "key exchange"
	}
	return fmt.Sprintf("Problem(%d)", int(p))
}

// DowngradeError reports a connection that falls short of a policy: what
// was negotiated (or offered), and what the policy wants.
type DowngradeError struct {
	// Host is the server name of the connection, if known.
	Host string
	// Problem is the part of the connection that fell short.
	Problem Problem
	// Version, CipherSuite and CurveID are what was negotiated. Version is
	// zero when the peer refused every version the policy allows.
	Version     uint16
	CipherSuite uint16
	CurveID     tls.CurveID
	// Offered is, on the server side, the highest version the client
	// offered when it offered none at or above the floor.
	Offered uint16
	// Diagnosed is true when Version was learned from a second, diagnostic
	// handshake that was aborted before any key exchange, because the
	// server refused the policy's own ClientHello outright.
	Diagnosed bool
	// Floor is the lowest version the policy accepts.
	Floor uint16
	// Policy names the policy, as Policy.String spells it.
	Policy string
	// Err is the crypto/tls error the refusal was read from, if any.
	Err error
}

// Unwrap returns the underlying crypto/tls error, if any.
func (e *DowngradeError) Unwrap() error { return e.Err }

// Error says what was negotiated and what the policy wants, for example
// "tlsfloor: sts.example.com negotiated TLS 1.1, below the floor TLS 1.2".
func (e *DowngradeError) Error() string {
	var b strings.Builder
	b.WriteString("tlsfloor: ")
	b.WriteString(e.who())
	switch e.Problem {
	case ProblemVersion:
		e.writeVersion(&b)
	case ProblemCipherSuite:
		fmt.Fprintf(&b, " negotiated cipher suite %s, which policy %s refuses", tls.CipherSuiteName(e.CipherSuite), e.Policy)
	case ProblemKeyExchange:
		e.writeKeyExchange(&b)
	default:
		fmt.Fprintf(&b, " fell short of policy %s", e.Policy)
	}
	if e.Err != nil {
		fmt.Fprintf(&b, " (%v)", e.Err)
	}
	return b.String()
}

func (e *DowngradeError) who() string {
	switch {
	case e.Host != "":
		return e.Host
	case e.Offered != 0:
		return "client"
	}
	return "peer"
}

func (e *DowngradeError) writeVersion(b *strings.Builder) {
	floor := tls.VersionName(e.Floor)
	switch {
	case e.Version != 0 && e.Diagnosed:
		fmt.Fprintf(b, " refused every version at or above the floor %s; it negotiates %s", floor, tls.VersionName(e.Version))
	case e.Version != 0:
		fmt.Fprintf(b, " negotiated %s, below the floor %s", tls.VersionName(e.Version), floor)
	case e.Offered != 0:
		fmt.Fprintf(b, " offered at most %s, below the floor %s", tls.VersionName(e.Offered), floor)
	default:
		fmt.Fprintf(b, " refused every version at or above the floor %s", floor)
	}
}

func (e *DowngradeError) writeKeyExchange(b *strings.Builder) {
	if e.CurveID == 0 {
		fmt.Fprintf(b, " agreed on no key exchange that policy %s allows", e.Policy)
		return
	}
	fmt.Fprintf(b, " negotiated key exchange %s, which policy %s refuses", e.CurveID, e.Policy)
}

// Check returns a *DowngradeError if the connection described by cs falls
// short of the policy, and nil if it meets it. It checks the version, the
// cipher suite and the key exchange group; certificates are verified by
// crypto/tls before Check runs.
func (p Policy) Check(cs tls.ConnectionState) error {
	problem := p.problem(cs)
	if problem == 0 {
		return nil
	}
	return &DowngradeError{
		Host:        cs.ServerName,
		Problem:     problem,
		Version:     cs.Version,
		CipherSuite: cs.CipherSuite,
		CurveID:     cs.CurveID,
		Floor:       p.Floor(),
		Policy:      p.String(),
	}
}

func (p Policy) problem(cs tls.ConnectionState) Problem {
	switch {
	case cs.Version < p.Floor():
		return ProblemVersion
	case !p.suiteAllowed(cs.CipherSuite):
		return ProblemCipherSuite
	case !p.groupAllowed(cs):
		return ProblemKeyExchange
	}
	return 0
}

func (p Policy) suiteAllowed(id uint16) bool {
	if p.FIPS {
		return slices.Contains(fipsSuites, id) || slices.Contains(fipsSuites13, id)
	}
	return !insecureSuite(id)
}

func (p Policy) groupAllowed(cs tls.ConnectionState) bool {
	if !p.PostQuantum && !p.FIPS {
		return true
	}
	if cs.CurveID == 0 && cs.DidResume && cs.Version < tls.VersionTLS13 {
		// A resumed TLS 1.2 session runs no key exchange of its own; the
		// one that created it was checked when it was made.
		return !p.PostQuantum
	}
	if p.PostQuantum && !slices.Contains(hybridGroups, cs.CurveID) {
		return false
	}
	return !p.FIPS || slices.Contains(fipsGroups, cs.CurveID)
}

// insecureIDs holds the IDs crypto/tls lists in InsecureCipherSuites,
// computed once; it is never modified.
var insecureIDs = func() map[uint16]bool {
	ids := make(map[uint16]bool)
	for _, s := range tls.InsecureCipherSuites() {
		ids[s.ID] = true
	}
	return ids
}()

// insecureSuite reports whether crypto/tls lists id as insecure.
func insecureSuite(id uint16) bool { return insecureIDs[id] }
