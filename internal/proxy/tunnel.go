package proxy

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

const established = "HTTP/1.1 200 Connection established\r\n\r\n"

// connect handles a CONNECT request: the destination is checked by name
// and resolved address before the client is told to go ahead.
func (s *Server) connect(c *clientConn, req *http.Request, br *bufio.Reader, rec *record) {
	rec.destination = req.URL.Host
	d, dec := c.cfg.allow.parseDestination(rec.destination)
	var addrs []netip.AddrPort
	if dec.Allow {
		addrs, dec = c.cfg.resolve(context.Background(), d)
	}
	if rec.dec = dec; !dec.Allow {
		s.refuseRequest(c, rec)
		return
	}
	// The write deadline stays until serverReply moves and clears it.
	c.conn.SetWriteDeadline(time.Now().Add(c.cfg.limits.HeaderTimeout))
	if _, err := io.WriteString(c.conn, established); err != nil {
		rec.dec = deny(ReasonNoHello, "writing the CONNECT response: "+err.Error())
		s.finish(rec)
		return
	}
	pre, _ := br.Peek(br.Buffered())
	s.tunnel(c, addrs, pre, rec)
}

// tunnel reads the ClientHello and decides on it; only an admitted
// tunnel reaches the destination, whose first reply is decided on in
// turn before the bytes are spliced.
func (s *Server) tunnel(c *clientConn, addrs []netip.AddrPort, pre []byte, rec *record) {
	s.metrics.tunnels.Add(1)
	rec.tunnel = true // finish counts it out
	defer s.finish(rec)
	buf := getBuf()
	defer func() { putBuf(buf) }()
	buf = append(buf, pre...)
	// The read deadline stays until pump moves it to the idle timeout.
	c.conn.SetReadDeadline(time.Now().Add(c.cfg.limits.HelloTimeout))
	buf, h, dec := readClientHello(c.conn, buf)
	if rec.dec = dec; h != nil {
		rec.setHello(h)
		rec.dec = judgeHello(c.cfg.opts.Policy, h)
	} else {
		s.metrics.helloError(dec.Reason)
	}
	if !s.proceed(rec) {
		s.refuse(c, rec, helloVersion(h))
		return
	}
	if buf = s.open(c, addrs, buf, rec); buf != nil {
		s.splice(c, rec)
	}
}

var bufPool = sync.Pool{New: func() any { return new([]byte) }}

// getBuf returns an empty buffer for a ClientHello and a server's first
// message.
func getBuf() []byte {
	if b := *bufPool.Get().(*[]byte); b != nil {
		return b[:0]
	}
	return make([]byte, 0, 4096)
}

// putBuf keeps buffers of ordinary size for reuse.
func putBuf(b []byte) {
	if cap(b) <= 64<<10 {
		bufPool.Put(&b)
	}
}

func helloVersion(h *hello.ClientHelloInfo) uint16 {
	if h == nil {
		return 0
	}
	return h.LegacyVersion
}

// proceed reports whether the tunnel goes on: allowed, or a policy
// refusal in audit mode.
func (s *Server) proceed(rec *record) bool {
	return rec.dec.Allow || rec.mode == Audit && rec.dec.Auditable()
}

// refuse logs a refused tunnel and ends it with the alert its reason
// calls for.
func (s *Server) refuse(c *clientConn, rec *record, version uint16) {
	s.finish(rec)
	if a := alertFor(rec.dec.Reason, version); a != nil {
		c.conn.SetWriteDeadline(time.Now().Add(c.cfg.limits.HelloTimeout))
		c.conn.Write(a)
	}
	c.close()
}

// open dials the destination, forwards the client's bytes, reads the
// destination's first message and decides on it, then forwards it.
// It returns the buffer, grown, or nil when the tunnel ended.
func (s *Server) open(c *clientConn, addrs []netip.AddrPort, buf []byte, rec *record) []byte {
	up, err := c.cfg.dial(context.Background(), addrs)
	if err != nil {
		rec.dec = deny(ReasonDialFailed, err.Error())
		s.refuse(c, rec, 0)
		return nil
	}
	if !c.setUpstream(up) {
		rec.dec = deny(ReasonDialFailed, "the proxy is shutting down")
		s.refuse(c, rec, 0)
		return nil
	}
	n, err := up.Write(buf)
	rec.up += int64(n)
	if err != nil {
		rec.dec = deny(ReasonServerNoReply, "forwarding the ClientHello: "+err.Error())
		s.refuse(c, rec, 0)
		return nil
	}
	return s.serverReply(c, up, buf[:0], rec)
}

// serverReply reads and judges the destination's first message.
func (s *Server) serverReply(c *clientConn, up net.Conn, buf []byte, rec *record) []byte {
	up.SetReadDeadline(time.Now().Add(c.cfg.limits.HelloTimeout)) // until pump moves it
	buf, reply, dec := readServerReply(up, buf)
	if dec.Allow {
		if reply.Kind == hello.ServerHello {
			rec.negotiated = hello.VersionName(reply.Version)
		}
		dec = judgeServer(c.cfg.opts.Policy, reply)
	}
	rec.dec = merge(rec.dec, dec)
	if !s.proceed(rec) {
		s.refuse(c, rec, reply.Version)
		return nil
	}
	c.conn.SetWriteDeadline(time.Now().Add(c.cfg.limits.IdleTimeout))
	n, err := c.conn.Write(buf)
	c.conn.SetWriteDeadline(time.Time{})
	rec.down += int64(n)
	if err != nil {
		c.close()
		return nil
	}
	return buf
}

// merge combines the client-side decision with the server-side one. A
// refusal audit mode cannot lift wins; otherwise the first refusal is
// kept, so that an audited tunnel names the client's shortfall first.
func merge(client, server Decision) Decision {
	switch {
	case !server.Allow && !server.Auditable():
		return server
	case !client.Allow:
		return client
	case !server.Allow || client.Reason == ReasonOK:
		return server
	}
	return client
}

// readServerReply reads from r until buf holds the destination's first
// message: a ServerHello, a HelloRetryRequest or an alert.
func readServerReply(r io.Reader, buf []byte) ([]byte, hello.ServerReply, Decision) {
	var s recordScanner
	for {
		if s.ready(buf) {
			reply, err := hello.ParseServerReply(buf)
			switch {
			case err == nil:
				return buf, reply, allow(ReasonOK)
			case errors.Is(err, hello.ErrNotTLS):
				return buf, reply, deny(ReasonServerNotTLS, "the destination's reply is not TLS")
			case !errors.Is(err, hello.ErrIncomplete):
				return buf, reply, deny(ReasonServerNoReply, err.Error())
			}
		}
		var dec Decision
		if buf, dec = readMore(r, buf, "server reply"); !dec.Allow {
			return buf, hello.ServerReply{}, deny(ReasonServerNoReply, dec.Detail)
		}
	}
}
