package sarif

import (
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// precision is every rule's properties.precision.
const precision = "high"

// descriptors returns the rules sorted by id, and each id's index.
func descriptors(rules map[string]finding.Rule) ([]descriptor, map[string]int) {
	ids := make([]string, 0, len(rules))
	for id := range rules {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	list := make([]descriptor, len(ids))
	index := make(map[string]int, len(ids))
	for i, id := range ids {
		list[i] = newDescriptor(rules[id])
		index[id] = i
	}
	return list, index
}

// ruleFromFinding makes a rule for a finding whose rule the run did not
// list.
func ruleFromFinding(f finding.Finding) finding.Rule {
	return finding.Rule{
		ID:         f.RuleID,
		Title:      f.Title,
		Severity:   f.Severity,
		Help:       f.Remediation,
		References: f.References,
	}
}

// newDescriptor maps a rule to a reportingDescriptor.
func newDescriptor(r finding.Rule) descriptor {
	short := firstNonEmpty(r.Title, r.ID)
	full := firstNonEmpty(r.Description, short)
	return descriptor{
		ID:                   r.ID,
		Name:                 ruleName(r),
		ShortDescription:     message{Text: short},
		FullDescription:      message{Text: full},
		Help:                 ruleHelp(r, full),
		HelpURI:              helpURI(r.References),
		DefaultConfiguration: configuration{Level: level(r.Severity)},
		Properties: ruleProperties{
			Tags:             tags(r),
			Precision:        precision,
			SecuritySeverity: securitySeverity(r.Severity),
		},
	}
}

// ruleName is the title in CamelCase, or the id's letters and digits.
func ruleName(r finding.Rule) string {
	if name := camel(r.Title); name != "" {
		return name
	}
	return camel(r.ID)
}

// camel joins the words of s, each starting with a capital letter; a word
// is a run of letters and digits.
func camel(s string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(s, notAlnum) {
		r := []rune(w)
		b.WriteRune(unicode.ToUpper(r[0]))
		b.WriteString(string(r[1:]))
	}
	return b.String()
}

func notAlnum(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// tags are "security", "CWE-<n>" when the rule has a CWE, then the rule's
// own tags, each once.
func tags(r finding.Rule) []string {
	list := []string{"security"}
	if n := cweNumber(r.CWE); n != "" {
		list = append(list, "CWE-"+n)
	}
	for _, t := range r.Tags {
		if t != "" && !slices.Contains(list, t) {
			list = append(list, t)
		}
	}
	return list
}

// cweNumber returns the CWE number in cwe, accepting "327" and "CWE-327".
func cweNumber(cwe string) string {
	cwe = strings.TrimSpace(cwe)
	if len(cwe) > 4 && strings.EqualFold(cwe[:4], "CWE-") {
		return cwe[4:]
	}
	return cwe
}

// helpURI returns the first reference that is an absolute http(s) URL.
func helpURI(refs []string) string {
	for _, ref := range refs {
		u, err := url.Parse(ref)
		if err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
			return ref
		}
	}
	return ""
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
