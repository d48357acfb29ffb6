package probe

import (
	"context"
	"fmt"
	"net"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// reply is one exchange's outcome: the server's first flight as far as it
// was read, and the error that ended reading, if any.
type reply struct {
	flight *hello.ServerFlight
	err    error
}

// exchange sends one ClientHello on a new connection and reads the
// server's first flight. Its error means the probe must stop (connection
// budget spent, endpoint unreachable, context done); a server's refusal
// is in the reply.
func (p *prober) exchange(ctx context.Context, ch *hello.ClientHello) (reply, error) {
	b, err := ch.Marshal()
	if err != nil {
		return reply{}, p.stop(err)
	}
	conn, err := p.dial(ctx)
	if err != nil {
		return reply{}, err
	}
	defer conn.Close()
	var r reply
	if _, r.err = conn.Write(b); r.err == nil {
		r.flight, r.err = hello.ReadServerFlight(conn, p.opts.MaxFlightBytes)
	}
	if ctx.Err() != nil {
		return r, p.stop(context.Cause(ctx))
	}
	return r, nil
}

// dial opens one connection within the budget and the rate limit, with
// its deadline set; closing it also ends the context watch.
func (p *prober) dial(ctx context.Context) (net.Conn, error) {
	if p.stopped != nil {
		return nil, p.stopped
	}
	if p.conns >= p.opts.MaxConnections {
		return nil, p.stop(fmt.Errorf("connection limit of %d reached; results are incomplete", p.opts.MaxConnections))
	}
	if err := p.limiter.wait(ctx); err != nil {
		return nil, p.stop(context.Cause(ctx))
	}
	p.conns++
	dctx, cancel := context.WithTimeout(ctx, p.opts.ConnectTimeout)
	defer cancel()
	conn, err := p.dialer()(dctx, "tcp", p.dialAddr)
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, p.stop(context.Cause(ctx))
	case err != nil:
		return nil, p.stop(fmt.Errorf("connect: %w", err))
	}
	conn.SetDeadline(p.deadline(ctx))
	return &watchedConn{Conn: conn, unwatch: context.AfterFunc(ctx, func() { conn.Close() })}, nil
}

func (p *prober) dialer() DialFunc {
	if p.ep.Dial != nil {
		return p.ep.Dial
	}
	return (&net.Dialer{}).DialContext
}

// deadline is the read timeout from now, or the context's deadline if
// that comes first.
func (p *prober) deadline(ctx context.Context) time.Time {
	d := time.Now().Add(p.opts.ReadTimeout)
	if cd, ok := ctx.Deadline(); ok && cd.Before(d) {
		return cd
	}
	return d
}

// watchedConn is a connection that the context closes when it is done.
type watchedConn struct {
	net.Conn
	unwatch func() bool
}

// Close closes the connection and stops watching the context.
func (c *watchedConn) Close() error {
	c.unwatch()
	return c.Conn.Close()
}

// stop ends the probe with err (the first such error is kept) and
// returns the error that stopped it.
func (p *prober) stop(err error) error {
	if p.stopped == nil {
		p.stopped = err
		p.note("%v", err)
	}
	return p.stopped
}

// note records a problem once.
func (p *prober) note(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	for _, e := range p.errs {
		if e == msg {
			return
		}
	}
	p.errs = append(p.errs, msg)
}
