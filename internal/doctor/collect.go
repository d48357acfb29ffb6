// Package doctor checks a machine against the knowledge base in
// internal/platform: it collects the facts (live from the machine it runs
// on, from a Go binary's build information, or from fleet snapshots and
// registry exports), judges them, and, with --handshake, proves what each
// client on the machine really negotiates.
//
// Collection never guesses: a fact it cannot read is left unknown and
// reported as an [Issue], with the reason (not installed, timed out,
// unreadable file).
package doctor

import (
	"context"
	"fmt"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/platform"
)

// DefaultTimeout bounds each command doctor runs to read a fact.
const DefaultTimeout = 10 * time.Second

// Issue is a fact doctor could not read.
type Issue struct {
	// Source names what was being read: "python3", "/etc/os-release".
	Source string
	// Err says why.
	Err error
}

// Error formats the issue as "source: reason".
func (i Issue) Error() string { return fmt.Sprintf("%s: %v", i.Source, i.Err) }

// LiveOptions tune live collection.
type LiveOptions struct {
	// Timeout bounds each command; zero means DefaultTimeout.
	Timeout time.Duration
	// Binaries are Go binaries whose build information is read.
	Binaries []string
	// Env is the environment the probes see and read (NODE_OPTIONS,
	// GODEBUG, JAVA_TOOL_OPTIONS, ...); nil means os.Environ().
	Env []string
}

// collector gathers facts and the issues met on the way.
type collector struct {
	opts   LiveOptions
	facts  platform.Facts
	issues []Issue
}

func (c *collector) issue(source string, err error) {
	c.issues = append(c.issues, Issue{Source: source, Err: err})
}

// Live collects the facts of the machine doctor runs on.
func Live(ctx context.Context, opts LiveOptions) (platform.Facts, []Issue) {
	if opts.Timeout == 0 {
		opts.Timeout = DefaultTimeout
	}
	c := &collector{opts: opts}
	c.collectOS(ctx)
	c.collectOpenSSL(ctx)
	c.collectRuntimes(ctx)
	for _, path := range opts.Binaries {
		c.collectBinary(path)
	}
	return c.facts, c.issues
}
