//go:build unix

package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestOutputSpecialFiles writes reports to a FIFO and through a symlink:
// the FIFO must still be a FIFO afterwards (renaming a file over it, as
// for regular files, would replace it — and over /dev/null, replace the
// device), and the symlink must still be a symlink to the new report.
func TestOutputSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- b
	}()
	writeReport(t, fifo, "through the pipe\n")
	if b := <-got; string(b) != "through the pipe\n" {
		t.Errorf("read %q from the FIFO", b)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("after the report, %s is %v (%v), want still a FIFO", fifo, fi.Mode(), err)
	}

	target := filepath.Join(dir, "report.txt")
	link := filepath.Join(dir, "latest.txt")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	writeReport(t, link, "via the link\n")
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if b, _ := os.ReadFile(target); !bytes.Equal(b, []byte("via the link\n")) {
		t.Errorf("target holds %q", b)
	}
}

func writeReport(t *testing.T, path, text string) {
	t.Helper()
	out, err := openOutput(io.Discard, path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.abort()
	if _, err := io.WriteString(out, text); err != nil {
		t.Fatal(err)
	}
	if err := out.commit(); err != nil {
		t.Fatal(err)
	}
}
