package trail

import (
	"context"
	"slices"
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
	fs := slices.Collect(All(rep, platform.Floor{}))
	var dotnet *finding.Finding
	var unknown []string
	for i, f := range fs {
		if strings.Contains(f.Target, "legacy-app") && f.RuleID == RuleCaller {
			dotnet = &fs[i]
		}
		switch {
		case i < len(rep.Callers) && (f.Outcome() != finding.VerdictFail || f.RuleID != RuleCaller):
			t.Errorf("finding %+v: want a failing caller", f)
		case i >= len(rep.Callers) && (f.Outcome() != finding.VerdictUnknown || f.RuleID != RuleUnknown):
			t.Errorf("finding %+v: want an unknown caller", f)
		case i >= len(rep.Callers):
			unknown = append(unknown, f.Target+" "+f.Message)
			if !strings.Contains(f.Remediation, "does not say which TLS version") {
				t.Errorf("unknown caller %s: remediation %q", f.Target, f.Remediation)
			}
		}
	}
	// The customer callers without a TLS version of the fixtures, and none
	// of the AWS-operated ones (service events, service principals, AWS
	// Internal, console).
	wantUnknown := []string{
		"arn:aws:iam::111122223333:user/inventory 1 calls to account.amazonaws.com without a TLS version in CloudTrail, from 2024-05-01T00:37:00Z to 2024-05-01T00:37:00Z",
		"arn:aws:iam::111122223333:user/legacy-app 1 calls to sts.amazonaws.com without a TLS version in CloudTrail, from 2024-05-01T00:02:00Z to 2024-05-01T00:02:00Z",
		"arn:aws:sts::111122223333:assumed-role/app/* 1 calls to aoss.amazonaws.com without a TLS version in CloudTrail, from 2024-05-01T00:38:00Z to 2024-05-01T00:38:00Z",
	}
	if strings.Join(unknown, "\n") != strings.Join(wantUnknown, "\n") {
		t.Errorf("unknown callers:\n%s\nwant\n%s", strings.Join(unknown, "\n"), strings.Join(wantUnknown, "\n"))
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
