package starttls

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
)

// The MySQL and MariaDB connection phase, as documented by
//
//   - MySQL: "MySQL Packets", "Protocol::HandshakeV10", "Protocol::SSLRequest",
//     "Capabilities Flags" and "ERR_Packet" in the MySQL source documentation,
//     https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_packets.html,
//     https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_v10.html,
//     https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_ssl_request.html,
//     https://dev.mysql.com/doc/dev/mysql-server/latest/group__group__cs__capabilities__flags.html,
//     https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_err_packet.html;
//   - MariaDB: "Connection" (initial handshake packet, SSLRequest packet)
//     and "ERR_Packet" in the MariaDB Knowledge Base,
//     https://mariadb.com/kb/en/connection/ and https://mariadb.com/kb/en/err_packet/.
//
// A packet is a 3-byte little-endian payload length, a 1-byte sequence
// id and the payload. The server speaks first with HandshakeV10 (protocol
// version 10); a client that wants TLS answers with the 32-byte SSL
// request (sequence id one past the greeting's) and then starts TLS.
const (
	mysqlProtocol10 = 10
	// mysqlMaxPacket caps a packet read from the server.
	mysqlMaxPacket = 64 << 10
	// mysqlMaxPacketSize is the max_packet_size the client announces.
	mysqlMaxPacketSize = 1 << 24
	// mysqlDefaultCharset (utf8mb3_general_ci) is used when the greeting
	// names none.
	mysqlDefaultCharset = 33
)

// Capability flags.
const (
	clientLongPassword     = 0x00000001 // CLIENT_MYSQL in MariaDB
	clientProtocol41       = 0x00000200
	clientSSL              = 0x00000800
	clientSecureConnection = 0x00008000
	clientPluginAuth       = 0x00080000
)

// mysqlGreeting is what the SSL request needs from HandshakeV10.
type mysqlGreeting struct {
	seq          byte
	version      string
	capabilities uint32
	charset      byte
}

// mysqlSSLRequest reads the greeting, checks CLIENT_SSL and sends the SSL
// request packet.
func mysqlSSLRequest(conn net.Conn) error {
	seq, payload, err := mysqlReadPacket(conn)
	if err != nil {
		return fmt.Errorf("read handshake: %w", err)
	}
	g, err := parseGreeting(payload)
	if err != nil {
		return err
	}
	g.seq = seq
	if g.capabilities&clientSSL == 0 {
		return fmt.Errorf("server %s does not offer TLS (no CLIENT_SSL capability)", quote(g.version))
	}
	if g.capabilities&clientProtocol41 == 0 {
		return fmt.Errorf("server %s lacks CLIENT_PROTOCOL_41 (older than MySQL 4.1)", quote(g.version))
	}
	return write(conn, "SSL request", g.sslRequest())
}

// mysqlReadPacket reads one packet of at most mysqlMaxPacket bytes.
func mysqlReadPacket(r io.Reader) (seq byte, payload []byte, err error) {
	var h [4]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return 0, nil, eofClosed(err)
	}
	n := int(h[0]) | int(h[1])<<8 | int(h[2])<<16
	if n == 0 || n > mysqlMaxPacket {
		return 0, nil, fmt.Errorf("packet header % x announces %d bytes, want 1 to %d (not a MySQL server?)", h, n, mysqlMaxPacket)
	}
	payload = make([]byte, n)
	if _, err := io.ReadFull(r, payload); err != nil {
		return 0, nil, eofClosed(err)
	}
	return h[3], payload, nil
}

// parseGreeting parses HandshakeV10 up to the capability flags' upper
// half, or returns the server's ERR packet as an error.
func parseGreeting(p []byte) (mysqlGreeting, error) {
	if p[0] == 0xff {
		return mysqlGreeting{}, mysqlErr(p)
	}
	if p[0] != mysqlProtocol10 {
		return mysqlGreeting{}, fmt.Errorf("handshake protocol version %d, want %d (not a MySQL or MariaDB server?); packet starts % x", p[0], mysqlProtocol10, p[:min(len(p), 16)])
	}
	version, rest, ok := bytes.Cut(p[1:], []byte{0})
	// connection id (4), auth-plugin-data-part-1 (8), filler (1),
	// capability flags lower half (2)
	if !ok || len(rest) < 15 {
		return mysqlGreeting{}, fmt.Errorf("handshake packet truncated after server version %s", quote(string(version)))
	}
	g := mysqlGreeting{version: string(version), charset: mysqlDefaultCharset}
	g.capabilities = uint32(binary.LittleEndian.Uint16(rest[13:15]))
	rest = rest[15:]
	// character set (1), status flags (2), capability flags upper half (2)
	if len(rest) >= 5 {
		g.charset = rest[0]
		g.capabilities |= uint32(binary.LittleEndian.Uint16(rest[3:5])) << 16
	}
	return g, nil
}

// sslRequest builds the SSL request packet: capability flags (4),
// max_packet_size (4), character set (1), 23 zero bytes (MariaDB reads
// the last 4 as extended capabilities when CLIENT_MYSQL is unset: none
// are asked for). The flags are CLIENT_SSL and CLIENT_PROTOCOL_41 plus
// those of CLIENT_LONG_PASSWORD, CLIENT_SECURE_CONNECTION and
// CLIENT_PLUGIN_AUTH that the server offers.
func (g mysqlGreeting) sslRequest() []byte {
	const size = 32
	caps := clientSSL | clientProtocol41 | g.capabilities&(clientLongPassword|clientSecureConnection|clientPluginAuth)
	pkt := []byte{size, 0, 0, g.seq + 1}
	pkt = binary.LittleEndian.AppendUint32(pkt, caps)
	pkt = binary.LittleEndian.AppendUint32(pkt, mysqlMaxPacketSize)
	pkt = append(pkt, g.charset)
	return append(pkt, make([]byte, 23)...)
}

// mysqlErr turns an ERR packet (0xff, error code (2), then for 4.1
// servers '#' and a 5-byte SQL state, then the message) into an error
// quoting the server.
func mysqlErr(p []byte) error {
	if len(p) < 3 {
		return errors.New("server sent a truncated error packet")
	}
	code := binary.LittleEndian.Uint16(p[1:3])
	msg := p[3:]
	if len(msg) >= 6 && msg[0] == '#' {
		msg = msg[6:]
	}
	return fmt.Errorf("server refused the connection with error %d: %s", code, quote(string(msg)))
}
