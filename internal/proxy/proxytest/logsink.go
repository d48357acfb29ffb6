// Package proxytest holds what the proxy's tests in several packages share:
// a log destination that collects the proxy's decision lines.
package proxytest

import (
	"bytes"
	"encoding/json"
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
