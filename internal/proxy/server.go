package proxy

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// ErrServerClosed is returned by Serve after Shutdown. It wraps
// net.ErrClosed.
var ErrServerClosed = fmt.Errorf("proxy: server closed: %w", net.ErrClosed)

// Server is an HTTP CONNECT proxy that holds a TLS floor on its tunnels.
// Its methods are safe for concurrent use.
type Server struct {
	log     *slog.Logger
	cfg     atomic.Pointer[config]
	metrics *metrics

	mu        sync.Mutex
	listeners map[net.Listener]struct{}
	conns     map[*clientConn]struct{}
	closing   bool
}

// New checks opts and returns a Server. log receives one line per
// decision and the warnings of any weaker-than-default option; nil
// discards them.
func New(opts Options, log *slog.Logger) (*Server, error) {
	cfg, err := compile(opts)
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		log:       log,
		metrics:   newMetrics(),
		listeners: map[net.Listener]struct{}{},
		conns:     map[*clientConn]struct{}{},
	}
	s.cfg.Store(cfg)
	s.warn(cfg)
	return s, nil
}

// Reload checks opts and, if they are valid, makes new connections use
// them; connections already accepted keep the options they started with.
// Invalid options are refused whole: the old ones stay in force and the
// error says what is wrong.
func (s *Server) Reload(opts Options) error {
	cfg, err := compile(opts)
	if err != nil {
		return err
	}
	old := s.cfg.Swap(cfg)
	if old.upstream != nil {
		old.upstream.CloseIdleConnections()
	}
	s.warn(cfg)
	return nil
}

func (s *Server) warn(cfg *config) {
	for _, w := range cfg.warnings {
		s.log.Warn("insecure option", slog.String(FieldWarning, w))
	}
}

// Serve accepts connections on ln until Shutdown, and returns
// ErrServerClosed then. Serve closes ln. Other accept errors are returned,
// except temporary ones (too many open files), which are retried.
func (s *Server) Serve(ln net.Listener) error {
	if !s.track(ln) {
		ln.Close()
		return ErrServerClosed
	}
	defer s.untrack(ln)
	var delay time.Duration
	for {
		conn, err := ln.Accept()
		if err != nil {
			if s.isClosing() {
				return ErrServerClosed
			}
			if delay = backoff(delay); isTemporary(err) {
				time.Sleep(delay)
				continue
			}
			return fmt.Errorf("proxy: accept: %w", err)
		}
		delay = 0
		s.accept(conn)
	}
}

func backoff(d time.Duration) time.Duration {
	return min(max(2*d, 5*time.Millisecond), time.Second)
}

func isTemporary(err error) bool {
	var ne interface{ Temporary() bool }
	return errors.As(err, &ne) && ne.Temporary()
}

// accept starts serving conn, or refuses it over MaxConns.
func (s *Server) accept(conn net.Conn) {
	cfg := s.cfg.Load()
	c := &clientConn{conn: conn, cfg: cfg, start: time.Now()}
	if !s.add(c, cfg.limits.MaxConns) {
		s.refuseOverLimit(c)
		return
	}
	go s.serveConn(c)
}

func (s *Server) track(ln net.Listener) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false
	}
	s.listeners[ln] = struct{}{}
	return true
}

func (s *Server) untrack(ln net.Listener) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.listeners, ln)
}

// add registers c unless the server holds max connections already.
func (s *Server) add(c *clientConn, max int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.conns) >= max {
		return false
	}
	s.conns[c] = struct{}{}
	s.metrics.conns.Store(int64(len(s.conns)))
	return true
}

func (s *Server) remove(c *clientConn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.conns, c)
	s.metrics.conns.Store(int64(len(s.conns)))
}

func (s *Server) isClosing() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closing
}

// Shutdown stops accepting, closes connections that are between
// requests, and waits for live tunnels to end. When ctx is done first it
// closes the remaining connections and returns ctx's error.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	for ln := range s.listeners {
		ln.Close()
	}
	s.mu.Unlock()
	wait := time.Millisecond
	for {
		if s.closeIdle() == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			s.closeAll()
			return ctx.Err()
		case <-time.After(wait):
			wait = min(2*wait, 100*time.Millisecond)
		}
	}
}

// closeIdle closes connections waiting for a further request and returns
// how many connections are left.
func (s *Server) closeIdle() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		if c.idle.Load() {
			c.close()
		}
	}
	return len(s.conns)
}

func (s *Server) closeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		c.close()
	}
}
