package handshake

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// waitDelay bounds how long a run waits for a killed client's output.
const waitDelay = 2 * time.Second

// outputLimit caps what is kept of a client's output.
const outputLimit = 256 << 10

// clientRun is what running one client process gave.
type clientRun struct {
	out      string // stdout then stderr
	err      error  // nil when the client exited 0
	started  bool
	timedOut bool
}

// runClient runs path with inv under timeout, in the minimal client
// environment, and kills its process group when the time is up.
func runClient(ctx context.Context, path string, inv invocation, timeout time.Duration) clientRun {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, inv.args...)
	cmd.Env = clientEnv(os.Environ(), inv.env)
	cmd.Stdin = strings.NewReader(inv.stdin)
	var stdout, stderr capped
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = waitDelay
	ownGroup(cmd)
	if err := cmd.Start(); err != nil {
		return clientRun{err: err}
	}
	err := cmd.Wait()
	killGroup(cmd)
	return clientRun{
		out:      stdout.String() + "\n" + stderr.String(),
		err:      err,
		started:  true,
		timedOut: errors.Is(ctx.Err(), context.DeadlineExceeded),
	}
}

// capped is a goroutine-safe buffer that keeps the first outputLimit bytes.
type capped struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write keeps what fits and reports all of p written, so that a chatty
// client is never blocked or failed by the cap.
func (c *capped) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if room := outputLimit - c.buf.Len(); room > 0 {
		c.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// String returns what was kept.
func (c *capped) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.String()
}
