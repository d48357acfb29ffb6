package sarif

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// Constant parts of every log.
const (
	schemaURI      = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion   = "2.1.0"
	toolName       = "tlsfloor"
	informationURI = "https://github.com/tlsfloor/tlsfloor"
)

// Handler collects a run's findings and writes them as a SARIF log in End.
// It implements [finding.Handler].
type Handler struct {
	w       io.Writer
	run     finding.Run
	rules   map[string]finding.Rule // by id: Run.Rules, then made from findings
	results []result
	prints  map[string]int // occurrences of each fingerprint hash
}

// New returns a Handler that writes to w.
func New(w io.Writer) *Handler {
	return &Handler{w: w}
}

// Start records the run and its rules.
func (h *Handler) Start(r finding.Run) error {
	h.run = r
	h.rules = make(map[string]finding.Rule, len(r.Rules))
	for _, rule := range r.Rules {
		if _, dup := h.rules[rule.ID]; !dup {
			h.rules[rule.ID] = rule
		}
	}
	h.results = []result{}
	h.prints = map[string]int{}
	return nil
}

// Finding converts f to a result and keeps it for End. A check that
// passed is left out: it makes no result, and no rule when the run does
// not list its rule.
func (h *Handler) Finding(f finding.Finding) error {
	if h.rules == nil {
		return errors.New("sarif: Finding called before Start")
	}
	if f.Outcome() == finding.VerdictPass {
		return nil
	}
	if _, ok := h.rules[f.RuleID]; !ok {
		h.rules[f.RuleID] = ruleFromFinding(f)
	}
	hash := fingerprint(f)
	h.prints[hash]++
	h.results = append(h.results, newResult(f, fmt.Sprintf("%s:%d", hash, h.prints[hash])))
	return nil
}

// End writes the log.
func (h *Handler) End(s finding.Summary) error {
	if h.rules == nil {
		return errors.New("sarif: End called before Start")
	}
	b, err := encode(h.log(s))
	if err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	if _, err := h.w.Write(b); err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	return nil
}

// log assembles the whole log, setting each result's rule index.
func (h *Handler) log(s finding.Summary) sarifLog {
	rules, index := descriptors(h.rules)
	for i := range h.results {
		h.results[i].RuleIndex = index[h.results[i].RuleID]
	}
	return sarifLog{
		Schema:  schemaURI,
		Version: sarifVersion,
		Runs: []run{{
			Tool:               tool{Driver: newDriver(h.run.ToolVersion, rules)},
			Invocations:        []invocation{newInvocation(h.run, s)},
			AutomationDetails:  automationDetails{ID: "tlsfloor/" + h.run.Command + "/"},
			OriginalURIBaseIDs: baseIDs(h.run.Root),
			Results:            h.results,
		}},
	}
}

// encode marshals v indented, without escaping HTML characters.
func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
