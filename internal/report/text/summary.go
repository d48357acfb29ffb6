package text

import (
	"fmt"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// summaryLine is the last line of a run, such as
// "scan: 3 findings (1 suppressed) in 120 files read; 4 skipped (3 binary, 1 too large)".
func summaryLine(command string, s finding.Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", clean(commandName(command)), count(s.Findings, "finding"))
	if s.Suppressed > 0 {
		fmt.Fprintf(&b, " (%d suppressed)", s.Suppressed)
	}
	fmt.Fprintf(&b, " in %d %s read", s.Read, clean(unit(s.Unit, s.Read)))
	if n := s.SkippedTotal(); n > 0 {
		fmt.Fprintf(&b, "; %d skipped (%s)", n, skips(s.Skipped))
	}
	return b.String()
}

// count is "1 finding" or "n findings".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// unit returns the plural unit name Summary.Unit holds, made singular by
// dropping a final "s" when n is 1. An empty unit reads as "items".
func unit(name string, n int) string {
	if name == "" {
		name = "items"
	}
	if n == 1 {
		return strings.TrimSuffix(name, "s")
	}
	return name
}

// skips lists the reasons with a count, such as "3 binary, 1 too large".
func skips(list []finding.Skip) string {
	var parts []string
	for _, k := range list {
		if k.Count > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", k.Count, clean(k.Reason)))
		}
	}
	return strings.Join(parts, ", ")
}
