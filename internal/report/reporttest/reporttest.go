// Package reporttest holds the runs that the format tests under
// internal/report share, and a golden-file helper. It is for tests only.
package reporttest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// Case is one run to report: what Start, Finding and End receive.
type Case struct {
	// Name names the golden file: testdata/<Name>.<ext>.
	Name     string
	Run      finding.Run
	Findings []finding.Finding
	Summary  finding.Summary
}

// Cases returns every shared run: a rich scan, an empty one, and a doctor
// run with mixed verdicts.
func Cases() []Case {
	return []Case{Rich(), Empty(), Mixed()}
}

// Feed hands c to h in order: Start, each Finding, End.
func Feed(h finding.Handler, c Case) error {
	if err := h.Start(c.Run); err != nil {
		return fmt.Errorf("start: %w", err)
	}
	for i, f := range c.Findings {
		if err := h.Finding(f); err != nil {
			return fmt.Errorf("finding %d: %w", i, err)
		}
	}
	if err := h.End(c.Summary); err != nil {
		return fmt.Errorf("end: %w", err)
	}
	return nil
}

// Golden compares got with the file at path. With update set it rewrites
// the file instead.
func Golden(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test with -update to accept)\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}
