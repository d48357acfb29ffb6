package finding

import (
	"fmt"
	"slices"
	"strings"
)

// Verdict says how a check came out. The zero value, "", means
// [VerdictFail]: a finding is something below the floor unless it says
// otherwise. Use [Finding.Outcome] to read a finding's verdict with the
// zero value resolved.
type Verdict string

// Verdicts a check can come to.
const (
	// VerdictFail means the check found something below the floor.
	VerdictFail Verdict = "fail"
	// VerdictWarn means the check found something that meets the floor
	// but deserves a look, such as a setting left to a default.
	VerdictWarn Verdict = "warn"
	// VerdictPass means the check ran and the floor is met.
	VerdictPass Verdict = "pass"
	// VerdictUnknown means the check could not verify what it looks at.
	// It is never a pass.
	VerdictUnknown Verdict = "unknown"
)

// verdicts lists every verdict in the order reports count them.
var verdicts = [...]Verdict{VerdictPass, VerdictWarn, VerdictFail, VerdictUnknown}

// Verdicts returns every verdict in the order reports count them: pass,
// warn, fail, unknown. The slice is the caller's.
func Verdicts() []Verdict {
	return slices.Clone(verdicts[:])
}

// valid reports whether v is one of the four verdicts; the zero value is
// not.
func (v Verdict) valid() bool {
	return slices.Contains(verdicts[:], v)
}

// ParseVerdict parses a verdict as the constants spell it, in any case.
// Any other word, the empty string included, is an error.
func ParseVerdict(name string) (Verdict, error) {
	for _, v := range verdicts {
		if strings.EqualFold(name, string(v)) {
			return v, nil
		}
	}
	return "", fmt.Errorf("unknown verdict %q (want one of %s)", name, verdictList())
}

// verdictList is "pass, warn, fail, unknown".
func verdictList() string {
	names := make([]string, len(verdicts))
	for i, v := range verdicts {
		names[i] = string(v)
	}
	return strings.Join(names, ", ")
}

// MarshalText encodes the verdict by name. The zero value encodes as the
// empty string; any other value that is not a verdict is an error.
func (v Verdict) MarshalText() ([]byte, error) {
	if v != "" && !v.valid() {
		return nil, fmt.Errorf("invalid verdict %q", string(v))
	}
	return []byte(v), nil
}

// UnmarshalText decodes a verdict name as [ParseVerdict] does. Empty text
// decodes to the zero value, which means [VerdictFail].
func (v *Verdict) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*v = ""
		return nil
	}
	parsed, err := ParseVerdict(string(b))
	if err != nil {
		return err
	}
	*v = parsed
	return nil
}

// Outcome returns how the check came out: f.Verdict, or [VerdictFail]
// when it is the zero value. A value that is not one of the four verdicts
// also reads as VerdictFail, so that a malformed verdict can never pass a
// finding or keep it from failing a run.
func (f Finding) Outcome() Verdict {
	if f.Verdict.valid() {
		return f.Verdict
	}
	return VerdictFail
}

// severityOrder ranks verdicts from best to worst: a check that could not
// be verified ranks below a warning, since it may hide a failure.
var severityOrder = map[Verdict]int{VerdictPass: 0, VerdictWarn: 1, VerdictUnknown: 2, VerdictFail: 3}

// Worse returns the worse of two verdicts, ranking pass, warn, unknown,
// fail; the zero value counts as fail.
func Worse(a, b Verdict) Verdict {
	if a == "" {
		a = VerdictFail
	}
	if b == "" {
		b = VerdictFail
	}
	if severityOrder[b] > severityOrder[a] {
		return b
	}
	return a
}
