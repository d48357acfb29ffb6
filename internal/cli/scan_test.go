package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// scanTree writes a tree with one finding of each severity that matters
// here: high (TF-GO-001) and low (TF-GO-007).
func scanTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"main.go": "package main\n\nimport \"crypto/tls\"\n\nvar c = &tls.Config{MinVersion: tls.VersionTLS10}\n",
		"app.env": "GODEBUG=tlsmlkem=0\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestScanExitCodes(t *testing.T) {
	dir := scanTree(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{name: "text fails on low", args: []string{"scan", dir}, code: ExitFindings,
			stdout: []string{"main.go:5:21: high TF-GO-001", "app.env:1:9: low TF-GO-007", "scan: 2 findings in 2 files read"},
			stderr: []string{"2 findings matched --fail-on low"}},
		{name: "fail on high", args: []string{"scan", "--fail-on", "high", dir}, code: ExitFindings, stderr: []string{"1 finding matched --fail-on high"}},
		{name: "fail on critical", args: []string{"scan", "--fail-on", "critical", dir}, code: ExitOK},
		{name: "json exits 0", args: []string{"scan", "--format", "json", dir}, code: ExitOK, stdout: []string{`"schema": "tlsfloor.scan/v1"`}},
		{name: "sarif exits 0", args: []string{"scan", "--format", "sarif", dir}, code: ExitOK, stdout: []string{`"ruleId": "TF-GO-001"`}},
		{name: "rules", args: []string{"scan", "--rules"}, code: ExitOK, stdout: []string{"TF-GO-009", "TF-SCAN-SUPPRESS"}},
		{name: "bad size", args: []string{"scan", "--max-size", "ten", dir}, code: ExitUsage, stderr: []string{`invalid size "ten"`}},
		{name: "floor 1.3", args: []string{"scan", "--floor", "1.3", dir}, code: ExitUsage, stderr: []string{"scan judges against TLS 1.2"}},
		{name: "missing path", args: []string{"scan", filepath.Join(dir, "nowhere")}, code: ExitError, stderr: []string{"tlsfloor: error: scan: "}},
		{name: "bad baseline", args: []string{"scan", "--baseline", filepath.Join(dir, "main.go"), dir}, code: ExitError, stderr: []string{"tlsfloor: error: baseline "}},
		{name: "small max size", args: []string{"scan", "--max-size", "10", "--fail-on", "none", dir}, code: ExitOK,
			stdout: []string{"2 skipped (2 too large)"}, stderr: []string{"tlsfloor: warning: scan: app.env: too large: 19 bytes, over the 10-byte limit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runArgs(context.Background(), commands(), tt.args...)
			checkResult(t, got, tt.code, tt.stdout, tt.stderr)
		})
	}
}

func TestScanBaselineOfOtherCommand(t *testing.T) {
	dir := scanTree(t)
	report := filepath.Join(t.TempDir(), "doctor.json")
	doc := `{"schema": "tlsfloor.doctor/v1", "tool": {"name": "tlsfloor"}, "run": {"command": "doctor", "floor": "TLS 1.2", "started": "2024-01-01T00:00:00Z"}, "findings": [], "summary": {"unit": "components", "read": 0, "findings": 0, "suppressed": 0}}`
	if err := os.WriteFile(report, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	got := runArgs(context.Background(), commands(), "scan", "--baseline", report, dir)
	checkResult(t, got, ExitError, nil, []string{`is a "doctor" report, not a scan report`})
}

func TestSizeFlag(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{in: "1048576", want: 1 << 20},
		{in: "10MB", want: 10 << 20},
		{in: "10mb", want: 10 << 20},
		{in: "512 KiB", want: 512 << 10},
		{in: "2G", want: 2 << 30},
		{in: "7B", want: 7},
		{in: "0", wantErr: true},
		{in: "-1", wantErr: true},
		{in: "1.5MB", wantErr: true},
		{in: "MB", wantErr: true},
		{in: "9999999999GB", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var s sizeFlag
			err := s.Set(tt.in)
			if (err != nil) != tt.wantErr || !tt.wantErr && int64(s) != tt.want {
				t.Errorf("Set(%q) = %d, %v; want %d, error %v", tt.in, s, err, tt.want, tt.wantErr)
			}
		})
	}
	s := sizeFlag(10 << 20)
	if s.String() != "10MB" {
		t.Errorf("String() = %q, want 10MB", s.String())
	}
}
