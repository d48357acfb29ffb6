//go:build linux

package bench

import (
	"syscall"
	"testing"
)

// raiseFDLimit makes sure the process may hold need file descriptors:
// if the soft RLIMIT_NOFILE is lower it is raised, within the hard
// limit, and restored at cleanup. Go already raises the soft limit to
// the hard one at start-up, so this matters only under a low hard limit,
// where the benchmark fails with both limits named.
func raiseFDLimit(tb testing.TB, need uint64) {
	tb.Helper()
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		tb.Fatalf("getrlimit: %v", err)
	}
	if lim.Cur >= need {
		return
	}
	if lim.Max < need {
		tb.Fatalf("%d open files needed; soft limit %d, hard limit %d (raise the hard limit: ulimit -Hn)", need, lim.Cur, lim.Max)
	}
	old := lim
	lim.Cur = need
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		tb.Fatalf("setrlimit: %v", err)
	}
	tb.Logf("raised the soft limit on open files from %d to %d (hard limit %d)", old.Cur, need, old.Max)
	tb.Cleanup(func() { syscall.Setrlimit(syscall.RLIMIT_NOFILE, &old) })
}
