package starttls

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"
)

func TestDialerKinds(t *testing.T) {
	tests := []struct {
		name    string
		kind    string
		wantErr string
	}{
		{name: "none", kind: ""},
		{name: "none word", kind: "none"},
		{name: "smtp", kind: "smtp"},
		{name: "upper case", kind: "SMTP"},
		{name: "postgres", kind: "postgres"},
		{name: "postgresql", kind: "postgresql"},
		{name: "mysql", kind: "mysql"},
		{name: "mariadb", kind: "mariadb"},
		{name: "unknown", kind: "imap", wantErr: `unknown starttls kind "imap" (want smtp, postgres, mysql)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dial, err := Dialer(tc.kind, nil, 0)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Errorf("error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || dial == nil {
				t.Errorf("Dialer(%q) = %v", tc.kind, err)
			}
		})
	}
}

func TestDialerNoneReturnsBaseConn(t *testing.T) {
	addr := fakeServer(t, func(conn net.Conn) { conn.Write([]byte("raw")) })
	dial, err := Dialer("", nil, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := dial(context.Background(), "tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	buf := make([]byte, 3)
	if n, _ := conn.Read(buf); string(buf[:n]) != "raw" {
		t.Errorf("read %q, want the server's first bytes untouched", buf[:n])
	}
}

func TestDialerBaseError(t *testing.T) {
	boom := errors.New("boom")
	base := func(context.Context, string, string) (net.Conn, error) { return nil, boom }
	dial, err := Dialer("smtp", base, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dial(context.Background(), "tcp", "192.0.2.1:25"); !errors.Is(err, boom) {
		t.Errorf("error = %v, want the base dialer's", err)
	}
}

func TestDialerClearsDeadline(t *testing.T) {
	release := make(chan struct{})
	addr := postgresFake(t, []byte("S"), func(net.Conn) { <-release })
	defer close(release)
	conn, err := dialWith(t, context.Background(), "postgres", addr, 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	time.Sleep(100 * time.Millisecond) // past the negotiation's deadline
	if _, err := conn.Write([]byte{0}); err != nil {
		t.Errorf("write after negotiation: %v", err)
	}
}

func TestDialerCanceledContext(t *testing.T) {
	addr := fakeServer(t, func(conn net.Conn) { conn.Write([]byte("220 mx\r\n")) })
	ctx, cancel := context.WithCancelCause(context.Background())
	dial, err := Dialer("smtp", func(c context.Context, n, a string) (net.Conn, error) {
		conn, err := (&net.Dialer{}).DialContext(c, n, a)
		cancel(errors.New("run stopped"))
		return conn, err
	}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	_, err = dial(ctx, "tcp", addr)
	checkErr(t, err, "smtp starttls with", "run stopped")
}
