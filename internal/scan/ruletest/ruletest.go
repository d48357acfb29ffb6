// Package ruletest runs scan rules on fixture files and compares what
// they find with what the fixtures expect, line by line, in the manner of
// x/tools' analysistest.
//
// # Fixtures
//
// A fixture directory (internal/scan/rules/testdata/<family>) holds real
// files of the kinds the rules read, with their usual names and
// extensions; the go tool ignores testdata, so Go fixtures are .go files.
// A file whose name or place matters to the walker, such as go.mod, goes
// into a txtar archive (name.txtar): each archive is unpacked into a
// directory of its own and scanned there, and its files are named
// "name.txtar/path" in reports.
//
// A line expects findings with a trailing comment in the file's syntax
// (//, #, ;, <!-- -->, --, /* */, REM, '):
//
//	MinVersion: tls.VersionTLS10, // want "TF-GO-001"
//	ENV GODEBUG=tls10server=1 # want "TF-GO-005"
//	cfg.MinVersion = v // want "TF-GO-001 (suppressed)"
//
// and marks a negative case, where the rules named must not fire, with ok:
//
//	MinVersion: tls.VersionTLS12, // ok "TF-GO-001"
//
// Any finding on a line that does not want it is unexpected, ok or not;
// ok lines document the safe forms and prove each rule has one.
package ruletest

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/tlsfloor/tlsfloor/internal/scan"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// Fixtures are the expectations of a fixture directory.
type Fixtures struct {
	// Want holds every finding expected.
	Want []Key
	// OK holds the negative cases: lines where the rule must not fire.
	OK []Key
}

// Load reads the annotations of every file under dir, archives included.
func Load(dir string) (*Fixtures, error) {
	fx := &Fixtures{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator)))
		if strings.HasSuffix(p, ".txtar") {
			return fx.loadArchive(p, rel)
		}
		content, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return fx.add(rel, content)
	})
	if err != nil {
		return nil, fmt.Errorf("ruletest: %w", err)
	}
	return fx, nil
}

// loadArchive reads the annotations of the files of one archive.
func (fx *Fixtures) loadArchive(p, rel string) error {
	ar, err := txtar.ParseFile(p)
	if err != nil {
		return err
	}
	for _, f := range ar.Files {
		if err := fx.add(path.Join(rel, f.Name), f.Data); err != nil {
			return err
		}
	}
	return nil
}

// add reads the annotations of one file.
func (fx *Fixtures) add(rel string, content []byte) error {
	want, ok, err := parseAnnotations(rel, content)
	if err != nil {
		return err
	}
	fx.Want = append(fx.Want, want...)
	fx.OK = append(fx.OK, ok...)
	return nil
}

// Check scans dir and each archive in it with rules and compares the
// findings with the fixtures' expectations.
func Check(dir string, rules []source.Rule) (Outcome, error) {
	fx, err := Load(dir)
	if err != nil {
		return Outcome{}, err
	}
	got, notes, err := scanFixtures(dir, rules)
	if err != nil {
		return Outcome{}, err
	}
	out := compare(fx.Want, got)
	out.Notes = notes
	out.Contradictions = contradictions(fx)
	return out, nil
}

// scanFixtures scans dir, then each archive in it unpacked, and returns
// the findings as keys.
func scanFixtures(dir string, rules []source.Rule) ([]Key, []string, error) {
	got, notes, err := scanDir(dir, "", rules)
	if err != nil {
		return nil, nil, err
	}
	archives, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil {
		return nil, nil, err
	}
	for _, a := range archives {
		k, n, err := scanArchive(a, rules)
		if err != nil {
			return nil, nil, err
		}
		got, notes = append(got, k...), append(notes, n...)
	}
	return got, notes, nil
}

// scanArchive unpacks an archive into a temporary directory and scans it.
func scanArchive(archive string, rules []source.Rule) ([]Key, []string, error) {
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		return nil, nil, fmt.Errorf("ruletest: %w", err)
	}
	tmp, err := os.MkdirTemp("", "ruletest")
	if err != nil {
		return nil, nil, fmt.Errorf("ruletest: %w", err)
	}
	defer os.RemoveAll(tmp)
	for _, f := range ar.Files {
		p := filepath.Join(tmp, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, nil, fmt.Errorf("ruletest: %w", err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return nil, nil, fmt.Errorf("ruletest: %w", err)
		}
	}
	return scanDir(tmp, filepath.Base(archive), rules)
}

// scanDir runs the engine on dir and returns its findings as keys, their
// paths under prefix.
func scanDir(dir, prefix string, rules []source.Rule) ([]Key, []string, error) {
	res, err := scan.Scan(context.Background(), []string{dir}, scan.Options{Rules: rules})
	if err != nil {
		return nil, nil, fmt.Errorf("ruletest: %w", err)
	}
	keys := make([]Key, 0, len(res.Findings))
	for _, f := range res.Findings {
		keys = append(keys, Key{Path: path.Join(prefix, f.Location.Path), Line: f.Location.Line, Rule: f.RuleID, Suppressed: f.Suppression != nil})
	}
	var notes []string
	for _, n := range res.Notes {
		notes = append(notes, path.Join(prefix, n.String()))
	}
	return keys, notes, nil
}

// contradictions lists lines that both want a rule and mark it ok.
func contradictions(fx *Fixtures) []Key {
	var out []Key
	for _, ok := range fx.OK {
		if slices.Contains(fx.Want, ok) || slices.Contains(fx.Want, Key{Path: ok.Path, Line: ok.Line, Rule: ok.Rule, Suppressed: true}) {
			out = append(out, ok)
		}
	}
	return out
}

// Run checks dir like Check and fails t for every missing, unexpected or
// contradictory expectation; it logs the notes of the scan (files a rule
// could not fully check).
func Run(t testing.TB, dir string, rules []source.Rule) Outcome {
	t.Helper()
	out, err := Check(dir, rules)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range out.Missing {
		t.Errorf("%s: missing finding", k)
	}
	for _, k := range out.Unexpected {
		t.Errorf("%s: unexpected finding", k)
	}
	for _, k := range out.Contradictions {
		t.Errorf("%s: line both wants the rule and marks it ok", k)
	}
	for _, n := range out.Notes {
		t.Logf("note: %s", n)
	}
	return out
}
