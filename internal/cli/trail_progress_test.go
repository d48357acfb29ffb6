package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/trail/cloudtrail"
	"github.com/tlsfloor/tlsfloor/internal/trail/gen"
)

// TestTrailProgress feeds a scan's progress to the progress line: it must
// end on every file done, and be cleared.
func TestTrailProgress(t *testing.T) {
	dir := t.TempDir()
	if _, err := gen.Generate(dir, gen.Config{Seed: 1, Files: 5, RecordsPerFile: 10}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	p := &progress{w: &buf, label: "trail:"}
	opt := cloudtrail.Options{Progress: p.files, ProgressEvery: time.Nanosecond}
	if _, err := cloudtrail.Scan(context.Background(), []string{dir}, opt); err != nil {
		t.Fatal(err)
	}
	p.finish()
	out := buf.String()
	if !strings.Contains(out, "\r\033[Ktrail: 5/5 files") || !strings.HasSuffix(out, "\r\033[K") {
		t.Errorf("progress wrote %q", out)
	}
	var nilp *progress
	nilp.files(cloudtrail.Progress{Files: 1})
}
