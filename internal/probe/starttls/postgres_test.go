package starttls

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"
)

// sslRequest is the SSLRequest every PostgreSQL client sends.
var sslRequest = []byte{0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f}

// postgresFake reads the SSLRequest, checks it and sends answer.
func postgresFake(t *testing.T, answer []byte, then func(net.Conn)) string {
	return fakeServer(t, func(conn net.Conn) {
		got := make([]byte, 8)
		if _, err := io.ReadFull(conn, got); err != nil || !bytes.Equal(got, sslRequest) {
			t.Errorf("server got % x (%v), want the SSLRequest % x", got, err, sslRequest)
			return
		}
		conn.Write(answer)
		if then != nil {
			then(conn)
		}
	})
}

func TestPostgresFakeAccepts(t *testing.T) {
	l := newLab(t)
	addr := postgresFake(t, []byte("S"), func(conn net.Conn) { tls.Server(conn, l.server).Handshake() })
	l.upgrade(t, "postgresql", addr).Close()
}

func TestPostgresHostile(t *testing.T) {
	fields := "SFATAL\x00C0A000\x00Munsupported frontend protocol 1234.5679\x00\x00"
	errorResponse := append([]byte{'E', 0, 0, 0, byte(4 + len(fields))}, fields...)
	tests := []struct {
		name   string
		answer []byte
		want   []string
	}{
		{name: "refuses", answer: []byte("N"), want: []string{"postgres starttls with 127.0.0.1:", "server refuses SSL"}},
		{name: "error response", answer: errorResponse, want: []string{`with an error (unauthenticated text): "unsupported frontend protocol 1234.5679"`}},
		{name: "error without message", answer: []byte{'E', 0, 0, 0, 8, 'S', 'X', 0, 0}, want: []string{`"SX\x00\x00"`}},
		{name: "huge error", answer: []byte{'E', 0x7f, 0xff, 0xff, 0xff}, want: []string{"ErrorResponse of 2147483647 bytes (cap 1024)"}},
		{name: "short error length", answer: []byte{'E', 0, 0, 0, 2}, want: []string{"ErrorResponse of 2 bytes"}},
		{name: "truncated error", answer: []byte{'E', 0, 0, 0, 0x20, 'M'}, want: []string{"read ErrorResponse: server closed the connection"}},
		{name: "garbage", answer: []byte("HTTP/1.1 400"), want: []string{`unexpected answer 'H' to SSLRequest, want 'S' or 'N'`}},
		{name: "closed", answer: nil, want: []string{"read the answer to SSLRequest: server closed the connection"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			addr := postgresFake(t, tc.answer, nil)
			_, err := dialWith(t, context.Background(), "postgres", addr, 5*time.Second)
			checkErr(t, err, tc.want...)
		})
	}
}

func TestPostgresSilentServerTimesOut(t *testing.T) {
	release := make(chan struct{})
	addr := postgresFake(t, nil, func(net.Conn) { <-release })
	defer close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := dialWith(t, ctx, "postgres", addr, time.Minute)
	if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("error = %v, want a deadline error", err)
	}
}
