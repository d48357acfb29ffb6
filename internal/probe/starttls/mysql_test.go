package starttls

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"
)

// Server capabilities of a MySQL 8 greeting, and of a MariaDB one (which
// clears CLIENT_MYSQL, bit 0).
const (
	mysql8Caps  = 0xdfffffff
	mariadbCaps = 0xbffff7fe | clientSSL
)

// greetingPacket builds a HandshakeV10 packet with sequence id seq.
func greetingPacket(seq byte, version string, caps uint32, charset byte) []byte {
	p := []byte{mysqlProtocol10}
	p = append(append(p, version...), 0)
	p = binary.LittleEndian.AppendUint32(p, 42) // connection id
	p = append(p, "12345678"...)                // auth-plugin-data-part-1
	p = append(p, 0)                            // filler
	p = binary.LittleEndian.AppendUint16(p, uint16(caps))
	p = append(p, charset, 2, 0) // charset, status flags
	p = binary.LittleEndian.AppendUint16(p, uint16(caps>>16))
	p = append(p, 21)                    // auth-plugin-data length
	p = append(p, make([]byte, 10)...)   // reserved
	p = append(p, "9abcdefghijk\x00"...) // auth-plugin-data-part-2
	p = append(p, "mysql_native_password\x00"...)
	return packet(seq, p)
}

// packet frames payload with its length and sequence id.
func packet(seq byte, payload []byte) []byte {
	n := len(payload)
	return append([]byte{byte(n), byte(n >> 8), byte(n >> 16), seq}, payload...)
}

// wantSSLRequest is the SSL request the client must send after a greeting
// with sequence id seq, capabilities caps and charset.
func wantSSLRequest(seq byte, caps uint32, charset byte) []byte {
	c := clientSSL | clientProtocol41 | caps&(clientLongPassword|clientSecureConnection|clientPluginAuth)
	p := binary.LittleEndian.AppendUint32(nil, c)
	p = binary.LittleEndian.AppendUint32(p, 1<<24)
	p = append(p, charset)
	return packet(seq+1, append(p, make([]byte, 23)...))
}

func TestMySQLSSLRequest(t *testing.T) {
	tests := []struct {
		name    string
		seq     byte
		version string
		caps    uint32
		charset byte
	}{
		{name: "mysql 8", seq: 0, version: "8.0.36", caps: mysql8Caps, charset: 255},
		{name: "mariadb", seq: 0, version: "5.5.5-10.11.6-MariaDB", caps: mariadbCaps, charset: 45},
		{name: "odd sequence id", seq: 3, version: "8.4.0", caps: mysql8Caps, charset: 33},
	}
	l := newLab(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			addr := fakeServer(t, func(conn net.Conn) {
				conn.Write(greetingPacket(tc.seq, tc.version, tc.caps, tc.charset))
				got := make([]byte, 36)
				if _, err := io.ReadFull(conn, got); err != nil {
					t.Errorf("server read SSL request: %v", err)
					return
				}
				if want := wantSSLRequest(tc.seq, tc.caps, tc.charset); !bytes.Equal(got, want) {
					t.Errorf("SSL request\n got % x\nwant % x", got, want)
				}
				tls.Server(conn, l.server).Handshake()
			})
			l.upgrade(t, "mariadb", addr).Close()
		})
	}
}

func TestMySQLHostile(t *testing.T) {
	errPacket := append([]byte{0xff, 0x6a, 0x04}, "Host '127.0.0.1' is not allowed to connect to this MariaDB server"...)
	errState := append([]byte{0xff, 0x10, 0x04, '#'}, "08004Too many connections"...)
	noVersionEnd := append([]byte{mysqlProtocol10}, "8.0.36"...)
	tests := []struct {
		name string
		send []byte
		want []string
	}{
		{name: "no CLIENT_SSL", send: greetingPacket(0, "5.5.5-10.11.6-MariaDB", mariadbCaps&^clientSSL, 45), want: []string{`server "5.5.5-10.11.6-MariaDB" does not offer TLS (no CLIENT_SSL capability)`}},
		{name: "pre 4.1", send: greetingPacket(0, "4.0.1", clientSSL, 8), want: []string{"lacks CLIENT_PROTOCOL_41"}},
		{name: "error packet", send: packet(0, errPacket), want: []string{`mysql starttls with 127.0.0.1:`, `error 1130: "Host '127.0.0.1' is not allowed to connect to this MariaDB server"`}},
		{name: "error with sql state", send: packet(0, errState), want: []string{`error 1040: "Too many connections"`}},
		{name: "truncated error", send: packet(0, []byte{0xff, 1}), want: []string{"truncated error packet"}},
		{name: "protocol 9", send: packet(0, []byte{9, '3', '.', '2', 0}), want: []string{"handshake protocol version 9, want 10", "packet starts 09 33 2e 32 00"}},
		{name: "no version end", send: packet(0, noVersionEnd), want: []string{`truncated after server version "8.0.36"`}},
		{name: "short greeting", send: packet(0, append([]byte{mysqlProtocol10}, "8.0\x00abc"...)), want: []string{"truncated"}},
		{name: "huge packet", send: []byte{0xff, 0xff, 0xff, 0, 1, 2}, want: []string{"announces 16777215 bytes, want 1 to 65536"}},
		{name: "empty packet", send: []byte{0, 0, 0, 0}, want: []string{"announces 0 bytes"}},
		{name: "http reply", send: []byte("HTTP/1.1 400 Bad Request\r\n\r\n"), want: []string{"packet header 48 54 54 50 announces"}},
		{name: "closed in payload", send: []byte{10, 0, 0, 0, 10, '8'}, want: []string{"read handshake: server closed the connection"}},
		{name: "closed at once", send: nil, want: []string{"server closed the connection", "EOF"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			addr := fakeServer(t, func(conn net.Conn) { conn.Write(tc.send) })
			_, err := dialWith(t, context.Background(), "mysql", addr, 5*time.Second)
			checkErr(t, err, tc.want...)
		})
	}
}

func TestMySQLSilentServerTimesOut(t *testing.T) {
	release := make(chan struct{})
	addr := fakeServer(t, func(conn net.Conn) {
		conn.Write([]byte{100, 0, 0, 0, mysqlProtocol10}) // promises 100 bytes, sends 1
		<-release
	})
	defer close(release)
	_, err := dialWith(t, context.Background(), "mysql", addr, 150*time.Millisecond)
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("error = %v, want a deadline error", err)
	}
}
