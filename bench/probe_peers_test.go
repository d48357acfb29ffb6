//go:build unix

package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/probe/lab"
)

// peer is a scanner that tlsfloor is compared with, run as its Debian
// package installs it. Every command line targets 127.0.0.1 alone and
// does no DNS lookup.
type peer struct {
	tool    string // name in the table
	bin     string
	pkg     string // Debian package
	timeout time.Duration
	// subset says what part of the tool's checks is run, when not all.
	subset string
	// argv is the command line for host:port, writing its report to out.
	argv func(host, port, out string) []string
	// env is added to the environment of the run.
	env   []string
	parse func([]byte) (found, error)
}

// peers are the scanners of Debian 12 that report versions and groups.
// testssl.sh runs protocols (-p) and forward secrecy (-f, which lists
// the curves) only: its default run takes 50-90 s per endpoint.
var peers = []peer{
	{
		tool: "sslscan", bin: "sslscan", pkg: "sslscan", timeout: 60 * time.Second,
		argv: func(host, port, out string) []string {
			return []string{"--no-colour", "--xml=" + out, net.JoinHostPort(host, port)}
		},
		parse: parseSSLScan,
	},
	{
		tool: "nmap", bin: "nmap", pkg: "nmap", timeout: 60 * time.Second,
		// -n: no DNS; -Pn: no host discovery; -sT: plain connects; "+"
		// runs the script on a port nmap does not know as TLS.
		argv: func(host, port, out string) []string {
			return []string{"-n", "-Pn", "-sT", "-p", port, "--script", "+ssl-enum-ciphers", "-oX", out, host}
		},
		parse: parseNmap,
	},
	{
		tool: "testssl", bin: "testssl", pkg: "testssl.sh", timeout: 90 * time.Second,
		subset: "testssl ran -p -f (protocols, forward secrecy and curves) only",
		// --ip: no resolving; --nodns none: no DNS lookups of the
		// target; no --phone-out, so no OCSP or CRL fetches.
		argv: func(host, port, out string) []string {
			return []string{"--quiet", "--color", "0", "--warnings", "off", "--ip", host, "--nodns", "none",
				"--connect-timeout", "10", "--openssl-timeout", "10", "-p", "-f", "--jsonfile", out, net.JoinHostPort(host, port)}
		},
		// testssl learns what the local openssl can do by running
		// `openssl s_client -connect invalid.` for every curve, which
		// sends a DNS query for "invalid." each time; NXCONNECT, its own
		// workaround for slow resolvers, points them at 127.0.0.1:0.
		env:   []string{"NXCONNECT=127.0.0.1:0"},
		parse: parseTestssl,
	},
}

// installed reports the package version of the peer, or "" when its
// binary is missing.
func (p peer) installed() string {
	if _, err := exec.LookPath(p.bin); err != nil {
		return ""
	}
	out, err := exec.Command("dpkg-query", "-W", "-f", "${Version}", p.pkg).Output()
	if err != nil || len(out) == 0 {
		return "unknown version"
	}
	return string(out)
}

// run runs the peer against srv, unless the budget's deadline has
// passed, and judges what it reports.
func (p peer) run(t *testing.T, srv lab.Server, deadline time.Time) row {
	if p.installed() == "" {
		return failed(srv.Name, p.tool, 0, fmt.Sprintf("not installed (apt-get install -y %s)", p.pkg))
	}
	if time.Now().After(deadline) {
		return failed(srv.Name, p.tool, 0, "skipped: the comparison's time budget was spent")
	}
	host, port, err := net.SplitHostPort(srv.Addr)
	if err != nil || host != "127.0.0.1" {
		t.Fatalf("lab server %s is not on 127.0.0.1", srv)
	}
	out := filepath.Join(t.TempDir(), p.tool+".out")
	wall, stdout, err := runBounded(p.bin, p.argv(host, port, out), p.env, p.timeout)
	r := p.judge(srv, wall, out, stdout, err)
	if r.failure == "" && p.subset != "" {
		r.note = strings.TrimPrefix(r.note+"; "+p.subset, "; ")
	}
	return r
}

// judge turns a finished run into a row: a timeout or a missing or
// unreadable report is a failure; a non-zero exit with a report is noted.
func (p peer) judge(srv lab.Server, wall time.Duration, out string, stdout []byte, runErr error) row {
	if errors.Is(runErr, context.DeadlineExceeded) {
		return failed(srv.Name, p.tool, wall, fmt.Sprintf("timed out after %v", p.timeout))
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return failed(srv.Name, p.tool, wall, fmt.Sprintf("no report (%v); exit %v; output ends %q", err, runErr, tail(stdout, 200)))
	}
	f, err := p.parse(b)
	if err != nil {
		return failed(srv.Name, p.tool, wall, fmt.Sprintf("unreadable report: %v", err))
	}
	r := judged(srv.Name, p.tool, wall, f, srv.Expect)
	if runErr != nil {
		r.note = strings.TrimPrefix(r.note+"; "+runErr.Error(), "; ")
	}
	return r
}

// runBounded runs a command with env added to the environment, in a
// process group of its own that is killed with all its children when
// timeout passes, and returns its wall time and combined output. The
// error wraps context.DeadlineExceeded on timeout.
func runBounded(bin string, args, env []string, timeout time.Duration) (time.Duration, []byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // children left behind, if any
	}
	if ctx.Err() != nil {
		err = fmt.Errorf("%w: %v", ctx.Err(), err)
	}
	return wall, out.Bytes(), err
}

// tail returns the last n bytes of b, trimmed.
func tail(b []byte, n int) string {
	s := strings.TrimSpace(string(b))
	if len(s) > n {
		s = s[len(s)-n:]
	}
	return s
}

// TestRunBounded: a run past its timeout is killed with its children and
// says it timed out; env reaches the command.
func TestRunBounded(t *testing.T) {
	start := time.Now()
	_, _, err := runBounded("sh", []string{"-c", "sleep 30 & sleep 30"}, nil, 200*time.Millisecond)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 3*time.Second {
		t.Errorf("error %v after %v; want a timeout at once", err, time.Since(start))
	}
	_, out, err := runBounded("sh", []string{"-c", "echo $NXCONNECT"}, []string{"NXCONNECT=127.0.0.1:0"}, 5*time.Second)
	if err != nil || strings.TrimSpace(string(out)) != "127.0.0.1:0" {
		t.Errorf("output %q, error %v; want the variable's value", out, err)
	}
}
