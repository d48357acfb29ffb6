package hello

import (
	"bytes"
	"fmt"
)

// reader reads big-endian fields off a byte slice, failing once it runs
// out: the first failure sticks and all later reads return zero.
type reader struct {
	b   []byte
	err error
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil || n < 0 || len(r.b) < n {
		r.fail()
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = fmt.Errorf("hello: ServerHello truncated")
	}
}

func (r *reader) u8() int {
	if v := r.bytes(1); v != nil {
		return int(v[0])
	}
	return 0
}

func (r *reader) u16() int {
	if v := r.bytes(2); v != nil {
		return int(v[0])<<8 | int(v[1])
	}
	return 0
}

// parseServerHello parses a complete handshake message that must be a
// ServerHello (RFC 8446, section 4.1.3; RFC 5246, section 7.4.1.3).
func parseServerHello(msg []byte) (ServerReply, error) {
	if msg[0] != typeServerHello {
		return ServerReply{}, fmt.Errorf("hello: first handshake message has type %d, want ServerHello (2)", msg[0])
	}
	r := &reader{b: msg[handshakeHdrLen:]}
	sh := ServerReply{Kind: ServerHello, LegacyVersion: uint16(r.u16())}
	sh.HelloRetry = bytes.Equal(r.bytes(32), helloRetryRandom[:])
	r.bytes(r.u8()) // legacy_session_id_echo
	sh.CipherSuite = uint16(r.u16())
	r.u8() // legacy_compression_method
	sh.Version = sh.LegacyVersion
	if r.err == nil && len(r.b) > 0 {
		sh.Version = selectedVersion(r, sh.LegacyVersion)
	}
	return sh, r.err
}

// selectedVersion reads the extensions block and returns the
// supported_versions value, or legacy when the extension is absent.
func selectedVersion(r *reader, legacy uint16) uint16 {
	exts := &reader{b: r.bytes(r.u16())}
	version := legacy
	for exts.err == nil && len(exts.b) > 0 {
		typ, body := exts.u16(), exts.bytes(exts.u16())
		if typ == extSupportedVers && len(body) == 2 {
			version = uint16(body[0])<<8 | uint16(body[1])
		}
	}
	if exts.err != nil {
		r.err = fmt.Errorf("hello: ServerHello extensions truncated")
	}
	return version
}
