// Package html writes a run as one self-contained HTML page: inline CSS, an
// optional chart drawn as inline SVG on the server, tables, and the
// findings with their evidence and remediation. It needs no JavaScript and
// loads nothing: the page can be mailed or attached to a ticket as it is.
//
// Every value from the run goes through html/template, so a hostile user
// agent or ARN is shown as text, never run. The page is also well-formed
// XML (XHTML syntax: every element closed, void elements self-closed), so
// it can be checked or transformed with XML tools.
//
// [New] writes the generic page every command can use; [NewWithOptions]
// adds a command's chart and tables (trail: TLS version share per day and
// per service). The handler buffers the findings and writes the page in
// End.
package html

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

//go:embed page.tmpl
var pageTemplate string

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"skipsLine": skipsLine,
	"inc":       func(i int) int { return i + 1 },
	"time":      func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
}).Parse(pageTemplate))

// Options adds a command's own parts to the page.
type Options struct {
	// Title is the page title; empty means "tlsfloor <command> report".
	Title string
	// Chart, when set, is drawn before the findings.
	Chart *Chart
	// Tables are shown after the chart, before the findings.
	Tables []Table
}

// Table is a plain table of text cells.
type Table struct {
	Caption string
	Header  []string
	Rows    [][]string
}

// Handler writes the page. It implements [finding.Handler].
type Handler struct {
	w        io.Writer
	opt      Options
	run      finding.Run
	findings []finding.Finding
	started  bool
}

// New returns a Handler that writes the generic page to w.
func New(w io.Writer) *Handler {
	return NewWithOptions(w, Options{})
}

// NewWithOptions returns a Handler that writes a page with opt's parts.
func NewWithOptions(w io.Writer, opt Options) *Handler {
	return &Handler{w: w, opt: opt}
}

// Start records the run.
func (h *Handler) Start(r finding.Run) error {
	h.run, h.started = r, true
	return nil
}

// Finding records one finding.
func (h *Handler) Finding(f finding.Finding) error {
	if !h.started {
		return fmt.Errorf("html: Finding called before Start")
	}
	h.findings = append(h.findings, f)
	return nil
}

// pageData is what the template sees.
type pageData struct {
	Title    string
	Run      finding.Run
	Summary  finding.Summary
	Chart    *chartData
	Tables   []Table
	Findings []row
	// Fixes are the distinct remediations, in order of first use: many
	// findings share one, and the page shows each once.
	Fixes []string
}

// row is a finding with the number of its fix in pageData.Fixes (from 1;
// 0 for none).
type row struct {
	finding.Finding
	Fix int
}

// End writes the whole page.
func (h *Handler) End(s finding.Summary) error {
	if !h.started {
		return fmt.Errorf("html: End called before Start")
	}
	d := pageData{Title: h.opt.Title, Run: h.run, Summary: s, Tables: h.opt.Tables}
	d.Findings, d.Fixes = numberFixes(h.findings)
	if d.Title == "" {
		d.Title = "tlsfloor " + h.run.Command + " report"
	}
	if h.opt.Chart != nil {
		d.Chart = h.opt.Chart.layout()
	}
	var b bytes.Buffer
	if err := page.Execute(&b, d); err != nil {
		return fmt.Errorf("html: %w", err)
	}
	if _, err := h.w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("html: %w", err)
	}
	return nil
}

// numberFixes gives each distinct remediation a number, in order of first
// use.
func numberFixes(fs []finding.Finding) ([]row, []string) {
	rows := make([]row, len(fs))
	index := map[string]int{}
	var fixes []string
	for i, f := range fs {
		rows[i].Finding = f
		if f.Remediation == "" {
			continue
		}
		n, ok := index[f.Remediation]
		if !ok {
			fixes = append(fixes, f.Remediation)
			n = len(fixes)
			index[f.Remediation] = n
		}
		rows[i].Fix = n
	}
	return rows, fixes
}

// skipsLine is "4 records skipped (3 duplicate event ID, 1 no tlsDetails);
// 2 files skipped (2 digest)", or "" when nothing was skipped.
func skipsLine(s finding.Summary) string {
	var out []string
	var units []string
	counts := map[string]int{}
	reasons := map[string][]string{}
	for _, k := range s.Skipped {
		u := k.Unit
		if u == "" {
			u = s.Unit
		}
		if _, ok := counts[u]; !ok {
			units = append(units, u)
		}
		counts[u] += k.Count
		reasons[u] = append(reasons[u], fmt.Sprintf("%d %s", k.Count, k.Reason))
	}
	for _, u := range units {
		out = append(out, fmt.Sprintf("%d %s skipped (%s)", counts[u], u, joinComma(reasons[u])))
	}
	return joinSemi(out)
}

func joinComma(ss []string) string { return join(ss, ", ") }
func joinSemi(ss []string) string  { return join(ss, "; ") }

func join(ss []string, sep string) string {
	var b bytes.Buffer
	for i, s := range ss {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s)
	}
	return b.String()
}
