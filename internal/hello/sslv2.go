package hello

import "fmt"

// parseSSLv2Hello parses an SSL 2.0-compatible CLIENT-HELLO (RFC 5246,
// appendix E.2; RFC 6101, appendix E), which old clients sent to reach
// SSL 3.0 or TLS servers: a 2-byte record header with the high bit set,
// msg_type 1, the version, and 3-byte cipher specs. Specs whose first
// byte is zero are TLS cipher suites; the others are SSL 2.0 ciphers and
// are dropped.
func parseSSLv2Hello(b []byte) (*ClientHelloInfo, error) {
	if len(b) < 2 {
		return nil, ErrIncomplete
	}
	n := int(b[0]&0x7f)<<8 | int(b[1])
	if len(b) < 2+n {
		return nil, ErrIncomplete
	}
	r := newReader(b[2:2+n], "SSL 2.0 CLIENT-HELLO")
	if r.u8() != typeClientHello {
		return nil, ErrNotTLS
	}
	h := &ClientHelloInfo{LegacyVersion: uint16(r.u16()), SSLv2: true, Length: 2 + n}
	specLen, sidLen, challengeLen := r.u16(), r.u16(), r.u16()
	specs := r.bytes(specLen)
	r.bytes(sidLen)
	r.bytes(challengeLen)
	if err := r.done(); err != nil {
		return nil, err
	}
	if specLen%3 != 0 || challengeLen < 16 || challengeLen > 32 {
		return nil, fmt.Errorf("hello: SSL 2.0 CLIENT-HELLO malformed")
	}
	for i := 0; i < len(specs); i += 3 {
		if specs[i] == 0 {
			h.CipherSuites = append(h.CipherSuites, uint16(specs[i+1])<<8|uint16(specs[i+2]))
		}
	}
	return h, nil
}
