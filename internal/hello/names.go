package hello

import (
	"crypto/tls"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// VersionSSL30 is the SSL 3.0 version code (RFC 6101, section 5.6.1.1),
// which crypto/tls only keeps as a deprecated constant.
const VersionSSL30 = 0x0300

// Group code points crypto/tls does not name (IANA TLS Supported Groups
// registry).
const (
	BrainpoolP256r1 tls.CurveID = 26  // RFC 7027, section 2
	BrainpoolP384r1 tls.CurveID = 27  // RFC 7027, section 2
	BrainpoolP512r1 tls.CurveID = 28  // RFC 7027, section 2
	X448            tls.CurveID = 30  // RFC 8422, section 5.1.1
	FFDHE2048       tls.CurveID = 256 // RFC 7919, section 2
	FFDHE3072       tls.CurveID = 257 // RFC 7919, section 2
	FFDHE4096       tls.CurveID = 258 // RFC 7919, section 2
	FFDHE6144       tls.CurveID = 259 // RFC 7919, section 2
	FFDHE8192       tls.CurveID = 260 // RFC 7919, section 2
	MLKEM512        tls.CurveID = 512 // draft-connolly-tls-mlkem-key-agreement
	MLKEM768        tls.CurveID = 513 // draft-connolly-tls-mlkem-key-agreement
	MLKEM1024       tls.CurveID = 514 // draft-connolly-tls-mlkem-key-agreement
)

// groupNames names the groups crypto/tls does not, as the IANA registry
// spells them.
var groupNames = map[tls.CurveID]string{
	BrainpoolP256r1: "brainpoolP256r1", BrainpoolP384r1: "brainpoolP384r1", BrainpoolP512r1: "brainpoolP512r1",
	X448: "x448", FFDHE2048: "ffdhe2048", FFDHE3072: "ffdhe3072", FFDHE4096: "ffdhe4096",
	FFDHE6144: "ffdhe6144", FFDHE8192: "ffdhe8192",
	MLKEM512: "MLKEM512", MLKEM768: "MLKEM768", MLKEM1024: "MLKEM1024",
}

// GroupName names a group: as tls.CurveID.String spells it when crypto/tls
// knows the group (for example "X25519MLKEM768", "CurveP256"), else by its
// IANA registry name ("x448", "ffdhe2048"), else "CurveID(n)".
func GroupName(g tls.CurveID) string {
	if name, ok := groupNames[g]; ok {
		return name
	}
	return g.String()
}

// hybridGroups are the post-quantum hybrid groups (draft-ietf-tls-ecdhe-mlkem;
// IANA code points 4587-4589).
var hybridGroups = []tls.CurveID{tls.X25519MLKEM768, tls.SecP256r1MLKEM768, tls.SecP384r1MLKEM1024}

// IsHybrid reports whether g is a post-quantum hybrid group:
// X25519MLKEM768, SecP256r1MLKEM768 or SecP384r1MLKEM1024.
func IsHybrid(g tls.CurveID) bool { return slices.Contains(hybridGroups, g) }

// VersionName names a protocol version as tls.VersionName does, except
// that SSL 3.0 is "SSL 3.0".
func VersionName(v uint16) string {
	if v == VersionSSL30 {
		return "SSL 3.0"
	}
	return tls.VersionName(v)
}

// CipherSuiteName names a cipher suite as tls.CipherSuiteName does when
// crypto/tls knows it, else by its IANA registry name, else "0xXXXX".
func CipherSuiteName(id uint16) string {
	if name, ok := suiteNames()[id]; ok {
		return name
	}
	return fmt.Sprintf("0x%04X", id)
}

// suiteNames names, once, every suite crypto/tls or ianaSuites knows:
// tls.CipherSuiteName builds crypto/tls's whole suite list on every call,
// too slow for the hundreds of names one probe looks up.
var suiteNames = sync.OnceValue(func() map[uint16]string {
	m := make(map[uint16]string, len(ianaSuites)+32)
	for _, s := range ianaSuites {
		m[s.id] = s.name
	}
	for _, s := range append(tls.CipherSuites(), tls.InsecureCipherSuites()...) {
		m[s.ID] = s.Name
	}
	return m
})

// TLS13CipherSuites returns the five TLS 1.3 cipher suites (RFC 8446,
// appendix B.4), crypto/tls's three first.
func TLS13CipherSuites() []uint16 {
	return []uint16{
		tls.TLS_AES_128_GCM_SHA256, tls.TLS_AES_256_GCM_SHA384, tls.TLS_CHACHA20_POLY1305_SHA256,
		0x1304, // TLS_AES_128_CCM_SHA256
		0x1305, // TLS_AES_128_CCM_8_SHA256
	}
}

// CipherSuitesFor returns every cipher suite this package names that can
// be negotiated at version v (SSL 3.0 to TLS 1.2): the crypto/tls suites
// first, in its order, then the other suites of the IANA registry in code
// point order. Suites that need TLS 1.2 (AEAD, SHA-256 or SHA-384 MAC) are
// left out below it. The slice is new on every call. TLS 1.3 suites are
// never included; see [TLS13CipherSuites].
func CipherSuitesFor(v uint16) []uint16 {
	return slices.Clone(suitesFor()[v >= tls.VersionTLS12])
}

// suitesFor computes, once, the TLS 1.0-1.2 suite lists: for TLS 1.2
// (true) and for the earlier versions (false). Naming every suite to sort
// out the TLS 1.2-only ones is too slow to repeat for every hello.
var suitesFor = sync.OnceValue(func() map[bool][]uint16 {
	return map[bool][]uint16{true: computeSuites(tls.VersionTLS12), false: computeSuites(tls.VersionTLS11)}
})

func computeSuites(v uint16) []uint16 {
	var ids []uint16
	add := func(id uint16) {
		if (v >= tls.VersionTLS12 || !needsTLS12(id)) && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	for _, s := range append(tls.CipherSuites(), tls.InsecureCipherSuites()...) {
		if !slices.Contains(s.SupportedVersions, tls.VersionTLS13) {
			add(s.ID)
		}
	}
	for _, s := range ianaSuites {
		if s.id>>8 != 0x13 {
			add(s.id)
		}
	}
	return ids
}

// needsTLS12 reports whether a suite exists only from TLS 1.2 on: AEAD
// suites and suites with a SHA-256 or SHA-384 MAC (RFC 5246, appendix A.5;
// RFC 5288; RFC 6655; RFC 7905).
func needsTLS12(id uint16) bool {
	name := CipherSuiteName(id)
	for _, s := range []string{"_GCM_", "_CCM", "CHACHA20", "_SHA256", "_SHA384"} {
		if strings.Contains(name, s) {
			return true
		}
	}
	return false
}

// KeyExchange is the key exchange family of a TLS 1.2 or earlier suite.
type KeyExchange int

const (
	// KeyExchangeOther is RSA, static DH or ECDH, PSK or anything else
	// whose ServerKeyExchange (if any) this package does not read.
	KeyExchangeOther KeyExchange = iota
	// KeyExchangeECDHE is ephemeral elliptic-curve Diffie-Hellman,
	// including the anonymous ECDH_anon suites (RFC 8422).
	KeyExchangeECDHE
	// KeyExchangeDHE is ephemeral finite-field Diffie-Hellman, including
	// the anonymous DH_anon suites (RFC 5246, section 7.4.3).
	KeyExchangeDHE
)

// SuiteKeyExchange returns the key exchange family of a TLS 1.2 or
// earlier cipher suite, read off its registry name.
func SuiteKeyExchange(id uint16) KeyExchange {
	name := CipherSuiteName(id)
	switch {
	case strings.HasPrefix(name, "TLS_ECDHE_") && !strings.HasPrefix(name, "TLS_ECDHE_PSK_"),
		strings.HasPrefix(name, "TLS_ECDH_anon_"):
		return KeyExchangeECDHE
	case strings.HasPrefix(name, "TLS_DHE_") && !strings.HasPrefix(name, "TLS_DHE_PSK_"),
		strings.HasPrefix(name, "TLS_DH_anon_"):
		return KeyExchangeDHE
	}
	return KeyExchangeOther
}
