package scan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzGitignore parses arbitrary .gitignore content and matches arbitrary
// paths against it: it must not panic, and the answer must not change
// when asked twice.
func FuzzGitignore(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join("testdata", "gitignore", "*.txt"))
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		content, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(content), "build/keep/x.log", true)
		f.Add(string(content), "a/x/y/b", false)
	}
	f.Add("[", "[", false)
	f.Add("**/**/a**", "a/b/c/a", true)
	f.Add(`\`, `\`, false)
	f.Fuzz(func(t *testing.T, content, path string, isDir bool) {
		path = strings.Trim(path, "/")
		stack := ignoreStack{{patterns: parseIgnore([]byte(content))}}
		first := stack.ignored(path, isDir)
		if second := stack.ignored(path, isDir); first != second {
			t.Fatalf("ignored(%q) changed from %v to %v", path, first, second)
		}
		for _, p := range stack[0].patterns {
			if len(p.segs) == 0 {
				t.Fatalf("pattern with no segments from %q", content)
			}
		}
	})
}
