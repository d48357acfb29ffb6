package tlsfloor

import (
	"context"
	"errors"
	"net"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// maxInspect bounds how many bytes a guard buffers while it waits for the
// server's first message; a ServerHello with a post-quantum key share is
// about 1.2 kB.
const maxInspect = 64 << 10

// guard wraps a transport's plain dialer. Each connection reads the first
// message the server sends, before crypto/tls does, and refuses it when it
// is a ServerHello below the floor or an alert that refuses the policy's
// ClientHello. This is independent of the TLS config (so later edits to
// it cannot switch it off) and turns what crypto/tls would report as a bare
// alert into a *DowngradeError that names the server's version.
//
// Bytes that are not a TLS handshake or alert (an HTTP response, a proxy's
// reply to CONNECT) end the inspection: TLS tunnelled through a proxy is
// held by the config's VerifyConnection alone.
func (p Policy) guard(next dialFunc) dialFunc {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := next(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		if _, ok := conn.(*guardConn); ok {
			return conn, nil
		}
		return &guardConn{Conn: conn, policy: p, addr: addr, dial: next}, nil
	}
}

// guardConn is a connection whose server's first message is inspected.
type guardConn struct {
	net.Conn
	policy  Policy
	addr    string
	dial    dialFunc
	done    bool   // inspection over: pass bytes through
	buf     []byte // bytes read while inspecting, not yet delivered
	readErr error  // read error met while inspecting, after buf
}

// Read delivers the server's bytes once the first message has passed.
func (c *guardConn) Read(b []byte) (int, error) {
	if !c.done {
		if err := c.inspect(); err != nil {
			c.readErr = err
			c.buf = nil
		}
	}
	if len(c.buf) > 0 {
		n := copy(b, c.buf)
		c.buf = c.buf[n:]
		return n, nil
	}
	if c.readErr != nil {
		return 0, c.readErr
	}
	return c.Conn.Read(b)
}

// inspect reads until the first message can be judged, and judges it.
func (c *guardConn) inspect() error {
	chunk := make([]byte, 2048)
	for {
		reply, err := hello.ParseServerReply(c.buf)
		switch {
		case err == nil:
			c.done = true
			return c.judge(reply)
		case !errors.Is(err, hello.ErrIncomplete) || len(c.buf) > maxInspect:
			c.done = true // not TLS, or malformed: crypto/tls will say so
			return nil
		}
		n, rerr := c.Conn.Read(chunk)
		c.buf = append(c.buf, chunk[:n]...)
		if rerr != nil {
			c.done, c.readErr = true, rerr
			return nil
		}
	}
}

// judge refuses a first message that falls short of the policy.
func (c *guardConn) judge(reply hello.ServerReply) error {
	var problem Problem
	var version uint16
	switch reply.Kind {
	case hello.ServerHello:
		if reply.Version < c.policy.Floor() {
			problem, version = ProblemVersion, reply.Version
		}
	case hello.Alert:
		problem = c.policy.alertProblem(reply.AlertDescription)
	}
	if problem == 0 {
		return nil
	}
	return c.refuse(problem, version)
}

func (c *guardConn) refuse(problem Problem, version uint16) error {
	host, _, err := net.SplitHostPort(c.addr)
	if err != nil {
		host = c.addr
	}
	de := &DowngradeError{Host: host, Problem: problem, Version: version, Floor: c.policy.Floor(), Policy: c.policy.String()}
	if problem == ProblemVersion && version == 0 {
		de.Version = diagnose(c.dial, host, c.addr)
		de.Diagnosed = de.Version != 0
	}
	c.policy.emit(Event{Side: Client, Host: host, Addr: c.addr, Version: de.Version, Outcome: Refused, Err: de})
	return de
}
