// Package proxytest holds what the proxy's tests in several packages share:
// a proxy started on loopback for a test, and a log destination that
// collects its decision lines.
package proxytest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/proxy"
)

// LogSink is a slog JSON handler's destination, safe for concurrent
// writes, that reads back the proxy's decision lines.
type LogSink struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write implements io.Writer.
func (s *LogSink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

// String returns everything logged so far.
func (s *LogSink) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// Decisions returns the decision lines (message proxy.LogMessage) logged
// so far; a line that is not JSON fails the test.
func (s *LogSink) Decisions(t testing.TB) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(s.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q is not JSON: %v", line, err)
		}
		if m["msg"] == proxy.LogMessage {
			out = append(out, m)
		}
	}
	return out
}

// WaitDecisions waits, for at most five seconds, until n decision lines
// were logged: a tunnel's line is written when the tunnel ends, after
// its client saw the end.
func (s *LogSink) WaitDecisions(t testing.TB, n int) []map[string]any {
	t.Helper()
	for range 500 {
		if d := s.Decisions(t); len(d) >= n {
			return d
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("fewer than %d decision lines were logged: %v", n, s.Decisions(t))
	return nil
}

// Start serves opts on 127.0.0.1 until the test ends, logging every level
// as JSON to w, and returns the server and its address. At the end it
// shuts the server down and checks that Serve returned ErrServerClosed.
func Start(t testing.TB, opts proxy.Options, w io.Writer) (*proxy.Server, string) {
	t.Helper()
	srv, err := proxy.New(opts, slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatalf("proxy.New: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		if err := <-done; !errors.Is(err, proxy.ErrServerClosed) {
			t.Errorf("Serve returned %v, want ErrServerClosed", err)
		}
	})
	return srv, ln.Addr().String()
}
