package doctor

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/platform"
)

// buildGo builds a tiny main package whose go.mod says goLine and returns
// the binary's path.
func buildGo(t *testing.T, goLine string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":  "module example.com/old\n\ngo " + goLine + "\n",
		"main.go": "package main\n\nfunc main() {}\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(dir, "old")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestBinaryDefaultGODEBUG builds real Go binaries: one whose go.mod says
// go 1.21, which records tls10server=1 in DefaultGODEBUG, and one saying
// go 1.26, which records nothing. Only the first fails the check.
func TestBinaryDefaultGODEBUG(t *testing.T) {
	if testing.Short() {
		t.Skip("builds Go binaries")
	}
	tests := []struct {
		goLine  string
		godebug string // substring of DefaultGODEBUG; "" means none recorded
		verdict finding.Verdict
	}{
		{goLine: "1.21", godebug: "tls10server=1", verdict: finding.VerdictFail},
		{goLine: "1.26", godebug: "", verdict: finding.VerdictPass},
	}
	for _, tt := range tests {
		t.Run("go"+tt.goLine, func(t *testing.T) {
			rt, err := goBinary(buildGo(t, tt.goLine))
			if err != nil {
				t.Fatal(err)
			}
			got := rt.Settings["DefaultGODEBUG"]
			if (tt.godebug == "") != (got == "") || !strings.Contains(got, tt.godebug) {
				t.Fatalf("DefaultGODEBUG = %q, want it to contain %q", got, tt.godebug)
			}
			fs := Judge(Machine{Facts: platform.Facts{OS: platform.OS{Family: platform.OSLinux}, Runtimes: []platform.Runtime{rt}}}, platform.Floor{})
			if v := verdictOf(fs, "TF-PLAT-GO-TLS10SERVER"); v != tt.verdict {
				t.Errorf("TF-PLAT-GO-TLS10SERVER verdict = %q, want %q", v, tt.verdict)
			}
		})
	}
}

func TestBinaryNotGo(t *testing.T) {
	if _, err := goBinary("testdata/os-release.debian12"); err == nil || !strings.Contains(err.Error(), "not a Go binary") {
		t.Errorf("error = %v, want not a Go binary", err)
	}
}

func verdictOf(fs []finding.Finding, rule string) finding.Verdict {
	for _, f := range fs {
		if f.RuleID == rule {
			return f.Outcome()
		}
	}
	return ""
}
