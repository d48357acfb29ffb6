package platform

import (
	"crypto/tls"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// find returns the results of one entry.
func find(rs []Result, id string) []Result {
	var out []Result
	for _, r := range rs {
		if r.Entry.ID == id {
			out = append(out, r)
		}
	}
	return out
}

func TestEvaluateUnknownPaths(t *testing.T) {
	tests := []struct {
		name  string
		facts Facts
		id    string
		want  Status
		msg   string
	}{
		{name: "7601 registry not read", facts: win(7601, nil), id: "TF-PLAT-WIN7-SCHANNEL", want: Unknown, msg: "registry not collected"},
		{name: "7601 registry read, no SCHANNEL keys", facts: win(7601, &Windows{}), id: "TF-PLAT-WIN7-SCHANNEL", want: Fail, msg: "OS default"},
		{name: "3.5 hotfixes not read", facts: with(win(7601, &Windows{}), netfx("3.5")), id: "TF-PLAT-NETFX35-HOTFIX", want: Unknown, msg: "hotfix list not collected; run Get-HotFix"},
		{name: "3.5 empty hotfix list", facts: with(win(7601, &Windows{Hotfixes: []string{}}), netfx("3.5")), id: "TF-PLAT-NETFX35-HOTFIX", want: Fail},
		{name: "2008 SP2 hotfixes not read", facts: winServer(6002, &Windows{}), id: "TF-PLAT-WIN2008SP2-KB4019276", want: Unknown, msg: "run Get-HotFix"},
		{name: "Windows build not read", facts: Facts{OS: OS{Family: OSWindows}}, id: "TF-PLAT-WIN-OS", want: Unknown, msg: "CurrentBuildNumber"},
		{name: "OpenSSL version not read", facts: linux(&OpenSSL{}), id: "TF-PLAT-OPENSSL-VERSION", want: Unknown},
		{name: "java.security not read", facts: only(java("17.0.15")), id: "TF-PLAT-JAVA-DISABLED-ALGORITHMS", want: Unknown},
		{name: "Python minimum not read", facts: only(python("3.11.7")), id: "TF-PLAT-PY-MINVERSION", want: Unknown},
		{name: ".NET framework version unknown", facts: with(win(9600, nil), netfx("")), id: "TF-PLAT-NETFX-VERSION", want: Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := find(Evaluate(tt.facts, Floor{}), tt.id)
			if len(got) != 1 || got[0].Status != tt.want || !strings.Contains(got[0].Message, tt.msg) {
				t.Fatalf("%s: got %+v, want one %s containing %q", tt.id, got, tt.want, tt.msg)
			}
		})
	}
}

// floorFacts give results for TLS 1.2, TLS 1.3 and post-quantum entries.
var floorFacts = with(winServer(17763, &Windows{}), goRT("1.23.4"))

func TestEvaluateFloors(t *testing.T) {
	tests := []struct {
		name  string
		floor Floor
		has   []string
		lacks []string
	}{
		{name: "zero is TLS 1.2", floor: Floor{}, has: []string{"TF-PLAT-WIN-OS"}, lacks: []string{"TF-PLAT-WIN-TLS13", "TF-PLAT-GO-PQ"}},
		{name: "below TLS 1.2 is TLS 1.2", floor: Floor{Version: tls.VersionTLS10}, has: []string{"TF-PLAT-GO-CLIENT-DEFAULT"}, lacks: []string{"TF-PLAT-GO-TLS13"}},
		{name: "TLS 1.3", floor: Floor{Version: tls.VersionTLS13}, has: []string{"TF-PLAT-WIN-OS", "TF-PLAT-WIN-TLS13", "TF-PLAT-GO-TLS13"}, lacks: []string{"TF-PLAT-GO-PQ"}},
		{name: "post-quantum", floor: Floor{PostQuantum: true}, has: []string{"TF-PLAT-WIN-OS", "TF-PLAT-WIN-TLS13", "TF-PLAT-GO-PQ"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := Evaluate(floorFacts, tt.floor)
			for _, id := range tt.has {
				if len(find(rs, id)) == 0 {
					t.Errorf("no result for %s", id)
				}
			}
			for _, id := range tt.lacks {
				if len(find(rs, id)) != 0 {
					t.Errorf("unexpected result for %s", id)
				}
			}
		})
	}
}

func TestFloorString(t *testing.T) {
	for fl, want := range map[Floor]string{
		{}:                          "TLS 1.2",
		{Version: tls.VersionTLS13}: "TLS 1.3",
		{Version: tls.VersionTLS12, PostQuantum: true}: "TLS 1.3 + post-quantum",
	} {
		if got := fl.String(); got != want {
			t.Errorf("%+v.String() = %q, want %q", fl, got, want)
		}
	}
}

// summary projects results onto comparable fields.
type summary struct{ ID, Status, Subject string }

func summarize(rs []Result) []summary {
	var out []summary
	for _, r := range rs {
		out = append(out, summary{r.Entry.ID, r.Status.String(), r.Subject})
	}
	return out
}

func TestEvaluateOrder(t *testing.T) {
	f := with(win(7601, &Windows{}), java("11.0.10"), java("17.0.15"), netfx("3.5"))
	first := Evaluate(f, Floor{PostQuantum: true})
	if diff := cmp.Diff(summarize(first), summarize(Evaluate(f, Floor{PostQuantum: true}))); diff != "" {
		t.Errorf("second evaluation differs (-first +second):\n%s", diff)
	}
	index := map[string]int{}
	for i, e := range Entries() {
		index[e.ID] = i
	}
	for i := 1; i < len(first); i++ {
		if index[first[i-1].Entry.ID] > index[first[i].Entry.ID] {
			t.Errorf("%s before %s: not in table order", first[i-1].Entry.ID, first[i].Entry.ID)
		}
	}
	javaRs := find(first, "TF-PLAT-JAVA-VERSION")
	want := []summary{{"TF-PLAT-JAVA-VERSION", "warn", "Java 11.0.10 at /opt/java"}, {"TF-PLAT-JAVA-VERSION", "pass", "Java 17.0.15 at /opt/java"}}
	if diff := cmp.Diff(want, summarize(javaRs)); diff != "" {
		t.Errorf("runtimes not in facts order (-want +got):\n%s", diff)
	}
}

func TestResultFinding(t *testing.T) {
	e := entryByID(t, "TF-PLAT-WIN7-SCHANNEL") // High
	info := entryByID(t, "TF-PLAT-BLAZOR-WASM")
	evs := []finding.Evidence{ev("k", "v")}
	tests := []struct {
		name   string
		result Result
		want   finding.Finding
	}{
		{
			name:   "fail keeps the severity",
			result: Result{Entry: e, Status: Fail, Subject: "Windows 7 SP1 (build 7601)", Message: "m", Evidence: evs},
			want: finding.Finding{RuleID: e.ID, Severity: finding.High, Verdict: finding.VerdictFail, Title: e.Title, Message: "m", Target: "Windows 7 SP1 (build 7601)",
				Evidence: evs, Remediation: e.Remediation, References: e.Sources},
		},
		{
			name:   "warn is one step lower",
			result: Result{Entry: e, Status: Warn, Subject: "s", Message: "m"},
			want:   finding.Finding{RuleID: e.ID, Severity: finding.Medium, Verdict: finding.VerdictWarn, Title: e.Title, Message: "m", Target: "s", Remediation: e.Remediation, References: e.Sources},
		},
		{
			name:   "unknown is info with remediation",
			result: Result{Entry: e, Status: Unknown, Subject: "s", Message: "m"},
			want:   finding.Finding{RuleID: e.ID, Severity: finding.Info, Verdict: finding.VerdictUnknown, Title: e.Title, Message: "m", Target: "s", Remediation: e.Remediation, References: e.Sources},
		},
		{
			name:   "pass is info without remediation",
			result: Result{Entry: e, Status: Pass, Subject: "s", Message: "m"},
			want:   finding.Finding{RuleID: e.ID, Severity: finding.Info, Verdict: finding.VerdictPass, Title: e.Title, Message: "m", Target: "s", References: e.Sources},
		},
		{
			name:   "info entry stays info",
			result: Result{Entry: info, Status: Warn, Subject: "s", Message: "m"},
			want:   finding.Finding{RuleID: info.ID, Severity: finding.Info, Verdict: finding.VerdictWarn, Title: info.Title, Message: "m", Target: "s", Remediation: info.Remediation, References: info.Sources},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.result.Finding()); diff != "" {
				t.Errorf("Finding() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRules(t *testing.T) {
	rules, all := Rules(), Entries()
	if len(rules) != len(all) {
		t.Fatalf("%d rules for %d entries", len(rules), len(all))
	}
	for i, r := range rules {
		e := all[i]
		if r.ID != e.ID || r.Title != e.Title || r.Severity != e.Severity || r.Help != e.Remediation || !cmp.Equal(r.References, e.Sources) {
			t.Errorf("rule %d does not describe %s: %+v", i, e.ID, r)
		}
		if (r.CWE == "") != (e.Severity == finding.Info) {
			t.Errorf("%s: CWE %q for severity %s", e.ID, r.CWE, e.Severity)
		}
		if len(r.Tags) != 2 || r.Tags[0] != e.Platform {
			t.Errorf("%s: tags %v", e.ID, r.Tags)
		}
	}
	if got := rules[0].Tags[1]; got != "tls1.2" {
		t.Errorf("first rule floor tag %q, want tls1.2", got)
	}
}
