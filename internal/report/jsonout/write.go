package jsonout

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// toolName is tool.name in every document.
const toolName = "tlsfloor"

// tool is the document's tool member.
type tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Handler writes a run as one JSON document, streaming the findings. It
// implements [finding.Handler].
type Handler struct {
	w       io.Writer
	started bool
	n       int // findings written
}

// New returns a Handler that writes to w.
func New(w io.Writer) *Handler {
	return &Handler{w: w}
}

// Start writes the document up to the opening bracket of findings. It
// fails if the run's command cannot form a schema name.
func (h *Handler) Start(r finding.Run) error {
	if !validCommand(r.Command) {
		return fmt.Errorf("jsonout: invalid command %q: want lower-case letters, digits and dashes", r.Command)
	}
	var b bytes.Buffer
	b.WriteString("{\n")
	if err := member(&b, "schema", schemaFor(r.Command)); err != nil {
		return err
	}
	if err := member(&b, "tool", tool{Name: toolName, Version: r.ToolVersion}); err != nil {
		return err
	}
	if err := member(&b, "run", r); err != nil {
		return err
	}
	b.WriteString(`  "findings": [`)
	h.started = true
	return h.write(b.Bytes())
}

// Finding writes one element of the findings array.
func (h *Handler) Finding(f finding.Finding) error {
	if !h.started {
		return errors.New("jsonout: Finding called before Start")
	}
	v, err := marshal(f, "    ")
	if err != nil {
		return fmt.Errorf("jsonout: finding %d: %w", h.n, err)
	}
	sep := ",\n    "
	if h.n == 0 {
		sep = "\n    "
	}
	h.n++
	return h.write(append([]byte(sep), v...))
}

// End closes the findings array and writes the summary and the closing
// brace.
func (h *Handler) End(s finding.Summary) error {
	if !h.started {
		return errors.New("jsonout: End called before Start")
	}
	v, err := marshal(s, "  ")
	if err != nil {
		return fmt.Errorf("jsonout: summary: %w", err)
	}
	closing := "],\n"
	if h.n > 0 {
		closing = "\n  ],\n"
	}
	return h.write(fmt.Appendf(nil, "%s  \"summary\": %s\n}\n", closing, v))
}

func (h *Handler) write(b []byte) error {
	if _, err := h.w.Write(b); err != nil {
		return fmt.Errorf("jsonout: %w", err)
	}
	return nil
}

// member appends `  "name": value,` and a newline to b.
func member(b *bytes.Buffer, name string, value any) error {
	v, err := marshal(value, "  ")
	if err != nil {
		return fmt.Errorf("jsonout: %s: %w", name, err)
	}
	fmt.Fprintf(b, "  %q: %s,\n", name, v)
	return nil
}

// marshal encodes v indented by two spaces under prefix, without escaping
// HTML characters and without a final newline.
func marshal(v any, prefix string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
