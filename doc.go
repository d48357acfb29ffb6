// Package tlsfloor holds a TLS floor on Go programs: connections below TLS 1.2
// (or a stricter floor) are refused, and every negotiated connection is
// checked, not only configured.
//
// # Defaults
//
// The zero [Policy], also available as [Default], is the strict setting:
//
//   - TLS 1.2 or later, on both sides of a connection;
//   - no cipher suite that crypto/tls lists in [tls.InsecureCipherSuites]
//     (RC4, 3DES, CBC with SHA-256, and RSA key exchange);
//   - certificate verification on.
//
// [TLS13] raises the floor to TLS 1.3; [PostQuantum] also requires a hybrid
// post-quantum key exchange (X25519MLKEM768, SecP256r1MLKEM768 or
// SecP384r1MLKEM1024); Policy.FIPS restricts to the FIPS 140-3 approved
// subset. Policy.MinVersion can raise the floor, never lower it.
//
// # Use
//
// For net/http:
//
//	client := tlsfloor.Default.Client(nil)
//
// For a *tls.Config, client or server side:
//
//	cfg := tlsfloor.TLS13.Config(&tls.Config{RootCAs: pool})
//	srvCfg := tlsfloor.Default.ServerConfig(&tls.Config{Certificates: certs})
//
// For the AWS SDK for Go v2, see the awsfloor package.
//
// # Verification of every connection
//
// Setting MinVersion is not enough: the config can be edited after the
// fact, a GODEBUG setting such as tls10server=1 or tlsrsakex=1 widens what
// a zero config accepts, and a resumed session skips certificate callbacks.
// So the configs built here also install tls.Config.VerifyConnection, which
// crypto/tls calls for every handshake, resumed ones included, and which
// refuses any connection that falls short with a [*DowngradeError] naming
// what was negotiated and what the policy wants. [Policy.Transport] also
// reads each server's first message off the wire, independently of the
// TLS config, and [Policy.ServerConfig] re-applies the policy at each
// ClientHello. [Policy.Check] runs the same test on any
// tls.ConnectionState.
//
// When a server refuses the policy's ClientHello outright, as every modern
// server that speaks only TLS 1.1 does, the transport opens one diagnostic
// connection that offers TLS 1.0 to 1.2 and drops it as soon as the
// server's certificate arrives, so that the error can name the version the
// server speaks (DowngradeError.Diagnosed).
//
// [Policy.Observer] receives one [Event] per handshake that reaches
// verification (host, version, cipher suite, group, resumption, outcome)
// and one per refusal on the wire, for metrics and audit logs. Handshakes
// that fail for other reasons, such as an untrusted certificate, are
// reported to the caller only. This package never logs.
//
// # Escape hatches
//
// Lowering the floor is possible but not recommended, and never silent.
// [Policy.InsecureLowerFloor] takes the version and a reason, which are
// carried in every Event, in [Policy.Warnings] and in [Policy.String] (as
// "INSECURE"). [Policy.InsecureSkipVerify] turns certificate verification
// off the same way. There is no other way to weaken a policy: no
// environment variable, GODEBUG or base config lowers it.
package tlsfloor
