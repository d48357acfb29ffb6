package scan

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/rules"
)

// Bad input: each case is a file the scan cannot read, or cannot read
// whole, next to one it can. The scan must go on, name the file in a note
// with the reason, and count it in the summary.

// skipCount returns the summary's count for reason.
func skipCount(s finding.Summary, reason string) int {
	for _, k := range s.Skipped {
		if k.Reason == reason {
			return k.Count
		}
	}
	return 0
}

// noteFor returns the note on path, or fails.
func noteFor(t *testing.T, res *Result, path string) Note {
	t.Helper()
	for _, n := range res.Notes {
		if n.Path == path {
			return n
		}
	}
	t.Fatalf("no note on %s; notes: %v", path, res.Notes)
	return Note{}
}

// hasFinding reports whether a finding of rule is on path.
func hasFinding(res *Result, path, rule string) bool {
	for _, f := range res.Findings {
		if f.Location.Path == path && f.RuleID == rule {
			return true
		}
	}
	return false
}

func TestScanUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, which reads files whatever their mode; TestScanUnreadableAsRoot covers the case")
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"secret.go": "BAD\n", "ok.go": "BAD\n"})
	if err := os.Chmod(filepath.Join(dir, "secret.go"), 0); err != nil {
		t.Fatal(err)
	}
	res, err := Scan(context.Background(), []string{dir}, Options{Rules: testRules()})
	if err != nil {
		t.Fatal(err)
	}
	if n := noteFor(t, res, "secret.go"); n.Reason != SkipUnreadable || !os.IsPermission(n.Err) {
		t.Errorf("note %v, want %s with a permission error", n, SkipUnreadable)
	}
	if skipCount(res.Summary, SkipUnreadable) != 1 || res.Summary.Read != 1 || !hasFinding(res, "ok.go", "TF-TEST-001") {
		t.Errorf("summary %+v, findings %v: want ok.go read and secret.go counted unreadable", res.Summary, res.Findings)
	}
}

// TestScanUnreadableAsRoot reads /proc/self/mem, which even root cannot
// read from its start (the page at address 0 is not mapped): the open
// succeeds and the read fails.
func TestScanUnreadableAsRoot(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/proc/self/mem is Linux's")
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"ok.go": "BAD\n"})
	res, err := Scan(context.Background(), []string{dir, "/proc/self/mem"}, Options{Rules: testRules()})
	if err != nil {
		t.Fatal(err)
	}
	var mem *Note
	for i, n := range res.Notes {
		if strings.HasSuffix(n.Path, "/mem") {
			mem = &res.Notes[i]
		}
	}
	if mem == nil || mem.Reason != SkipUnreadable || mem.Err == nil {
		t.Fatalf("notes %v: want /proc/<pid>/mem unreadable with its error", res.Notes)
	}
	if skipCount(res.Summary, SkipUnreadable) != 1 || res.Summary.Read != 1 {
		t.Errorf("summary %+v: want 1 read, 1 unreadable", res.Summary)
	}
}

func TestScanInvalidUTF8(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"latin1.go": "// caf\xe9 \xff\xfe\nx := BAD \xc3\n",
		"main.tf":   "# \xff\xfe\xfd\nresource \"aws_lb_listener\" \"a\" {\n  protocol = \"HTTPS\"\n  ssl_policy = \"ELBSecurityPolicy-2016-08\" # caf\xe9\n}\n",
	})
	res, err := Scan(context.Background(), []string{dir}, Options{Rules: append(testRules(), rules.All()...)})
	if err != nil {
		t.Fatal(err)
	}
	if !hasFinding(res, "latin1.go", "TF-TEST-001") || !hasFinding(res, "main.tf", "TF-IAC-001") {
		t.Errorf("findings %v: want the Go and Terraform findings despite invalid UTF-8", res.Findings)
	}
	if res.Summary.Read != 2 || len(res.Notes) != 0 {
		t.Errorf("summary %+v, notes %v: want both files read, no note", res.Summary, res.Notes)
	}
}

// TestScanHugeFile scans a 100 MB file (sparse, so the test writes
// little): it is skipped by its size before any of it is read, and
// noted with the reason.
func TestScanHugeFile(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"ok.go": "BAD\n"})
	huge, err := os.Create(filepath.Join(dir, "huge.go"))
	if err != nil {
		t.Fatal(err)
	}
	if err := huge.Truncate(100 << 20); err != nil {
		t.Skipf("cannot make a 100 MB file here: %v", err)
	}
	huge.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	res, err := Scan(context.Background(), []string{dir}, Options{Rules: testRules()})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	n := noteFor(t, res, "huge.go")
	if n.Reason != SkipTooLarge || n.Err == nil || !strings.Contains(n.Err.Error(), "104857600 bytes") {
		t.Errorf("note %v: want %q with the size", n, SkipTooLarge)
	}
	if skipCount(res.Summary, SkipTooLarge) != 1 || res.Summary.Read != 1 {
		t.Errorf("summary %+v: want 1 read, 1 too large", res.Summary)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Errorf("scan allocated %d bytes: the file was read", alloc)
	}
}

func TestScanDeepTree(t *testing.T) {
	dir := t.TempDir()
	const depth = 500 // 1,500 bytes of path below dir
	deep := dir
	for i := range depth {
		deep = filepath.Join(deep, "d"+string(rune('a'+i%26)))
	}
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Skipf("cannot make a tree %d deep here: %v", depth, err)
	}
	if err := os.WriteFile(filepath.Join(deep, "x.go"), []byte("BAD\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Scan(context.Background(), []string{dir}, Options{Rules: testRules()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || strings.Count(res.Findings[0].Location.Path, "/") != depth {
		t.Fatalf("findings %v: want the one at depth %d", res.Findings, depth)
	}
}

func TestScanSymlinkCycles(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a/x.go": "BAD\n", "outside/y.go": "BAD\n"})
	root := filepath.Join(dir, "a")
	symlinks(t, root, map[string]string{
		"self":   ".",                                // a loop to its own directory
		"up":     "..",                               // out of the root, to its parent
		"ping":   "pong",                             // two links naming each other
		"pong":   "ping",                             //
		"away":   filepath.Join(dir, "outside"),      // out of the root
		"abs.go": filepath.Join(dir, "outside/y.go"), // a file out of the root
	})
	res, err := Scan(context.Background(), []string{root}, Options{Rules: testRules()})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"self": SkipSymlinkLoop, "up": SkipSymlinkOutside, "away": SkipSymlinkOutside, "abs.go": SkipSymlinkOutside,
		"ping": SkipUnreadable, "pong": SkipUnreadable,
	}
	for path, reason := range want {
		if n := noteFor(t, res, path); n.Reason != reason {
			t.Errorf("%s: note %v, want %s", path, n, reason)
		}
	}
	if len(res.Findings) != 1 || res.Findings[0].Location.Path != "x.go" {
		t.Errorf("findings %v: want only x.go", res.Findings)
	}
	if skipCount(res.Summary, SkipSymlinkOutside) != 3 || skipCount(res.Summary, SkipSymlinkLoop) != 1 || skipCount(res.Summary, SkipUnreadable) != 2 {
		t.Errorf("summary %+v", res.Summary)
	}
}

// TestScanMalformedFiles scans project files the readers cannot finish
// with the real rules: each gets a note naming the line, the findings
// before the error are kept (YAML documents are read whole, so a broken
// one gives none), the scan goes on to the next file, and the
// summary counts the files checked in part.
func TestScanMalformedFiles(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"infra/main.tf": "resource \"aws_lb_listener\" \"a\" {\n  protocol = \"HTTPS\"\n  ssl_policy = \"ELBSecurityPolicy-2016-08\"\n}\n\nresource \"aws_lb\" \"b\" {\n  name = \"b\n",
		"infra/cfn.yaml": "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  L:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      Protocol: HTTPS\n" +
			"      SslPolicy: ELBSecurityPolicy-2016-08\n  M: [\n",
		"k8s/ingress.yaml": "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  annotations: {a: [\n",
		"app/App.csproj":   "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net45</TargetFramework>\n  <PropertyGroup>\n</Project>\n",
		"app/web.config":   "<configuration>\n  <system.web>\n    <httpRuntime targetFramework=\"4.5\" />\n  </system.web\n",
		"go.mod":           "module m\n\ngo 1.22\n\ngodebug (\n\ttls10server=1\n",
		"broken.go":        "package main\n\nimport \"crypto/tls\"\n\nvar c = &tls.Config{MinVersion: tls.VersionTLS10}\n\nfunc {\n",
		"good/main.tf":     "resource \"aws_lb_listener\" \"c\" {\n  protocol = \"HTTPS\"\n  ssl_policy = \"ELBSecurityPolicy-TLS-1-1-2017-01\"\n}\n",
	})
	res, err := Scan(context.Background(), []string{dir}, Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	wantLines := map[string]string{
		"infra/main.tf": "HCL at line 7", "infra/cfn.yaml": "YAML at line ", "k8s/ingress.yaml": "YAML at line ",
		"app/App.csproj": "XML at line 5", "app/web.config": "XML at line ", "go.mod": "go.mod at line 5", "broken.go": "Go at line 7",
	}
	for path, want := range wantLines {
		n := noteFor(t, res, path)
		if n.Err == nil || !strings.Contains(n.Err.Error(), want) {
			t.Errorf("%s: note %v, want an error with %q", path, n, want)
		}
	}
	for _, f := range []struct{ path, rule string }{
		{"infra/main.tf", "TF-IAC-001"}, {"app/App.csproj", "TF-DOTNET-020"},
		{"app/web.config", "TF-DOTNET-011"}, {"broken.go", "TF-GO-001"}, {"good/main.tf", "TF-IAC-001"},
	} {
		if !hasFinding(res, f.path, f.rule) {
			t.Errorf("no %s finding on %s, which the reader saw before the error", f.rule, f.path)
		}
	}
	if got := skipCount(res.Summary, SkipPartial); got != len(wantLines) || res.Summary.Read != 1 {
		t.Errorf("summary %+v: want %d checked in part, 1 read", res.Summary, len(wantLines))
	}
}
