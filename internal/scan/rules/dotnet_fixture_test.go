package rules

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/scan/ruletest"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// dotnetFamilies are the fixture folders of the .NET, PowerShell, Xamarin
// and Unity rules; testdata/README.md describes them.
var dotnetFamilies = []string{"dotnet", "powershell", "xamarin", "unity"}

// dotnetFamilyRules returns the rules of those families.
func dotnetFamilyRules() []source.Rule {
	return slices.Concat(dotnetRules(), powershellRules(), xamarinRules(), unityRules())
}

// TestDotnetFamilyFixtures scans the fixtures of the four families with
// their rules alone and checks the findings line by line against the
// want and ok annotations.
func TestDotnetFamilyFixtures(t *testing.T) {
	for _, fam := range dotnetFamilies {
		t.Run(fam, func(t *testing.T) {
			ruletest.Run(t, filepath.Join("testdata", fam), dotnetFamilyRules())
		})
	}
}

// TestDotnetFamilyFixtureCounts checks that each rule of the four
// families has positive and negative fixture lines, and logs how many.
func TestDotnetFamilyFixtureCounts(t *testing.T) {
	pos, neg := map[string]int{}, map[string]int{}
	for _, fam := range dotnetFamilies {
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
	for _, r := range dotnetFamilyRules() {
		t.Logf("%-13s %3d positive %3d negative", r.ID, pos[r.ID], neg[r.ID])
		if pos[r.ID] == 0 || neg[r.ID] == 0 {
			t.Errorf("%s: %d positive and %d negative fixture lines; want at least one of each", r.ID, pos[r.ID], neg[r.ID])
		}
	}
}
