package text

import (
	"fmt"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// block formats one finding: its first line and the indented lines under
// it, each ending in a newline.
func block(f finding.Finding) string {
	var b strings.Builder
	b.WriteString(firstLine(f) + "\n")
	for _, line := range detail(f) {
		b.WriteString(indent + line + "\n")
	}
	return b.String()
}

// firstLine is "place: verdict severity RULE-ID title", marked when
// suppressed. The verdict is there only when the finding sets one.
func firstLine(f finding.Finding) string {
	s := fmt.Sprintf("%s %s %s", f.Severity, clean(f.RuleID), clean(f.Title))
	if f.Verdict != "" {
		s = string(f.Outcome()) + " " + s
	}
	if p := place(f); p != "" {
		s = p + ": " + s
	}
	if f.Suppression != nil {
		s += " (suppressed)"
	}
	return s
}

// place is path:line:col for file findings, the target otherwise, or
// empty when the finding has neither.
func place(f finding.Finding) string {
	if f.Location != nil {
		return clean(f.Location.String())
	}
	return clean(f.Target)
}

// detail lists the lines under the first line, without indentation. A
// check that passed shows its evidence only.
func detail(f finding.Finding) []string {
	if f.Outcome() == finding.VerdictPass {
		return evidence(f)
	}
	var lines []string
	if f.Message != "" {
		lines = append(lines, cleanLines(f.Message)...)
	}
	if f.Location != nil && f.Location.Snippet != "" {
		lines = append(lines, "snippet: "+clean(f.Location.Snippet))
	}
	lines = append(lines, evidence(f)...)
	if f.Remediation != "" {
		lines = append(lines, "fix: "+clean(f.Remediation))
	}
	for _, r := range f.References {
		lines = append(lines, "see: "+clean(r))
	}
	if s := f.Suppression; s != nil {
		lines = append(lines, fmt.Sprintf("suppressed (%s): %s", clean(s.Kind), clean(s.Justification)))
	}
	return lines
}

// evidence lists the evidence items as "name: value" lines.
func evidence(f finding.Finding) []string {
	lines := make([]string, 0, len(f.Evidence))
	for _, e := range f.Evidence {
		lines = append(lines, clean(e.Name)+": "+clean(e.Value))
	}
	return lines
}
