package lab

import (
	"bytes"
	"errors"
	"net"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// startTimeout bounds how long a server may take to come up.
const startTimeout = 15 * time.Second

// initTimeout bounds a one-off setup command such as initdb, which can be
// slow on a busy machine.
const initTimeout = 45 * time.Second

// stopTimeout bounds how long a server may take to stop gently before it
// and its children are killed.
const stopTimeout = 5 * time.Second

// maxLog caps what is kept of a server's output.
const maxLog = 1 << 20

// logBuffer keeps the first maxLog bytes a process writes; safe for
// concurrent use.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write keeps p while there is room, and always reports success so the
// process never blocks on its output.
func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if room := maxLog - l.buf.Len(); room > 0 {
		l.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// String returns the output kept so far.
func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// proc is a server process started by the lab.
type proc struct {
	name string
	cmd  *exec.Cmd
	log  *logBuffer
	done chan struct{} // closed when the process has exited
	err  error         // its exit status, once done is closed
}

// procSpec says how to start a process.
type procSpec struct {
	name      string   // for messages
	argv      []string // program and arguments
	dir       string   // working directory, "" for the test's
	runAs     string   // user to run as when the test runs as root, "" for self
	interrupt bool     // stop with an interrupt (fast shutdown) rather than a terminate
}

// start runs spec in its own process group, with its output in a log, and
// stops the group at the test's cleanup.
func start(t testing.TB, spec procSpec) *proc {
	t.Helper()
	cmd := exec.Command(spec.argv[0], spec.argv[1:]...)
	cmd.Dir = spec.dir
	p := &proc{name: spec.name, cmd: cmd, log: &logBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.log, p.log
	cmd.WaitDelay = time.Second
	if err := isolate(cmd, spec.runAs); err != nil {
		t.Fatalf("lab: %s: %v", spec.name, err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("lab: start %s (%s): %v", spec.name, strings.Join(spec.argv, " "), err)
	}
	go func() { p.err = cmd.Wait(); close(p.done) }()
	t.Cleanup(func() { p.stop(spec.interrupt) })
	return p
}

// stop asks the process group to end, then kills it if it has not ended
// within stopTimeout, and waits for the process.
func (p *proc) stop(interrupt bool) {
	select {
	case <-p.done:
		killGroup(p.cmd) // children may outlive their parent
		return
	default:
	}
	signalGroup(p.cmd, interrupt)
	select {
	case <-p.done:
	case <-time.After(stopTimeout):
	}
	killGroup(p.cmd)
	<-p.done
}

// exited reports whether the process has ended.
func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// waitUntil polls ready until it returns true, the process exits or
// startTimeout passes; in the last two cases it fails the test with the
// process's log.
func (p *proc) waitUntil(t testing.TB, what string, ready func() bool) {
	t.Helper()
	deadline := time.Now().Add(startTimeout)
	for !ready() {
		if p.exited() {
			t.Fatalf("lab: %s exited (%v) before %s; its log:\n%s", p.name, p.err, what, p.log)
		}
		if time.Now().After(deadline) {
			t.Fatalf("lab: %s: no %s within %v; its log:\n%s", p.name, what, startTimeout, p.log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitListening waits until addr accepts TCP connections.
func (p *proc) waitListening(t testing.TB, addr string) {
	t.Helper()
	p.waitUntil(t, "listener on "+addr, func() bool { return canDial(addr) })
}

// canDial reports whether a TCP connection to addr succeeds.
func canDial(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// run runs a setup command to completion within initTimeout and fails
// the test with its output if it fails.
func run(t testing.TB, spec procSpec) string {
	t.Helper()
	out, err := runErr(spec)
	if err != nil {
		t.Fatalf("lab: %s: %v; its output:\n%s", spec.name, err, out)
	}
	return out
}

// runErr runs a setup command to completion within initTimeout and
// returns its combined output.
func runErr(spec procSpec) (string, error) {
	cmd := exec.Command(spec.argv[0], spec.argv[1:]...)
	cmd.Dir = spec.dir
	var out logBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.WaitDelay = time.Second
	if err := isolate(cmd, spec.runAs); err != nil {
		return "", err
	}
	if err := cmd.Start(); err != nil {
		return "", err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return out.String(), err
	case <-time.After(initTimeout):
		killGroup(cmd)
		<-done
		return out.String(), errors.New("timed out after " + initTimeout.String())
	}
}
