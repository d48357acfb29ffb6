//go:build unix

package handshake

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hangScript is a fake client that starts a child which hangs, records the
// child's pid, and hangs itself.
const hangScript = `#!/bin/sh
sleep 30 &
echo $! >> "$HANG_PIDS"
wait
`

// TestTimeoutKillsClient proves a client that hangs is reported as a
// timeout within the time given, and that its whole process group,
// children included, is killed.
func TestTimeoutKillsClient(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "hang.sh")
	if err := os.WriteFile(script, []byte(hangScript), 0o755); err != nil {
		t.Fatal(err)
	}
	pids := filepath.Join(dir, "pids")
	hang := driver{name: "hang", bin: script, versionArgs: []string{"version"},
		command: func(target) invocation { return invocation{env: []string{"HANG_PIDS=" + pids}} }}
	rep, err := Run(context.Background(), Options{Timeout: 500 * time.Millisecond, drivers: []driver{hang}})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	for _, a := range rep.Clients[0].Results {
		if a.Outcome != Timeout {
			t.Errorf("%s: got %s, want timeout", a.Server, a)
		}
	}
	assertDead(t, pids, 5) // one per attempt; the version query has no HANG_PIDS
}

// assertDead checks every pid recorded in file is gone.
func assertDead(t *testing.T, file string, want int) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fields := strings.Fields(string(data))
	if len(fields) != want {
		t.Errorf("recorded %d children, want %d", len(fields), want)
	}
	for _, f := range fields {
		pid, err := strconv.Atoi(f)
		if err != nil {
			t.Fatal(err)
		}
		if !gone(pid, 5*time.Second) {
			t.Errorf("child %d of a timed-out client still runs", pid)
		}
	}
}

// gone waits up to d for pid to exit. A killed child whose parent died
// first is reparented and may linger as a zombie until reaped: on Linux,
// /proc shows that state, which counts as gone.
func gone(pid int, d time.Duration) bool {
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if errors.Is(syscall.Kill(pid, 0), syscall.ESRCH) || zombie(pid) {
			return true
		}
	}
	return false
}

// zombie reports whether /proc says pid has exited but is not reaped.
func zombie(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	_, after, ok := strings.Cut(string(stat), ") ")
	return ok && strings.HasPrefix(after, "Z")
}
