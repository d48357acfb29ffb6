package probe

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// reply is one exchange's outcome: the server's first flight as far as it
// was read, and the error that ended reading, if any.
type reply struct {
	flight *hello.ServerFlight
	err    error
	// withShares is true for a TLS 1.3 version hello sent again with key
	// shares (see askVersion).
	withShares bool
}

// flightBuffer is the read buffer of an exchange: a typical first flight
// fits.
const flightBuffer = 8 << 10

// exchange sends one ClientHello on a new connection and reads the
// server's first flight. Its error means the probe must stop (connection
// budget spent, endpoint unreachable, context done); a server's refusal
// is in the reply.
func (p *prober) exchange(ctx context.Context, ch *hello.ClientHello) (reply, error) {
	return p.exchangeDialed(ctx, ch, nil)
}

// exchangeDialed is exchange that calls dialed, if not nil, once the
// connection is open, before the hello is sent.
func (p *prober) exchangeDialed(ctx context.Context, ch *hello.ClientHello, dialed func()) (reply, error) {
	b, err := ch.Marshal()
	if err != nil {
		return reply{}, p.stop(err)
	}
	conn, err := p.dial(ctx)
	if err != nil {
		return reply{}, err
	}
	defer conn.Close()
	if dialed != nil {
		dialed()
	}
	var r reply
	if _, r.err = conn.Write(b); r.err == nil {
		// Buffered: a flight's records then take a read or two, not two
		// each. What is read past the flight is dropped with the
		// connection.
		br := bufio.NewReaderSize(conn, flightBuffer)
		r.flight, r.err = hello.ReadServerFlight(br, p.opts.MaxFlightBytes)
	}
	if ctx.Err() != nil {
		return r, p.stop(context.Cause(ctx))
	}
	return r, nil
}

// alertNoApplicationProtocol is the no_application_protocol alert (RFC
// 7301, section 3.2).
const alertNoApplicationProtocol = 120

// exchangeALPN is exchange for a hello that may carry ALPN (see
// withALPN): a server that refuses it with no_application_protocol gets
// the hello again without ALPN, and so do all later hellos.
func (p *prober) exchangeALPN(ctx context.Context, ch *hello.ClientHello) (reply, error) {
	r, err := p.exchange(ctx, ch)
	if err != nil || ch.ALPN == nil || r.flight == nil || r.flight.Reply.Kind != hello.Alert ||
		r.flight.Reply.AlertDescription != alertNoApplicationProtocol {
		return r, err
	}
	p.note("server refused every ALPN protocol offered (%s)", strings.Join(ch.ALPN, ", "))
	p.sh.mu.Lock()
	p.sh.noALPN = true
	p.sh.mu.Unlock()
	ch.ALPN = nil
	return p.exchange(ctx, ch)
}

// alpnRefused reports whether the server refused the ALPN protocols.
func (p *prober) alpnRefused() bool {
	p.sh.mu.Lock()
	defer p.sh.mu.Unlock()
	return p.sh.noALPN
}

// dial opens one connection within the endpoint's parallelism, the
// budget and the rate limit, with its deadline set; closing it also ends
// the context watch and frees its slot.
func (p *prober) dial(ctx context.Context) (net.Conn, error) {
	if err := p.stoppedErr(); err != nil {
		return nil, err
	}
	select {
	case p.sh.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, p.stop(context.Cause(ctx))
	}
	release := func() { <-p.sh.slots }
	conn, err := p.dialSlot(ctx)
	if err != nil {
		release()
		return nil, err
	}
	return &watchedConn{Conn: conn, unwatch: context.AfterFunc(ctx, func() { conn.Close() }), release: sync.OnceFunc(release)}, nil
}

// dialSlot opens a connection once dial holds a slot: the budget is
// checked and taken under the lock, so that it holds exactly however many
// forks dial at once.
func (p *prober) dialSlot(ctx context.Context) (net.Conn, error) {
	p.sh.mu.Lock()
	if err := p.sh.stopped; err != nil {
		p.sh.mu.Unlock()
		return nil, err
	}
	if p.sh.conns >= p.opts.MaxConnections {
		p.sh.mu.Unlock()
		return nil, p.stop(fmt.Errorf("connection limit of %d reached; results are incomplete", p.opts.MaxConnections))
	}
	p.sh.conns++
	p.sh.mu.Unlock()
	if err := p.limiter.wait(ctx); err != nil {
		p.sh.mu.Lock()
		p.sh.conns-- // never made
		p.sh.mu.Unlock()
		return nil, p.stop(context.Cause(ctx))
	}
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
	return conn, nil
}

func (p *prober) dialer() DialFunc {
	if p.ep.Dial != nil {
		return p.ep.Dial
	}
	// No TCP keep-alives: a probe's connections live for one round trip,
	// and turning them on takes system calls on every connection.
	return (&net.Dialer{KeepAlive: -1}).DialContext
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
	release func() // frees the connection's slot, once
}

// Close closes the connection, stops watching the context and frees the
// connection's slot. It may be called more than once.
func (c *watchedConn) Close() error {
	c.unwatch()
	err := c.Conn.Close()
	c.release()
	return err
}

// stop ends the probe with err (the first such error is kept, and noted
// by the prober or fork that stopped it) and returns the error that
// stopped it.
func (p *prober) stop(err error) error {
	p.sh.mu.Lock()
	first := p.sh.stopped == nil
	if first {
		p.sh.stopped = err
	}
	err = p.sh.stopped
	p.sh.mu.Unlock()
	if first {
		p.note("%v", err)
	}
	return err
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
