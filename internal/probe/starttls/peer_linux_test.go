//go:build linux

package starttls

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// peerStartTimeout bounds how long a real server may take to listen.
const peerStartTimeout = 60 * time.Second

// needPeer skips the test, or fails it in CI (CI=true), when a real peer
// cannot be run here.
func needPeer(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s; CI must provide it", msg)
	}
	t.Skip(msg)
}

// findBinary returns the first of paths that is executable, looking names
// without a slash up on PATH, or "".
func findBinary(paths ...string) string {
	for _, p := range paths {
		if found, err := exec.LookPath(p); err == nil {
			return found
		}
	}
	return ""
}

// account is the user a server runs as: nil for the current user.
type account struct {
	cred *syscall.Credential
}

// accountFor returns name's account when running as root (servers such as
// PostgreSQL refuse root), and the current user's otherwise.
func accountFor(t *testing.T, name string) (account, error) {
	if os.Geteuid() != 0 {
		return account{}, nil
	}
	u, err := user.Lookup(name)
	if err != nil {
		return account{}, fmt.Errorf("look up user %s: %w", name, err)
	}
	uid, _ := strconv.ParseUint(u.Uid, 10, 32)
	gid, _ := strconv.ParseUint(u.Gid, 10, 32)
	return account{cred: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}, nil
}

// command returns a command that runs as the account, its output going
// to logFile.
func (a account) command(t *testing.T, logFile string, name string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: a.cred, Setpgid: true}
	f, err := os.OpenFile(logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	cmd.Stdout, cmd.Stderr = f, f
	return cmd
}

// chown gives paths to the account.
func (a account) chown(t *testing.T, paths ...string) {
	t.Helper()
	if a.cred == nil {
		return
	}
	for _, p := range paths {
		if err := os.Chown(p, int(a.cred.Uid), int(a.cred.Gid)); err != nil {
			t.Fatal(err)
		}
	}
}

// peerDir makes a private temporary directory owned by the account and
// removes it after the test.
func peerDir(t *testing.T, a account, prefix string) string {
	t.Helper()
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	a.chown(t, dir)
	return dir
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startPeer starts cmd, stops it (SIGTERM, then SIGKILL) after the test,
// and waits until addr accepts connections; it fails with the log's tail
// if the server exits or is not listening within peerStartTimeout.
func startPeer(t *testing.T, cmd *exec.Cmd, addr, logFile string) {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", cmd.Path, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() { stopPeer(cmd, exited) })
	deadline := time.Now().Add(peerStartTimeout)
	for time.Now().Before(deadline) {
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			c.Close()
			return
		}
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("%s exited before listening (%v):\n%s", cmd.Path, err, logTail(logFile))
		case <-time.After(100 * time.Millisecond):
		}
	}
	t.Fatalf("%s not listening on %s after %v:\n%s", cmd.Path, addr, peerStartTimeout, logTail(logFile))
}

// stopPeer ends the server process group it started and waits for it.
func stopPeer(cmd *exec.Cmd, exited chan error) {
	pgid := cmd.Process.Pid
	syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(15 * time.Second):
		syscall.Kill(-pgid, syscall.SIGKILL)
		<-exited
	}
}

// run runs cmd to completion or fails with its log.
func run(t *testing.T, cmd *exec.Cmd, logFile string) {
	t.Helper()
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v:\n%s", cmd.Path, err, logTail(logFile))
	}
}

// logTail returns the last 2 KB of a log file.
func logTail(path string) string {
	b, _ := os.ReadFile(path)
	return string(b[max(0, len(b)-2048):])
}

// newestVersion returns the match of pattern (such as
// "/usr/lib/postgresql/*/bin/initdb", with one wildcard) whose wildcard
// part is the highest version number ("15" above "9.6"), or "".
func newestVersion(pattern string) string {
	m, _ := filepath.Glob(pattern)
	prefix, _, _ := strings.Cut(pattern, "*")
	version := func(p string) float64 {
		v, _, _ := strings.Cut(strings.TrimPrefix(p, prefix), "/")
		f, _ := strconv.ParseFloat(v, 64)
		return f
	}
	best := ""
	for _, p := range m {
		if best == "" || version(p) > version(best) {
			best = p
		}
	}
	return best
}
