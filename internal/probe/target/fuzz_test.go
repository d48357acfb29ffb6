package target

import (
	"strings"
	"testing"
)

// FuzzParseLine checks that no input panics ParseLine or FromReader, that
// every parsed target is well formed, and that Target.String reads back
// to the same target. Seeds are in testdata/fuzz/FuzzParseLine.
func FuzzParseLine(f *testing.F) {
	f.Fuzz(func(t *testing.T, line string) {
		tg, err := ParseLine(line)
		if err == nil {
			checkTarget(t, line, tg)
		}
		targets, errs := FromReader("fuzz", strings.NewReader(line))
		if lines := strings.Count(line, "\n") + 1; len(targets)+len(errs) > lines {
			t.Errorf("%d targets and %d errors from %d lines", len(targets), len(errs), lines)
		}
	})
}

// checkTarget fails unless tg, parsed from line, is well formed and
// survives a String and ParseLine round trip.
func checkTarget(t *testing.T, line string, tg Target) {
	t.Helper()
	addr, _, _ := strings.Cut(tg.Host, "%") // an IPv6 zone keeps its case
	if tg.Port < 1 || tg.Port > 65535 || tg.Host == "" || !isASCII(tg.Host) || addr != strings.ToLower(addr) {
		t.Fatalf("ParseLine(%q) = %+v: bad host or port", line, tg)
	}
	back, err := ParseLine(tg.String())
	if err != nil {
		t.Fatalf("ParseLine(%q) = %+v, but its String %q does not parse: %v", line, tg, tg.String(), err)
	}
	if back.Host != tg.Host || back.Port != tg.Port || back.StartTLS != tg.StartTLS {
		t.Fatalf("ParseLine(%q) = %+v, read back from %q as %+v", line, tg, tg.String(), back)
	}
}
