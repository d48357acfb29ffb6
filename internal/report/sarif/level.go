package sarif

import "github.com/tlsfloor/tlsfloor/internal/finding"

// Result kinds tlsfloor writes besides the default, "fail".
const (
	kindReview = "review"
	kindOpen   = "open"
)

// levelNone is the only level a result whose kind is not "fail" may have.
const levelNone = "none"

// kind maps a finding's outcome to a result kind: warn is "review",
// unknown is "open", and fail is "" so that the property is left out and
// takes its default, "fail". Passes are not written at all; see
// [Handler.Finding].
func kind(f finding.Finding) string {
	switch f.Outcome() {
	case finding.VerdictWarn:
		return kindReview
	case finding.VerdictUnknown:
		return kindOpen
	default:
		return ""
	}
}

// resultLevel is the level of a result of kind k: from the severity when
// the kind is "fail", and "none" otherwise, since SARIF 2.1.0 §3.27.10
// says that when kind (§3.27.9) is not "fail", level SHALL be "none".
func resultLevel(k string, s finding.Severity) string {
	if k != "" && k != "fail" {
		return levelNone
	}
	return level(s)
}

// level maps a severity to a SARIF level: critical and high are "error",
// medium is "warning", low and info are "note".
func level(s finding.Severity) string {
	switch {
	case s >= finding.High:
		return "error"
	case s == finding.Medium:
		return "warning"
	default:
		return "note"
	}
}

// securitySeverity is the score GitHub ranks security alerts by, as a
// string; empty for info.
func securitySeverity(s finding.Severity) string {
	switch s {
	case finding.Critical:
		return "9.5"
	case finding.High:
		return "8.0"
	case finding.Medium:
		return "5.5"
	case finding.Low:
		return "3.0"
	default:
		return ""
	}
}
