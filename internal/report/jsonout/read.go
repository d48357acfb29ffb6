package jsonout

import (
	"encoding/json"
	"io"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// Read reads one document and returns its run, findings and summary.
func Read(r io.Reader) (finding.Run, []finding.Finding, finding.Summary, error) {
	var c collector
	if err := Replay(r, &c); err != nil {
		return finding.Run{}, nil, finding.Summary{}, err
	}
	return c.run, c.findings, c.summary, nil
}

// Replay reads one document and hands it to h as a live run would: Start,
// each finding, End. It streams the findings when the document has schema
// and run before findings, as [Handler] writes it, and holds them back
// otherwise. It checks the schema before calling h at all.
//
// Replay stops at the first error. By then h may have received Start and
// some findings, but never End: End means the document was complete and
// valid.
func Replay(r io.Reader, h finding.Handler) error {
	p := &replayer{dec: json.NewDecoder(r), h: h, seen: map[string]bool{}}
	return p.document()
}

// collector is a finding.Handler that keeps what it is given.
type collector struct {
	run      finding.Run
	findings []finding.Finding
	summary  finding.Summary
}

func (c *collector) Start(r finding.Run) error {
	c.run = r
	return nil
}

func (c *collector) Finding(f finding.Finding) error {
	c.findings = append(c.findings, f)
	return nil
}

func (c *collector) End(s finding.Summary) error {
	c.summary = s
	return nil
}
