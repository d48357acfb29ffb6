package query

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/probe/lab"
	"github.com/tlsfloor/tlsfloor/internal/trail/cloudtrail"
	"github.com/tlsfloor/tlsfloor/internal/trail/gen"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The exports in testdata were made by running the emitted queries on
// PostgreSQL over this generated data set (TestQueriesOnPostgres -update).
var testData = gen.Config{Seed: 6, Files: 12, RecordsPerFile: 40, DuplicatePercent: 6, NoTLSPercent: 12, Rich: true}

// testDays covers the data set.
var testDays = Params{
	Since: time.Date(2024, 4, 30, 0, 0, 0, 0, time.UTC),
	Until: time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC),
}

// pg adjusts a Trino dialect for PostgreSQL, the only SQL engine that runs
// here (Athena and CloudTrail Lake run Trino, which cannot): a struct
// member is (column).member rather than column.member, and the samples
// are an array slice, a[1:n], rather than slice(a, 1, n). Everything else
// — the CTEs, the window function, the filters, the grouping, the UNION
// ALL and the column names — is the query as emitted.
func pg(d dialect) dialect {
	d.field = func(column, member string) string { return "(" + column + ")." + member }
	d.samples = func(n int) string {
		return "array_to_string((array_agg(event_id ORDER BY event_time, event_id) FILTER (WHERE event_id <> ''))[1:" + strconv.Itoa(n) + "], ' ')"
	}
	return d
}

// pgSchema loads CloudTrail records and shows them as the Athena table
// (cloudtrail_logs_pp: strings, struct columns, the "timestamp" partition
// taken from the delivery path) and as a CloudTrail Lake event data store
// (lake_store: eventTime a timestamp).
const pgSchema = `
CREATE TABLE raw (day text, rec jsonb);
CREATE TYPE user_identity AS (type text, arn text, accountid text, accesskeyid text, invokedby text);
CREATE TYPE tls_details AS (tlsversion text, ciphersuite text, clientprovidedhostheader text);
CREATE VIEW records AS SELECT day, rec,
  rec->>'eventID' AS eventid, rec->>'eventSource' AS eventsource,
  rec->>'recipientAccountId' AS recipientaccountid,
  ROW(rec->'userIdentity'->>'type', rec->'userIdentity'->>'arn', rec->'userIdentity'->>'accountId', rec->'userIdentity'->>'accessKeyId', rec->'userIdentity'->>'invokedBy')::user_identity AS useridentity,
  rec->>'sourceIPAddress' AS sourceipaddress, rec->>'vpcEndpointId' AS vpcendpointid,
  rec->>'userAgent' AS useragent, rec->>'eventType' AS eventtype,
  rec->>'sessionCredentialFromConsole' AS sessioncredentialfromconsole,
  CASE WHEN jsonb_typeof(rec->'tlsDetails') = 'object' THEN
    ROW(rec->'tlsDetails'->>'tlsVersion', rec->'tlsDetails'->>'cipherSuite', rec->'tlsDetails'->>'clientProvidedHostHeader')::tls_details END AS tlsdetails
  FROM raw;
CREATE VIEW cloudtrail_logs_pp AS SELECT r.*, rec->>'eventTime' AS eventtime, day AS "timestamp" FROM records r;
CREATE VIEW lake_store AS SELECT r.*, (rec->>'eventTime')::timestamptz AT TIME ZONE 'UTC' AS eventtime FROM records r;
`

// psql runs psql against the lab server with stdin, returning stdout.
func psql(t *testing.T, srv lab.Server, stdin []byte, args ...string) []byte {
	t.Helper()
	host, port, _ := strings.Cut(srv.Addr, ":")
	argv := append([]string{"-X", "-q", "-v", "ON_ERROR_STOP=1", "host=" + host + " port=" + port + " user=postgres dbname=postgres sslmode=require"}, args...)
	cmd := exec.Command("psql", argv...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("psql %v: %v\n%s", args, err, stderr.String())
	}
	return out
}

// loadRows is the COPY input for raw: day (yyyy/MM/dd from the delivery
// path) and record, separated by \x02, with \x01 as a quote character no
// record contains.
func loadRows(t *testing.T, files []string) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, path := range files {
		slashed := filepath.ToSlash(path)
		i := strings.Index(slashed, "/CloudTrail/")
		parts := strings.Split(slashed[i:], "/") // "", CloudTrail, region, yyyy, mm, dd, file
		day := strings.Join(parts[3:6], "/")
		for _, rec := range recordsOf(t, path) {
			b.WriteString(day + "\x02" + string(rec) + "\n")
		}
	}
	return b.Bytes()
}

func recordsOf(t *testing.T, path string) []json.RawMessage {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Records []json.RawMessage }
	if err := json.NewDecoder(zr).Decode(&doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc.Records
}

// copyOut wraps a query so that PostgreSQL writes its result as Athena
// does: a header row, every non-null value in double quotes, NULL as an
// empty unquoted field.
func copyOut(query string) string {
	return "COPY (\n" + query + ") TO STDOUT WITH (FORMAT csv, HEADER, FORCE_QUOTE *)\n"
}

// TestQueriesOnPostgres runs the Athena and CloudTrail Lake queries (in the
// PostgreSQL dialect of pg) on the generated records, exports the results
// as Athena's CSV and Lake's GetQueryResults JSON, and reads them back:
// both reports must be the scan's. With -update it rewrites the exports in
// testdata, which TestExportsMatchScan then checks without PostgreSQL.
func TestQueriesOnPostgres(t *testing.T) {
	if _, err := exec.LookPath("psql"); err != nil {
		t.Skip("psql not found (Debian package postgresql-client)")
	}
	srv := lab.PostgresTLS12Up(t)
	dir := t.TempDir()
	sum, err := gen.Generate(dir, testData)
	if err != nil {
		t.Fatal(err)
	}
	psql(t, srv, []byte(pgSchema), "-f", "-")
	psql(t, srv, loadRows(t, sum.Files), "-c", `COPY raw FROM STDIN WITH (FORMAT csv, DELIMITER E'\x02', QUOTE E'\x01')`)

	athenaCSV := quoteHeader(psql(t, srv, []byte(copyOut(grouping(pg(athena), testDays))), "-f", "-"))
	p := testDays
	p.EventDataStore = "lake_store"
	lakeCSV := psql(t, srv, []byte(copyOut(grouping(pg(lake), p))), "-f", "-")
	lakeJSON := lakeResultJSON(t, lakeCSV)

	want := scanReport(t, dir)
	compareReports(t, "athena", want, readExport(t, athenaCSV, InputAthena), dir)
	compareReports(t, "lake", want, readExport(t, lakeJSON, ""), dir)
	if *update {
		writeFile(t, "testdata/athena.csv", athenaCSV)
		writeFile(t, "testdata/lake.json", lakeJSON)
	}
}

// quoteHeader quotes the header row's names, as Athena does.
func quoteHeader(out []byte) []byte {
	header, rest, _ := bytes.Cut(out, []byte("\n"))
	names := strings.Split(string(header), ",")
	return append([]byte("\""+strings.Join(names, "\",\"")+"\"\n"), rest...)
}

// lakeResultJSON re-encodes a CSV result as CloudTrail Lake's
// GetQueryResults returns it: QueryResultRows, each row a list of
// one-member objects, every value a string, null columns left out.
func lakeResultJSON(t *testing.T, csvOut []byte) []byte {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(csvOut)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]map[string]string{}
	for _, rec := range recs[1:] {
		var row []map[string]string
		for i, v := range rec {
			if v != "" {
				row = append(row, map[string]string{recs[0][i]: v})
			}
		}
		rows = append(rows, row)
	}
	out, err := json.MarshalIndent(map[string]any{"QueryStatus": "FINISHED", "QueryResultRows": rows}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func scanReport(t *testing.T, dir string) *cloudtrail.Report {
	t.Helper()
	rep, err := cloudtrail.Scan(context.Background(), []string{dir}, cloudtrail.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Callers) == 0 || rep.Totals.Duplicates == 0 || rep.Totals.WithoutTLS.NoDetails == 0 {
		t.Fatalf("the data set lacks callers, duplicates or records without tlsDetails: %+v", rep.Totals)
	}
	return rep
}

func readExport(t *testing.T, export []byte, input string) *cloudtrail.Report {
	t.Helper()
	b := NewBuilder(0, 0)
	if err := b.Add(bytes.NewReader(export), "export", input); err != nil {
		t.Fatal(err)
	}
	rep, err := b.Report()
	if err != nil {
		t.Fatal(err)
	}
	return rep
}
