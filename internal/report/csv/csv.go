// Package csv writes findings as comma-separated values (RFC 4180), one
// row per finding under a header row, for spreadsheets and quick scripts.
//
// The columns are
//
//	rule_id, severity, title, path, line, column, target, message,
//	remediation, suppressed, justification, verdict
//
// path, line and column are empty for findings that are not in a file, and
// line and column are empty when unknown. suppressed is "true" or
// "false"; justification is the suppression's, or empty. verdict is how
// the check came out: "pass", "warn", "fail" or "unknown", and "fail" for a
// finding that does not set one (see finding.Finding.Outcome). It is the
// last column, added after the others, so that their positions stay.
//
// CSV holds findings only. The run (command, floor, rules) and the summary
// (what was read and skipped) are not written: End writes nothing but
// flushes. Use the json format when those are needed.
//
// Rows are written as findings arrive. A text cell that starts with "=",
// "+", "-", "@", a tab or a carriage return is prefixed with a single
// quote, so that a spreadsheet does not run text from a scanned file as a
// formula.
package csv

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// header names the columns.
var header = [...]string{
	"rule_id", "severity", "title", "path", "line", "column", "target",
	"message", "remediation", "suppressed", "justification", "verdict",
}

// Handler writes findings as CSV rows. It implements [finding.Handler].
type Handler struct {
	w *csv.Writer
}

// New returns a Handler that writes to w.
func New(w io.Writer) *Handler {
	return &Handler{w: csv.NewWriter(w)}
}

// Start writes the header row.
func (h *Handler) Start(finding.Run) error {
	return h.write(header[:])
}

// Finding writes one row.
func (h *Handler) Finding(f finding.Finding) error {
	return h.write(row(f))
}

// End writes nothing: the summary is not part of the CSV.
func (h *Handler) End(finding.Summary) error {
	return nil
}

// write writes and flushes one record.
func (h *Handler) write(record []string) error {
	if err := h.w.Write(record); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	h.w.Flush()
	if err := h.w.Error(); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	return nil
}

// row is a finding's record, in header order.
func row(f finding.Finding) []string {
	var path, line, column string
	if l := f.Location; l != nil {
		path, line, column = l.Path, number(l.Line), number(l.Column)
	}
	suppressed, justification := "false", ""
	if f.Suppression != nil {
		suppressed, justification = "true", f.Suppression.Justification
	}
	return []string{
		safe(f.RuleID), f.Severity.String(), safe(f.Title), safe(path), line, column,
		safe(f.Target), safe(f.Message), safe(f.Remediation), suppressed, safe(justification),
		string(f.Outcome()),
	}
}

// number formats a 1-based position, or "" when it is unknown.
func number(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// safe prefixes s with a single quote when a spreadsheet would read it as
// a formula.
func safe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
