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
