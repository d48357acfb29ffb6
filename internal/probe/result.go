package probe

import (
	"time"
)

// Result is what one endpoint's probe found. Versions are named as
// tls.VersionName names them ("SSL 3.0" for 0x0300), suites as
// tls.CipherSuiteName or, for suites crypto/tls does not know, the IANA
// registry, and groups as tls.CurveID.String or the IANA registry
// ("x448", "ffdhe2048"). A Result with Errors may be incomplete: a
// verdict of BelowFloor false then proves nothing.
type Result struct {
	// Target is the endpoint as the user named it.
	Target string `json:"target"`
	// Address is the host:port connected to, and IP the address it
	// resolved to (empty when the endpoint has its own dialer).
	Address string `json:"address"`
	IP      string `json:"ip,omitempty"`
	// ServerName is the name the certificate is verified for, also sent
	// as SNI unless it is an IP address.
	ServerName string `json:"server_name,omitempty"`
	// AcceptedVersions lists the versions the server accepted, lowest first.
	AcceptedVersions []string `json:"accepted_versions"`
	// Refused says, per version, how the server refused it.
	Refused map[string]Refusal `json:"refused"`
	// CipherSuites lists, per accepted version, the suites accepted, in
	// the order the server picked them.
	CipherSuites map[string][]string `json:"cipher_suites"`
	// SuiteOrder says, per version with two or more suites, whose order
	// decides: "server" (the server's preference, which CipherSuites
	// then shows) or "client" (the offer's order).
	SuiteOrder map[string]string `json:"suite_order,omitempty"`
	// Groups lists the key exchange groups accepted, in the order the
	// server picked them: under "TLS 1.3" the TLS 1.3 groups, under the
	// highest earlier version the ECDHE curves of its ServerKeyExchange.
	Groups map[string][]string `json:"groups"`
	// DHBits is the size of the smallest DHE prime seen, if any.
	DHBits int `json:"dh_bits,omitempty"`
	// ALPN is the protocol the server selected from those offered
	// (Endpoint.ALPN): from the full handshake if one ran, else from a
	// TLS 1.2 or earlier ServerHello. Empty when it selected none.
	ALPN string `json:"alpn,omitempty"`
	// Certificate describes the chain the server sent.
	Certificate *Certificate `json:"certificate,omitempty"`
	// Handshake is what the full crypto/tls handshake negotiated, when
	// one ran: for a server whose chain no plaintext TLS 1.2 Certificate
	// message showed (a TLS 1.3-only server), or with
	// Options.FullHandshake.
	Handshake *Handshake `json:"handshake,omitempty"`
	// Floor names the policy, as tlsfloor.Policy.String spells it.
	Floor string `json:"floor"`
	// BelowFloor is true when the endpoint accepts something the policy
	// refuses; Evidence says what.
	BelowFloor bool     `json:"below_floor"`
	Evidence   []string `json:"evidence,omitempty"`
	// Errors are problems that kept the probe from finishing, or facts
	// it could not establish.
	Errors []string `json:"errors,omitempty"`
	// Connections counts the connections made, Elapsed the wall time.
	Connections int           `json:"connections"`
	Elapsed     time.Duration `json:"elapsed_ns"`
}

// RefusalKind says how a server refused a version.
type RefusalKind string

// Ways to refuse.
const (
	// RefusedAlert: the server answered with an alert.
	RefusedAlert RefusalKind = "alert"
	// RefusedLowerVersion: the server answered with a ServerHello for a
	// lower version, its highest.
	RefusedLowerVersion RefusalKind = "lower_version"
	// RefusedReset: the connection was reset.
	RefusedReset RefusalKind = "reset"
	// RefusedClosed: the connection was closed without a full answer.
	RefusedClosed RefusalKind = "closed"
	// RefusedTimeout: no full answer within the read timeout.
	RefusedTimeout RefusalKind = "timeout"
	// RefusedGarbage: the answer was not TLS, malformed, or for a
	// version that was not offered.
	RefusedGarbage RefusalKind = "garbage"
)

// Refusal is how a server refused a version.
type Refusal struct {
	Kind RefusalKind `json:"kind"`
	// Alert is the alert description number, for RefusedAlert.
	Alert uint8 `json:"alert,omitempty"`
	// Detail is human-readable: the alert as tls.AlertError names it,
	// the version chosen, or the error seen.
	Detail string `json:"detail"`
}

// Certificate describes the leaf certificate of the chain the server
// sent, and whether the chain verifies.
type Certificate struct {
	Subject            string    `json:"subject"`
	Issuer             string    `json:"issuer"`
	SANs               []string  `json:"sans,omitempty"`
	NotBefore          time.Time `json:"not_before"`
	NotAfter           time.Time `json:"not_after"`
	KeyType            string    `json:"key_type"`
	KeyBits            int       `json:"key_bits"`
	SignatureAlgorithm string    `json:"signature_algorithm"`
	// ChainLength counts the certificates sent, leaf included.
	ChainLength int `json:"chain_length"`
	// Trusted is true when the chain verifies for ServerName against the
	// roots in use; TrustError says why not.
	Trusted    bool   `json:"trusted"`
	TrustError string `json:"trust_error,omitempty"`
	// Source is "handshake" when the chain came from the full crypto/tls
	// handshake, or "certificate message" when it was read from a
	// plaintext TLS 1.2 or earlier Certificate message.
	Source string `json:"source"`
}

// Handshake is what one full crypto/tls handshake negotiated.
type Handshake struct {
	Version     string `json:"version"`
	CipherSuite string `json:"cipher_suite"`
	// Group is the key exchange group; empty for RSA key exchange.
	Group      string `json:"group,omitempty"`
	ALPN       string `json:"alpn,omitempty"`
	HelloRetry bool   `json:"hello_retry,omitempty"`
}
