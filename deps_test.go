package tlsfloor_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyRules checks the module's layout promises with go list:
// only awsfloor imports the AWS SDK, the library packages import nothing
// outside the standard library and this module, and libraries do not log.
func TestDependencyRules(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}|{{join .Imports \",\"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "github.com/tlsfloor/tlsfloor"
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, "|")
		for _, imp := range strings.Split(imports, ",") {
			switch {
			case strings.HasPrefix(imp, "github.com/aws/") && pkg != mod+"/awsfloor":
				t.Errorf("%s imports %s: only awsfloor may import the AWS SDK", pkg, imp)
			case pkg == mod && !stdlib(imp) && !strings.HasPrefix(imp, mod+"/internal/"):
				t.Errorf("the tlsfloor package imports %s: it must stay standard library only", imp)
			case (imp == "log" || imp == "log/slog") && library(pkg):
				t.Errorf("%s imports %s: libraries do not log", pkg, imp)
			}
		}
	}
}

// stdlib reports whether an import path is in the standard library: its
// first element has no dot.
func stdlib(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// library reports whether pkg is a library rather than a command (cmd/
// and internal/cli, whose proxy command sets up the daemon's logger), a
// long-running component, or a test helper (tlslab imports log only to
// silence its servers' expected handshake errors; proxytest gives the
// proxy it starts its logger).
func library(pkg string) bool {
	for _, daemon := range []string{"/internal/cli", "/internal/proxy", "/internal/proxy/proxytest", "/internal/tlslab"} {
		if strings.HasSuffix(pkg, daemon) {
			return false
		}
	}
	return !strings.Contains(pkg, "/cmd/")
}
