package text

import (
	"io"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// Options let a command lay out its findings its own way, such as probe's
// table per endpoint; the header and summary lines stay as they are.
type Options struct {
	// Block, when set, formats a finding as whole lines, each ending in a
	// newline; it reports false to leave the finding to the default
	// layout. What it prints from the finding must go through [Clean].
	Block func(finding.Finding) (string, bool)
	// Footer, when set, is written once before the summary line, such as
	// a table over every finding; it ends in a newline, or is empty.
	Footer func() string
}

// NewWithOptions returns a Handler that writes to w with a command's own
// layout.
func NewWithOptions(w io.Writer, o Options) *Handler {
	return &Handler{w: w, opts: o}
}

// block formats f with Options.Block, or the default layout.
func (h *Handler) block(f finding.Finding) string {
	if h.opts.Block != nil {
		if s, ok := h.opts.Block(f); ok {
			return s
		}
	}
	return block(f)
}

// Clean makes s safe to print on one terminal line, as the default
// layout does with everything it prints from a finding: control
// characters, bidirectional formatting characters and invalid UTF-8
// bytes become Go escapes, such as \x1b or \u202e.
func Clean(s string) string { return clean(s) }
