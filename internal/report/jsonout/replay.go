package jsonout

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// required lists the members every document has.
var required = [...]string{"schema", "run", "findings", "summary"}

// replayer walks one document, handing it to h.
type replayer struct {
	dec     *json.Decoder
	h       finding.Handler
	seen    map[string]bool
	command string // from schema
	run     finding.Run
	summary finding.Summary
	started bool   // h.Start was called
	pending []held // findings read before schema or run
	n       int    // findings read
}

// document reads the whole input: one object, then nothing but space.
func (p *replayer) document() error {
	if err := p.delim('{', "document"); err != nil {
		return err
	}
	for p.dec.More() {
		if err := p.member(); err != nil {
			return err
		}
	}
	if err := p.delim('}', "document"); err != nil {
		return err
	}
	if err := p.eof(); err != nil {
		return err
	}
	return p.finish()
}

// member reads one name and its value.
func (p *replayer) member() error {
	off := p.dec.InputOffset()
	tok, err := p.dec.Token()
	if err != nil {
		return p.errorf(off, "document", err)
	}
	name, _ := tok.(string) // Token only returns strings in name position
	if p.seen[name] {
		return p.errorf(off, name, errors.New("duplicate member"))
	}
	p.seen[name] = true
	return p.value(name)
}

// value reads the value of the member called name.
func (p *replayer) value(name string) error {
	switch name {
	case "schema":
		return p.schema()
	case "run":
		return p.decode(name, &p.run, p.checkCommand)
	case "summary":
		return p.decode(name, &p.summary, nil)
	case "findings":
		return p.findings()
	default: // tool, and members added later in v1
		var skip json.RawMessage
		return p.decode(name, &skip, nil)
	}
}

// schema reads and checks the schema name.
func (p *replayer) schema() error {
	var name string
	off := p.dec.InputOffset()
	if err := p.decode("schema", &name, nil); err != nil {
		return err
	}
	command, err := parseSchema(name)
	if err != nil {
		return p.errorf(off, "schema", err)
	}
	p.command = command
	return p.checkCommand()
}

// checkCommand fails when the run's command and the schema's disagree.
func (p *replayer) checkCommand() error {
	if !p.seen["schema"] || !p.seen["run"] || p.run.Command == p.command {
		return nil
	}
	return fmt.Errorf("jsonout: run.command %q does not match schema %q", p.run.Command, schemaFor(p.command))
}

// decode reads the next value into v and runs check, if any.
func (p *replayer) decode(place string, v any, check func() error) error {
	off := p.dec.InputOffset()
	if err := p.dec.Decode(v); err != nil {
		return p.errorf(off, place, err)
	}
	if check == nil {
		return nil
	}
	return check()
}

// delim reads the delimiter want.
func (p *replayer) delim(want json.Delim, place string) error {
	off := p.dec.InputOffset()
	tok, err := p.dec.Token()
	if err != nil {
		return p.errorf(off, place, err)
	}
	if tok != want {
		return p.errorf(off, place, fmt.Errorf("want '%c', found %s", want, describe(tok)))
	}
	return nil
}

// eof checks that nothing but white space follows the document.
func (p *replayer) eof() error {
	off := p.dec.InputOffset()
	if _, err := p.dec.Token(); err != io.EOF {
		return p.errorf(off, "end of document", errors.New("unexpected data after the document"))
	}
	return nil
}

// errorf wraps err with the place and byte offset it happened at.
func (p *replayer) errorf(off int64, place string, err error) error {
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("jsonout: %s at offset %d: %w", place, off, err)
}

// describe names a JSON token for an error message.
func describe(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		return fmt.Sprintf("'%c'", t)
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	default:
		return "a number"
	}
}
