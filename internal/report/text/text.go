// Package text writes a run for people to read, in the style of a compiler
// or govulncheck.
//
// Output is streamed: a header line when the run starts, each finding as it
// arrives, a summary line at the end. A finding is one line
//
//	path:line:col: severity RULE-ID title
//
// (the target instead of the path for findings that are not in a file),
// followed by indented lines: the message, the snippet, each evidence item
// as "name: value", "fix: " and the remediation, "see: " and each reference,
// and for a suppressed finding "suppressed (kind): justification". The first
// line of a suppressed finding ends in "(suppressed)". A blank line follows
// each finding.
//
// A finding that sets a verdict (doctor reports every check it ran) shows
// it before the severity:
//
//	path:line:col: fail high RULE-ID title
//	target: pass info RULE-ID title
//
// A check that passed shows only that line and its evidence lines. A
// finding without a verdict counts as a fail but is printed as it always
// was, without one.
//
// The summary line counts the findings, such as
//
//	scan: 6 findings (2 suppressed) in 120 files read; 4 skipped (3 binary, 1 too large)
//
// When any finding of the run sets a verdict, it counts checks by verdict
// instead, every verdict listed even at zero, and findings without a
// verdict counted as fail:
//
//	doctor: 14 checks: 9 pass, 2 warn, 2 fail, 1 unknown; 1 suppressed; 5 components read
//
// The output has no colour. Control characters coming from the findings
// (such as escape sequences in a scanned file) are written as Go escapes,
// so that a hostile input cannot drive the terminal.
package text

import (
	"fmt"
	"io"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// indent starts every line under a finding's first line.
const indent = "    "

// Handler writes a run as text. It implements [finding.Handler].
type Handler struct {
	w        io.Writer
	opts     Options
	command  string
	outcomes outcomes // of the findings so far
}

// New returns a Handler that writes to w.
func New(w io.Writer) *Handler {
	return &Handler{w: w}
}

// Start writes the header line naming the command, the tool version, the
// floor and the root.
func (h *Handler) Start(r finding.Run) error {
	h.command = r.Command
	h.outcomes = outcomes{}
	return h.write(header(r) + "\n\n")
}

// Finding writes one finding and the blank line after it.
func (h *Handler) Finding(f finding.Finding) error {
	h.outcomes.add(f)
	return h.write(h.block(f) + "\n")
}

// End writes the summary line, after the footer of Options.Footer.
func (h *Handler) End(s finding.Summary) error {
	if h.opts.Footer != nil {
		if err := h.write(h.opts.Footer()); err != nil {
			return err
		}
	}
	return h.write(summaryLine(h.command, s, h.outcomes) + "\n")
}

func (h *Handler) write(s string) error {
	if _, err := io.WriteString(h.w, s); err != nil {
		return fmt.Errorf("text: %w", err)
	}
	return nil
}

// header is the run's first line, such as
// "tlsfloor v1.4.0 scan: floor TLS 1.2, root /src".
func header(r finding.Run) string {
	var b strings.Builder
	b.WriteString("tlsfloor")
	if r.ToolVersion != "" {
		b.WriteString(" " + clean(r.ToolVersion))
	}
	fmt.Fprintf(&b, " %s: floor %s", clean(commandName(r.Command)), clean(r.Floor))
	if r.Root != "" {
		b.WriteString(", root " + clean(r.Root))
	}
	return b.String()
}

// commandName returns command, or "tlsfloor" when it is empty.
func commandName(command string) string {
	if command == "" {
		return "tlsfloor"
	}
	return command
}
