package starttls

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"time"
)

// DefaultTimeout bounds a negotiation when Dialer is given no timeout.
const DefaultTimeout = 10 * time.Second

// DialFunc dials a network address, like (*net.Dialer).DialContext.
type DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error)

// negotiator speaks a protocol's plain-text opening on conn, whose
// deadline is already set.
type negotiator func(conn net.Conn) error

// negotiators maps every accepted kind name to its negotiator; nil means
// no negotiation.
var negotiators = map[string]negotiator{
	"":           nil,
	"none":       nil,
	"smtp":       smtpStartTLS,
	"postgres":   postgresSSLRequest,
	"postgresql": postgresSSLRequest,
	"mysql":      mysqlSSLRequest,
	"mariadb":    mysqlSSLRequest,
}

// Kinds returns the STARTTLS kinds Dialer negotiates, without aliases:
// smtp, postgres, mysql.
func Kinds() []string { return []string{"smtp", "postgres", "mysql"} }

// Dialer returns a dial function whose connections have gone through the
// STARTTLS opening of kind and are ready for a TLS ClientHello. base dials
// the TCP connection (nil means a zero net.Dialer); timeout bounds the
// negotiation (0 or less means DefaultTimeout). An unknown kind is an
// error.
func Dialer(kind string, base DialFunc, timeout time.Duration) (DialFunc, error) {
	name := strings.ToLower(kind)
	neg, ok := negotiators[name]
	if !ok {
		return nil, fmt.Errorf("unknown starttls kind %q (want %s)", kind, strings.Join(Kinds(), ", "))
	}
	if base == nil {
		base = (&net.Dialer{}).DialContext
	}
	if neg == nil {
		return base, nil
	}
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		return dial(ctx, base, network, addr, name, neg, timeout)
	}, nil
}

// dial connects with base and runs neg, closing the connection on
// failure.
func dial(ctx context.Context, base DialFunc, network, addr, kind string, neg negotiator, timeout time.Duration) (net.Conn, error) {
	conn, err := base(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	if err := negotiate(ctx, conn, neg, timeout); err != nil {
		conn.Close()
		return nil, fmt.Errorf("%s starttls with %s: %w", kind, addr, err)
	}
	return conn, nil
}

// negotiate runs neg under a deadline of timeout (or ctx's, if sooner),
// cut short when ctx is done, and clears the deadline afterwards.
func negotiate(ctx context.Context, conn net.Conn, neg negotiator, timeout time.Duration) error {
	start := time.Now()
	deadline := start.Add(timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	if err := conn.SetDeadline(deadline); err != nil {
		return fmt.Errorf("set deadline: %w", err)
	}
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	err := neg(conn)
	if !stop() {
		return fmt.Errorf("%w (%v)", context.Cause(ctx), err)
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return fmt.Errorf("%w (no complete reply within %v)", err, deadline.Sub(start).Round(time.Millisecond))
	}
	if err != nil {
		return err
	}
	return conn.SetDeadline(time.Time{})
}

// write sends b, naming what it is in errors.
func write(conn net.Conn, what string, b []byte) error {
	if _, err := conn.Write(b); err != nil {
		return fmt.Errorf("send %s: %w", what, err)
	}
	return nil
}

// quote returns s quoted with Go escapes, cut to 200 bytes, for showing
// server text in errors.
func quote(s string) string {
	const limit = 200
	if len(s) > limit {
		return fmt.Sprintf("%q...", s[:limit])
	}
	return fmt.Sprintf("%q", s)
}
