package rules

import (
	"fmt"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// godebugReverts are the TLS GODEBUG settings whose default changed, with
// the release that changed it and the old value a module declaring an
// earlier go version gets back (go.dev/doc/godebug, History).
var godebugReverts = []struct {
	key   string
	since goVersion
	old   string
}{
	{"tls10server", goVersion{1, 22}, "1"},
	{"tlsrsakex", goVersion{1, 22}, "1"},
	{"tls3des", goVersion{1, 23}, "1"},
	{"tlsmlkem", goVersion{1, 24}, "0"},
	{"tlssha1", goVersion{1, 25}, "1"},
	{"tlssecpmlkem", goVersion{1, 26}, "0"},
}

// legacyFloor is the first release whose defaults keep servers at TLS 1.2.
var legacyFloor = goVersion{1, 22}

// impliedSettings lists the TLS settings the defaults of v bring back.
func impliedSettings(v goVersion) []string {
	var out []string
	for _, r := range godebugReverts {
		if v.before(r.since.major, r.since.minor) {
			out = append(out, r.key+"="+r.old)
		}
	}
	return out
}

// goLegacyDefaults reports GODEBUG defaults taken from a release before
// Go 1.22: a go.mod go line below 1.22 (or none), a godebug
// default=go1.21, or a //go:debug default=go1.21 line.
type goLegacyDefaults struct{}

func newGoLegacyDefaults() source.Checker { return goLegacyDefaults{} }

// Check implements source.Checker.
func (goLegacyDefaults) Check(f *source.File) ([]source.Match, error) {
	if f.Kind == source.GoMod {
		m, err := parseGoMod(f.Content)
		return modLegacy(f, m), err
	}
	srcs, err := godebugSources(f)
	var ms []source.Match
	for _, src := range srcs {
		for _, s := range src.settings {
			if m, ok := legacyDefault(src.where, s); ok {
				ms = append(ms, m)
			}
		}
	}
	return ms, err
}

// modLegacy judges a go.mod or go.work file. A godebug default= line
// overrides the go line.
func modLegacy(f *source.File, m goMod) []source.Match {
	if d, ok := m.defaultVersion(); ok {
		if match, bad := legacyDefault("godebug", d); bad {
			return []source.Match{match}
		}
		return nil
	}
	if m.goLine.version == "" {
		if strings.HasSuffix(f.Path, "go.work") {
			return nil
		}
		return []source.Match{legacyMatch(1, 1, "go.mod has no go line, so the go command assumes go 1.16", goVersion{1, 16}, "go line", "none")}
	}
	v, ok := parseGoVersion(m.goLine.version)
	if !ok || !v.before(legacyFloor.major, legacyFloor.minor) {
		return nil
	}
	g := m.goLine
	return []source.Match{legacyMatch(g.line, g.column, "go "+g.version+" in "+baseName(f.Path), v, "go line", g.version)}
}

// legacyDefault judges a default=goX.Y setting.
func legacyDefault(where string, s godebugSetting) (source.Match, bool) {
	if s.key != "default" {
		return source.Match{}, false
	}
	v, ok := parseGoVersion(s.value)
	if !ok || !v.before(legacyFloor.major, legacyFloor.minor) {
		return source.Match{}, false
	}
	return legacyMatch(s.line, s.column, where+" default="+s.value, v, where, "default="+s.value), true
}

// legacyMatch reports defaults from release v.
func legacyMatch(line, column int, what string, v goVersion, evName, evValue string) source.Match {
	implied := impliedSettings(v)
	msg := fmt.Sprintf("%s: binaries built with it get the GODEBUG defaults of Go %s (%s), so servers accept TLS 1.0 and 1.1 again",
		what, v.defaultsRelease(), strings.Join(implied, ", "))
	return source.Match{
		Line: line, Column: column, Message: msg,
		Evidence: []finding.Evidence{{Name: evName, Value: evValue}, {Name: "implied GODEBUG", Value: strings.Join(implied, ",")}},
	}
}

// defaultsRelease is the release whose GODEBUG defaults v gets: Go 1.20
// for anything earlier, since defaults by go line began with Go 1.21.
func (v goVersion) defaultsRelease() goVersion {
	if v.before(1, 20) {
		return goVersion{1, 20}
	}
	return v
}

// baseName is the last element of a slash-separated path.
func baseName(p string) string {
	return p[strings.LastIndex(p, "/")+1:]
}
