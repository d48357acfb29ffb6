package cli

import (
	"fmt"

	"github.com/tlsfloor/tlsfloor/internal/trail/cloudtrail"
)

// files shows a scan's progress, "trail: 1200/4000 files, 35/120 MB", on
// the progress line. A nil line does nothing, as when stderr is not a
// terminal.
func (p *progress) files(pr cloudtrail.Progress) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.shown = true
	fmt.Fprintf(p.w, "\r\033[K%s %d/%d files", p.label, pr.FilesDone, pr.Files)
	if pr.Bytes > 0 {
		fmt.Fprintf(p.w, ", %d/%d MB", pr.BytesDone>>20, pr.Bytes>>20)
	}
}
