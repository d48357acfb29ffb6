// Package hello builds and reads TLS handshake messages byte by byte,
// without running a handshake.
//
// On the client side, [ClientHello] builds the ClientHello a prober
// sends, for any version from SSL 3.0 to TLS 1.3, any list of cipher
// suites (including ones crypto/tls does not implement), groups and key
// shares; [ParseClientHello] reads one off the wire, as a proxy sees it.
// On the server side, [ParseServerReply] reads a server's first message (a
// ServerHello, a HelloRetryRequest or an alert) and [ReadServerFlight]
// reads on, for TLS 1.2 and earlier, through the plaintext Certificate and
// ServerKeyExchange messages to ServerHelloDone.
//
// Everything here parses outside data: every length is checked, nothing
// is trusted, reads are bounded, and malformed input is an error, never a
// panic. [CipherSuiteName] and [GroupName] name the code points of the
// IANA TLS registries that crypto/tls does not name.
package hello

import (
	"crypto/tls"
	"errors"
	"fmt"
)

// TLS record content types (RFC 8446, section 5.1), handshake message
// types (RFC 8446, section 4; RFC 5246, section 7.4) and sizes.
const (
	recordChangeCipherSpec = 20
	recordAlert            = 21
	recordHandshake        = 22
	typeClientHello        = 1
	typeServerHello        = 2
	typeCertificate        = 11
	typeServerKeyExchange  = 12
	typeServerHelloDone    = 14
	recordHeaderLen        = 5
	handshakeHdrLen        = 4
	maxPlaintext           = 1 << 14      // RFC 8446 section 5.1
	maxRecordLen           = 1<<14 + 2048 // RFC 8446 section 5.2, ciphertext bound
	maxHelloLen            = 1 << 16      // bound on a ClientHello or ServerHello
)

// helloRetryRandom marks a ServerHello as a HelloRetryRequest
// (RFC 8446, section 4.1.3).
var helloRetryRandom = [32]byte{
	0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
	0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
}

// ErrIncomplete means more bytes are needed to parse the reply.
var ErrIncomplete = errors.New("hello: incomplete")

// ErrNotTLS means the bytes do not start with a TLS handshake or alert
// record: an HTTP response, a SOCKS reply, or anything else.
var ErrNotTLS = errors.New("hello: not a TLS handshake or alert record")

// ReplyKind says what a server's first message was.
type ReplyKind int

const (
	// ServerHello is a ServerHello or HelloRetryRequest.
	ServerHello ReplyKind = iota + 1
	// Alert is an alert record sent instead of a ServerHello.
	Alert
)

// ServerReply is what a server's first flight says.
type ServerReply struct {
	Kind ReplyKind
	// Version is the version the server selected: the supported_versions
	// extension's value when present, else the legacy version field.
	Version uint16
	// LegacyVersion is the ServerHello's legacy_version field.
	LegacyVersion uint16
	// CipherSuite is the suite the server selected.
	CipherSuite uint16
	// HelloRetry is true for a HelloRetryRequest.
	HelloRetry bool
	// KeyShare is the group of the key_share extension (RFC 8446, section
	// 4.2.8): in a ServerHello the group of the server's share, in a
	// HelloRetryRequest the group the server asks for. Zero when absent,
	// as in every ServerHello before TLS 1.3.
	KeyShare tls.CurveID
	// ALPN is the protocol the server selected in a TLS 1.2 or earlier
	// ServerHello (RFC 7301, section 3.1); empty when absent. A TLS 1.3
	// server sends its choice encrypted.
	ALPN string
	// AlertLevel and AlertDescription are set for an Alert.
	AlertLevel, AlertDescription uint8
}

// ParseServerReply parses the first message a server sends in a TLS
// handshake from the start of b. It returns ErrIncomplete when b ends
// before the message does, ErrNotTLS when b does not start with a
// handshake or alert record, and another error for a malformed message.
// A ServerHello may span several records.
func ParseServerReply(b []byte) (ServerReply, error) {
	if len(b) == 0 {
		return ServerReply{}, ErrIncomplete
	}
	switch b[0] {
	case recordAlert:
		return parseAlert(b)
	case recordHandshake:
		msg, _, err := handshakeMessage(b, maxHelloLen)
		if err != nil {
			return ServerReply{}, err
		}
		return parseServerHello(msg)
	}
	return ServerReply{}, ErrNotTLS
}

func parseAlert(b []byte) (ServerReply, error) {
	payload, _, err := record(b)
	if err != nil {
		return ServerReply{}, err
	}
	if len(payload) < 2 {
		return ServerReply{}, fmt.Errorf("hello: alert record of %d bytes, want 2", len(payload))
	}
	return ServerReply{Kind: Alert, AlertLevel: payload[0], AlertDescription: payload[1]}, nil
}

// record splits the record at the start of b into its payload and the rest.
func record(b []byte) (payload, rest []byte, err error) {
	if len(b) < recordHeaderLen {
		return nil, nil, ErrIncomplete
	}
	if b[1] != 3 {
		return nil, nil, fmt.Errorf("hello: record version %#02x%02x is not TLS", b[1], b[2])
	}
	n := int(b[3])<<8 | int(b[4])
	if n == 0 || n > maxRecordLen {
		return nil, nil, fmt.Errorf("hello: record length %d out of range", n)
	}
	if len(b) < recordHeaderLen+n {
		return nil, nil, ErrIncomplete
	}
	return b[recordHeaderLen : recordHeaderLen+n], b[recordHeaderLen+n:], nil
}

// handshakeMessage reassembles the first handshake message, of at most
// limit bytes, from the handshake records at the start of b. It also
// returns the number of bytes of b the records holding it took.
func handshakeMessage(b []byte, limit int) (msg []byte, used int, err error) {
	total := len(b)
	for {
		if len(b) > 0 && b[0] != recordHandshake {
			return nil, 0, fmt.Errorf("hello: record type %d inside a handshake message", b[0])
		}
		payload, rest, err := record(b)
		if err != nil {
			return nil, 0, err
		}
		msg, b = append(msg, payload...), rest
		if len(msg) < handshakeHdrLen {
			continue
		}
		n := int(msg[1])<<16 | int(msg[2])<<8 | int(msg[3])
		if n > limit {
			return nil, 0, fmt.Errorf("hello: handshake message length %d out of range", n)
		}
		if len(msg) >= handshakeHdrLen+n {
			return msg[:handshakeHdrLen+n], total - len(b), nil
		}
	}
}
