package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestOutputStdout(t *testing.T) {
	for _, path := range []string{"", "-"} {
		var stdout bytes.Buffer
		o, err := openOutput(&stdout, path)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(o, "report\n")
		if err := o.commit(); err != nil || stdout.String() != "report\n" {
			t.Errorf("path %q: commit = %v, stdout %q", path, err, stdout.String())
		}
	}
}

func TestOutputFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.json")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	o, err := openOutput(io.Discard, path)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(o, "new\n")
	checkFile(t, path, "old\n")
	if err := o.commit(); err != nil {
		t.Fatal(err)
	}
	o.abort()
	checkFile(t, path, "new\n")
	checkOnlyFiles(t, dir, "r.json")
	if fi, err := os.Stat(path); err == nil && runtime.GOOS != "windows" && fi.Mode().Perm() != 0o644 {
		t.Errorf("mode = %v, want 0644", fi.Mode().Perm())
	}
}

func TestOutputAbort(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.json")
	o, err := openOutput(io.Discard, path)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(o, "partial")
	o.abort()
	checkOnlyFiles(t, dir)
	if err := o.commit(); err != nil {
		t.Errorf("commit after abort = %v", err)
	}
	checkOnlyFiles(t, dir)
}
