package sarif

import "github.com/tlsfloor/tlsfloor/internal/finding"

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
