package scan

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// SuppressRuleID is the rule of the findings the engine itself reports
// for a suppression comment it does not honour.
const SuppressRuleID = "TF-SCAN-SUPPRESS"

// directiveWord starts an inline suppression.
const directiveWord = "tlsfloor:ignore"

// directive is one "tlsfloor:ignore" comment.
type directive struct {
	line, column int // of directiveWord, 1-based
	rules        []string
	reason       string
	snippet      string
}

// ruleIDPattern is the form of a rule ID in a directive.
var ruleIDPattern = regexp.MustCompile(`^TF-[A-Z0-9]+(?:-[A-Z0-9]+)+$`)

// commentMarkers start comments in the languages tlsfloor reads.
var commentMarkers = []string{"//", "/*", "#", ";", "<!--", "--", "::"}

// inComment reports whether the text before a directive ends with a
// comment marker that is not inside a string, so that the directive opens
// the comment: "// tlsfloor:ignore", "<!-- tlsfloor:ignore", "REM
// tlsfloor:ignore", or " * tlsfloor:ignore" inside a block comment. The
// same text in a string, or later in a comment, is no directive.
func inComment(before string) bool {
	trimmed := strings.TrimRight(before, " \t")
	lead := strings.TrimLeft(trimmed, " \t@")
	if strings.EqualFold(lead, "rem") || lead == "*" {
		return true
	}
	for _, m := range commentMarkers {
		if strings.HasSuffix(trimmed, m) {
			return !inString(trimmed[:len(trimmed)-len(m)])
		}
	}
	return false
}

// inString reports whether a double-quoted string is open at the end of
// s.
func inString(s string) bool {
	open := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && open:
			i++
		case s[i] == '"':
			open = !open
		}
	}
	return open
}

// parseDirectives finds the suppression comments of a file.
func parseDirectives(content []byte) []directive {
	if !bytes.Contains(content, []byte(directiveWord)) {
		return nil
	}
	var out []directive
	for i, line := range bytes.Split(content, []byte("\n")) {
		if d, ok := parseDirective(string(line)); ok {
			d.line = i + 1
			out = append(out, d)
		}
	}
	return out
}

// parseDirective reads "tlsfloor:ignore ID[,ID...] -- reason" from one
// line; ok is false when the line has no directive opening a comment.
func parseDirective(line string) (directive, bool) {
	idx := strings.Index(line, directiveWord)
	if idx < 0 || !inComment(line[:idx]) {
		return directive{}, false
	}
	rest := strings.TrimRight(line[idx+len(directiveWord):], " \t\r")
	rest = strings.TrimSuffix(strings.TrimSuffix(rest, "-->"), "*/")
	ids, reason, _ := strings.Cut(rest, "--")
	d := directive{column: idx + 1, reason: strings.TrimSpace(reason), snippet: strings.TrimSpace(line)}
	d.rules = strings.FieldsFunc(ids, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	return d, true
}

// problem says why the directive is not honoured, or "" when it is.
// known reports whether a rule ID exists.
func (d directive) problem(known func(string) bool) string {
	switch {
	case len(d.rules) == 0:
		return "names no rule"
	case d.reason == "":
		return `gives no reason after "--"`
	}
	for _, id := range d.rules {
		if !ruleIDPattern.MatchString(id) || !known(id) {
			return "names unknown rule " + id
		}
	}
	return ""
}

// covers reports whether the directive suppresses rule on line: the same
// line or the one after it.
func (d directive) covers(rule string, line int) bool {
	if line != d.line && line != d.line+1 {
		return false
	}
	for _, id := range d.rules {
		if id == rule {
			return true
		}
	}
	return false
}

// applySuppressions marks the findings of one file that an honoured
// directive covers, and returns a TF-SCAN-SUPPRESS finding for each
// directive that is not honoured.
func applySuppressions(path string, content []byte, fs []finding.Finding, known func(string) bool) []finding.Finding {
	var bad []finding.Finding
	for _, d := range parseDirectives(content) {
		if p := d.problem(known); p != "" {
			bad = append(bad, suppressFinding(path, d, p))
			continue
		}
		for i := range fs {
			if fs[i].Suppression == nil && d.covers(fs[i].RuleID, fs[i].Location.Line) {
				fs[i].Suppression = &finding.Suppression{Kind: "inline", Justification: d.reason}
			}
		}
	}
	return bad
}

// suppressRule describes TF-SCAN-SUPPRESS.
var suppressRule = finding.Rule{
	ID:          SuppressRuleID,
	Title:       "Suppression comment not honoured",
	Description: "A tlsfloor:ignore comment must name the rules it suppresses and give a reason after \"--\"; otherwise it suppresses nothing, so that every exception to the floor is explained.",
	Severity:    finding.Low,
	Help:        "write the comment as \"tlsfloor:ignore TF-XXX-NNN -- reason\", on the line of the finding or the line above it, naming existing rules",
	Tags:        []string{"scan"},
}

// suppressFinding reports a directive that is not honoured.
func suppressFinding(path string, d directive, problem string) finding.Finding {
	var ev []finding.Evidence
	if len(d.rules) > 0 {
		ev = []finding.Evidence{{Name: "rules", Value: strings.Join(d.rules, ",")}}
	}
	return finding.Finding{
		RuleID:   SuppressRuleID,
		Severity: suppressRule.Severity,
		Title:    suppressRule.Title,
		Message:  "tlsfloor:ignore " + problem + "; it suppresses nothing",
		Location: &finding.Location{
			Path: path, Line: d.line, Column: d.column,
			EndLine: d.line, EndColumn: d.column + len(directiveWord),
			Snippet: d.snippet,
		},
		Evidence:    ev,
		Remediation: suppressRule.Help,
	}
}
