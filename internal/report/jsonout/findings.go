package jsonout

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// held is a finding read before the schema and run were known.
type held struct {
	raw   json.RawMessage
	place string
	off   int64
}

// findings reads the findings array. It hands each finding to h as soon as
// the schema and run are known, and holds it back until then otherwise.
func (p *replayer) findings() error {
	if err := p.delim('[', "findings"); err != nil {
		return err
	}
	for p.dec.More() {
		if err := p.element(); err != nil {
			return err
		}
	}
	return p.delim(']', "findings")
}

// element reads one element of the findings array.
func (p *replayer) element() error {
	e := held{place: fmt.Sprintf("findings[%d]", p.n), off: p.dec.InputOffset()}
	p.n++
	if err := p.dec.Decode(&e.raw); err != nil {
		return p.errorf(e.off, e.place, err)
	}
	if !p.seen["schema"] || !p.seen["run"] {
		p.pending = append(p.pending, e)
		return nil
	}
	if err := p.start(); err != nil {
		return err
	}
	return p.deliver(e)
}

// deliver decodes one finding and hands it to h.
func (p *replayer) deliver(e held) error {
	var f finding.Finding
	if err := json.Unmarshal(e.raw, &f); err != nil {
		return p.errorf(e.off, e.place, err)
	}
	if f.RuleID == "" {
		return p.errorf(e.off, e.place, errors.New("missing rule_id"))
	}
	if err := p.h.Finding(f); err != nil {
		return fmt.Errorf("jsonout: replay %s: %w", e.place, err)
	}
	return nil
}

// start calls h.Start once.
func (p *replayer) start() error {
	if p.started {
		return nil
	}
	p.started = true
	if err := p.h.Start(p.run); err != nil {
		return fmt.Errorf("jsonout: replay start: %w", err)
	}
	return nil
}

// finish checks that the document was complete, hands h what was held
// back, and ends the run.
func (p *replayer) finish() error {
	for _, name := range required {
		if !p.seen[name] {
			return fmt.Errorf("jsonout: missing member %q", name)
		}
	}
	if err := p.start(); err != nil {
		return err
	}
	for _, e := range p.pending {
		if err := p.deliver(e); err != nil {
			return err
		}
	}
	if err := p.h.End(p.summary); err != nil {
		return fmt.Errorf("jsonout: replay end: %w", err)
	}
	return nil
}
