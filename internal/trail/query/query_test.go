package query

import (
	"bytes"
	"cmp"
	"os"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tlsfloor/tlsfloor/internal/trail/cloudtrail"
	"github.com/tlsfloor/tlsfloor/internal/trail/gen"
)

// compareReports checks that got, read from a query export, is want, the
// scan of the records in dir, except for what an export cannot know: the
// number of log files (one export was read) and which eventIDs are
// samples. A scan keeps the first read, the query the earliest by
// eventTime; those are computed here from the records directly.
func compareReports(t *testing.T, name string, want, got *cloudtrail.Report, dir string) {
	t.Helper()
	if got.Totals.Files != 1 {
		t.Errorf("%s: %d files counted, want the one export", name, got.Totals.Files)
	}
	ignore := []gocmp.Option{
		cmpopts.IgnoreFields(cloudtrail.Totals{}, "Files"),
		cmpopts.IgnoreFields(cloudtrail.Caller{}, "Samples"),
		cmpopts.EquateEmpty(),
	}
	if diff := gocmp.Diff(want, got, ignore...); diff != "" {
		t.Errorf("%s: export report differs from the scan (-scan +export):\n%s", name, diff)
	}
	samples := earliestSamples(t, dir, 3, false, func(r *cloudtrail.Record) bool {
		v, ok := cloudtrail.ParseVersion(r.TLSDetails.TLSVersion)
		return ok && v < cloudtrail.DefaultFloor
	})
	for _, c := range got.Callers {
		if w := samples[c.CallerKey]; !slices.Equal(c.Samples, w) {
			t.Errorf("%s: caller %s samples %v, want the earliest %v", name, c.PrincipalARN, c.Samples, w)
		}
	}
	unknown := earliestSamples(t, dir, 3, true, func(r *cloudtrail.Record) bool {
		return r.TLSDetails.TLSVersion == "" && cloudtrail.ClassOf(r) == cloudtrail.ClassCustomer
	})
	if len(got.Unknown) == 0 || len(got.Unknown) != len(unknown) {
		t.Errorf("%s: %d unknown callers, want %d (and some)", name, len(got.Unknown), len(unknown))
	}
	for _, c := range got.Unknown {
		if w := unknown[c.CallerKey]; !slices.Equal(c.Samples, w) {
			t.Errorf("%s: unknown caller %s samples %v, want the earliest %v", name, c.PrincipalARN, c.Samples, w)
		}
	}
	if !got.Totals.Reconciles() {
		t.Errorf("%s: totals do not reconcile: %+v", name, got.Totals)
	}
}

// earliestSamples groups the distinct records that pick selects by caller
// and keeps the n earliest eventIDs of each, by eventTime then eventID.
// pick sees tlsDetails, empty when the record has none. unknown groups
// as Report.Unknown does: without access key, source IP and VPC endpoint.
func earliestSamples(t *testing.T, dir string, n int, unknown bool, pick func(*cloudtrail.Record) bool) map[cloudtrail.CallerKey][]string {
	t.Helper()
	files, err := cloudtrail.ListFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	byCaller := map[cloudtrail.CallerKey][]cloudtrail.Record{}
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		_, err = cloudtrail.ReadRecords(f, path, func(r *cloudtrail.Record) {
			if r.EventID != "" && seen[r.EventID] {
				return
			}
			seen[r.EventID] = true
			if r.TLSDetails == nil {
				r.TLSDetails = &cloudtrail.TLSDetails{}
			}
			if pick(r) {
				k := cloudtrail.CallerKey{
					Account: cmp.Or(r.RecipientAccountID, r.UserIdentity.AccountID), PrincipalARN: r.UserIdentity.ARN,
					PrincipalType: r.UserIdentity.Type, AccessKeyID: r.UserIdentity.AccessKeyID, SourceIP: r.SourceIPAddress,
					VPCEndpoint: r.VPCEndpointID, UserAgent: r.UserAgent, EventSource: r.EventSource,
				}
				if unknown {
					k.AccessKeyID, k.SourceIP, k.VPCEndpoint = "", "", ""
					k.PrincipalARN = cloudtrail.FoldSession(k.PrincipalARN)
				}
				byCaller[k] = append(byCaller[k], *r)
			}
		})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	out := map[cloudtrail.CallerKey][]string{}
	for k, recs := range byCaller {
		slices.SortFunc(recs, func(a, b cloudtrail.Record) int {
			return cmp.Or(cmp.Compare(a.EventTime, b.EventTime), cmp.Compare(a.EventID, b.EventID))
		})
		for _, r := range recs[:min(n, len(recs))] {
			out[k] = append(out[k], r.EventID)
		}
	}
	return out
}

// TestExportsMatchScan reads the exports that PostgreSQL made from the
// generated data set (see TestQueriesOnPostgres) and compares them with a
// scan of the same data, regenerated.
func TestExportsMatchScan(t *testing.T) {
	dir := t.TempDir()
	if _, err := gen.Generate(dir, testData); err != nil {
		t.Fatal(err)
	}
	want := scanReport(t, dir)
	for _, tc := range []struct{ file, input string }{
		{"testdata/athena.csv", InputAthena},
		{"testdata/athena.csv", ""},
		{"testdata/lake.json", InputLake},
		{"testdata/lake.json", ""},
	} {
		data, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		compareReports(t, tc.file+" as "+cmp.Or(tc.input, "detected"), want, readExport(t, data, tc.input), dir)
	}
}

// TestExportHigherFloor reads an export made for TLS 1.2 at floor 1.3:
// the TLS 1.2 callers are missing, which must be an error, not a report
// with fewer callers.
func TestExportHigherFloor(t *testing.T) {
	data, err := os.ReadFile("testdata/athena.csv")
	if err != nil {
		t.Fatal(err)
	}
	b := NewBuilder(0x0304, 0)
	if err := b.Add(bytes.NewReader(data), "athena.csv", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Report(); err == nil || !strings.Contains(err.Error(), "--floor") {
		t.Errorf("Report error = %v, want ErrFloorNotCovered", err)
	}
}

// csvRow is a result row with the given columns set, the others empty.
func csvRow(cells map[string]string) string {
	row := make([]string, len(Columns))
	for i, c := range Columns {
		row[i] = cells[c]
	}
	return strings.Join(row, ",") + "\n"
}

// TestBadExports names the file and place of each problem.
func TestBadExports(t *testing.T) {
	header := strings.Join(Columns, ",")
	caller := func(calls, tlsv1, first string) string {
		return header + "\n" + csvRow(map[string]string{"kind": "caller", "account": "1", "event_source": "s3", "calls": calls, "tlsv1": tlsv1, "first_seen": first})
	}
	for _, tc := range []struct{ name, input, data, want string }{
		{"empty", "", "", "x: header: empty file, not a query result"},
		{"other csv", "", "a,b\n1,2\n", "x: header: no column kind"},
		{"bad count", "", header + "\n" + csvRow(map[string]string{"kind": "service", "calls": "many"}), `x: line 2: calls "many" is not a count`},
		{"negative count", "", header + "\n" + csvRow(map[string]string{"kind": "day", "calls": "-1"}), `x: line 2: calls "-1" is not a count`},
		{"bad kind", "", header + "\n" + csvRow(map[string]string{"kind": "who", "calls": "1"}), `x: line 2: kind "who"`},
		{"short row", "", header + "\nservice,1\n", "x: record on line 2: wrong number of fields"},
		{"versions disagree", "", caller("5", "1", ""), "x: line 2: caller: calls 5, but the version columns add up to 1"},
		{"bad time", "", caller("1", "1", "yesterday"), `x: line 2: first_seen: "yesterday" is not an event time`},
		{"too many duplicates", "", header + "\n" + csvRow(map[string]string{"kind": "totals", "calls": "1", "duplicates": "2"}), "x: line 2: totals: 2 duplicates"},
		{"bad class", "", header + "\n" + csvRow(map[string]string{"kind": "without", "calls": "1", "caller_class": "robot"}), `x: line 2: without: caller_class "robot" is not a class`},
		{"unknown not customer", "", header + "\n" + csvRow(map[string]string{"kind": "unknown", "calls": "1", "no_details": "1", "caller_class": "console"}), `x: line 2: unknown: caller_class "console", want customer`},
		{"unknown counts disagree", "", header + "\n" + csvRow(map[string]string{"kind": "unknown", "calls": "2", "no_details": "1", "caller_class": "customer"}), "x: line 2: unknown: calls 2, but no_details and empty_version add up to 1"},
		{"json for athena", InputAthena, `{"QueryResultRows":[]}`, "x: JSON, not the CSV result Athena writes"},
		{"json not lake", "", `{"Records":[]}`, "x: page 0: no QueryResultRows"},
		{"lake running", "", `{"QueryStatus":"RUNNING","QueryResultRows":[]}`, "x: page 0: query status RUNNING"},
		{"truncated json", "", `{"QueryResultRows":[[{"kind":"ca`, "x: byte"},
		{"corrupt gzip", "", "\x1f\x8b\x08\x00garbage", "gzip: unexpected EOF"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := NewBuilder(0, 0).Add(strings.NewReader(tc.data), "x", tc.input)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Add error = %v, want %q", err, tc.want)
			}
		})
	}
}

// TestClassesMustAddUp checks that an export whose without rows do not
// add up to the records without a TLS version, or whose unknown callers
// do not add up to the customer ones, fails.
func TestClassesMustAddUp(t *testing.T) {
	header := strings.Join(Columns, ",") + "\n"
	totals := csvRow(map[string]string{"kind": "totals", "calls": "2", "duplicates": "0", "no_details": "2", "empty_version": "0"})
	service := csvRow(map[string]string{"kind": "service", "event_source": "s3", "tls_version": "", "calls": "2"})
	without := func(class, n string) string {
		return csvRow(map[string]string{"kind": "without", "calls": n, "caller_class": class})
	}
	for _, tc := range []struct{ name, rows, want string }{
		{"missing class rows", totals + service + without("console", "1"), "the without rows count 1 records without a TLS version, the totals 2"},
		{"missing unknown rows", totals + service + without("customer", "2"), "the unknown rows count 0 calls of customer callers without a TLS version, the without rows 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := NewBuilder(0, 0)
			if err := b.Add(strings.NewReader(header+tc.rows), "x", ""); err != nil {
				t.Fatal(err)
			}
			if _, err := b.Report(); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Report error = %v, want %q", err, tc.want)
			}
		})
	}
}

// TestNoTotals checks that an export cut before its totals row fails.
func TestNoTotals(t *testing.T) {
	b := NewBuilder(0, 0)
	data := strings.Join(Columns, ",") + "\n" + csvRow(map[string]string{"kind": "service", "event_source": "s3", "tls_version": "TLSv1", "calls": "1"})
	if err := b.Add(strings.NewReader(data), "x", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Report(); err == nil || !strings.Contains(err.Error(), "no totals row") {
		t.Errorf("Report error = %v, want no totals row", err)
	}
}
