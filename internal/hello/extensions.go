package hello

import (
	"crypto/tls"
	"slices"
)

// extension is one ClientHello extension: its type and a function that
// writes its body.
type extension struct {
	typ  uint16
	body func(*writer)
}

// extensions writes the extensions block, in the order common clients use.
func (c *ClientHello) extensions(w *writer, p *clientParts) {
	for _, e := range c.extensionList(p) {
		w.u16(e.typ)
		w.vec(2, e.body)
	}
}

func (c *ClientHello) extensionList(p *clientParts) []extension {
	var list []extension
	add := func(on bool, typ uint16, body func(*writer)) {
		if on {
			list = append(list, extension{typ, body})
		}
	}
	add(c.ServerName != "", extServerName, c.writeServerName)
	add(true, extExtendedMaster, func(*writer) {})
	add(true, extRenegotiationInf, func(w *writer) { w.u8(0) }) // empty renegotiated_connection
	add(c.Groups != nil, extSupportedGroups, func(w *writer) { w.vec(2, func(w *writer) { writeU16s(w, c.Groups) }) })
	add(c.Groups != nil, extPointFormats, func(w *writer) { w.vec(1, func(w *writer) { w.u8(0) }) }) // uncompressed
	add(c.SignatureSchemes != nil, extSignatureAlgs, func(w *writer) { w.vec(2, func(w *writer) { writeU16s(w, c.SignatureSchemes) }) })
	add(c.ALPN != nil, extALPN, c.writeALPN)
	add(c.SupportedVersions != nil, extSupportedVers, func(w *writer) { w.vec(1, func(w *writer) { writeU16s(w, c.SupportedVersions) }) })
	add(slices.Contains(c.SupportedVersions, tls.VersionTLS13), extPSKModes, func(w *writer) { w.vec(1, func(w *writer) { w.u8(pskDHEKE) }) })
	add(c.KeyShares != nil, extKeyShare, func(w *writer) { c.writeKeyShares(w, p.shares) })
	add(p.padding >= 0, extPadding, func(w *writer) { w.raw(make([]byte, p.padding)) })
	return list
}

// writeServerName writes a server_name list with one host_name (RFC 6066,
// section 3).
func (c *ClientHello) writeServerName(w *writer) {
	w.vec(2, func(w *writer) {
		w.u8(0) // host_name
		w.vec(2, func(w *writer) { w.raw([]byte(c.ServerName)) })
	})
}

// writeALPN writes a ProtocolNameList (RFC 7301, section 3.1).
func (c *ClientHello) writeALPN(w *writer) {
	w.vec(2, func(w *writer) {
		for _, p := range c.ALPN {
			w.vec(1, func(w *writer) { w.raw([]byte(p)) })
		}
	})
}

// writeKeyShares writes client_shares (RFC 8446, section 4.2.8).
func (c *ClientHello) writeKeyShares(w *writer, shares [][]byte) {
	w.vec(2, func(w *writer) {
		for i, g := range c.KeyShares {
			w.u16(uint16(g))
			w.vec(2, func(w *writer) { w.raw(shares[i]) })
		}
	})
}
