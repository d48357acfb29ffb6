package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

func TestPlanFDs(t *testing.T) {
	const infinity = ^uint64(0) // RLIM_INFINITY
	tests := []struct {
		name        string
		maxConns    int
		soft, hard  uint64
		need, raise uint64
		fits        int
		short       bool
	}{
		{name: "default, room to raise", maxConns: 4096, soft: 1024, hard: 1 << 20, need: 24640, raise: 24640, fits: 4096},
		{name: "default, soft high already", maxConns: 4096, soft: 1<<20 - 1, hard: 1 << 20, need: 24640, fits: 4096},
		{name: "exactly enough", maxConns: 4096, soft: 24640, hard: 24640, need: 24640, fits: 4096},
		{name: "one short", maxConns: 4096, soft: 24639, hard: 24639, need: 24640, fits: 4095, short: true},
		{name: "hard limit short", maxConns: 4096, soft: 1024, hard: 4096, need: 24640, raise: 4096, fits: 672, short: true},
		{name: "no room to raise", maxConns: 4096, soft: 1024, hard: 1024, need: 24640, fits: 160, short: true},
		{name: "below the margin", maxConns: 10, soft: 10, hard: 50, need: 124, raise: 50, fits: 0, short: true},
		{name: "unlimited hard limit", maxConns: 4096, soft: 1024, hard: infinity, need: 24640, raise: 24640, fits: 4096},
		{name: "small cap", maxConns: 1, soft: 1024, hard: 1024, need: 70, fits: 1},
		{name: "large cap", maxConns: 100000, soft: 1 << 20, hard: 1 << 20, need: 600064, fits: 100000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := planFDs(tt.maxConns, tt.soft, tt.hard)
			want := fdPlan{need: tt.need, raise: tt.raise, fits: tt.fits, short: tt.short}
			if got != want {
				t.Errorf("planFDs(%d, %d, %d) = %+v, want %+v", tt.maxConns, tt.soft, tt.hard, got, want)
			}
		})
	}
}

// fdsHelperEnv makes the test binary run TestOpenFilesHelper as a child
// process: "soft hard maxConns".
const fdsHelperEnv = "TLSFLOOR_TEST_FDS_HELPER"

// TestCheckOpenFiles lowers RLIMIT_NOFILE in a child process (the test
// binary itself), runs the check there, and reads back what it set and
// logged: the limit is the process's, so the test's own stays untouched.
func TestCheckOpenFiles(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the open files limit is checked on Linux only")
	}
	if _, hard, _ := openFilesLimit(); hard < 8000 {
		t.Skipf("the hard open files limit %d is below the 8000 this test uses", hard)
	}
	tests := []struct {
		name       string
		soft, hard uint64
		maxConns   int
		wantSoft   uint64
		warn       bool
		fits       int
	}{
		{name: "raised to fit", soft: 256, hard: 8000, maxConns: 1000, wantSoft: 6064},
		{name: "raised to the hard limit, still short", soft: 256, hard: 1000, maxConns: 4096, wantSoft: 1000, warn: true, fits: 156},
		{name: "enough already", soft: 1000, hard: 1000, maxConns: 100, wantSoft: 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestOpenFilesHelper$")
			cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d %d %d", fdsHelperEnv, tt.soft, tt.hard, tt.maxConns))
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("helper: %v\n%s", err, out)
			}
			if !strings.Contains(string(out), fmt.Sprintf("soft limit now %d\n", tt.wantSoft)) {
				t.Errorf("want soft limit %d:\n%s", tt.wantSoft, out)
			}
			line := logLine(out, "open files limit too low for max_conns")
			if tt.warn != (line != nil) || tt.warn != strings.Contains(string(out), "tlsfloor: warning: max_conns ") {
				t.Fatalf("warning logged and printed = %v, want %v:\n%s", line != nil, tt.warn, out)
			}
			if tt.warn && (line["max_conns_that_fit"] != float64(tt.fits) || line["hard_limit"] != float64(tt.hard) || line["fds_needed"] != float64(24640)) {
				t.Errorf("warning %v, want max_conns_that_fit %d, hard_limit %d, fds_needed 24640", line, tt.fits, tt.hard)
			}
		})
	}
}

// TestOpenFilesHelper is the child process of TestCheckOpenFiles.
func TestOpenFilesHelper(t *testing.T) {
	spec := os.Getenv(fdsHelperEnv)
	if spec == "" {
		t.Skip("runs as TestCheckOpenFiles's child process only")
	}
	f := strings.Fields(spec)
	soft, _ := strconv.ParseUint(f[0], 10, 64)
	hard, _ := strconv.ParseUint(f[1], 10, 64)
	maxConns, _ := strconv.Atoi(f[2])
	if err := setOpenFilesLimit(soft, hard); err != nil {
		t.Fatal(err)
	}
	env := &Env{Stderr: os.Stdout}
	checkOpenFiles(env, slog.New(slog.NewJSONHandler(os.Stdout, nil)), maxConns)
	now, _, _ := openFilesLimit()
	fmt.Printf("soft limit now %d\n", now)
}

// logLine returns the JSON log line with message msg in out, or nil.
func logLine(out []byte, msg string) map[string]any {
	for _, line := range bytes.Split(out, []byte("\n")) {
		var m map[string]any
		if json.Unmarshal(line, &m) == nil && m["msg"] == msg {
			return m
		}
	}
	return nil
}
