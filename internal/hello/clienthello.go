package hello

import (
	"crypto/rand"
	"crypto/tls"
	"fmt"
	"net/netip"
	"slices"
)

// scsvRenegotiation is TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746,
// section 3.3), the cipher suite value a client without extensions sends
// instead of the renegotiation_info extension.
const scsvRenegotiation = 0x00FF

// pskDHEKE is the psk_dhe_ke mode (RFC 8446, section 4.2.9).
const pskDHEKE = 1

// ClientHello describes a ClientHello to build. Each list is sent in the
// order given; a nil list leaves its extension out. [ClientHello.Marshal]
// adds what every client sends: a random session ID, null compression,
// and, when extensions are sent at all, extended_master_secret,
// renegotiation_info, ec_point_formats (with supported_groups),
// psk_key_exchange_modes (when TLS 1.3 is offered) and padding (RFC 7685)
// for hellos of 256 to 511 bytes, which some servers choke on.
//
// An SSL 3.0 hello (LegacyVersion 0x0300 and no SupportedVersions) has
// no extensions at all, as SSL 3.0 clients sent none; its suite list ends
// with TLS_EMPTY_RENEGOTIATION_INFO_SCSV.
type ClientHello struct {
	// LegacyVersion is the legacy_version field. Zero means TLS 1.2, the
	// value every TLS 1.3 client sends (RFC 8446, section 4.1.2).
	LegacyVersion uint16
	// CipherSuites are the suites offered, in order of preference. Any
	// code point may be offered, including ones crypto/tls lacks.
	CipherSuites []uint16
	// ServerName is sent in server_name (RFC 6066, section 3). Empty
	// leaves the extension out. IP literals are not allowed there.
	ServerName string
	// ALPN are the application protocols offered (RFC 7301).
	ALPN []string
	// SupportedVersions fills supported_versions (RFC 8446, section
	// 4.2.1); nil leaves it out, as a TLS 1.2 or earlier client does.
	SupportedVersions []uint16
	// Groups fills supported_groups: any code point, including FFDHE
	// (256-260), x448 (30) and the hybrids (4587-4589).
	Groups []tls.CurveID
	// KeyShares are the groups to send a key share for (RFC 8446,
	// section 4.2.8). Nil leaves key_share out; an empty, non-nil list
	// sends it empty, which asks a TLS 1.3 server for a HelloRetryRequest
	// that names the group it picks. Shares are valid: X25519,
	// P-256, P-384, P-521, ML-KEM-768, ML-KEM-1024 and the three hybrids;
	// any other group is an error.
	KeyShares []tls.CurveID
	// SignatureSchemes fills signature_algorithms (RFC 8446, section
	// 4.2.3; RFC 5246, section 7.4.1.4.1).
	SignatureSchemes []tls.SignatureScheme
}

// clientParts are the random values of one hello, made once so that a
// hello built twice (to add padding) stays the same.
type clientParts struct {
	random, sessionID []byte
	shares            [][]byte
	padding           int // -1: no padding extension
}

// Marshal returns the ClientHello as TLS handshake records: record
// version 0x0301 as clients send it (0x0300 for an SSL 3.0 hello), split
// into several records when the message exceeds 16384 bytes (RFC 8446,
// section 5.1). Every call makes a fresh random value and session ID; the
// key share of each group is made once per process and reused, as the
// private half is never kept.
func (c *ClientHello) Marshal() ([]byte, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	parts := clientParts{random: randomBytes(32), sessionID: randomBytes(32), padding: -1}
	for _, g := range c.KeyShares {
		share, err := keyShare(g)
		if err != nil {
			return nil, err
		}
		parts.shares = append(parts.shares, share)
	}
	msg, err := c.message(&parts)
	if n := len(msg); err == nil && !c.ssl3() && n > 0xff && n < 0x200 {
		parts.padding = max(0x200-n-4, 1)
		msg, err = c.message(&parts)
	}
	if err != nil {
		return nil, err
	}
	return records(msg, c.recordVersion()), nil
}

// check rejects fields that cannot be encoded.
func (c *ClientHello) check() error {
	if c.ssl3() && (c.ServerName != "" || c.ALPN != nil || c.Groups != nil || c.KeyShares != nil || c.SignatureSchemes != nil) {
		return fmt.Errorf("hello: an SSL 3.0 ClientHello carries no extensions")
	}
	if _, err := netip.ParseAddr(c.ServerName); err == nil {
		return fmt.Errorf("hello: server name %q is an IP address, which SNI does not allow", c.ServerName)
	}
	if !validHostName(c.ServerName) {
		return fmt.Errorf("hello: server name %q is not a host name", c.ServerName)
	}
	for _, p := range c.ALPN {
		if p == "" || len(p) > 255 {
			return fmt.Errorf("hello: ALPN protocol of %d bytes, want 1 to 255", len(p))
		}
	}
	return nil
}

// validHostName reports whether s is empty or up to 255 printable ASCII
// bytes, as an SNI host name must be (RFC 6066, section 3).
func validHostName(s string) bool {
	if len(s) > 255 {
		return false
	}
	for i := range len(s) {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

func (c *ClientHello) ssl3() bool {
	return c.LegacyVersion == VersionSSL30 && c.SupportedVersions == nil
}

func (c *ClientHello) legacyVersion() uint16 {
	if c.LegacyVersion == 0 {
		return tls.VersionTLS12
	}
	return c.LegacyVersion
}

func (c *ClientHello) recordVersion() uint16 {
	if c.ssl3() {
		return VersionSSL30
	}
	return tls.VersionTLS10
}

// message encodes the handshake message (RFC 8446, section 4.1.2; RFC
// 5246, section 7.4.1.2).
func (c *ClientHello) message(p *clientParts) ([]byte, error) {
	w := &writer{}
	w.u8(typeClientHello)
	w.vec(3, func(w *writer) {
		w.u16(c.legacyVersion())
		w.raw(p.random)
		w.vec(1, func(w *writer) { w.raw(p.sessionID) })
		w.vec(2, func(w *writer) { writeU16s(w, c.suites()) })
		w.vec(1, func(w *writer) { w.u8(0) }) // null compression
		if !c.ssl3() {
			w.vec(2, func(w *writer) { c.extensions(w, p) })
		}
	})
	return w.b, w.err
}

func (c *ClientHello) suites() []uint16 {
	if c.ssl3() && !slices.Contains(c.CipherSuites, scsvRenegotiation) {
		return append(slices.Clip(c.CipherSuites), scsvRenegotiation)
	}
	return c.CipherSuites
}

func writeU16s[T ~uint16](w *writer, v []T) {
	for _, x := range v {
		w.u16(uint16(x))
	}
}

// records splits a handshake message into records of at most 16384 bytes.
func records(msg []byte, version uint16) []byte {
	var out []byte
	for len(msg) > 0 {
		n := min(len(msg), maxPlaintext)
		out = append(out, recordHandshake, byte(version>>8), byte(version), byte(n>>8), byte(n))
		out, msg = append(out, msg[:n]...), msg[n:]
	}
	return out
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand, Go 1.24+)
	return b
}
