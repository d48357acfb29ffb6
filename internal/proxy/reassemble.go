package proxy

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

const (
	// maxHelloBytes bounds the bytes read for a ClientHello or a
	// server's first message: a 64 KiB handshake message (the most
	// internal/hello accepts) in small records, and what follows it.
	maxHelloBytes = 128 << 10
	recordHeader  = 5
	maxRecordLen  = 1<<14 + 2048 // RFC 8446, section 5.2
)

// recordScanner follows the records of a growing buffer and says when
// the first handshake message is complete, so that the buffer is parsed
// once rather than after every read. Anything it does not expect (an SSL
// 2.0 hello, another record type, a bad length) is left to the parser.
type recordScanner struct {
	off  int     // offset of the next record header
	got  int     // handshake payload bytes seen
	need int     // length of the first handshake message, header included
	hdr  [4]byte // the handshake message header
	nhdr int
}

// ready reports whether buf may hold a complete first message.
func (s *recordScanner) ready(buf []byte) bool {
	for s.off < len(buf) {
		if buf[s.off] != 0x16 {
			return true
		}
		if s.off+recordHeader > len(buf) {
			return false
		}
		n := int(buf[s.off+3])<<8 | int(buf[s.off+4])
		if buf[s.off+1] != 3 || n == 0 || n > maxRecordLen {
			return true
		}
		end := s.off + recordHeader + n
		if end > len(buf) {
			return false
		}
		s.take(buf[s.off+recordHeader : end])
		s.off = end
		if s.nhdr == len(s.hdr) && (s.got >= s.need || s.need > 1<<16+4) {
			return true
		}
	}
	return false
}

func (s *recordScanner) take(payload []byte) {
	s.got += len(payload)
	for ; s.nhdr < len(s.hdr) && len(payload) > 0; s.nhdr++ {
		s.hdr[s.nhdr], payload = payload[0], payload[1:]
	}
	if s.nhdr == len(s.hdr) {
		s.need = 4 + (int(s.hdr[1])<<16 | int(s.hdr[2])<<8 | int(s.hdr[3]))
	}
}

// readClientHello reads from r, after the bytes already in buf, until
// buf holds a complete ClientHello, and returns everything read (to be
// forwarded as is) and the parsed hello. A hello split over many
// records is reassembled; bytes after it (a ChangeCipherSpec, early
// data) stay in buf.
func readClientHello(r io.Reader, buf []byte) ([]byte, *hello.ClientHelloInfo, Decision) {
	var s recordScanner
	for {
		if s.ready(buf) {
			h, err := hello.ParseClientHello(buf)
			if err == nil {
				return buf, h, allow(ReasonOK)
			}
			if !errors.Is(err, hello.ErrIncomplete) {
				return buf, nil, helloError(err)
			}
		}
		var dec Decision
		if buf, dec = readMore(r, buf, "ClientHello"); !dec.Allow {
			return buf, nil, dec
		}
	}
}

func helloError(err error) Decision {
	if errors.Is(err, hello.ErrNotTLS) {
		return deny(ReasonNotTLS, "the tunnel does not start with a TLS ClientHello")
	}
	return deny(ReasonHelloMalformed, err.Error())
}

// readMore appends one read to buf, growing it up to maxHelloBytes.
func readMore(r io.Reader, buf []byte, what string) ([]byte, Decision) {
	if len(buf) >= maxHelloBytes {
		return buf, deny(ReasonHelloTooLarge, fmt.Sprintf("no complete %s in %d bytes", what, len(buf)))
	}
	if len(buf) == cap(buf) {
		buf = append(buf, make([]byte, min(max(cap(buf), 4096), maxHelloBytes-len(buf)))...)[:len(buf)]
	}
	n, err := r.Read(buf[len(buf):min(cap(buf), maxHelloBytes)])
	buf = buf[:len(buf)+n]
	if n > 0 || err == nil {
		return buf, allow(ReasonOK)
	}
	return buf, readError(err, what)
}

func readError(err error, what string) Decision {
	var ne net.Error
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
		return deny(ReasonHelloTimeout, "no complete "+what+" within the hello timeout")
	case errors.Is(err, io.EOF):
		return deny(ReasonNoHello, "the peer closed before a complete "+what)
	}
	return deny(ReasonNoHello, fmt.Sprintf("reading the %s: %v", what, err))
}
