package trail

import (
	"context"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/platform"
	"github.com/tlsfloor/tlsfloor/internal/trail/cloudtrail"
)

// TestFindingsFixtures reads the CloudTrail fixtures: the .NET 3.5 caller
// on Windows 7 SP1 below TLS 1.2 must come out with KB3154518 and the
// SCHANNEL registry change, and the summary must account for every record.
func TestFindingsFixtures(t *testing.T) {
	rep, err := cloudtrail.Scan(context.Background(), []string{"cloudtrail/testdata/AWSLogs"}, cloudtrail.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fs := Findings(rep, platform.Floor{})
	var dotnet *finding.Finding
	for i, f := range fs {
		if strings.Contains(f.Target, "legacy-app") {
			dotnet = &fs[i]
		}
		if f.Outcome() != finding.VerdictFail || f.RuleID != RuleCaller {
			t.Errorf("finding %+v: want a failing caller", f)
		}
	}
	if dotnet == nil {
		t.Fatalf("no finding for the .NET 3.5 caller among %d", len(fs))
	}
	for _, want := range []string{"KB3154518", `SCHANNEL\Protocols\TLS 1.2\Client`, "DisabledByDefault=0"} {
		if !strings.Contains(dotnet.Remediation, want) {
			t.Errorf("remediation lacks %q:\n%s", want, dotnet.Remediation)
		}
	}
	s := Summary(rep, len(fs), "cloudtrail")
	records := 0
	for _, k := range s.Skipped {
		if k.Unit == "" {
			records += k.Count
		}
	}
	if s.Read != rep.Totals.Counted+records || !rep.Totals.Reconciles() {
		t.Errorf("summary %+v does not reconcile with counted %d", s, rep.Totals.Counted)
	}
}
