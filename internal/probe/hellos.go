package probe

import (
	"crypto/tls"
	"slices"
	"strings"

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

// retryShares are the key shares of the TLS 1.3 version hello sent again
// when the first, with an empty key_share, was refused with an alert other
// than protocol_version: small ones, as a real client sends, in case the
// server cannot handle an empty list.
var retryShares = []tls.CurveID{tls.X25519, tls.CurveP256}

// tls13Suites are the TLS 1.3 suites in the order probes offer them:
// crypto/tls's list reversed, so that a server whose own order puts
// AES-GCM first shows it by picking against the client's order (see
// inClientOrder), and no question about the order is needed.
var tls13Suites = func() []uint16 {
	s := hello.TLS13CipherSuites()
	slices.Reverse(s)
	return s
}()

// offer returns every suite known for version v in the order the version
// hello offers them: for TLS 1.2 and earlier crypto/tls's suites first,
// so that a server that follows the client's order answers it with a
// cheap ECDHE suite.
func offer(v uint16) []uint16 {
	if v == tls.VersionTLS13 {
		return slices.Clone(tls13Suites)
	}
	return hello.CipherSuitesFor(v)
}

// restOffer returns every suite known for version v in the order the
// later hellos of the suite enumeration offer them. Below TLS 1.3 that is
// the version hello's order reversed, so that a server that follows the
// client's order picks in a pattern its own order seldom matches (see
// inClientOrder), with the ChaCha20-Poly1305 suites last: a server with
// OpenSSL's PrioritizeChaCha option would otherwise put them first for
// any client that lists one first.
func restOffer(v uint16) []uint16 {
	all := offer(v)
	if v == tls.VersionTLS13 {
		return all
	}
	slices.Reverse(all)
	chacha := func(s uint16) bool { return strings.Contains(hello.CipherSuiteName(s), "CHACHA20") }
	return append(slices.DeleteFunc(slices.Clone(all), chacha), slices.DeleteFunc(all, func(s uint16) bool { return !chacha(s) })...)
}

// versionHello is the hello that asks whether the server speaks v. The
// TLS 1.3 hello offers every group with an empty key_share: a server that
// speaks TLS 1.3 answers with a HelloRetryRequest that names its first
// suite and its first group, the first steps of both enumerations.
func (p *prober) versionHello(v uint16) *hello.ClientHello {
	if v == tls.VersionTLS13 {
		return p.tls13VersionHello([]tls.CurveID{})
	}
	return p.legacyHello(v, offer(v), ecCurves)
}

// tls13VersionHello offers TLS 1.3 with every group and key shares for
// shares. It lists the earlier suites too, so that a server that ignores
// supported_versions answers with its own version.
func (p *prober) tls13VersionHello(shares []tls.CurveID) *hello.ClientHello {
	return p.tls13Hello(append(offer(tls.VersionTLS13), offer(tls.VersionTLS12)...), tls13Groups, shares)
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
	return p.withALPN(p.legacyHello(v, suites, ecCurves))
}

// withALPN adds the endpoint's ALPN protocols to an enumeration hello
// below TLS 1.3, whose ServerHello names the server's choice in
// plaintext, unless the server refused them before (see exchangeALPN).
// Version hellos offer none, so that a server strict about ALPN does not
// refuse them.
func (p *prober) withALPN(ch *hello.ClientHello) *hello.ClientHello {
	if ch.SupportedVersions == nil && ch.LegacyVersion != hello.VersionSSL30 && !p.alpnRefused() {
		ch.ALPN = p.alpnProtocols()
	}
	return ch
}

// alpnProtocols are the protocols offered, nil for none.
func (p *prober) alpnProtocols() []string {
	switch {
	case p.ep.ALPN == nil:
		return defaultALPN
	case len(p.ep.ALPN) == 0:
		return nil
	}
	return p.ep.ALPN
}
