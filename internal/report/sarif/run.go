package sarif

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// srcRoot is the uriBaseId of paths relative to Run.Root.
const srcRoot = "%SRCROOT%"

// newDriver describes tlsfloor at version, with its rules.
func newDriver(version string, rules []descriptor) driver {
	d := driver{Name: toolName, InformationURI: informationURI, Rules: rules}
	if v := strings.TrimPrefix(version, "v"); isSemver(v) {
		d.SemanticVersion = v
	} else {
		d.Version = version
	}
	return d
}

// newInvocation reports a successful invocation, its start and the units
// it skipped.
func newInvocation(r finding.Run, s finding.Summary) invocation {
	inv := invocation{ExecutionSuccessful: true}
	if !r.Started.IsZero() {
		inv.StartTimeUTC = r.Started.UTC().Format(time.RFC3339)
	}
	unit := s.Unit
	if unit == "" {
		unit = "units"
	}
	for _, k := range s.Skipped {
		u := unit
		if k.Unit != "" {
			u = k.Unit
		}
		text := fmt.Sprintf("%s skipped (%s): %d", u, k.Reason, k.Count)
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications,
			notification{Level: "note", Message: message{Text: text}})
	}
	return inv
}

// baseIDs maps %SRCROOT% to root as a file URI ending in a slash, or
// returns nil when root is empty or cannot be made absolute.
func baseIDs(root string) map[string]artifactLocation {
	if root == "" {
		return nil
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil
	}
	uri := fileURI(filepath.ToSlash(abs))
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}
	return map[string]artifactLocation{srcRoot: {URI: uri}}
}

// isSemver reports whether v is a semantic version: MAJOR.MINOR.PATCH with
// no leading zeros, then optional "-pre-release" and "+build" parts.
func isSemver(v string) bool {
	v, build, hasBuild := strings.Cut(v, "+")
	if hasBuild && !validIdents(build) {
		return false
	}
	v, pre, hasPre := strings.Cut(v, "-")
	if hasPre && !validIdents(pre) {
		return false
	}
	parts := strings.Split(v, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if !isNumber(p) {
			return false
		}
	}
	return true
}

// isNumber reports whether s is a decimal number without leading zeros.
func isNumber(s string) bool {
	if s == "" || (len(s) > 1 && s[0] == '0') {
		return false
	}
	return strings.Trim(s, "0123456789") == ""
}

// validIdents reports whether s is dot-separated non-empty identifiers of
// ASCII letters, digits and dashes.
func validIdents(s string) bool {
	for _, id := range strings.Split(s, ".") {
		if id == "" || strings.Trim(id, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") != "" {
			return false
		}
	}
	return true
}
