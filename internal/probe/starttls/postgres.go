package starttls

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
)

// The PostgreSQL SSLRequest, from "Message Formats" (SSLRequest) and
// "Message Flow: SSL Session Encryption" of the PostgreSQL documentation,
// https://www.postgresql.org/docs/current/protocol-message-formats.html
// and https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-SSL:
// an Int32 length of 8 and the Int32 code 80877103 (1234 in the high 16
// bits, 5679 in the low 16 bits). The server answers one byte, 'S' to go
// on with TLS or 'N' to refuse; a server too old to know the request
// answers an ErrorResponse ('E').
const (
	postgresSSLCode = 80877103
	// postgresMaxError caps the ErrorResponse read after 'E'.
	postgresMaxError = 1024
)

// postgresSSLRequest sends the SSLRequest and reads the one-byte answer.
func postgresSSLRequest(conn net.Conn) error {
	req := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, 8), postgresSSLCode)
	if err := write(conn, "SSLRequest", req); err != nil {
		return err
	}
	var b [1]byte
	if _, err := io.ReadFull(conn, b[:]); err != nil {
		return fmt.Errorf("read the answer to SSLRequest: %w", eofClosed(err))
	}
	switch b[0] {
	case 'S':
		return nil
	case 'N':
		return errors.New("server refuses SSL (it answered 'N' to SSLRequest)")
	case 'E':
		return postgresError(conn)
	}
	return fmt.Errorf("unexpected answer %q to SSLRequest, want 'S' or 'N' (not a PostgreSQL server?)", b[0])
}

// postgresError reads the ErrorResponse that follows an 'E' and returns
// it as an error quoting its message. The text comes from a server not
// yet authenticated, so it is marked as such.
func postgresError(conn net.Conn) error {
	var n [4]byte
	if _, err := io.ReadFull(conn, n[:]); err != nil {
		return fmt.Errorf("read ErrorResponse length: %w", eofClosed(err))
	}
	size := binary.BigEndian.Uint32(n[:])
	if size < 4 || size-4 > postgresMaxError {
		return fmt.Errorf("server answered SSLRequest with an ErrorResponse of %d bytes (cap %d)", size, postgresMaxError)
	}
	body := make([]byte, size-4)
	if _, err := io.ReadFull(conn, body); err != nil {
		return fmt.Errorf("read ErrorResponse: %w", eofClosed(err))
	}
	return fmt.Errorf("server answered SSLRequest with an error (unauthenticated text): %s", quote(errorMessage(body)))
}

// errorMessage returns the 'M' (message) field of an ErrorResponse body,
// made of a type byte and a NUL-terminated string per field, or the whole
// body when there is none.
func errorMessage(body []byte) string {
	for rest := body; len(rest) > 1; {
		value, next, ok := bytes.Cut(rest[1:], []byte{0})
		if rest[0] == 'M' {
			return string(value)
		}
		if !ok {
			break
		}
		rest = next
	}
	return string(body)
}

// eofClosed turns io.EOF and io.ErrUnexpectedEOF into an error that says
// the server closed the connection, keeping the original in the chain.
func eofClosed(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("server closed the connection: %w", err)
	}
	return err
}
