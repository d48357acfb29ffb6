package scan

import (
	"strings"
	"testing"
)

func TestPatternMatch(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		path    string
		isDir   bool
		want    bool
	}{
		{name: "name at any depth", pattern: "*.log", path: "a/b/x.log", want: true},
		{name: "name at root", pattern: "*.log", path: "x.log", want: true},
		{name: "star stops at slash", pattern: "a*b", path: "a/b", want: false},
		{name: "question mark", pattern: "file?.txt", path: "file1.txt", want: true},
		{name: "question mark not slash", pattern: "a?b", path: "a/b", want: false},
		{name: "class", pattern: "[ab]c", path: "bc", want: true},
		{name: "class range", pattern: "x[0-9]", path: "x7", want: true},
		{name: "negated class bang", pattern: "x[!0-9]", path: "x7", want: false},
		{name: "negated class caret", pattern: "x[^0-9]", path: "xa", want: true},
		{name: "unclosed class is literal", pattern: "x[", path: "x[", want: true},
		{name: "escaped star", pattern: `a\*`, path: "a*", want: true},
		{name: "escaped star is not a wildcard", pattern: `a\*`, path: "ab", want: false},
		{name: "dir only matches dir", pattern: "build/", path: "build", isDir: true, want: true},
		{name: "dir only skips file", pattern: "build/", path: "build", want: false},
		{name: "dir only at depth", pattern: "build/", path: "x/build", isDir: true, want: true},
		{name: "leading slash anchors", pattern: "/build", path: "x/build", isDir: true, want: false},
		{name: "leading slash at root", pattern: "/build", path: "build", isDir: true, want: true},
		{name: "middle slash anchors", pattern: "doc/frotz", path: "a/doc/frotz", want: false},
		{name: "middle slash at root", pattern: "doc/frotz", path: "doc/frotz", want: true},
		{name: "leading double star", pattern: "**/foo", path: "a/b/foo", want: true},
		{name: "leading double star at root", pattern: "**/foo", path: "foo", want: true},
		{name: "double star then path", pattern: "**/foo/bar", path: "x/foo/bar", want: true},
		{name: "trailing double star", pattern: "abc/**", path: "abc/x/y", want: true},
		{name: "trailing double star not dir itself", pattern: "abc/**", path: "abc", isDir: true, want: false},
		{name: "middle double star zero dirs", pattern: "a/**/b", path: "a/b", want: true},
		{name: "middle double star many dirs", pattern: "a/**/b", path: "a/x/y/b", want: true},
		{name: "triple star is a star", pattern: "a***b", path: "axyb", want: true},
		{name: "star matches dotfile", pattern: "*", path: ".env", want: true},
		{name: "prefix is not a match", pattern: "foo", path: "foobar", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := parsePattern(tt.pattern)
			if !ok {
				t.Fatalf("parsePattern(%q) skipped the line", tt.pattern)
			}
			if got := p.match(tt.path, tt.isDir); got != tt.want {
				t.Errorf("%q match %q (dir %v) = %v, want %v", tt.pattern, tt.path, tt.isDir, got, tt.want)
			}
		})
	}
}

func TestParsePatternLines(t *testing.T) {
	tests := []struct {
		name    string
		line    string
		skip    bool
		negate  bool
		dirOnly bool
		path    string // must match when set
	}{
		{name: "blank", line: "", skip: true},
		{name: "spaces", line: "   ", skip: true},
		{name: "comment", line: "# build", skip: true},
		{name: "escaped hash", line: `\#file`, path: "#file"},
		{name: "negation", line: "!keep.log", negate: true, path: "keep.log"},
		{name: "escaped bang", line: `\!important`, path: "!important"},
		{name: "trailing spaces dropped", line: "foo   ", path: "foo"},
		{name: "escaped trailing space kept", line: `foo\ `, path: "foo "},
		{name: "dir only", line: "out/", dirOnly: true},
		{name: "lone slash", line: "/", skip: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := parsePattern(tt.line)
			if ok == tt.skip {
				t.Fatalf("parsePattern(%q) ok = %v, want %v", tt.line, ok, !tt.skip)
			}
			if !ok {
				return
			}
			if p.negate != tt.negate || p.dirOnly != tt.dirOnly {
				t.Errorf("parsePattern(%q) = %+v, want negate %v dirOnly %v", tt.line, p, tt.negate, tt.dirOnly)
			}
			if tt.path != "" && !p.match(tt.path, false) {
				t.Errorf("parsePattern(%q) does not match %q", tt.line, tt.path)
			}
		})
	}
}

func TestIgnoreStack(t *testing.T) {
	stack := ignoreStack{
		{dir: "", patterns: parseIgnore([]byte("*.log\n!keep.log\n/secret\nbuild/\n"))},
		{dir: "sub", patterns: parseIgnore([]byte("!*.log\nlocal.txt\n/only-here\r\n"))},
	}
	tests := []struct {
		name  string
		path  string
		isDir bool
		want  bool
	}{
		{name: "ignored by root", path: "a/x.log", want: true},
		{name: "re-included by root", path: "a/keep.log", want: false},
		{name: "anchored at root", path: "secret", want: true},
		{name: "anchored does not reach down", path: "a/secret", want: false},
		{name: "deeper file overrides", path: "sub/x.log", want: false},
		{name: "deeper file only below its dir", path: "local.txt", want: false},
		{name: "deeper file at depth", path: "sub/a/local.txt", want: true},
		{name: "anchored to deeper dir", path: "sub/only-here", want: true},
		{name: "anchored to deeper dir, not deeper", path: "sub/a/only-here", want: false},
		{name: "dir pattern", path: "x/build", isDir: true, want: true},
		{name: "plain file", path: "main.go", want: false},
		{name: "sibling prefix is not inside", path: "subway/local.txt", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := stack.ignored(tt.path, tt.isDir); got != tt.want {
				t.Errorf("ignored(%q) = %v, want %v", tt.path, got, tt.want)
			}
		})
	}
}

func TestExcludeSet(t *testing.T) {
	ex := newExcludeSet([]string{"*.pb.go", "testdata/", "docs/**", "!docs/keep.md", ""})
	tests := []struct {
		path  string
		isDir bool
		want  bool
	}{
		{path: "api/x.pb.go", want: true},
		{path: "api/x.go", want: false},
		{path: "a/testdata", isDir: true, want: true},
		{path: "docs/a/b.md", want: true},
		{path: "docs/keep.md", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if got := ex.excluded(tt.path, tt.isDir); got != tt.want {
				t.Errorf("excluded(%q) = %v, want %v", tt.path, got, tt.want)
			}
		})
	}
}

// TestMatchSegsTableAgrees checks the table matcher against the
// backtracking one on patterns both can take.
func TestMatchSegsTableAgrees(t *testing.T) {
	patterns := []string{"a/**/b/**/c", "**/x/**", "**/a/**/a", "a/**/**/b", "**/*.go/**/z"}
	paths := []string{"a/b/c", "a/x/b/y/c", "x", "q/x/r", "a/a", "a/b", "a/q/a", "m.go/z", "a/b.go/c/z"}
	for _, pat := range patterns {
		p, _ := parsePattern(pat)
		for _, path := range paths {
			segs := splitPath(path)
			if got, want := matchSegsTable(p.segs, segs), matchSegs(p.segs, segs); got != want {
				t.Errorf("%q on %q: table %v, backtracking %v", pat, path, got, want)
			}
		}
	}
}

// TestManyDoubleStarsIsFast guards against exponential backtracking on a
// hostile .gitignore.
func TestManyDoubleStarsIsFast(t *testing.T) {
	p, _ := parsePattern(strings.Repeat("**/a/", 40) + "b")
	path := strings.TrimSuffix(strings.Repeat("a/", 200), "/")
	if p.match(path, false) {
		t.Errorf("matched a path without b")
	}
}

func splitPath(p string) []string { return strings.Split(p, "/") }
