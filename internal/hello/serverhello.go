package hello

import (
	"bytes"
	"crypto/tls"
	"fmt"
)

// Extension code points (IANA TLS ExtensionType Values registry).
const (
	extServerName       = 0      // RFC 6066, section 3
	extSupportedGroups  = 10     // RFC 8422, section 5.1.1; RFC 8446, section 4.2.7
	extPointFormats     = 11     // RFC 8422, section 5.1.2
	extSignatureAlgs    = 13     // RFC 8446, section 4.2.3
	extALPN             = 16     // RFC 7301, section 3.1
	extPadding          = 21     // RFC 7685
	extExtendedMaster   = 23     // RFC 7627
	extSupportedVers    = 43     // RFC 8446, section 4.2.1
	extPSKModes         = 45     // RFC 8446, section 4.2.9
	extKeyShare         = 51     // RFC 8446, section 4.2.8
	extRenegotiationInf = 0xff01 // RFC 5746, section 3.2
)

// parseServerHello parses a complete handshake message that must be a
// ServerHello (RFC 8446, section 4.1.3; RFC 5246, section 7.4.1.3).
func parseServerHello(msg []byte) (ServerReply, error) {
	if msg[0] != typeServerHello {
		return ServerReply{}, fmt.Errorf("hello: first handshake message has type %d, want ServerHello (2)", msg[0])
	}
	r := newReader(msg[handshakeHdrLen:], "ServerHello")
	sh := ServerReply{Kind: ServerHello, LegacyVersion: uint16(r.u16())}
	sh.HelloRetry = bytes.Equal(r.bytes(32), helloRetryRandom[:])
	r.bytes(r.u8()) // legacy_session_id_echo
	sh.CipherSuite = uint16(r.u16())
	r.u8() // legacy_compression_method
	sh.Version = sh.LegacyVersion
	if r.err == nil && len(r.b) > 0 {
		return sh, serverExtensions(r.vec(2), &sh)
	}
	return sh, r.err
}

// serverExtensions reads the ServerHello extensions the reply reports:
// supported_versions (the selected version), key_share (the group) and
// ALPN (the protocol).
func serverExtensions(exts *reader, sh *ServerReply) error {
	for exts.err == nil && len(exts.b) > 0 {
		typ, body := exts.u16(), exts.vec(2)
		switch {
		case typ == extSupportedVers && len(body.b) == 2:
			sh.Version = uint16(body.u16())
		case typ == extKeyShare && len(body.b) >= 2:
			// A HelloRetryRequest carries the selected group alone, a
			// ServerHello a KeyShareEntry that starts with it.
			sh.KeyShare = tls.CurveID(body.u16())
		case typ == extALPN:
			// The server's ProtocolNameList holds exactly one name.
			list := body.vec(2)
			sh.ALPN = string(list.vec(1).b)
			if list.err != nil || len(list.b) > 0 || sh.ALPN == "" {
				return fmt.Errorf("hello: ServerHello ALPN extension malformed")
			}
		}
	}
	if exts.err != nil {
		return fmt.Errorf("hello: ServerHello extensions truncated")
	}
	return nil
}
