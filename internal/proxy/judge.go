package proxy

import (
	"crypto/tls"
	"errors"
	"fmt"
	"slices"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// judgeHello decides on a ClientHello by the highest version it offers
// (supported_versions, else legacy_version; never the record version) and,
// under a post-quantum policy, by whether it offers a hybrid group.
func judgeHello(p tlsfloor.Policy, h *hello.ClientHelloInfo) Decision {
	v, floor := h.HighestVersion(), p.Floor()
	switch {
	case h.SSLv2:
		return deny(ReasonSSLv2Hello, fmt.Sprintf("SSL 2.0-compatible hello offering at most %s", hello.VersionName(v)))
	case v < floor:
		return deny(ReasonBelowFloor, fmt.Sprintf("client offers at most %s, below the floor %s", hello.VersionName(v), hello.VersionName(floor)))
	case p.PostQuantum && !slices.ContainsFunc(h.Groups, hello.IsHybrid):
		return deny(ReasonNoPQGroup, "client offers no post-quantum hybrid group (X25519MLKEM768, SecP256r1MLKEM768, SecP384r1MLKEM1024)")
	}
	return allow(ReasonOK)
}

// judgeServer decides on the destination's first message with the
// policy's own check: the version it selected, its cipher suite and,
// from TLS 1.3 on, its key share group. Before TLS 1.3 the group is not in
// the ServerHello, so only a post-quantum policy (which needs TLS 1.3
// anyway) refuses for want of it.
func judgeServer(p tlsfloor.Policy, r hello.ServerReply) Decision {
	if r.Kind == hello.Alert {
		return Decision{Allow: true, Reason: ReasonServerAlert, Detail: fmt.Sprintf("the destination answered with alert %d", r.AlertDescription)}
	}
	err := p.Check(tls.ConnectionState{Version: r.Version, CipherSuite: r.CipherSuite, CurveID: r.KeyShare})
	var de *tlsfloor.DowngradeError
	if !errors.As(err, &de) {
		return allow(ReasonOK)
	}
	switch {
	case de.Problem == tlsfloor.ProblemVersion:
		return deny(ReasonServerBelowFloor, fmt.Sprintf("destination negotiated %s, below the floor %s", hello.VersionName(r.Version), hello.VersionName(de.Floor)))
	case de.Problem == tlsfloor.ProblemCipherSuite:
		return deny(ReasonServerInsecureSuite, fmt.Sprintf("destination chose %s, which policy %s refuses", hello.CipherSuiteName(r.CipherSuite), de.Policy))
	case r.KeyShare == 0 && !p.PostQuantum:
		return allow(ReasonOK)
	}
	return deny(ReasonServerNoPQGroup, fmt.Sprintf("destination chose key exchange %s, which policy %s refuses", hello.GroupName(r.KeyShare), de.Policy))
}

// TLS alert descriptions (RFC 8446, section 6).
const (
	alertProtocolVersion      = 70
	alertInsufficientSecurity = 71
)

// alertFor returns the fatal alert a refusal is answered with, or nil
// when the connection is closed without one.
func alertFor(reason string, version uint16) []byte {
	switch reason {
	case ReasonBelowFloor, ReasonSSLv2Hello, ReasonServerBelowFloor:
		return alertRecord(version, alertProtocolVersion)
	case ReasonNoPQGroup, ReasonServerNoPQGroup, ReasonServerInsecureSuite:
		return alertRecord(version, alertInsufficientSecurity)
	}
	return nil
}

// alertRecord is a fatal alert record at version, which is held between
// SSL 3.0 and TLS 1.2, the record versions a client accepts.
func alertRecord(version uint16, desc byte) []byte {
	v := min(max(version, hello.VersionSSL30), tls.VersionTLS12)
	return []byte{21, byte(v >> 8), byte(v), 0, 2, 2, desc}
}
