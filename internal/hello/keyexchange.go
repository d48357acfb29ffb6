package hello

import (
	"crypto/tls"
	"fmt"
	"math/bits"
)

// parseCertificates reads a TLS 1.2 or earlier Certificate message body
// (RFC 5246, section 7.4.2): a list of DER certificates, leaf first.
func parseCertificates(body []byte) ([][]byte, error) {
	r := newReader(body, "Certificate")
	list := r.vec(3)
	var certs [][]byte
	for list.err == nil && len(list.b) > 0 {
		if len(certs) == maxCertificates {
			return nil, fmt.Errorf("hello: Certificate message holds more than %d certificates", maxCertificates)
		}
		if c := list.vec(3); len(c.b) > 0 {
			certs = append(certs, c.b)
		}
	}
	return certs, r.done()
}

// parseServerKeyExchange reads the parameters of a ServerKeyExchange for
// suite: the named curve for ECDHE (RFC 8422, section 5.4), the prime's
// size for DHE (RFC 5246, section 7.4.3). For other suites it returns nil.
func parseServerKeyExchange(body []byte, suite uint16) (*ServerKeyExchange, error) {
	r := newReader(body, "ServerKeyExchange")
	switch SuiteKeyExchange(suite) {
	case KeyExchangeECDHE:
		if curveType := r.u8(); r.err == nil && curveType != 3 {
			return nil, fmt.Errorf("hello: ServerKeyExchange curve type %d, want named_curve (3)", curveType)
		}
		ske := &ServerKeyExchange{Group: tls.CurveID(r.u16())}
		if point := r.vec(1); len(point.b) == 0 {
			r.fail()
		}
		return ske, r.err
	case KeyExchangeDHE:
		ske := &ServerKeyExchange{DHBits: bitLen(r.vec(2).b)}
		r.vec(2) // dh_g
		r.vec(2) // dh_Ys
		if ske.DHBits == 0 {
			r.fail()
		}
		return ske, r.err
	}
	return nil, nil
}

// bitLen returns the length in bits of a big-endian unsigned integer.
func bitLen(b []byte) int {
	for i, x := range b {
		if x != 0 {
			return (len(b)-i-1)*8 + bits.Len8(x)
		}
	}
	return 0
}
