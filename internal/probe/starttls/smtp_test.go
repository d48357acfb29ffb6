package starttls

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"
)

// smtpResponder is a small SMTP server: a multi-line greeting, an EHLO
// reply listing ehlo's extensions, and the STARTTLS reply startReply,
// followed by a TLS handshake when that reply is 220.
type smtpResponder struct {
	greeting   string
	ehlo       []string
	startReply string
	lab        *lab
}

// serve runs the exchange on conn.
func (s smtpResponder) serve(t *testing.T, conn net.Conn) {
	io.WriteString(conn, s.greeting)
	if got, err := readUntil(conn, "\r\n"); got != "EHLO tlsfloor.invalid\r\n" {
		t.Errorf("server got %q (%v), want EHLO tlsfloor.invalid", got, err)
		return
	}
	var reply strings.Builder
	reply.WriteString("250-mail.example greets tlsfloor.invalid\r\n")
	for i, ext := range s.ehlo {
		sep := "-"
		if i == len(s.ehlo)-1 {
			sep = " "
		}
		reply.WriteString("250" + sep + ext + "\r\n")
	}
	io.WriteString(conn, reply.String())
	if got, _ := readUntil(conn, "\r\n"); got != "STARTTLS\r\n" {
		return // the client gave up, as it should without STARTTLS
	}
	io.WriteString(conn, s.startReply)
	if strings.HasPrefix(s.startReply, "220 ") && s.lab != nil {
		tc := tls.Server(conn, s.lab.server)
		if err := tc.Handshake(); err == nil {
			io.WriteString(tc, "250 over TLS\r\n")
		}
	}
}

func TestSMTPStartTLS(t *testing.T) {
	l := newLab(t)
	srv := smtpResponder{
		greeting:   "220-mail.example ESMTP\r\n220-second line\n220 ready\r\n",
		ehlo:       []string{"PIPELINING", "SIZE 10240000", "starttls", "8BITMIME"},
		startReply: "220 2.0.0 Ready to start TLS\r\n",
		lab:        l,
	}
	addr := fakeServer(t, func(conn net.Conn) { srv.serve(t, conn) })
	tc := l.upgrade(t, "SMTP", addr)
	buf := make([]byte, 64)
	n, err := tc.Read(buf)
	if err != nil || string(buf[:n]) != "250 over TLS\r\n" {
		t.Errorf("read over TLS = %q, %v", buf[:n], err)
	}
}

func TestSMTPHostile(t *testing.T) {
	tests := []struct {
		name    string
		srv     smtpResponder
		raw     string // sent instead of a dialogue when set
		timeout time.Duration
		want    []string
	}{
		{
			name: "no starttls",
			srv:  smtpResponder{greeting: "220 mx\r\n", ehlo: []string{"PIPELINING", "SIZE 1000", "XSTARTTLS"}},
			want: []string{"server does not offer STARTTLS", `250-mail.example greets tlsfloor.invalid | 250-PIPELINING | 250-SIZE 1000 | 250 XSTARTTLS`},
		},
		{
			name: "starttls refused",
			srv:  smtpResponder{greeting: "220 mx\r\n", ehlo: []string{"STARTTLS"}, startReply: "454 4.7.0 TLS not available due to temporary reason\r\n"},
			want: []string{"STARTTLS: want 220, server replied", `"454 4.7.0 TLS not available due to temporary reason"`},
		},
		{
			name: "injected bytes after 220",
			srv:  smtpResponder{greeting: "220 mx\r\n", ehlo: []string{"STARTTLS"}, startReply: "220 go ahead\r\n250 injected\r\n"},
			want: []string{"server sent 14 unexpected bytes after its STARTTLS reply, before TLS"},
		},
		{name: "greeting refused", raw: "554 5.3.2 no service for you\r\n", want: []string{"smtp starttls with 127.0.0.1:", `greeting: want 220, server replied "554 5.3.2 no service for you"`}},
		{name: "binary garbage", raw: "\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\n", want: []string{`greeting: not an SMTP reply line: "\x16\x03\x01\x00\xa5`}},
		{name: "http server", raw: "HTTP/1.1 400 Bad Request\r\n\r\n", want: []string{`not an SMTP reply line: "HTTP/1.1 400 Bad Request"`}},
		{name: "long line", raw: "220 " + strings.Repeat("x", 600), want: []string{"reply line longer than 512 bytes"}},
		{name: "endless reply", raw: strings.Repeat("220-more\r\n", 60), want: []string{`reply longer than 50 lines (first: "220-more")`}},
		{name: "code change", raw: "220-mx\r\n250 ok\r\n", want: []string{`reply line "250 ok" changes the code from 220`}},
		{name: "closed mid-line", raw: "220 mx", want: []string{`connection closed inside reply line "220 mx"`}},
		{name: "closed at once", raw: "", want: []string{"greeting: connection closed before a reply"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			addr := fakeServer(t, func(conn net.Conn) {
				if tc.srv.greeting == "" {
					io.WriteString(conn, tc.raw)
					return
				}
				tc.srv.serve(t, conn)
			})
			conn, err := dialWith(t, context.Background(), "smtp", addr, 5*time.Second)
			if conn != nil {
				conn.Close()
			}
			checkErr(t, err, tc.want...)
		})
	}
}

func TestSMTPSilentServerTimesOut(t *testing.T) {
	release := make(chan struct{})
	addr := fakeServer(t, func(conn net.Conn) { <-release })
	defer close(release)
	_, err := dialWith(t, context.Background(), "smtp", addr, 150*time.Millisecond)
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("error = %v, want a deadline error", err)
	}
	checkErr(t, err, "greeting", "no complete reply within 150ms")
}

func TestSMTPSlowDripTimesOut(t *testing.T) {
	release := make(chan struct{})
	addr := fakeServer(t, func(conn net.Conn) {
		for {
			select {
			case <-release:
				return
			case <-time.After(20 * time.Millisecond):
				if _, err := io.WriteString(conn, "220-drip\r\n"[:1]); err != nil {
					return
				}
			}
		}
	})
	defer close(release)
	_, err := dialWith(t, context.Background(), "smtp", addr, 200*time.Millisecond)
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("error = %v, want a deadline error", err)
	}
}

func TestSMTPContextCancel(t *testing.T) {
	release := make(chan struct{})
	addr := fakeServer(t, func(conn net.Conn) { <-release })
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := dialWith(t, ctx, "smtp", addr, time.Minute)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
}

func TestParseReplyLine(t *testing.T) {
	tests := []struct {
		name    string
		line    string
		code    int
		more    bool
		wantErr bool
	}{
		{name: "final", line: "250 ok", code: 250},
		{name: "continued", line: "250-PIPELINING", code: 250, more: true},
		{name: "bare code", line: "220", code: 220},
		{name: "bad first digit", line: "650 x", wantErr: true},
		{name: "letters", line: "2x0 x", wantErr: true},
		{name: "bad separator", line: "250_x", wantErr: true},
		{name: "short", line: "25", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, more, err := parseReplyLine(tc.line)
			if (err != nil) != tc.wantErr || code != tc.code || more != tc.more {
				t.Errorf("parseReplyLine(%q) = %d, %v, %v", tc.line, code, more, err)
			}
		})
	}
}
