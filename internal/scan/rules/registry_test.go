package rules_test

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/platform"
	"github.com/tlsfloor/tlsfloor/internal/scan"
	"github.com/tlsfloor/tlsfloor/internal/scan/rules"
	"github.com/tlsfloor/tlsfloor/internal/scan/ruletest"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// idForm is the form of a rule ID: TF-<FAMILY>-<three digits>.
var idForm = regexp.MustCompile(`^TF-[A-Z]+-[0-9]{3}$`)

// TestRegistry checks each rule's entry: a unique, well-formed ID, the
// fields every report needs, kinds the walker gives files, and a
// remediation from the knowledge base or the rule.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	walkerKinds := scan.Kinds()
	for _, r := range rules.All() {
		if !idForm.MatchString(r.ID) {
			t.Errorf("%s: ID is not TF-<FAMILY>-<NNN>", r.ID)
		}
		if seen[r.ID] {
			t.Errorf("%s: duplicate ID", r.ID)
		}
		seen[r.ID] = true
		checkFields(t, r)
		for _, k := range r.Kinds {
			if !slices.Contains(walkerKinds, k) {
				t.Errorf("%s: kind %q is not one the walker gives files", r.ID, k)
			}
		}
	}
}

// checkFields checks the metadata of one rule.
func checkFields(t *testing.T, r source.Rule) {
	t.Helper()
	switch {
	case r.Title == "" || strings.Contains(r.Title, "\n"):
		t.Errorf("%s: title must be one line", r.ID)
	case r.Description == "":
		t.Errorf("%s: no description", r.ID)
	case r.Severity < finding.Info || r.Severity > finding.Critical:
		t.Errorf("%s: severity %d out of range", r.ID, r.Severity)
	case !regexp.MustCompile(`^[0-9]+$`).MatchString(r.CWE):
		t.Errorf("%s: CWE %q is not a number", r.ID, r.CWE)
	case len(r.Kinds) == 0:
		t.Errorf("%s: reads no kind of file", r.ID)
	case r.New == nil:
		t.Errorf("%s: no constructor", r.ID)
	case r.Fix == "" && r.PlatformEntry == "":
		t.Errorf("%s: neither Fix nor PlatformEntry", r.ID)
	}
	if _, ok := platform.Lookup(r.PlatformEntry); r.PlatformEntry != "" && !ok {
		t.Errorf("%s: platform entry %s does not exist", r.ID, r.PlatformEntry)
	}
	for _, ref := range r.References {
		if !strings.HasPrefix(ref, "https://") {
			t.Errorf("%s: reference %q is not an https URL", r.ID, ref)
		}
	}
}

// TestRulesHaveFixtures checks that every rule has at least one positive
// (want) and one negative (ok) fixture line, and that fixtures name only
// rules that exist.
func TestRulesHaveFixtures(t *testing.T) {
	pos, neg := map[string]int{}, map[string]int{}
	for _, fam := range families(t) {
		fx, err := ruletest.Load(filepath.Join("testdata", fam))
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range fx.Want {
			pos[k.Rule]++
		}
		for _, k := range fx.OK {
			neg[k.Rule]++
		}
	}
	known := map[string]bool{scan.SuppressRuleID: true}
	for _, r := range rules.All() {
		known[r.ID] = true
		if pos[r.ID] == 0 || neg[r.ID] == 0 {
			t.Errorf("%s: %d positive and %d negative fixture lines; want at least one of each", r.ID, pos[r.ID], neg[r.ID])
		}
	}
	for id := range pos {
		if !known[id] {
			t.Errorf("fixtures want unknown rule %s", id)
		}
	}
	for id := range neg {
		if !known[id] {
			t.Errorf("fixtures mark unknown rule %s ok", id)
		}
	}
}
