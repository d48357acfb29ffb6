package text

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// outcomes counts a run's findings by verdict, for the summary line.
type outcomes struct {
	set   bool                    // some finding set a verdict
	count map[finding.Verdict]int // findings by Outcome
}

// add counts f under its outcome.
func (o *outcomes) add(f finding.Finding) {
	if f.Verdict != "" {
		o.set = true
	}
	if o.count == nil {
		o.count = map[finding.Verdict]int{}
	}
	o.count[f.Outcome()]++
}

// String lists the count of every verdict, zeros included, such as
// "9 pass, 2 warn, 2 fail, 1 unknown".
func (o outcomes) String() string {
	var parts []string
	for _, v := range finding.Verdicts() {
		parts = append(parts, fmt.Sprintf("%d %s", o.count[v], v))
	}
	return strings.Join(parts, ", ")
}

// summaryLine is the last line of a run: counts by verdict when any
// finding set a verdict, a count of findings otherwise.
func summaryLine(command string, s finding.Summary, o outcomes) string {
	if o.set {
		return checksLine(command, s, o)
	}
	return findingsLine(command, s)
}

// findingsLine is the summary of a run without verdicts, such as
// "scan: 3 findings (1 suppressed) in 120 files read; 4 skipped (3 binary, 1 too large)".
func findingsLine(command string, s finding.Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", clean(commandName(command)), count(s.Findings, "finding"))
	if s.Suppressed > 0 {
		fmt.Fprintf(&b, " (%d suppressed)", s.Suppressed)
	}
	fmt.Fprintf(&b, " in %s", read(s))
	if sk := skipped(s); sk != "" {
		b.WriteString("; " + sk)
	}
	return b.String()
}

// checksLine is the summary of a run with verdicts, such as
// "doctor: 14 checks: 9 pass, 2 warn, 2 fail, 1 unknown; 1 suppressed; 5 components read; 2 skipped (2 not installed)".
func checksLine(command string, s finding.Summary, o outcomes) string {
	parts := []string{count(s.Findings, "check") + ": " + o.String()}
	if s.Suppressed > 0 {
		parts = append(parts, fmt.Sprintf("%d suppressed", s.Suppressed))
	}
	parts = append(parts, read(s))
	if sk := skipped(s); sk != "" {
		parts = append(parts, sk)
	}
	return clean(commandName(command)) + ": " + strings.Join(parts, "; ")
}

// read is "120 files read".
func read(s finding.Summary) string {
	return fmt.Sprintf("%d %s read", s.Read, clean(unit(s.Unit, s.Read)))
}

// skipped is "4 skipped (3 binary, 1 too large)", or empty when nothing
// was skipped. Skips counted in another unit than the summary's follow
// on their own, such as "; 2 files skipped (1 digest, 1 insight)".
func skipped(s finding.Summary) string {
	var parts []string
	if n := s.SkippedTotal(); n > 0 {
		parts = append(parts, fmt.Sprintf("%d skipped (%s)", n, skips(s.Skipped, s.Unit, s.Unit)))
	}
	for _, u := range otherUnits(s) {
		n := 0
		for _, k := range s.Skipped {
			if skipUnit(k, s.Unit) == u {
				n += k.Count
			}
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s skipped (%s)", n, clean(unit(u, n)), skips(s.Skipped, u, s.Unit)))
		}
	}
	return strings.Join(parts, "; ")
}

// skipUnit is the unit a skip counts in: its own, else own.
func skipUnit(k finding.Skip, own string) string {
	if k.Unit == "" {
		return own
	}
	return k.Unit
}

// otherUnits lists the units of skips not counted in the summary's unit,
// in the order they first appear.
func otherUnits(s finding.Summary) []string {
	var units []string
	for _, k := range s.Skipped {
		if k.Unit != "" && k.Unit != s.Unit && !slices.Contains(units, k.Unit) {
			units = append(units, k.Unit)
		}
	}
	return units
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

// skips lists the reasons counted in unit u with a count, such as
// "3 binary, 1 too large"; own is the summary's unit.
func skips(list []finding.Skip, u, own string) string {
	var parts []string
	for _, k := range list {
		if k.Count > 0 && skipUnit(k, own) == u {
			parts = append(parts, fmt.Sprintf("%d %s", k.Count, clean(k.Reason)))
		}
	}
	return strings.Join(parts, ", ")
}
