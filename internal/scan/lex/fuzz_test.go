package lex

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedLangs maps the extensions of testdata/seeds to languages.
var seedLangs = map[string]Lang{
	".cs": CSharp, ".java": Java, ".js": JavaScript, ".go": Go, ".ps1": PowerShell,
	".sh": Shell, ".py": Python, ".rb": Ruby, ".php": PHP,
}

// FuzzTokenize checks that Tokenize never panics, that its tokens keep
// the invariants checkTokens asserts (order, exact text, positions, no
// byte left out), and that the Stream helpers and Value accept any token.
// Seeds are the files in testdata/seeds, each tried in its own language
// and in every other.
func FuzzTokenize(f *testing.F) {
	files, err := filepath.Glob("testdata/seeds/*")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		lang, ok := seedLangs[strings.ToLower(filepath.Ext(name))]
		if !ok {
			f.Fatalf("%s: no language for this extension", name)
		}
		for l := CSharp; l <= PHP; l++ {
			f.Add(uint8(l), b)
		}
		f.Add(uint8(lang), b[:len(b)/2]) // cut mid-token
	}
	f.Fuzz(func(t *testing.T, l uint8, src []byte) {
		lang := CSharp + Lang(l%uint8(PHP))
		toks := Tokenize(lang, src)
		checkTokens(t, lang, src, toks)
		s := NewStream(lang, src)
		for i, tok := range s.Toks[:min(len(s.Toks), 64)] { // Close and End are linear
			if c := s.Close(i); c != -1 && c <= i {
				t.Fatalf("Close(%d) = %d", i, c)
			}
			if e := s.End(i, true, ";"); e < i || e > s.Len() {
				t.Fatalf("End(%d) = %d of %d", i, e, s.Len())
			}
			_ = Value(lang, tok)
		}
	})
}

func TestSeedsHaveLanguages(t *testing.T) {
	files, err := filepath.Glob("testdata/seeds/*")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[Lang]bool{}
	for _, name := range files {
		seen[seedLangs[strings.ToLower(filepath.Ext(name))]] = true
	}
	for l := CSharp; l <= PHP; l++ {
		if !seen[l] {
			t.Errorf("no seed in testdata/seeds for %v", l)
		}
	}
}
