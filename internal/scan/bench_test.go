package scan_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/scan"
	"github.com/tlsfloor/tlsfloor/internal/scan/rules"
)

// benchFiles are the kinds of file in the generated tree, in the
// proportions of a service repository: mostly Go, some manifests.
var benchFiles = []struct {
	name    string
	content string
}{
	{name: "server_%d.go", content: "package svc\n\nimport (\n\t\"crypto/tls\"\n\t\"net/http\"\n)\n\n" + strings.Repeat(
		"func handler%[1]d(w http.ResponseWriter, r *http.Request) {\n\tcfg := &tls.Config{MinVersion: tls.VersionTLS12}\n\t_ = cfg\n\tw.WriteHeader(http.StatusOK)\n}\n\n", 12)},
	{name: "client_%d.go", content: "package svc\n\nimport \"crypto/tls\"\n\nvar legacy = &tls.Config{MinVersion: tls.VersionTLS10}\n"},
	{name: "deploy_%d.yaml", content: "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          env:\n            - name: GODEBUG\n              value: tls10server=1\n"},
	{name: "README_%d.md", content: strings.Repeat("Some documentation.\n", 40)},
	{name: "Dockerfile.%d", content: "FROM golang:1.26\nENV GODEBUG=http2client=0\nRUN go build ./...\n"},
}

// benchTree writes dirs directories of the files above and returns the
// root and the number of files.
func benchTree(b *testing.B, dirs int) (string, int) {
	b.Helper()
	root := b.TempDir()
	n := 0
	for d := range dirs {
		dir := filepath.Join(root, fmt.Sprintf("pkg%03d", d))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		for i, f := range benchFiles {
			name := fmt.Sprintf(f.name, i)
			if err := os.WriteFile(filepath.Join(dir, name), []byte(f.content), 0o644); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	return root, n
}

// BenchmarkScan scans a generated tree of 2,000 files with every rule
// and reports files per second.
func BenchmarkScan(b *testing.B) {
	root, n := benchTree(b, 400)
	opts := scan.Options{Rules: rules.All()}
	b.ResetTimer()
	for b.Loop() {
		res, err := scan.Scan(context.Background(), []string{root}, opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Findings) == 0 {
			b.Fatal("no findings")
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}

// BenchmarkScanTree scans the directories in TLSFLOOR_BENCH_TREE
// (colon-separated), as bench/ TestScanPeers does, for profiling:
//
//	TLSFLOOR_BENCH_TREE=$(go env GOROOT)/src go test ./internal/scan -run '^$' -bench ScanTree -cpuprofile cpu.out
func BenchmarkScanTree(b *testing.B) {
	tree := os.Getenv("TLSFLOOR_BENCH_TREE")
	if tree == "" {
		b.Skip("set TLSFLOOR_BENCH_TREE to the directories to scan")
	}
	opts := scan.Options{Rules: rules.All(), IncludeVendor: true}
	read := 0
	for b.Loop() {
		res, err := scan.Scan(context.Background(), filepath.SplitList(tree), opts)
		if err != nil {
			b.Fatal(err)
		}
		read = res.Summary.Read
	}
	b.ReportMetric(float64(read)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}
