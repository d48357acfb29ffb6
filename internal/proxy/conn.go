package proxy

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// clientConn is one accepted client connection.
type clientConn struct {
	conn  net.Conn
	cfg   *config
	start time.Time
	idle  atomic.Bool // waiting for a further request (upgrade mode)

	certIdentity string // of a verified client certificate

	mu       sync.Mutex
	upstream net.Conn
	closed   bool
}

// setUpstream records the destination connection so that Shutdown can
// close it; it reports false when the connection was closed already.
func (c *clientConn) setUpstream(up net.Conn) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.upstream = up
	return !c.closed
}

// setConn replaces the client connection by the TLS connection over it.
// Close may run concurrently (Shutdown), hence the lock.
func (c *clientConn) setConn(conn net.Conn) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.conn = conn
}

// close closes the client connection and its destination connection.
func (c *clientConn) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	c.conn.Close()
	if c.upstream != nil {
		c.upstream.Close()
	}
}

// serveConn reads requests from one client until a tunnel ends or the
// connection closes.
func (s *Server) serveConn(c *clientConn) {
	defer s.remove(c)
	defer c.close()
	if !s.handshake(c) {
		return
	}
	hr := &headerReader{r: c.conn}
	br := readerPool.Get().(*bufio.Reader)
	br.Reset(hr)
	defer putReader(br)
	for first := true; ; first = false {
		rec := c.newRecord()
		req, ok := s.readRequest(c, hr, br, rec, first)
		if !ok {
			return
		}
		if req.Method == http.MethodConnect {
			s.connect(c, req, br, rec) // sets the read deadline of its own
			return
		}
		c.conn.SetReadDeadline(time.Time{})
		if !s.plain(c, req, rec) {
			return
		}
	}
}

var readerPool = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 4096) }}

func putReader(br *bufio.Reader) {
	br.Reset(nil)
	readerPool.Put(br)
}

// headerReader bounds how much a request's line and headers may read.
type headerReader struct {
	r    io.Reader
	left int // bytes left; negative means unbounded
}

var errHeaderTooLarge = errors.New("request header too large")

func (h *headerReader) Read(p []byte) (int, error) {
	if h.left < 0 {
		return h.r.Read(p)
	}
	if h.left == 0 {
		return 0, errHeaderTooLarge
	}
	if len(p) > h.left {
		p = p[:h.left]
	}
	n, err := h.r.Read(p)
	h.left -= n
	return n, err
}

// readHead reads a request line and headers of at most maxHeaderBytes;
// the body, if any, is read from br afterwards without that bound.
func readHead(hr *headerReader, br *bufio.Reader) (*http.Request, error) {
	hr.left = maxHeaderBytes
	defer func() { hr.left = -1 }()
	return http.ReadRequest(br)
}

// readRequest reads one request within HeaderTimeout and checks its
// authorization. A refusal is answered, logged and reported as !ok. The
// read deadline is left in place for the caller to move or clear: each
// deadline set or cleared is timer work in the runtime.
func (s *Server) readRequest(c *clientConn, hr *headerReader, br *bufio.Reader, rec *record, first bool) (*http.Request, bool) {
	c.idle.Store(!first)
	c.conn.SetReadDeadline(time.Now().Add(c.cfg.limits.HeaderTimeout))
	req, err := readHead(hr, br)
	c.idle.Store(false)
	if err != nil {
		s.requestError(c, err, rec, first)
		return nil, false
	}
	rec.user, rec.dec = c.cfg.authorize(req)
	if rec.identity == "" {
		rec.identity = rec.user
	}
	if !rec.dec.Allow {
		rec.destination = req.Host
		s.refuseRequest(c, rec)
		return nil, false
	}
	return req, true
}

// requestError logs and answers a request that could not be read. A
// kept-alive connection that ends between requests is not a decision.
func (s *Server) requestError(c *clientConn, err error, rec *record, first bool) {
	status := 0
	switch {
	case !first && (errors.Is(err, io.EOF) || errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, net.ErrClosed)):
		return
	case errors.Is(err, io.EOF):
		rec.dec = deny(ReasonNoRequest, "client closed before sending a request")
	case errors.Is(err, os.ErrDeadlineExceeded):
		rec.dec = deny(ReasonHeaderTimeout, "no complete request within the header timeout")
	case errors.Is(err, errHeaderTooLarge):
		rec.dec, status = deny(ReasonBadRequest, "request header exceeds 32 KiB"), http.StatusRequestHeaderFieldsTooLarge
	default:
		rec.dec, status = deny(ReasonBadRequest, err.Error()), http.StatusBadRequest
	}
	s.finish(rec)
	if status != 0 {
		c.writeStatus(status, rec.dec, nil)
	}
}

// refuseOverLimit answers a connection over MaxConns; on a TLS listener
// it closes it unanswered, since answering would take a handshake.
func (s *Server) refuseOverLimit(c *clientConn) {
	rec := c.newRecord()
	rec.dec = deny(ReasonMaxConns, "the proxy holds its maximum number of connections")
	s.finish(rec)
	if c.cfg.listenTLS == nil {
		c.writeStatus(http.StatusServiceUnavailable, rec.dec, nil)
	}
	c.conn.Close()
}
