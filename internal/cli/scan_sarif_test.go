package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan"
	"github.com/tlsfloor/tlsfloor/internal/scan/rules"
)

// sarifLog is the part of a SARIF log GitHub code scanning reads
// (scan-identifiers.md section 14).
type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string      `json:"name"`
				Rules []sarifRule `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Kind      string `json:"kind"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Suppressions        []struct {
				Kind string `json:"kind"`
			} `json:"suppressions"`
		} `json:"results"`
	} `json:"runs"`
}

// TestScanSARIFForCodeScanning runs scan --format sarif over files of
// several families and checks what GitHub code scanning needs: every
// rule of the registry with its metadata and a security-severity, and
// results with a rule index, a repository-relative location and
// partialFingerprints.
func TestScanSARIFForCodeScanning(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"main.go": "package main\n\nimport \"crypto/tls\"\n\nvar c = &tls.Config{MinVersion: tls.VersionTLS10}\n\n" +
			"var d = &tls.Config{MinVersion: tls.VersionTLS11} // tlsfloor:ignore TF-GO-001 -- legacy printer\n",
		"infra/lb.tf": "resource \"aws_elb\" \"web\" {\n  listener {\n    lb_port = 443\n    lb_protocol = \"https\"\n  }\n}\n",
		"run.sh":      "java -Dhttps.protocols=TLSv1 -jar app.jar\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "scan.sarif")
	got := runArgs(context.Background(), commands(), "scan", "--format", "sarif", "-o", out, dir)
	checkResult(t, got, ExitOK, nil, nil)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif") || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "tlsfloor" {
		t.Fatalf("log header: version %q, schema %q, %d runs", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	checkSARIFRules(t, run.Tool.Driver.Rules)
	ids := map[string]bool{}
	for i, res := range run.Results {
		ids[res.RuleID] = true
		if res.RuleIndex < 0 || res.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %d (%s): ruleIndex %d does not name its rule", i, res.RuleID, res.RuleIndex)
		}
		if res.PartialFingerprints["tlsfloor/v1"] == "" || res.Message.Text == "" {
			t.Errorf("result %d (%s): fingerprints %v, message %q", i, res.RuleID, res.PartialFingerprints, res.Message.Text)
		}
		if len(res.Locations) != 1 || filepath.IsAbs(res.Locations[0].PhysicalLocation.ArtifactLocation.URI) || res.Locations[0].PhysicalLocation.Region.StartLine < 1 {
			t.Errorf("result %d (%s): locations %+v, want one repository-relative region", i, res.RuleID, res.Locations)
		}
		switch {
		case len(res.Suppressions) > 0 && res.Suppressions[0].Kind != "inSource":
			t.Errorf("result %d (%s): suppression %+v, want inSource", i, res.RuleID, res.Suppressions)
		case res.RuleID == "TF-IAC-011" && (res.Kind != "review" || res.Level != "none"):
			t.Errorf("warning %s: kind %q level %q, want review/none", res.RuleID, res.Kind, res.Level)
		}
	}
	for _, id := range []string{"TF-GO-001", "TF-IAC-011", "TF-JAVA-006"} {
		if !ids[id] {
			t.Errorf("no %s result; results cover %v", id, ids)
		}
	}
}

// sarifRule is the part of a SARIF reportingDescriptor the checks read.
type sarifRule struct {
	ID               string `json:"id"`
	Name             string `json:"name"`
	ShortDescription struct {
		Text string `json:"text"`
	} `json:"shortDescription"`
	FullDescription struct {
		Text string `json:"text"`
	} `json:"fullDescription"`
	Help struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	} `json:"help"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
	Properties struct {
		Tags             []string `json:"tags"`
		Precision        string   `json:"precision"`
		SecuritySeverity string   `json:"security-severity"`
	} `json:"properties"`
}

// checkSARIFRules checks every rule of the registry, and the engine's
// own, against GitHub's limits: a name of at most 255 bytes, a full
// description of at most 1,024, help, the security tag and a
// security-severity score from 0.1 to 10.0 for every rule above info.
func checkSARIFRules(t *testing.T, got []sarifRule) {
	t.Helper()
	want := map[string]finding.Rule{}
	for _, r := range scan.Rules(rules.All()) {
		want[r.ID] = r
	}
	if len(got) != len(want) {
		t.Fatalf("%d rules in the log, %d in the registry", len(got), len(want))
	}
	for _, r := range got {
		w, ok := want[r.ID]
		switch {
		case !ok:
			t.Errorf("rule %s is not in the registry", r.ID)
		case r.Name == "" || len(r.Name) > 255 || r.ShortDescription.Text == "" || len(r.FullDescription.Text) > 1024:
			t.Errorf("%s: name %q, short %q, full %d bytes", r.ID, r.Name, r.ShortDescription.Text, len(r.FullDescription.Text))
		case r.Help.Text == "" || r.Help.Markdown == "" || r.Properties.Precision == "":
			t.Errorf("%s: help %q / %q, precision %q", r.ID, r.Help.Text, r.Help.Markdown, r.Properties.Precision)
		case !containsTag(r.Properties.Tags, "security"):
			t.Errorf("%s: tags %v, want security", r.ID, r.Properties.Tags)
		case r.DefaultConfiguration.Level != "error" && r.DefaultConfiguration.Level != "warning" && r.DefaultConfiguration.Level != "note":
			t.Errorf("%s: level %q", r.ID, r.DefaultConfiguration.Level)
		}
		score, err := strconv.ParseFloat(r.Properties.SecuritySeverity, 64)
		if w.Severity != finding.Info && (err != nil || score < 0.1 || score > 10) {
			t.Errorf("%s (%s): security-severity %q", r.ID, w.Severity, r.Properties.SecuritySeverity)
		}
	}
}

// containsTag reports whether tags holds tag.
func containsTag(tags []string, tag string) bool {
	for _, x := range tags {
		if x == tag {
			return true
		}
	}
	return false
}
