package ruletest

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// Key is one finding as fixtures name it.
type Key struct {
	// Path is slash-separated and relative to the fixture directory; a
	// file inside an archive is "archive.txtar/name".
	Path string
	// Line is 1-based.
	Line int
	// Rule is the rule ID.
	Rule string
	// Suppressed is true for a finding an inline suppression covers.
	Suppressed bool
}

// String is "path:line: RULE" with " (suppressed)" when it is.
func (k Key) String() string {
	s := fmt.Sprintf("%s:%d: %s", k.Path, k.Line, k.Rule)
	if k.Suppressed {
		s += suppressedSuffix
	}
	return s
}

// suppressedSuffix marks an expected finding as suppressed.
const suppressedSuffix = " (suppressed)"

// annotation finds "want" and "ok" after a comment marker: //, #, ;,
// <!--, --, /*, REM or '.
var annotation = regexp.MustCompile(`(?://|#|;|<!--|--|/\*|\bREM|')\s*(want|ok)((?:\s+"[^"\n]*")+)`)

// quoted finds the quoted arguments of an annotation.
var quoted = regexp.MustCompile(`"([^"\n]*)"`)

// ruleID is the form of a rule ID in an annotation.
var ruleID = regexp.MustCompile(`^TF-[A-Z0-9]+(?:-[A-Z0-9]+)+$`)

// parseAnnotations reads the expectations of one fixture file: each line
// may end in a comment with
//
//	want "TF-GO-001" ["TF-GO-003 (suppressed)" ...]
//	ok "TF-GO-001" [...]
//
// want names the findings expected on that line; ok marks the line as a
// negative case for the rules named, which must not fire on it.
func parseAnnotations(path string, content []byte) (want, ok []Key, err error) {
	for i, line := range bytes.Split(content, []byte("\n")) {
		for _, m := range annotation.FindAllSubmatch(line, -1) {
			for _, q := range quoted.FindAllSubmatch(m[2], -1) {
				k, kerr := parseKey(path, i+1, string(q[1]))
				if kerr != nil {
					return nil, nil, kerr
				}
				if string(m[1]) == "want" {
					want = append(want, k)
				} else if k.Suppressed {
					return nil, nil, fmt.Errorf("%s:%d: ok %q: only want takes (suppressed)", path, i+1, q[1])
				} else {
					ok = append(ok, k)
				}
			}
		}
	}
	return want, ok, nil
}

// parseKey reads "TF-GO-001" or "TF-GO-001 (suppressed)".
func parseKey(path string, line int, arg string) (Key, error) {
	id, suppressed := strings.CutSuffix(arg, suppressedSuffix)
	if !ruleID.MatchString(id) {
		return Key{}, fmt.Errorf("%s:%d: %q is not a rule ID", path, line, arg)
	}
	return Key{Path: path, Line: line, Rule: id, Suppressed: suppressed}, nil
}
