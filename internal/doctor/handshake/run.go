package handshake

import (
	"context"
	"fmt"
	"net"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// Defaults for Options.
const (
	// DefaultTimeout bounds each client run. A JVM compiling the Java
	// probe takes one to two seconds of it.
	DefaultTimeout = 15 * time.Second
	// DefaultParallel is how many clients run at once.
	DefaultParallel = 2
)

// recordGrace is how long an attempt waits, after its client exits, for
// the server to finish recording the client's handshakes.
const recordGrace = 2 * time.Second

// Options configure Run. The zero value runs every client found with the
// defaults.
type Options struct {
	// Clients names the drivers to run, as ClientNames lists them; nil
	// runs all of them (those not installed are reported as skipped).
	Clients []string
	// Timeout bounds each client run and each server handshake; zero
	// means DefaultTimeout.
	Timeout time.Duration
	// Parallel is how many client runs may be in flight at once; zero
	// means DefaultParallel. Attempts on one server never overlap.
	Parallel int

	// drivers replaces the registry, for tests.
	drivers []driver
}

// ClientNames lists the client drivers Run knows, in report order.
func ClientNames() []string {
	var names []string
	for _, d := range drivers() {
		names = append(names, d.name)
	}
	return names
}

// Run starts the lab, drives each selected client against each server and
// stops everything before it returns. It fails only when the lab itself
// cannot run or ctx ends; a client that fails is an outcome, not an error.
func Run(ctx context.Context, opts Options) (*Report, error) {
	opts = opts.withDefaults()
	ds, err := opts.selected()
	if err != nil {
		return nil, err
	}
	l, err := startLab(opts.Timeout)
	if err != nil {
		return nil, fmt.Errorf("start handshake lab: %w", err)
	}
	defer l.close()
	if err := l.selfCheck(ctx); err != nil {
		return nil, err
	}
	rep := &Report{Servers: l.list(), Clients: l.prepare(ctx, ds, opts.Timeout)}
	l.attemptAll(ctx, ds, rep, opts)
	if err := ctx.Err(); err != nil {
		return rep, fmt.Errorf("handshake lab interrupted: %w", err)
	}
	return rep, nil
}

// withDefaults fills in zero fields.
func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Parallel <= 0 {
		o.Parallel = DefaultParallel
	}
	if o.drivers == nil {
		o.drivers = drivers()
	}
	return o
}

// selected returns the drivers o.Clients names, in registry order.
func (o Options) selected() ([]driver, error) {
	if o.Clients == nil {
		return o.drivers, nil
	}
	var out []driver
	for _, name := range o.Clients {
		i := slices.IndexFunc(o.drivers, func(d driver) bool { return d.name == name })
		if i < 0 {
			return nil, fmt.Errorf("unknown client %q (known: %s)", name, strings.Join(driverNames(o.drivers), ", "))
		}
		out = append(out, o.drivers[i])
	}
	return out, nil
}

func driverNames(ds []driver) []string {
	names := make([]string, len(ds))
	for i, d := range ds {
		names[i] = d.name
	}
	return names
}

// prepare finds each client and asks its version, or says why it is
// skipped.
func (l *lab) prepare(ctx context.Context, ds []driver, timeout time.Duration) []ClientResult {
	out := make([]ClientResult, len(ds))
	for i, d := range ds {
		out[i] = ClientResult{Name: d.name}
		path, err := exec.LookPath(d.bin)
		if err != nil {
			out[i].Skipped = d.bin + " not found on PATH"
			continue
		}
		out[i].Path, out[i].Version = path, clientVersion(ctx, path, d, timeout)
		if d.unsupported != nil {
			out[i].Skipped = d.unsupported(runtime.GOOS)
		}
	}
	return out
}

// clientVersion is the first line the client prints when asked its version.
func clientVersion(ctx context.Context, path string, d driver, timeout time.Duration) string {
	run := runClient(ctx, path, invocation{args: d.versionArgs}, timeout)
	for _, line := range strings.Split(run.out, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			return clip(line, 200)
		}
	}
	return "unknown"
}

// job is one client against one server.
type job struct{ client, server int }

// attemptAll runs every job on o.Parallel workers and stores each attempt
// in its place in rep.
func (l *lab) attemptAll(ctx context.Context, ds []driver, rep *Report, o Options) {
	jobs := l.jobs(rep)
	for i := range rep.Clients {
		if rep.Clients[i].Skipped == "" {
			rep.Clients[i].Results = make([]Attempt, len(l.servers))
		}
	}
	queue := make(chan job)
	var wg sync.WaitGroup
	for range o.Parallel {
		wg.Go(func() {
			for j := range queue {
				c := &rep.Clients[j.client]
				c.Results[j.server] = l.attempt(ctx, ds[j.client], c.Path, l.servers[j.server], o.Timeout)
			}
		})
	}
	for _, j := range jobs {
		queue <- j
	}
	close(queue)
	wg.Wait()
}

// jobs lists the attempts to run, client by client; each client starts at
// a different server so that parallel workers rarely wait for one.
func (l *lab) jobs(rep *Report) []job {
	var out []job
	n := len(l.servers)
	for ci, c := range rep.Clients {
		if c.Skipped != "" {
			continue
		}
		for k := range n {
			out = append(out, job{client: ci, server: (ci + k) % n})
		}
	}
	return out
}

// attempt runs client d against server s and classifies the result.
func (l *lab) attempt(ctx context.Context, d driver, path string, s *labServer, timeout time.Duration) Attempt {
	if err := ctx.Err(); err != nil {
		return Attempt{Server: s.Name, Outcome: Error, Detail: "not run: " + err.Error()}
	}
	host, port, _ := net.SplitHostPort(s.Addr)
	inv := d.command(target{host: host, port: port, caFile: l.caFile, dir: l.dir, timeout: timeout})
	s.open()
	run := runClient(ctx, path, inv, timeout)
	recs := s.shut(recordGrace)
	var acct account
	if d.account != nil {
		acct = d.account(run.out)
	}
	return classify(s.Server, run, recs, acct)
}
