package rules

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/platform"
	"github.com/tlsfloor/tlsfloor/internal/scan"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// TestDotnetFamilyRuleTable checks the entries of the four families:
// IDs of the family's form and unique, kinds the walker gives files,
// knowledge-base entries that exist, https references.
func TestDotnetFamilyRuleTable(t *testing.T) {
	families := []struct {
		prefix string
		rules  []source.Rule
	}{
		{"TF-DOTNET-", dotnetRules()}, {"TF-PS-", powershellRules()},
		{"TF-XA-", xamarinRules()}, {"TF-UNITY-", unityRules()},
	}
	seen := map[string]bool{}
	for _, fam := range families {
		for _, r := range fam.rules {
			if !regexp.MustCompile(`^`+fam.prefix+`0[0-9]{2}$`).MatchString(r.ID) || seen[r.ID] {
				t.Errorf("%s: ID not of the form %s0NN, or used twice", r.ID, fam.prefix)
			}
			seen[r.ID] = true
			checkDotnetRule(t, r)
		}
	}
}

// checkDotnetRule checks one rule's fields.
func checkDotnetRule(t *testing.T, r source.Rule) {
	t.Helper()
	if r.Title == "" || r.Description == "" || r.CWE == "" || r.New == nil || len(r.References) == 0 {
		t.Errorf("%s: missing title, description, CWE, constructor or references", r.ID)
	}
	if r.Fix == "" && r.PlatformEntry == "" {
		t.Errorf("%s: neither Fix nor PlatformEntry", r.ID)
	}
	if _, ok := platform.Lookup(r.PlatformEntry); r.PlatformEntry != "" && !ok {
		t.Errorf("%s: platform entry %s does not exist", r.ID, r.PlatformEntry)
	}
	for _, k := range r.Kinds {
		if !slices.Contains(scan.Kinds(), k) {
			t.Errorf("%s: kind %q is not one the walker gives files", r.ID, k)
		}
	}
	for _, ref := range r.References {
		if !strings.HasPrefix(ref, "https://") {
			t.Errorf("%s: reference %q is not https", r.ID, ref)
		}
	}
}

// scanDotnetFamilies scans the four fixture folders with their rules.
func scanDotnetFamilies(t *testing.T) []finding.Finding {
	t.Helper()
	var out []finding.Finding
	for _, fam := range dotnetFamilies {
		res, err := scan.Scan(context.Background(), []string{filepath.Join("testdata", fam)}, scan.Options{Rules: dotnetFamilyRules()})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range res.Notes {
			t.Errorf("note: %s", n)
		}
		out = append(out, res.Findings...)
	}
	return out
}

// TestDotnetFamilyVerdicts checks the verdict of every fixture finding:
// those listed here warn, pass or are unknown; all others fail.
func TestDotnetFamilyVerdicts(t *testing.T) {
	want := map[string]finding.Verdict{
		"msbuild/blazor/Client.csproj:2 TF-DOTNET-022":                        finding.VerdictPass,
		"android-unset/Droid.csproj:3 TF-XA-001":                              finding.VerdictWarn,
		"android-net8/App.csproj:9 TF-XA-002":                                 finding.VerdictWarn,
		"ios-unset/iOS.csproj:3 TF-XA-003":                                    finding.VerdictWarn,
		"binary/ProjectSettings/ProjectSettings.asset:1 TF-UNITY-002":         finding.VerdictUnknown,
		"binary/ProjectSettings/ProjectSettings.asset:1 TF-UNITY-003":         finding.VerdictUnknown,
		"no-runtime-key/ProjectSettings/ProjectSettings.asset:4 TF-UNITY-002": finding.VerdictUnknown,
		"editor-missing/ProjectSettings/ProjectVersion.txt:1 TF-UNITY-001":    finding.VerdictUnknown,
	}
	seen := 0
	for _, f := range scanDotnetFamilies(t) {
		key := fmt.Sprintf("%s:%d %s", f.Location.Path, f.Location.Line, f.RuleID)
		v, listed := want[key]
		if listed {
			seen++
		}
		if f.Verdict != v {
			t.Errorf("%s: verdict %q, want %q", key, f.Verdict, v)
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d findings listed", seen, len(want))
	}
}

// TestDotnetMessages checks that messages and evidence name what was
// decoded.
func TestDotnetMessages(t *testing.T) {
	want := map[string]string{
		"code/SecurityProtocol.cs:17 TF-DOTNET-001":                   "(SecurityProtocolType)0x300 enables Tls11 (TLS 1.1)",
		"code/SecurityProtocol.cs:20 TF-DOTNET-001":                   "enables Ssl3 (SSL 3.0), Tls (TLS 1.0), Tls11 (TLS 1.1)",
		"code/SslProtocols.cs:14 TF-DOTNET-002":                       "SslProtocols.Default enables Ssl3 (SSL 3.0), Tls (TLS 1.0)",
		"SecurityProtocol.ps1:6 TF-PS-001":                            `"tls12, tls11" enables Tls11 (TLS 1.1)`,
		"SecurityProtocol.ps1:14 TF-PS-001":                           "[Net.SecurityProtocolType]::Tls12 -bor [Net.SecurityProtocolType]::Tls enables Tls (TLS 1.0)",
		"config/switches/app.config:8 TF-DOTNET-010":                  "Switch.System.Net.DontEnableSchUseStrongCrypto",
		"binary/ProjectSettings/ProjectSettings.asset:1 TF-UNITY-002": "editor version in the header=2017.4.40f1",
	}
	got := map[string]string{}
	for _, f := range scanDotnetFamilies(t) {
		text := f.Message
		for _, e := range f.Evidence {
			text += "\n" + e.Name + "=" + e.Value
		}
		got[fmt.Sprintf("%s:%d %s", f.Location.Path, f.Location.Line, f.RuleID)] = text
	}
	for key, part := range want {
		if !strings.Contains(got[key], part) {
			t.Errorf("%s: %q does not contain %q", key, got[key], part)
		}
	}
}

// TestDotnetUTF16Config checks a web.config saved as UTF-16LE with a
// byte-order mark, through the engine and through the rule alone.
func TestDotnetUTF16Config(t *testing.T) {
	text := "<?xml version=\"1.0\" encoding=\"utf-16\"?>\r\n<configuration>\r\n  <system.web>\r\n    <httpRuntime targetFramework=\"4.6.1\" />\r\n  </system.web>\r\n</configuration>\r\n"
	content := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(text)) {
		content = append(content, byte(u), byte(u>>8))
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "web.config"), content, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := scan.Scan(context.Background(), []string{dir}, scan.Options{Rules: dotnetRules()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || res.Findings[0].RuleID != "TF-DOTNET-011" || res.Findings[0].Location.Line != 4 {
		t.Errorf("engine findings = %+v, want TF-DOTNET-011 on line 4", res.Findings)
	}
	ms, err := dotnetCheckConfigTarget(&source.File{Path: "web.config", Kind: source.DotNetConfig, Content: content})
	if err != nil || len(ms) != 1 || ms[0].Line != 4 || ms[0].Column != 18 {
		t.Errorf("rule alone = %+v, %v; want one match at 4:18", ms, err)
	}
}

// TestDotnetMalformedXML checks that a broken project still reports what
// came before the break, with the error.
func TestDotnetMalformedXML(t *testing.T) {
	f := &source.File{Path: "a.csproj", Kind: source.MSBuild, Content: []byte("<Project>\n  <PropertyGroup>\n    <TargetFramework>net45</TargetFramework>\n  <Broken attr=\n")}
	ms, err := dotnetCheckFrameworkTarget(f)
	if err == nil || len(ms) != 1 || ms[0].Line != 3 {
		t.Errorf("matches %+v, error %v; want one match on line 3 and an error", ms, err)
	}
}
