package scan

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync/atomic"

	"bytes"
	"github.com/tlsfloor/tlsfloor/internal/scan/rules"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
	"math/rand/v2"
	"testing"
)

// naiveScan is what matcher.scan must return: the bits of every word
// the text holds, ignoring ASCII case.
func naiveScan(words []anchorWord, text []byte) uint64 {
	lower := asciiLower(text)
	var found uint64
	for _, w := range words {
		if w.word != "" && bytes.Contains(lower, asciiLower([]byte(w.word))) {
			found |= w.bits
		}
	}
	return found
}

// asciiLower lower-cases the ASCII letters of b, leaving other bytes.
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		out[i] = fold(c)
	}
	return out
}

// TestMatcher checks the automaton on words that overlap, share
// prefixes and suffixes, and differ in case.
func TestMatcher(t *testing.T) {
	words := []anchorWord{
		{word: "MinVersion", bits: 1}, {word: "Version", bits: 2}, {word: "sion", bits: 4},
		{word: "GODEBUG", bits: 8}, {word: "go:debug", bits: 16}, {word: "aab", bits: 32},
		{word: "ab", bits: 64}, {word: "tls10server", bits: 128},
	}
	m := newMatcher(words)
	tests := []struct {
		text string
		want uint64
	}{
		{"", 0},
		{"nothing here", 0},
		{"cfg.MinVersion = x", 1 | 2 | 4},
		{"MINVERSION", 1 | 2 | 4},
		{"minversio", 0},
		{"Versio sion", 4},
		{"aaab", 32 | 64},
		{"a a b ab", 64},
		{"//go:debug tls10server=1", 16 | 128},
		{"GODEBUG=tls10server=1", 8 | 128},
		{"godebug", 8},
		{"go:debu", 0},
		{"\xff\x00Version\xfe", 2 | 4},
	}
	for _, tt := range tests {
		if got := m.scan([]byte(tt.text)); got != tt.want {
			t.Errorf("scan(%q) = %b, want %b", tt.text, got, tt.want)
		}
	}
}

// TestMatcherRandom compares the automaton with a naive search on random
// texts over a small alphabet, where words overlap often.
func TestMatcherRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "abAB:-"
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	for n := range 400 {
		minLen := 1 // half the sets have words long enough for the sampling pass
		if n%2 == 1 {
			minLen = 5
		}
		var words []anchorWord
		for i := range 1 + r.IntN(12) {
			words = append(words, anchorWord{word: word(minLen + r.IntN(4)), bits: uint64(1) << i})
		}
		m := newMatcher(words)
		if (m.grams != nil) != (minLen == 5) {
			t.Fatalf("words %v: sampling pass %v", words, m.grams != nil)
		}
		for range 20 {
			text := []byte(word(r.IntN(200)))
			if got, want := m.scan(text), naiveScan(words, text); got != want {
				t.Fatalf("words %v, text %q: scan = %b, want %b", words, text, got, want)
			}
		}
	}
}

// FuzzMatcher checks the automaton against a naive search on arbitrary
// words and texts.
func FuzzMatcher(f *testing.F) {
	f.Add("MinVersion", "sion", "cfg.minversion = tls.VersionTLS10")
	f.Add("aab", "ab", "aaab")
	f.Add("tlsfloor:ignore", "", "// TLSFLOOR:IGNORE TF-GO-001 -- test")
	f.Fuzz(func(t *testing.T, w1, w2, text string) {
		words := []anchorWord{{word: w1, bits: 1}, {word: w2, bits: 2}}
		if got, want := newMatcher(words).scan([]byte(text)), naiveScan(words, []byte(text)); got != want {
			t.Fatalf("words %q %q, text %q: scan = %b, want %b", w1, w2, text, got, want)
		}
	})
}

// BenchmarkFilterGo runs the Go kind's prefilter of every rule over the
// Go files of GOROOT/src/net/http, as one text.
func BenchmarkFilterGo(b *testing.B) {
	files, err := filepath.Glob(filepath.Join(runtime.GOROOT(), "src", "net", "http", "*.go"))
	if err != nil || len(files) == 0 {
		b.Skip("no GOROOT sources")
	}
	var text []byte
	for _, f := range files {
		content, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text = append(text, content...)
	}
	e := newEngine(Options{Rules: rules.All()})
	kf := e.filters[source.Go]
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		kf.run(text)
	}
}

// countChecker counts the files it is asked to check.
type countChecker struct{ n *atomic.Int32 }

func (c countChecker) Check(f *source.File) ([]source.Match, error) {
	c.n.Add(1)
	return nil, nil
}

// TestAnchorsGateRules checks that a rule with anchors runs only on the
// files that hold one (in any case), on every file of its Always kinds,
// and that a rule without anchors runs on every file of its kinds.
func TestAnchorsGateRules(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"a.go": "x := cfg.MINVERSION\n", "b.go": "nothing\n", "c.go": "min_version\n",
		"go.mod": "module m\n", "run.sh": "echo minversion\n",
	})
	var anchored, always, plain atomic.Int32
	rs := []source.Rule{
		{ID: "TF-TEST-001", Kinds: []source.Kind{source.Go, source.GoMod, source.Shell},
			Anchors: source.Anchors{Words: []string{"MinVersion"}, Always: []source.Kind{source.GoMod}},
			New:     func() source.Checker { return countChecker{&anchored} }},
		{ID: "TF-TEST-002", Kinds: []source.Kind{source.GoMod},
			Anchors: source.Anchors{Words: []string{"absent"}, Always: []source.Kind{source.GoMod}},
			New:     func() source.Checker { return countChecker{&always} }},
		{ID: "TF-TEST-003", Kinds: []source.Kind{source.Go},
			New: func() source.Checker { return countChecker{&plain} }},
	}
	if _, err := Scan(context.Background(), []string{dir}, Options{Rules: rs}); err != nil {
		t.Fatal(err)
	}
	if got := anchored.Load(); got != 3 { // a.go, go.mod, run.sh
		t.Errorf("anchored rule checked %d files, want 3", got)
	}
	if got := always.Load(); got != 1 {
		t.Errorf("always rule checked %d files, want 1", got)
	}
	if got := plain.Load(); got != 3 {
		t.Errorf("rule without anchors checked %d files, want 3", got)
	}
}

// TestRuleAnchorsInFixtures checks every anchored rule against its own
// fixtures: each file with a finding the rule wants holds one of its
// anchors, or is of a kind it always reads. (The corpus test would catch
// a miss as lost recall; this names the anchor.)
func TestRuleAnchorsInFixtures(t *testing.T) {
	fixtures := filepath.Join("rules", "testdata")
	wants := map[string]map[string]bool{} // rule -> files with a want
	err := filepath.WalkDir(fixtures, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		content, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range wantRule.FindAllSubmatch(content, -1) {
			if wants[string(m[1])] == nil {
				wants[string(m[1])] = map[string]bool{}
			}
			wants[string(m[1])][p] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules.All() {
		if len(r.Anchors.Words) == 0 {
			continue
		}
		var words []anchorWord
		for _, w := range r.Anchors.Words {
			words = append(words, anchorWord{word: w, bits: 1})
		}
		m := newMatcher(words)
		for p := range wants[r.ID] {
			content, _ := os.ReadFile(p)
			if m.scan(content) == 0 && !kindIn(kindByName(filepath.ToSlash(p)), r.Anchors.Always) && !strings.HasSuffix(p, ".txtar") {
				t.Errorf("%s: %s wants a finding but holds none of %q", r.ID, p, r.Anchors.Words)
			}
		}
	}
}

// wantRule finds the rule IDs of want annotations.
var wantRule = regexp.MustCompile(`want "(TF-[A-Z]+-[0-9]+)`)
