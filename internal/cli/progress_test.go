package cli

import (
	"bytes"
	"strings"
	"testing"
)

func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	if p := newProgress(&buf, "x", 3); p != nil {
		t.Fatal("a buffer is not a terminal, yet progress is on")
	}
	p := &progress{w: &buf, label: "tlsfloor: probed", all: 3}
	for range 3 {
		p.step()
	}
	p.finish()
	out := buf.String()
	if !strings.Contains(out, "\rtlsfloor: probed 1/3") || !strings.Contains(out, "\rtlsfloor: probed 3/3") || !strings.HasSuffix(out, "\r\033[K") {
		t.Errorf("progress wrote %q", out)
	}
	var nilp *progress
	nilp.step()
	nilp.finish()
}
