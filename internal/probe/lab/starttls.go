package lab

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"time"
)

// pgSSLRequest is PostgreSQL's SSLRequest message: length 8, code 80877103.
var pgSSLRequest = []byte{0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f}

// mysqlClientSSL is the CLIENT_SSL capability flag of the MySQL protocol.
const mysqlClientSSL = 0x0800

// PostgresSSLRequest sends PostgreSQL's SSLRequest on c and reads the
// server's one-byte answer; it returns nil when the answer is 'S', after
// which TLS starts on c.
func PostgresSSLRequest(c net.Conn) error {
	if _, err := c.Write(pgSSLRequest); err != nil {
		return err
	}
	b := make([]byte, 1)
	if _, err := io.ReadFull(c, b); err != nil {
		return err
	}
	if b[0] != 'S' {
		return fmt.Errorf("postgres answered %q to SSLRequest", b)
	}
	return nil
}

// MySQLGreeting reads the MySQL server's initial handshake packet from c
// and returns nil when it offers CLIENT_SSL.
func MySQLGreeting(c net.Conn) error {
	var hdr [4]byte
	if _, err := io.ReadFull(c, hdr[:]); err != nil {
		return err
	}
	n := int(hdr[0]) | int(hdr[1])<<8 | int(hdr[2])<<16
	body := make([]byte, n)
	if _, err := io.ReadFull(c, body); err != nil {
		return err
	}
	if len(body) == 0 || body[0] != 10 {
		return errors.New("not a MySQL protocol 10 greeting")
	}
	end := bytes.IndexByte(body[1:], 0)
	off := 1 + end + 1 + 4 + 8 + 1 // version, NUL, connection id, scramble, filler
	if end < 0 || len(body) < off+2 {
		return errors.New("short MySQL greeting")
	}
	if binary.LittleEndian.Uint16(body[off:])&mysqlClientSSL == 0 {
		return errors.New("the MySQL server does not offer SSL")
	}
	return nil
}

// probeDialect connects to addr and runs check on the connection, within
// a second.
func probeDialect(addr string, check func(net.Conn) error) bool {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return false
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(time.Second))
	return check(c) == nil
}
