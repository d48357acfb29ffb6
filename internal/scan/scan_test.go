package scan

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// wordChecker matches every line that contains word; a line with ERR
// also makes Check fail.
type wordChecker struct{ word string }

func (c wordChecker) Check(f *source.File) ([]source.Match, error) {
	var ms []source.Match
	var err error
	for i, line := range strings.Split(string(f.Content), "\n") {
		if j := strings.Index(line, c.word); j >= 0 {
			ms = append(ms, source.Match{Line: i + 1, Column: j + 1, Message: "found " + c.word})
		}
		if strings.Contains(line, "ERR") {
			err = errors.New("cannot check")
		}
	}
	return ms, err
}

// testRules match BAD in Go and shell files and ASSET in Unity settings.
func testRules() []source.Rule {
	return []source.Rule{
		{ID: "TF-TEST-001", Title: "Bad word", Severity: finding.High, Kinds: []source.Kind{source.Go, source.Shell},
			Fix: "remove it", References: []string{"https://example.com/bad"},
			New: func() source.Checker { return wordChecker{word: "BAD"} }},
		{ID: "TF-TEST-002", Title: "Asset", Severity: finding.Low, Kinds: []source.Kind{source.UnitySettings},
			PlatformEntry: "TF-PLAT-UNITY-RUNTIME",
			New:           func() source.Checker { return wordChecker{word: "ASSET"} }},
	}
}

// writeTree writes files (path -> content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// utf16LE encodes s as UTF-16LE with a byte order mark.
func utf16LE(s string) string {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

// symlinks makes links (path -> target) under dir, or skips the test
// where symbolic links cannot be made.
func symlinks(t *testing.T, dir string, links map[string]string) {
	t.Helper()
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("cannot make symbolic links: %v", err)
		}
	}
}

// sampleTree is a tree with one file for every way the walker treats one.
func sampleTree(t *testing.T) string {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		".gitignore":                            "*.log\n!keep.log\nbuild/\n",
		"main.go":                               "package main\n\n// BAD\n",
		"keep.log":                              "BAD\n",
		"x.log":                                 "BAD\n",
		"build/a.go":                            "BAD\n",
		"build/b/c.go":                          "BAD\n",
		"sub/.gitignore":                        "/local.go\n",
		"sub/local.go":                          "BAD\n",
		"sub/ok.go":                             "fine\n\tBAD\n",
		"sub/deeper/local.go":                   "BAD\n",
		"vendor/v.go":                           "BAD\n",
		"node_modules/m/x.go":                   "BAD\n",
		".git/config":                           "[core]\n",
		".git/HEAD":                             "ref: refs/heads/main\n",
		"bin":                                   "\x7fELF\x00\x00BAD",
		"big.go":                                strings.Repeat("// BAD\n", 100),
		"run.sh":                                utf16LE("echo BAD\n"),
		"script":                                "#!/bin/sh\nBAD\n",
		"README.md":                             "BAD\n",
		"gen.pb.go":                             "BAD\n",
		"excluded/x.go":                         "BAD\n",
		"err.go":                                "ERR\n",
		"ProjectSettings/ProjectSettings.asset": "\x00\x01ASSET",
	})
	symlinks(t, dir, map[string]string{
		"link-out": os.TempDir(),
		"loop":     ".",
		"link.go":  "main.go",
		"dangling": "nowhere",
	})
	return dir
}

func TestScanTree(t *testing.T) {
	dir := sampleTree(t)
	res, err := Scan(context.Background(), []string{dir}, Options{
		Rules: testRules(), MaxSize: 300, Exclude: []string{"*.pb.go", "excluded/"},
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Location.String()+" "+f.RuleID)
	}
	want := []string{
		"ProjectSettings/ProjectSettings.asset:1:3 TF-TEST-002",
		"main.go:3:4 TF-TEST-001",
		"run.sh:1:6 TF-TEST-001",
		"script:2:1 TF-TEST-001",
		"sub/deeper/local.go:1:1 TF-TEST-001",
		"sub/ok.go:2:2 TF-TEST-001",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	wantSummary := finding.Summary{Unit: "files", Read: 6, Findings: 6, Skipped: []finding.Skip{
		{Reason: SkipNoRules, Count: 4}, {Reason: SkipIgnored, Count: 4}, {Reason: SkipExcluded, Count: 2},
		{Reason: SkipVendored, Count: 2}, {Reason: SkipVCS, Count: 2}, {Reason: SkipBinary, Count: 1},
		{Reason: SkipTooLarge, Count: 1}, {Reason: SkipPartial, Count: 1}, {Reason: SkipUnreadable, Count: 1}, {Reason: SkipSymlinkInside, Count: 1},
		{Reason: SkipSymlinkOutside, Count: 1}, {Reason: SkipSymlinkLoop, Count: 1},
	}}
	if diff := cmp.Diff(wantSummary, res.Summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	var notes []string
	for _, n := range res.Notes {
		notes = append(notes, n.Path+": "+n.Reason)
	}
	wantNotes := []string{"big.go: too large", "dangling: unreadable", "err.go: rule TF-TEST-001", "link-out: symlink outside root", "loop: symlink loop"}
	if diff := cmp.Diff(wantNotes, notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
	if res.Root != dir && !strings.HasSuffix(dir, res.Root) {
		if real, _ := filepath.EvalSymlinks(dir); res.Root != real {
			t.Errorf("Root = %q, want %q", res.Root, dir)
		}
	}
}

func TestScanFindingFields(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"a.go":                                  "x\n  y := BAD // tlsfloor:ignore TF-TEST-001 -- known\n",
		"ProjectSettings/ProjectSettings.asset": "ASSET\n",
	})
	res, err := Scan(context.Background(), []string{dir}, Options{Rules: testRules()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 2 {
		t.Fatalf("got %d findings, want 2", len(res.Findings))
	}
	got := res.Findings[1]
	want := finding.Finding{
		RuleID: "TF-TEST-001", Severity: finding.High, Title: "Bad word", Message: "found BAD",
		Location:    &finding.Location{Path: "a.go", Line: 2, Column: 8, Snippet: "y := BAD // tlsfloor:ignore TF-TEST-001 -- known"},
		Remediation: "remove it", References: []string{"https://example.com/bad"},
		Suppression: &finding.Suppression{Kind: "inline", Justification: "known"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("finding (-want +got):\n%s", diff)
	}
	asset := res.Findings[0]
	if asset.Remediation == "" || len(asset.References) == 0 {
		t.Errorf("platform entry remediation and sources not used: %+v", asset)
	}
	if res.Summary.Suppressed != 1 {
		t.Errorf("Suppressed = %d, want 1", res.Summary.Suppressed)
	}
}

func TestScanIncludeVendor(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"vendor/v.go": "BAD\n", "third_party/x/y.go": "BAD\n", ".git/x.go": "BAD\n"})
	res, err := Scan(context.Background(), []string{dir}, Options{Rules: testRules(), IncludeVendor: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 2 || res.Summary.Read != 2 {
		t.Errorf("IncludeVendor: %d findings in %d files, want 2 in 2; %+v", len(res.Findings), res.Summary.Read, res.Summary)
	}
}

// TestScanDeterministic checks that the order of findings does not
// depend on the number of workers.
func TestScanDeterministic(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 60 {
		files[filepath.Join(string(rune('a'+i%7)), strings.Repeat("f", i%5+1)+string(rune('a'+i))+".go")] = "BAD\nok\nBAD BAD\n"
	}
	writeTree(t, dir, files)
	var runs [][]finding.Finding
	for _, workers := range []int{1, 2, runtime.NumCPU() * 2} {
		res, err := Scan(context.Background(), []string{dir}, Options{Rules: testRules(), Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, res.Findings)
	}
	for i := 1; i < len(runs); i++ {
		if diff := cmp.Diff(runs[0], runs[i]); diff != "" {
			t.Errorf("run %d differs from run 0:\n%s", i, diff)
		}
	}
	if !slices.IsSortedFunc(runs[0], compareFindings) || len(runs[0]) != 120 {
		t.Errorf("got %d findings, sorted %v", len(runs[0]), slices.IsSortedFunc(runs[0], compareFindings))
	}
}

func TestScanBaseline(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.go": "BAD one\nBAD two\n"})
	first, err := Scan(context.Background(), []string{dir}, Options{Rules: testRules()})
	if err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, map[string]string{"a.go": "new line\nBAD one\nBAD two\nBAD three\n"})
	res, err := Scan(context.Background(), []string{dir}, Options{Rules: testRules(), Baseline: NewBaseline(first.Findings)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || res.Findings[0].Location.Line != 4 || res.Baselined != 2 {
		t.Errorf("baseline kept %+v, %d baselined; want line 4 only, 2 baselined", res.Findings, res.Baselined)
	}
}

func TestScanPaths(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a/x.go": "BAD\n", "b/y.go": "BAD\n", "b/.gitignore": "y.go\n"})
	t.Chdir(dir)
	tests := []struct {
		name  string
		paths []string
		want  []string
		root  string
	}{
		{name: "default is the working directory", paths: nil, want: []string{"a/x.go"}, root: dir},
		{name: "one directory is the root", paths: []string{"a"}, want: []string{"x.go"}, root: filepath.Join(dir, "a")},
		{name: "several are relative to the working directory", paths: []string{"a", "b"}, want: []string{"a/x.go"}, root: dir},
		{name: "a file is scanned even if ignored", paths: []string{"b/y.go"}, want: []string{"b/y.go"}, root: dir},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Scan(context.Background(), tt.paths, Options{Rules: testRules()})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Findings {
				got = append(got, f.Location.Path)
			}
			realRoot, _ := filepath.EvalSymlinks(tt.root)
			if diff := cmp.Diff(tt.want, got); diff != "" || res.Root != realRoot {
				t.Errorf("paths (-want +got):\n%s\nroot %q, want %q", diff, res.Root, realRoot)
			}
		})
	}
	if _, err := Scan(context.Background(), []string{"missing"}, Options{}); err == nil {
		t.Errorf("Scan(missing) succeeded")
	}
}

func TestScanCancelled(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.go": "BAD\n"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Scan(ctx, []string{dir}, Options{Rules: testRules()}); !errors.Is(err, context.Canceled) {
		t.Errorf("Scan with a cancelled context = %v, want context.Canceled", err)
	}
}

func TestRules(t *testing.T) {
	rs := Rules(testRules())
	if len(rs) != 3 || rs[2].ID != SuppressRuleID {
		t.Fatalf("Rules() = %+v, want the two rules and TF-SCAN-SUPPRESS", rs)
	}
	if rs[0].Help != "remove it" || rs[1].Help == "" || len(rs[1].References) == 0 || !slices.Equal(rs[0].Tags, []string{"go", "shell"}) {
		t.Errorf("Rules() = %+v", rs[:2])
	}
}
