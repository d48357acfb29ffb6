package probe

import (
	"crypto/tls"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// signatureSchemes are offered in every TLS 1.2 and 1.3 hello: all the
// TLS SignatureScheme registry values in use, SHA-1 and DSA included, so
// that a server limited to them still answers (RFC 8446, section
// 4.2.3; RFC 5246, section 7.4.1.4.1).
var signatureSchemes = []tls.SignatureScheme{
	tls.ECDSAWithP256AndSHA256, tls.PSSWithSHA256, tls.PKCS1WithSHA256,
	tls.ECDSAWithP384AndSHA384, tls.PSSWithSHA384, tls.PKCS1WithSHA384,
	tls.ECDSAWithP521AndSHA512, tls.PSSWithSHA512, tls.PKCS1WithSHA512,
	tls.Ed25519,
	0x0808,                 // ed448
	0x0809, 0x080a, 0x080b, // rsa_pss_pss_sha256, _sha384, _sha512
	0x0402,                                       // dsa_sha256 (RFC 5246)
	tls.PKCS1WithSHA1, tls.ECDSAWithSHA1, 0x0202, // rsa_pkcs1_sha1, ecdsa_sha1, dsa_sha1
}

// tls13Groups are the groups TLS 1.3 probes offer: crypto/tls's seven,
// x448, the five FFDHE groups and pure ML-KEM (IANA TLS Supported Groups
// registry).
var tls13Groups = []tls.CurveID{
	tls.X25519MLKEM768, tls.SecP256r1MLKEM768, tls.SecP384r1MLKEM1024,
	tls.X25519, tls.CurveP256, tls.CurveP384, tls.CurveP521, hello.X448,
	hello.FFDHE2048, hello.FFDHE3072, hello.FFDHE4096, hello.FFDHE6144, hello.FFDHE8192,
	hello.MLKEM512, hello.MLKEM768, hello.MLKEM1024,
}

// ecCurves are the groups TLS 1.2 and earlier probes offer: the elliptic
// curves of RFC 8422 and RFC 7027 still in use. FFDHE groups are left
// out: offering them would bind a TLS 1.2 server that follows RFC 7919
// to them for DHE.
var ecCurves = []tls.CurveID{
	tls.X25519, tls.CurveP256, tls.CurveP384, tls.CurveP521, hello.X448,
	hello.BrainpoolP256r1, hello.BrainpoolP384r1, hello.BrainpoolP512r1,
}

// versionShares are the key shares of the TLS 1.3 version probe: small
// ones, as a real client sends. A server that wants another group asks
// with a HelloRetryRequest, which also proves TLS 1.3.
var versionShares = []tls.CurveID{tls.X25519, tls.CurveP256}

// offer returns every suite known for version v.
func offer(v uint16) []uint16 {
	if v == tls.VersionTLS13 {
		return hello.TLS13CipherSuites()
	}
	return hello.CipherSuitesFor(v)
}

// versionHello is the hello that asks whether the server speaks v.
func (p *prober) versionHello(v uint16) *hello.ClientHello {
	if v == tls.VersionTLS13 {
		// The earlier suites too, so that a server that ignores
		// supported_versions answers with its own version.
		return p.tls13Hello(append(offer(v), offer(tls.VersionTLS12)...), tls13Groups, versionShares)
	}
	return p.legacyHello(v, offer(v), ecCurves)
}

// tls13Hello offers TLS 1.3 alone.
func (p *prober) tls13Hello(suites []uint16, groups, shares []tls.CurveID) *hello.ClientHello {
	return &hello.ClientHello{
		LegacyVersion: tls.VersionTLS12, CipherSuites: suites, ServerName: p.sni,
		SupportedVersions: []uint16{tls.VersionTLS13}, Groups: groups, KeyShares: shares,
		SignatureSchemes: signatureSchemes,
	}
}

// legacyHello offers version v (TLS 1.2 or earlier) with no
// supported_versions extension, as clients of that time did. SSL 3.0
// hellos carry no extensions at all; signature_algorithms is sent from
// TLS 1.2 on (RFC 5246, section 7.4.1.4.1).
func (p *prober) legacyHello(v uint16, suites []uint16, groups []tls.CurveID) *hello.ClientHello {
	ch := &hello.ClientHello{LegacyVersion: v, CipherSuites: suites}
	if v == hello.VersionSSL30 {
		return ch
	}
	ch.ServerName, ch.Groups = p.sni, groups
	if v >= tls.VersionTLS12 {
		ch.SignatureSchemes = signatureSchemes
	}
	return ch
}

// suiteHello offers suites at version v; for TLS 1.3 with an empty
// key_share, so that the server names its suite in a HelloRetryRequest.
func (p *prober) suiteHello(v uint16, suites []uint16) *hello.ClientHello {
	if v == tls.VersionTLS13 {
		return p.tls13Hello(suites, tls13Groups, []tls.CurveID{})
	}
	return p.legacyHello(v, suites, ecCurves)
}
