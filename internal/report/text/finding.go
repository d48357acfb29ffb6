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

// firstLine is "place: severity RULE-ID title", marked when suppressed.
func firstLine(f finding.Finding) string {
	s := fmt.Sprintf("%s %s %s", f.Severity, clean(f.RuleID), clean(f.Title))
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

// detail lists the lines under the first line, without indentation.
func detail(f finding.Finding) []string {
	var lines []string
	if f.Message != "" {
		lines = append(lines, cleanLines(f.Message)...)
	}
	if f.Location != nil && f.Location.Snippet != "" {
		lines = append(lines, "snippet: "+clean(f.Location.Snippet))
	}
	for _, e := range f.Evidence {
		lines = append(lines, clean(e.Name)+": "+clean(e.Value))
	}
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
