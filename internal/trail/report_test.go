package trail

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/platform"
	"github.com/tlsfloor/tlsfloor/internal/report/html"
	"github.com/tlsfloor/tlsfloor/internal/report/jsonout"
	"github.com/tlsfloor/tlsfloor/internal/report/reporttest"
	"github.com/tlsfloor/tlsfloor/internal/trail/cloudtrail"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixtureRun reads the CloudTrail fixtures (every TLS version, a
// duplicate, records without tlsDetails, corrupt and truncated files,
// digest and insight files) and feeds the report to h.
func fixtureRun(t *testing.T, h finding.Handler) *cloudtrail.Report {
	t.Helper()
	rep, err := cloudtrail.Scan(context.Background(), []string{"cloudtrail/testdata/AWSLogs"}, cloudtrail.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fs := slices.Collect(All(rep, platform.Floor{}))
	run := finding.Run{Command: "trail", ToolVersion: "v0.0.0-test", Floor: "TLS 1.2", Rules: Rules(),
		Started: time.Date(2024, 5, 2, 8, 0, 0, 0, time.UTC)}
	c := reporttest.Case{Run: run, Findings: fs, Summary: Summary(rep, len(fs), "cloudtrail")}
	if err := reporttest.Feed(h, c); err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestJSONGolden keeps the tlsfloor.trail/v1 document of the fixtures,
// and reads it back: the totals must reconcile and match the report.
func TestJSONGolden(t *testing.T) {
	var buf bytes.Buffer
	rep := fixtureRun(t, jsonout.New(&buf))
	reporttest.Golden(t, filepath.Join("testdata", "fixtures.json"), buf.Bytes(), *update)

	var doc struct {
		Schema  string
		Summary struct {
			Read    int
			Details RunDetails
		}
		Findings []struct{ Details CallerDetails }
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	tt := doc.Summary.Details.Totals
	if doc.Schema != "tlsfloor.trail/v1" || tt.Read != doc.Summary.Read ||
		tt.Read != tt.Counted+tt.Duplicates+tt.WithoutTLS.Total+tt.SkippedRecords || !tt.Reconciles {
		t.Errorf("schema %q, totals %+v: want tlsfloor.trail/v1 with read = counted + duplicates + without TLS + skipped", doc.Schema, tt)
	}
	if tt.Read != rep.Totals.Read || tt.Duplicates == 0 || tt.WithoutTLS.NoDetails == 0 || doc.Summary.Details.FilesSkipped.Digest != 1 {
		t.Errorf("totals %+v do not show the fixtures' duplicate, missing tlsDetails and digest file", tt)
	}
	w, classes := tt.WithoutTLS, 0
	for _, n := range w.ByClass {
		classes += n
	}
	if len(w.ByClass) != 5 || classes != w.Total || w.AWSOperated+w.Customer != w.Total || w.Customer != 3 || w.AWSOperated != 7 {
		t.Errorf("without_tls %+v: want 5 classes adding up to the total, 7 AWS-operated and 3 customer", w)
	}
	if len(doc.Findings) == 0 || doc.Findings[0].Details.Calls == 0 || doc.Findings[0].Details.Fix == "" || doc.Findings[0].Details.Agent.Family == "" {
		t.Errorf("caller details %+v lack calls, agent or fix", doc.Findings)
	}
	if _, _, _, err := jsonout.Read(bytes.NewReader(buf.Bytes())); err != nil {
		t.Errorf("jsonout.Read: %v", err)
	}
	for _, s := range doc.Summary.Details.ByService {
		sum := s.WithoutTLS
		for _, n := range s.Versions {
			sum += n
		}
		if sum != s.Records {
			t.Errorf("service %s: versions and without_tls add up to %d, records %d", s.Key, sum, s.Records)
		}
	}
}

// TestCSVGolden checks one row per caller with the caller columns.
func TestCSVGolden(t *testing.T) {
	var buf bytes.Buffer
	rep := fixtureRun(t, NewCSV(&buf))
	reporttest.Golden(t, filepath.Join("testdata", "fixtures.csv"), buf.Bytes(), *update)
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(rep.Callers)+len(rep.Unknown)+1 || strings.Join(rows[0], ",") != strings.Join(csvHeader, ",") {
		t.Fatalf("%d rows with header %v, want a header, %d callers and %d unknown", len(rows), rows[0], len(rep.Callers), len(rep.Unknown))
	}
	for i, c := range append(rep.Callers, rep.Unknown...) {
		row, verdict := rows[i+1], "fail"
		if i >= len(rep.Callers) {
			verdict = "unknown"
		}
		if row[1] != c.PrincipalARN || row[8] != itoa(c.Count) || row[19] == "" || row[20] != verdict {
			t.Errorf("row %d = %v, want caller %s with %d calls, a fix and verdict %s", i+1, row, c.PrincipalARN, c.Count, verdict)
		}
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestCSVRejectsOtherFindings checks that a finding without caller
// details is an error, not an empty row.
func TestCSVRejectsOtherFindings(t *testing.T) {
	h := NewCSV(&bytes.Buffer{})
	h.Start(finding.Run{})
	if err := h.Finding(finding.Finding{Target: "x"}); err == nil || !strings.Contains(err.Error(), "no caller details") {
		t.Errorf("Finding error = %v, want no caller details", err)
	}
}

// TestCSVFormulaSafe checks that a user agent cannot become a formula.
func TestCSVFormulaSafe(t *testing.T) {
	row := csvRow(CallerDetails{UserAgent: "=HYPERLINK(\"http://x\")", PrincipalARN: "+1", Fix: "-x", Account: "@a"})
	for _, i := range []int{0, 1, 6, 19} {
		if !strings.HasPrefix(row[i], "'") {
			t.Errorf("cell %d %q not quoted against formulas", i, row[i])
		}
	}
}

// TestHTMLGolden keeps trail's page for the fixtures.
func TestHTMLGolden(t *testing.T) {
	rep, err := cloudtrail.Scan(context.Background(), []string{"cloudtrail/testdata/AWSLogs"}, cloudtrail.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	fixtureRun(t, html.NewWithOptions(&buf, HTMLOptions(rep)))
	reporttest.Golden(t, filepath.Join("testdata", "fixtures.html"), buf.Bytes(), *update)
	for _, want := range []string{"<svg", "TLS version share per service", "KB3154518", "arn:aws:iam::111122223333:user/legacy-app"} {
		if !bytes.Contains(buf.Bytes(), []byte(want)) {
			t.Errorf("page lacks %q", want)
		}
	}
}
