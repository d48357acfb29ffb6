package hello

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
)

// ErrFlightTooLarge means the server sent more than the byte limit before
// its first flight ended.
var ErrFlightTooLarge = errors.New("hello: server's first flight exceeds the byte limit")

// maxCertificates bounds the certificates of one Certificate message.
const maxCertificates = 32

// AlertRecord is an alert record's content (RFC 8446, section 6).
type AlertRecord struct {
	Level, Description uint8
}

// ServerKeyExchange is what a TLS 1.2 or earlier ServerKeyExchange says
// about the ephemeral key exchange.
type ServerKeyExchange struct {
	// Group is the named curve of an ECDHE exchange (RFC 8422, section
	// 5.4); zero for DHE.
	Group tls.CurveID
	// DHBits is the size in bits of a DHE exchange's prime (RFC 5246,
	// section 7.4.3); zero for ECDHE.
	DHBits int
}

// ServerFlight is a server's first flight: its first message and, after a
// TLS 1.2 or earlier ServerHello, the plaintext messages up to
// ServerHelloDone. After a TLS 1.3 ServerHello or a HelloRetryRequest
// everything else is encrypted or a new round, and reading stops.
type ServerFlight struct {
	// Reply is the first message: a ServerHello, HelloRetryRequest or alert.
	Reply ServerReply
	// Certificates is the DER chain of the Certificate message, leaf first.
	Certificates [][]byte
	// KeyExchange is set when a ServerKeyExchange for an ECDHE or DHE
	// suite was read.
	KeyExchange *ServerKeyExchange
	// Done is true once ServerHelloDone was read.
	Done bool
	// Alert is set when the server sent an alert after its ServerHello.
	Alert *AlertRecord
	// BytesRead counts the bytes read from the connection.
	BytesRead int
}

// ReadServerFlight reads a server's first flight from r, reading no more
// than limit bytes and nothing past the flight's last record. The flight
// is returned with whatever was read even when err is not nil: a
// ServerHello followed by a broken Certificate still has its Reply.
// Errors: ErrNotTLS when the first bytes are not a TLS handshake or alert
// record, ErrFlightTooLarge past the limit, io.EOF when the connection
// closed before any byte, io.ErrUnexpectedEOF when it closed inside the
// flight, r's own errors (such as a deadline), and malformed-input errors.
func ReadServerFlight(r io.Reader, limit int) (*ServerFlight, error) {
	fr := &flightReader{r: r, left: limit, limit: limit}
	f := &ServerFlight{}
	err := fr.read(f)
	f.BytesRead = limit - fr.left
	return f, err
}

// flightReader reads records and reassembles handshake messages, within
// a byte budget.
type flightReader struct {
	r           io.Reader
	left, limit int
	started     bool   // a record header was read
	pending     []byte // handshake bytes not yet returned as messages
}

func (fr *flightReader) read(f *ServerFlight) error {
	msg, alert, err := fr.message()
	switch {
	case err != nil:
		return err
	case alert != nil:
		f.Reply = ServerReply{Kind: Alert, AlertLevel: alert.Level, AlertDescription: alert.Description}
		return nil
	case msg == nil:
		return fmt.Errorf("hello: first record is not a handshake or alert record")
	}
	if f.Reply, err = parseServerHello(msg); err != nil {
		return err
	}
	if f.Reply.HelloRetry || f.Reply.Version >= tls.VersionTLS13 {
		return nil
	}
	for !f.Done && f.Alert == nil {
		if msg, f.Alert, err = fr.message(); err != nil || msg == nil {
			return err
		}
		if err := f.add(msg); err != nil {
			return err
		}
	}
	return nil
}

// add records one handshake message of a TLS 1.2 or earlier flight
// (RFC 5246, section 7.3). Other messages (CertificateStatus,
// CertificateRequest) are skipped.
func (f *ServerFlight) add(msg []byte) error {
	var err error
	switch body := msg[handshakeHdrLen:]; msg[0] {
	case typeCertificate:
		f.Certificates, err = parseCertificates(body)
	case typeServerKeyExchange:
		f.KeyExchange, err = parseServerKeyExchange(body, f.Reply.CipherSuite)
	case typeServerHelloDone:
		f.Done = true
	}
	return err
}

// message returns the next handshake message, or the alert that came
// instead, or neither when a record of another type ends the flight.
func (fr *flightReader) message() ([]byte, *AlertRecord, error) {
	for {
		if msg, err := fr.pop(); msg != nil || err != nil {
			return msg, nil, err
		}
		typ, payload, err := fr.record()
		if err != nil {
			return nil, nil, err
		}
		switch {
		case typ == recordHandshake:
			fr.pending = append(fr.pending, payload...)
		case len(fr.pending) > 0:
			return nil, nil, fmt.Errorf("hello: record type %d inside a handshake message", typ)
		case typ == recordAlert && len(payload) == 2:
			return nil, &AlertRecord{Level: payload[0], Description: payload[1]}, nil
		case typ == recordAlert:
			return nil, nil, fmt.Errorf("hello: alert record of %d bytes, want 2", len(payload))
		default:
			return nil, nil, nil
		}
	}
}

// pop returns the first complete message of pending, if there is one.
func (fr *flightReader) pop() ([]byte, error) {
	if len(fr.pending) < handshakeHdrLen {
		return nil, nil
	}
	n := handshakeHdrLen + (int(fr.pending[1])<<16 | int(fr.pending[2])<<8 | int(fr.pending[3]))
	if n > fr.limit {
		return nil, ErrFlightTooLarge
	}
	if len(fr.pending) < n {
		return nil, nil
	}
	msg := fr.pending[:n:n]
	fr.pending = fr.pending[n:]
	return msg, nil
}
