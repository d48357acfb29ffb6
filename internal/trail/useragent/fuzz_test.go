package useragent

import (
	"bufio"
	"os"
	"reflect"
	"strings"
	"testing"
)

// readAgents reads testdata/agents.txt: "name<TAB>agent" lines, # comments.
func readAgents(t testing.TB) []string {
	t.Helper()
	f, err := os.Open("testdata/agents.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		_, ua, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("agents.txt: no tab in %q", line)
		}
		out = append(out, ua)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func FuzzParse(f *testing.F) {
	for _, ua := range readAgents(f) {
		f.Add(ua)
	}
	f.Fuzz(func(t *testing.T, ua string) {
		a := Parse(ua)
		if a.Raw != ua {
			t.Fatalf("Raw = %q, want %q", a.Raw, ua)
		}
		if a.Family == "" {
			t.Fatalf("Parse(%q): empty Family", ua)
		}
		if b := Parse(ua); !reflect.DeepEqual(a, b) {
			t.Fatalf("Parse(%q) not deterministic:\n%#v\n%#v", ua, a, b)
		}
		if fa, fb := a.Facts(), Parse(ua).Facts(); !reflect.DeepEqual(fa, fb) {
			t.Fatalf("Facts(%q) not deterministic", ua)
		}
		if len(ua) >= TruncateLimit && !a.Truncated {
			t.Fatalf("Parse(%q): %d bytes not marked truncated", ua, len(ua))
		}
	})
}
