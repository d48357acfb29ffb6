package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// progress shows "probe: 12/40 endpoints" on one rewritten stderr line
// while a long run goes on, only when stderr is a terminal, at most ten
// times a second.
type progress struct {
	mu        sync.Mutex
	w         io.Writer
	label     string
	done, all int
	last      time.Time
	shown     bool
}

// newProgress returns a progress line on w, or nil (which does nothing)
// when w is not a terminal.
func newProgress(w io.Writer, label string, all int) *progress {
	if !isTerminal(w) {
		return nil
	}
	return &progress{w: w, label: label, all: all}
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// step counts one unit done and redraws the line if it is time to.
func (p *progress) step() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	if now := time.Now(); p.done == p.all || now.Sub(p.last) >= 100*time.Millisecond {
		p.last, p.shown = now, true
		fmt.Fprintf(p.w, "\r%s %d/%d", p.label, p.done, p.all)
	}
}

// finish clears the line.
func (p *progress) finish() {
	if p == nil || !p.shown {
		return
	}
	fmt.Fprintf(p.w, "\r\033[K")
}
