package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/scan/rules"
	"github.com/tlsfloor/tlsfloor/internal/scan/ruletest"
)

// families lists the fixture directories under testdata, one per rule
// family.
func families(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() && e.Name() != "fuzz" {
			dirs = append(dirs, e.Name())
		}
	}
	return dirs
}

// TestFixtures runs every rule on the fixtures of each family and checks
// the findings line by line.
func TestFixtures(t *testing.T) {
	for _, fam := range families(t) {
		t.Run(fam, func(t *testing.T) {
			ruletest.Run(t, filepath.Join("testdata", fam), rules.All())
		})
	}
}

// TestCorpus measures precision and recall over the fixtures of every
// family and fails below 0.95 for either.
func TestCorpus(t *testing.T) {
	var total ruletest.Outcome
	for _, fam := range families(t) {
		out, err := ruletest.Check(filepath.Join("testdata", fam), rules.All())
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %s", fam, out)
		total.Add(out)
	}
	t.Logf("all families: %s", total)
	if total.Precision() < 0.95 || total.Recall() < 0.95 {
		t.Errorf("corpus below 0.95: %s", total)
	}
}
