package sarif

import (
	"fmt"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// ruleHelp is the rule's help in text and Markdown: the help (or fallback
// when the rule has none), its CWE and its references.
func ruleHelp(r finding.Rule, fallback string) help {
	body := firstNonEmpty(r.Help, fallback)
	text, md := []string{body}, []string{body}
	if n := cweNumber(r.CWE); n != "" {
		link := cweURL(n)
		text = append(text, fmt.Sprintf("CWE-%s: %s", n, link))
		md = append(md, fmt.Sprintf("CWE: [CWE-%s](%s)", n, link))
	}
	if len(r.References) > 0 {
		text = append(text, "References:\n"+list(r.References, func(s string) string { return s }))
		md = append(md, "References:\n\n"+list(r.References, mdLink))
	}
	return help{Text: strings.Join(text, "\n\n"), Markdown: strings.Join(md, "\n\n")}
}

// cweURL is the MITRE page of CWE n.
func cweURL(n string) string {
	return "https://cwe.mitre.org/data/definitions/" + n + ".html"
}

// list formats each item as a "- " line.
func list(items []string, format func(string) string) string {
	lines := make([]string, len(items))
	for i, s := range items {
		lines[i] = "- " + format(s)
	}
	return strings.Join(lines, "\n")
}

// mdLink is a Markdown link to u, showing u.
func mdLink(u string) string {
	return "<" + u + ">"
}
