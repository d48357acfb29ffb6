package platform

import (
	"crypto/tls"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// notApplicable is the expected outcome of a case where the entry gives
// no result.
const notApplicable Status = -1

// entryCase is one set of facts judged by one entry.
type entryCase struct {
	id    string
	name  string
	facts Facts
	floor *Floor // nil: the lowest floor the entry is judged for
	want  Status
	msg   string // a substring the message must contain, if set
}

// allCases gathers the per-family case tables.
func allCases() []entryCase {
	var all []entryCase
	for _, cs := range [][]entryCase{
		windowsCases, netfxCases, dotnetCases, powershellCases, opensslCases,
		appleCases, mobileCases, goCases, javaCases, pyNodeCases,
	} {
		all = append(all, cs...)
	}
	return all
}

// entryByID returns a pointer into the table.
func entryByID(t *testing.T, id string) *Entry {
	t.Helper()
	for i := range entries {
		if entries[i].ID == id {
			return &entries[i]
		}
	}
	t.Fatalf("no entry %s", id)
	return nil
}

// floorFor is the lowest floor e is judged for.
func floorFor(e *Entry) Floor {
	return Floor{Version: max(e.MinFloor, tls.VersionTLS12), PostQuantum: e.PostQuantum}
}

func TestEntryCases(t *testing.T) {
	for _, tc := range allCases() {
		t.Run(tc.id+"/"+tc.name, func(t *testing.T) {
			e := entryByID(t, tc.id)
			fl := floorFor(e)
			if tc.floor != nil {
				fl = *tc.floor
			}
			got := evaluateEntry(e, &tc.facts, fl)
			if tc.want == notApplicable {
				if len(got) != 0 {
					t.Fatalf("got %d results, want none: %+v", len(got), got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("got %d results, want 1: %+v", len(got), got)
			}
			r := got[0]
			if r.Status != tc.want || !strings.Contains(r.Message, tc.msg) {
				t.Errorf("got %s %q, want %s containing %q", r.Status, r.Message, tc.want, tc.msg)
			}
			if r.Entry != e || r.Subject == "" || r.Message == "" {
				t.Errorf("result incomplete: entry %p (want %p), subject %q", r.Entry, e, r.Subject)
			}
		})
	}
}

// TestEveryEntryHasCases fails when an entry lacks a passing and a failing
// case (Warn counts as failing), or, for informational entries, a case
// where it applies and one where it does not.
func TestEveryEntryHasCases(t *testing.T) {
	seen := map[string]map[string]bool{}
	for _, tc := range allCases() {
		if seen[tc.id] == nil {
			seen[tc.id] = map[string]bool{}
		}
		switch tc.want {
		case Pass:
			seen[tc.id]["pass"], seen[tc.id]["applies"] = true, true
		case Warn, Fail:
			seen[tc.id]["fail"], seen[tc.id]["applies"] = true, true
		case Unknown:
			seen[tc.id]["applies"] = true
		case notApplicable:
			seen[tc.id]["n/a"] = true
		}
	}
	for _, e := range Entries() {
		want := []string{"pass", "fail"}
		if e.Severity == finding.Info {
			want = []string{"applies", "n/a"}
		}
		for _, w := range want {
			if !seen[e.ID][w] {
				t.Errorf("%s: no %q case", e.ID, w)
			}
		}
		delete(seen, e.ID)
	}
	for id := range seen {
		t.Errorf("cases for unknown entry %s", id)
	}
}

func TestEntryTable(t *testing.T) {
	ids := map[string]bool{}
	for _, e := range Entries() {
		if ids[e.ID] || !strings.HasPrefix(e.ID, "TF-PLAT-") {
			t.Errorf("%s: duplicate or badly named ID", e.ID)
		}
		ids[e.ID] = true
		if e.Title == "" || e.Platform == "" || e.Condition == "" || e.Requirement == "" || e.Remediation == "" || e.judge == nil {
			t.Errorf("%s: empty field", e.ID)
		}
		if len(e.Sources) == 0 || e.MinFloor < tls.VersionTLS12 || (e.PostQuantum && e.MinFloor != tls.VersionTLS13) {
			t.Errorf("%s: sources %v, floor %#x, post-quantum %v", e.ID, e.Sources, e.MinFloor, e.PostQuantum)
		}
		for _, s := range e.Sources {
			if !strings.HasPrefix(s, "https://") {
				t.Errorf("%s: source %q is not an https URL", e.ID, s)
			}
		}
	}
}

// seedRows are the entries taken from the AWS guide; each cites it.
var seedRows = []string{
	"TF-PLAT-WIN-OS", "TF-PLAT-WIN7-SCHANNEL", "TF-PLAT-NETFX-VERSION", "TF-PLAT-NETFX-REGISTRY",
	"TF-PLAT-NETFX35-HOTFIX", "TF-PLAT-NETFX-WIN7", "TF-PLAT-NETFX-AWSSDK", "TF-PLAT-DOTNET-VERSION",
	"TF-PLAT-DOTNET-WIN7", "TF-PLAT-DOTNET-LINUX-OPENSSL", "TF-PLAT-DOTNET-MACOS", "TF-PLAT-PS-DESKTOP-CLR2",
	"TF-PLAT-PS-DESKTOP-CLR4", "TF-PLAT-PS-CORE", "TF-PLAT-OPENSSL-VERSION", "TF-PLAT-MACOS-VERSION",
	"TF-PLAT-XA-ANDROID-VERSION", "TF-PLAT-XA-ANDROID-HANDLER", "TF-PLAT-XA-ANDROID-TLSPROVIDER",
	"TF-PLAT-XA-IOS-VERSION", "TF-PLAT-XA-IOS-HANDLER", "TF-PLAT-XA-MAC-VERSION", "TF-PLAT-XA-MAC-HANDLER",
	"TF-PLAT-UNITY-VERSION", "TF-PLAT-UNITY-RUNTIME", "TF-PLAT-BLAZOR-WASM",
}

func TestSeedRowsCiteSeed(t *testing.T) {
	for _, id := range seedRows {
		e, ok := Lookup(id)
		if !ok {
			t.Errorf("Lookup(%q) found nothing", id)
			continue
		}
		if !contains(e.Sources, srcSeed) {
			t.Errorf("%s does not cite %s", id, srcSeed)
		}
	}
	if _, ok := Lookup("TF-PLAT-NOPE"); ok {
		t.Error("Lookup found an entry that does not exist")
	}
}
