package hello

import (
	"crypto/tls"
	"fmt"
	"slices"
)

// ClientHelloInfo is what a ClientHello offers, as read off the wire.
type ClientHelloInfo struct {
	// LegacyVersion is the legacy_version field (client_version before
	// TLS 1.3). The record-layer version is not reported: clients send
	// 0x0301 whatever they offer.
	LegacyVersion uint16
	// SupportedVersions is the supported_versions extension, GREASE
	// values included (RFC 8701); nil when the extension is absent.
	SupportedVersions []uint16
	// CipherSuites are the offered suites, in the client's order.
	CipherSuites []uint16
	// ServerName is the server_name host name; empty when absent.
	ServerName string
	// ALPN are the application protocols offered.
	ALPN []string
	// Groups is the supported_groups extension.
	Groups []tls.CurveID
	// KeyShares are the groups of the key_share entries, in order; nil
	// when key_share is absent, empty when it is empty.
	KeyShares []tls.CurveID
	// SignatureSchemes is the signature_algorithms extension.
	SignatureSchemes []tls.SignatureScheme
	// Extensions are the extension types, in the order sent.
	Extensions []uint16
	// SSLv2 is true for an SSL 2.0-compatible CLIENT-HELLO (RFC 5246,
	// appendix E.2), which carries no extensions.
	SSLv2 bool
	// Length is the number of input bytes the hello's records took.
	Length int
}

// HighestVersion returns the highest version the client offers: the
// largest non-GREASE value of supported_versions when the extension is
// present, else LegacyVersion.
func (h *ClientHelloInfo) HighestVersion() uint16 {
	highest := uint16(0)
	for _, v := range h.SupportedVersions {
		if !isGREASE(v) {
			highest = max(highest, v)
		}
	}
	if highest == 0 {
		return h.LegacyVersion
	}
	return highest
}

// isGREASE reports whether v is a GREASE value 0x?A?A (RFC 8701, section 2).
func isGREASE(v uint16) bool { return v&0x0f0f == 0x0a0a && v>>8 == v&0xff }

// ParseClientHello parses the ClientHello at the start of b, reassembling
// it across handshake records. It returns ErrIncomplete when b ends
// before the hello does, ErrNotTLS when b starts with neither a handshake
// record nor an SSL 2.0-compatible hello, and another error for a
// malformed hello. Bytes after the hello (such as a ChangeCipherSpec) are
// ignored.
func ParseClientHello(b []byte) (*ClientHelloInfo, error) {
	switch {
	case len(b) == 0:
		return nil, ErrIncomplete
	case b[0]&0x80 != 0:
		return parseSSLv2Hello(b)
	case b[0] != recordHandshake:
		return nil, ErrNotTLS
	}
	msg, used, err := handshakeMessage(b, maxHelloLen)
	if err != nil {
		return nil, err
	}
	h, err := parseClientHelloMsg(msg)
	if err != nil {
		return nil, err
	}
	h.Length = used
	return h, nil
}

// parseClientHelloMsg parses a complete ClientHello handshake message
// (RFC 8446, section 4.1.2; RFC 5246, section 7.4.1.2).
func parseClientHelloMsg(msg []byte) (*ClientHelloInfo, error) {
	if msg[0] != typeClientHello {
		return nil, fmt.Errorf("hello: first handshake message has type %d, want ClientHello (1)", msg[0])
	}
	r := newReader(msg[handshakeHdrLen:], "ClientHello")
	h := &ClientHelloInfo{LegacyVersion: uint16(r.u16())}
	r.bytes(32) // random
	if sid := r.vec(1); len(sid.b) > 32 {
		return nil, fmt.Errorf("hello: ClientHello session ID of %d bytes", len(sid.b))
	}
	h.CipherSuites = r.vec(2).u16s()
	if comp := r.vec(1); r.err == nil && len(comp.b) == 0 {
		return nil, fmt.Errorf("hello: ClientHello offers no compression method")
	}
	if r.err == nil && len(r.b) > 0 {
		if err := h.parseExtensions(r.vec(2)); err != nil {
			return nil, err
		}
	}
	return h, r.done()
}

func (h *ClientHelloInfo) parseExtensions(r *reader) error {
	for r.err == nil && len(r.b) > 0 {
		typ, body := uint16(r.u16()), r.vec(2)
		if r.err != nil {
			break
		}
		if slices.Contains(h.Extensions, typ) {
			return fmt.Errorf("hello: ClientHello repeats extension %d", typ)
		}
		h.Extensions = append(h.Extensions, typ)
		if err := h.parseExtension(typ, body); err != nil {
			return err
		}
	}
	return r.err
}

// parseExtension reads the extensions ClientHelloInfo reports; it checks
// that each body is exactly as long as its contents.
func (h *ClientHelloInfo) parseExtension(typ uint16, body *reader) error {
	switch typ {
	case extServerName:
		h.ServerName = parseServerName(body)
	case extSupportedGroups:
		h.Groups = curveIDs(body.vec(2).u16s())
	case extSignatureAlgs:
		for _, s := range body.vec(2).u16s() {
			h.SignatureSchemes = append(h.SignatureSchemes, tls.SignatureScheme(s))
		}
	case extALPN:
		h.ALPN = parseALPN(body.vec(2))
	case extSupportedVers:
		h.SupportedVersions = body.vec(1).u16s()
		if h.SupportedVersions == nil {
			h.SupportedVersions = []uint16{}
		}
	case extKeyShare:
		h.KeyShares = parseKeyShares(body.vec(2))
	default:
		return nil
	}
	if body.err != nil {
		return fmt.Errorf("hello: ClientHello extension %d malformed", typ)
	}
	return body.done()
}

func curveIDs(v []uint16) []tls.CurveID {
	ids := make([]tls.CurveID, len(v))
	for i, x := range v {
		ids[i] = tls.CurveID(x)
	}
	return ids
}

// parseServerName returns the host_name of a ServerNameList (RFC 6066,
// section 3); a name that is not printable ASCII fails the reader.
func parseServerName(body *reader) string {
	list, name := body.vec(2), ""
	for list.err == nil && len(list.b) > 0 {
		typ, v := list.u8(), list.vec(2)
		if typ == 0 && name == "" {
			name = string(v.b)
		}
	}
	if list.err != nil || !validHostName(name) {
		body.fail()
	}
	return name
}

// parseALPN reads a ProtocolNameList (RFC 7301, section 3.1): non-empty
// names.
func parseALPN(list *reader) []string {
	protos := []string{}
	for list.err == nil && len(list.b) > 0 {
		p := list.vec(1)
		if len(p.b) == 0 {
			list.fail()
		}
		protos = append(protos, string(p.b))
	}
	return protos
}

// parseKeyShares reads the groups of client_shares (RFC 8446, section
// 4.2.8).
func parseKeyShares(list *reader) []tls.CurveID {
	groups := []tls.CurveID{}
	for list.err == nil && len(list.b) > 0 {
		g := tls.CurveID(list.u16())
		if share := list.vec(2); len(share.b) == 0 {
			list.fail()
		}
		groups = append(groups, g)
	}
	return groups
}
