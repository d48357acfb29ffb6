package hello

import (
	"fmt"
	"io"
)

// record reads the next record and returns its type and payload.
func (fr *flightReader) record() (byte, []byte, error) {
	hdr, err := fr.header()
	if err != nil {
		return 0, nil, err
	}
	payload := make([]byte, int(hdr[3])<<8|int(hdr[4]))
	n, err := io.ReadFull(fr.r, payload)
	fr.left -= n
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return hdr[0], payload, err
}

// header reads and checks a record header (RFC 8446, section 5.1). The
// first record must be a handshake or alert record with a TLS version,
// or the reply is ErrNotTLS.
func (fr *flightReader) header() ([recordHeaderLen]byte, error) {
	var hdr [recordHeaderLen]byte
	if fr.left < recordHeaderLen {
		return hdr, ErrFlightTooLarge
	}
	n, err := io.ReadFull(fr.r, hdr[:])
	fr.left -= n
	first := !fr.started
	switch {
	case first && n > 0 && hdr[0] != recordHandshake && hdr[0] != recordAlert:
		return hdr, ErrNotTLS
	case err == io.EOF && !first:
		return hdr, io.ErrUnexpectedEOF // the connection closed inside the flight
	case err != nil:
		return hdr, err
	case first && hdr[1] != 3:
		return hdr, ErrNotTLS
	}
	fr.started = true
	return hdr, fr.checkHeader(hdr)
}

func (fr *flightReader) checkHeader(hdr [recordHeaderLen]byte) error {
	length := int(hdr[3])<<8 | int(hdr[4])
	switch {
	case hdr[1] != 3 || hdr[0] < recordChangeCipherSpec || hdr[0] > 23:
		return fmt.Errorf("hello: record header % x is not TLS", hdr)
	case length == 0 || length > maxRecordLen:
		return fmt.Errorf("hello: record length %d out of range", length)
	case length > fr.left:
		return ErrFlightTooLarge
	}
	return nil
}
