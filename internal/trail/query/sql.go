package query

import (
	"fmt"
	"strings"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/trail/cloudtrail"
)

// Params says what the emitted SQL covers.
type Params struct {
	// Floor is the lowest TLS version not reported (crypto/tls constant);
	// zero means cloudtrail.DefaultFloor.
	Floor uint16
	// Since and Until bound the UTC days queried, both included.
	Since, Until time.Time
	// Samples is the number of eventIDs kept per caller; zero means 3.
	Samples int
	// Table is the Athena table; empty means DefaultTable.
	Table string
	// Location is the S3 URI of one trail's logs for one account and
	// Region: s3://bucket/[prefix/]AWSLogs/[o-id/]ACCOUNT/CloudTrail/REGION.
	// Empty gives a placeholder to replace.
	Location string
	// EventDataStore is the CloudTrail Lake event data store ID (the last
	// part of its ARN). Empty gives a placeholder to replace.
	EventDataStore string
}

// DefaultTable is the Athena table name, as in the Athena guide.
const DefaultTable = "cloudtrail_logs_pp"

// Placeholders for values the user did not give.
const (
	placeholderLocation = "s3://amzn-s3-demo-bucket/AWSLogs/111122223333/CloudTrail/us-east-1"
	placeholderStore    = "EXAMPLE-event-data-store-id"
)

func (p Params) withDefaults() Params {
	if p.Floor == 0 {
		p.Floor = cloudtrail.DefaultFloor
	}
	if p.Samples <= 0 {
		p.Samples = 3
	}
	if p.Table == "" {
		p.Table = DefaultTable
	}
	p.Location = strings.TrimSuffix(p.Location, "/")
	if p.Location == "" {
		p.Location = placeholderLocation
	}
	if p.EventDataStore == "" {
		p.EventDataStore = placeholderStore
	}
	return p
}

// dialect is what differs between the engines the grouping query runs on.
type dialect struct {
	// name is the --input word for the engine's exports.
	name string
	// from is the FROM clause target.
	from func(p Params) string
	// where bounds the days read.
	where func(p Params) string
	// col spells a top-level column; field a member of a struct column.
	col   map[string]string
	field func(column, member string) string
	// samples aggregates the first n eventIDs by time into one string.
	samples func(n int) string
}

// trinoSamples is the Trino (Athena engine v3, CloudTrail Lake) sample
// aggregate.
func trinoSamples(n int) string {
	return fmt.Sprintf("array_join(slice(array_agg(event_id ORDER BY event_time, event_id) FILTER (WHERE event_id <> ''), 1, %d), ' ')", n)
}

func dotField(column, member string) string { return column + "." + member }

// athena queries the table of AthenaTable: column names as in its DDL,
// days through the projected "timestamp" partition (yyyy/MM/dd).
var athena = dialect{
	name: "athena",
	from: func(p Params) string { return p.Table },
	where: func(p Params) string {
		return fmt.Sprintf(`"timestamp" BETWEEN '%s' AND '%s'`, p.Since.Format("2006/01/02"), p.Until.Format("2006/01/02"))
	},
	col: map[string]string{
		"eventid": "eventId", "eventtime": "eventTime", "eventsource": "eventSource",
		"recipientaccountid": "recipientAccountId", "useridentity": "userIdentity",
		"sourceipaddress": "sourceIpAddress", "vpcendpointid": "vpcEndpointId",
		"useragent": "userAgent", "tlsdetails": "tlsDetails", "eventtype": "eventType",
		"sessioncredentialfromconsole": "sessionCredentialFromConsole",
	},
	field:   dotField,
	samples: trinoSamples,
}

// lake queries a CloudTrail Lake event data store, with column names as
// the CloudTrail Lake documentation and AWS's sample queries spell them;
// eventTime is compared with string literals, as Lake's examples do.
var lake = dialect{
	name: "lake",
	from: func(p Params) string { return p.EventDataStore },
	where: func(p Params) string {
		return fmt.Sprintf(`eventTime >= '%s 00:00:00' AND eventTime < '%s 00:00:00'`,
			p.Since.Format(time.DateOnly), p.Until.AddDate(0, 0, 1).Format(time.DateOnly))
	},
	col: map[string]string{
		"eventid": "eventID", "eventtime": "eventTime", "eventsource": "eventSource",
		"recipientaccountid": "recipientAccountId", "useridentity": "userIdentity",
		"sourceipaddress": "sourceIPAddress", "vpcendpointid": "vpcEndpointId",
		"useragent": "userAgent", "tlsdetails": "tlsDetails", "eventtype": "eventType",
		"sessioncredentialfromconsole": "sessionCredentialFromConsole",
	},
	field:   dotField,
	samples: trinoSamples,
}

// belowFloor lists the tlsVersion spellings below floor, as
// cloudtrail.ParseVersion reads them.
func belowFloor(floor uint16) []string {
	var out []string
	for _, s := range []string{"SSLv3", "TLSv1", "TLSv1.0", "TLSv1.1", "TLSv1.2"} {
		if v, _ := cloudtrail.ParseVersion(s); v < floor {
			out = append(out, s)
		}
	}
	return out
}

// versionColumns are the per-version count columns of caller rows, with
// the tlsVersion spellings each counts and the name the report uses.
var versionColumns = []struct {
	column   string
	name     string
	spelling []string
}{
	{"sslv3", "SSLv3", []string{"SSLv3"}},
	{"tlsv1", "TLSv1", []string{"TLSv1", "TLSv1.0"}},
	{"tlsv1_1", "TLSv1.1", []string{"TLSv1.1"}},
	{"tlsv1_2", "TLSv1.2", []string{"TLSv1.2"}},
}

// Columns are the columns of the grouping query's result, in order.
var Columns = []string{
	"kind", "account", "principal_arn", "principal_type", "access_key_id",
	"source_ip", "vpc_endpoint", "user_agent", "event_source", "day",
	"tls_version", "calls", "sslv3", "tlsv1", "tlsv1_1", "tlsv1_2",
	"first_seen", "last_seen", "sample_event_ids", "duplicates",
	"no_details", "empty_version", "caller_class",
}

// grouping returns the grouping query in dialect d.
func grouping(d dialect, p Params) string {
	p = p.withDefaults()
	c := func(name string) string { return d.col[name] }
	f := func(col, member string) string { return d.field(d.col[col], member) }
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("-- tlsfloor trail: callers below %s, TLS version shares per service and", cloudtrail.VersionName(p.Floor))
	w("-- per day, and totals, as one result. Export the result (CSV, or JSON")
	w("-- for CloudTrail Lake) and read it with: tlsfloor trail --input %s FILE", d.name)
	if d.name == "lake" && p.EventDataStore == placeholderStore {
		w("-- Replace %s with the ID of the event data store (the end of its ARN).", placeholderStore)
	}
	w("WITH events AS (")
	w("  SELECT")
	w("    coalesce(%s, '') AS event_id,", c("eventid"))
	w("    CAST(%s AS varchar) AS event_time,", c("eventtime"))
	w("    coalesce(%s, '') AS event_source,", c("eventsource"))
	w("    coalesce(nullif(%s, ''), %s, '') AS account,", c("recipientaccountid"), f("useridentity", "accountId"))
	w("    coalesce(%s, '') AS principal_arn,", f("useridentity", "arn"))
	w("    coalesce(%s, '') AS principal_type,", f("useridentity", "type"))
	w("    coalesce(%s, '') AS access_key_id,", f("useridentity", "accessKeyId"))
	w("    coalesce(%s, '') AS source_ip,", c("sourceipaddress"))
	w("    coalesce(%s, '') AS vpc_endpoint,", c("vpcendpointid"))
	w("    coalesce(%s, '') AS user_agent,", c("useragent"))
	classColumn(w, c, f)
	w("    %s IS NULL AS no_details,", c("tlsdetails"))
	w("    coalesce(trim(%s), '') AS tls_version", f("tlsdetails", "tlsVersion"))
	w("  FROM %s", d.from(p))
	w("  WHERE %s", d.where(p))
	w("),")
	w("numbered AS (")
	w("  SELECT events.*, row_number() OVER (PARTITION BY event_id ORDER BY event_time) AS copy")
	w("  FROM events")
	w("),")
	w("-- Duplicate eventIDs count once; records without an eventID always count.")
	w("distinct_events AS (")
	w("  SELECT * FROM numbered WHERE copy = 1 OR event_id = ''")
	w(")")
	callerRows(w, d, p)
	w("UNION ALL")
	unknownRows(w, d, p)
	w("UNION ALL")
	classRows(w)
	w("UNION ALL")
	shareRows(w, "service", "event_source", "event_source")
	w("UNION ALL")
	shareRows(w, "day", "substr(event_time, 1, 10)", "day")
	w("UNION ALL")
	totalsRow(w)
	w("ORDER BY kind, calls DESC")
	return b.String()
}

func callerRows(w func(string, ...any), d dialect, p Params) {
	w("SELECT 'caller' AS kind, account, principal_arn, principal_type, access_key_id,")
	w("  source_ip, vpc_endpoint, user_agent, event_source,")
	w("  CAST(NULL AS varchar) AS day, CAST(NULL AS varchar) AS tls_version, count(*) AS calls,")
	for _, vc := range versionColumns {
		w("  sum(CASE WHEN tls_version IN (%s) THEN 1 ELSE 0 END) AS %s,", quoteList(vc.spelling), vc.column)
	}
	w("  min(event_time) AS first_seen, max(event_time) AS last_seen,")
	w("  %s AS sample_event_ids,", d.samples(p.Samples))
	w("  CAST(NULL AS bigint) AS duplicates, CAST(NULL AS bigint) AS no_details, CAST(NULL AS bigint) AS empty_version,")
	w("  CAST(NULL AS varchar) AS caller_class")
	w("FROM distinct_events")
	w("WHERE tls_version IN (%s)", quoteList(belowFloor(p.Floor)))
	w("GROUP BY account, principal_arn, principal_type, access_key_id, source_ip, vpc_endpoint, user_agent, event_source")
}

// classColumn classifies each record's caller as cloudtrail.ClassOf
// does: the first class whose test holds.
func classColumn(w func(string, ...any), c func(string) string, f func(string, string) string) {
	internal := func(col string) string {
		return fmt.Sprintf("coalesce(%s, '') LIKE '%%.amazonaws.com' OR coalesce(%s, '') LIKE 'AWS Internal%%'", col, col)
	}
	w("    CASE WHEN %s = 'AwsServiceEvent' THEN '%s'", c("eventtype"), cloudtrail.ClassServiceEvent)
	w("      WHEN %s = 'AWSService' OR coalesce(%s, '') <> '' THEN '%s'", f("useridentity", "type"), f("useridentity", "invokedBy"), cloudtrail.ClassAWSService)
	w("      WHEN %s OR %s THEN '%s'", internal(c("useragent")), internal(c("sourceipaddress")), cloudtrail.ClassAWSInternal)
	w("      WHEN %s = 'true' THEN '%s'", c("sessioncredentialfromconsole"), cloudtrail.ClassConsole)
	w("      ELSE '%s' END AS caller_class,", cloudtrail.ClassCustomer)
}

// unknownRows groups the customer callers of records without a TLS
// version as callerRows groups the callers below the floor, but without
// access key, source IP and VPC endpoint, and with an assumed role's
// sessions as one principal (see cloudtrail.Report.Unknown).
func unknownRows(w func(string, ...any), d dialect, p Params) {
	w("SELECT 'unknown', account, %s, principal_type, '',", sessionFold)
	w("  '', '', user_agent, event_source,")
	w("  CAST(NULL AS varchar), CAST(NULL AS varchar), count(*),")
	w("  %s,", nullInts(len(versionColumns)))
	w("  min(event_time), max(event_time),")
	w("  %s,", d.samples(p.Samples))
	w("  CAST(NULL AS bigint), sum(CASE WHEN no_details THEN 1 ELSE 0 END), sum(CASE WHEN no_details THEN 0 ELSE 1 END),")
	w("  caller_class")
	w("FROM distinct_events")
	w("WHERE tls_version = '' AND caller_class = '%s'", cloudtrail.ClassCustomer)
	w("GROUP BY account, %s, principal_type, user_agent, event_source, caller_class", sessionFold)
}

// sessionFold is cloudtrail.FoldSession in SQL that Trino and PostgreSQL
// both run: every session of an assumed role becomes ROLE/*.
const sessionFold = "CASE WHEN principal_arn LIKE 'arn:%:sts::%:assumed-role/%/%' " +
	"THEN split_part(principal_arn, '/', 1) || '/' || split_part(principal_arn, '/', 2) || '/*' " +
	"ELSE principal_arn END"

// classRows counts the records without a TLS version by class.
func classRows(w func(string, ...any)) {
	w("SELECT 'without', %s,", nulls(10))
	w("  count(*), %s, %s, %s,", nullInts(len(versionColumns)), nulls(3), nullInts(3))
	w("  caller_class")
	w("FROM distinct_events")
	w("WHERE tls_version = ''")
	w("GROUP BY caller_class")
}

// shareRows counts distinct records by key and tlsVersion ("" for none).
func shareRows(w func(string, ...any), kind, expr, column string) {
	eventSource, day := "CAST(NULL AS varchar)", "CAST(NULL AS varchar)"
	if column == "event_source" {
		eventSource = expr
	} else {
		day = expr
	}
	w("SELECT '%s', %s,", kind, nulls(7))
	w("  %s, %s, tls_version, count(*),", eventSource, day)
	w("  %s, %s,", nullInts(len(versionColumns)), nulls(3))
	w("  %s, CAST(NULL AS varchar)", nullInts(3))
	w("FROM distinct_events")
	w("GROUP BY %s, tls_version", expr)
}

// totalsRow has calls = records read (duplicates included) and the
// records without a TLS version.
func totalsRow(w func(string, ...any)) {
	w("SELECT 'totals', %s,", nulls(10))
	w("  (SELECT count(*) FROM events),")
	w("  %s, %s,", nullInts(len(versionColumns)), nulls(3))
	w("  (SELECT count(*) FROM events) - count(*),")
	w("  sum(CASE WHEN no_details THEN 1 ELSE 0 END),")
	w("  sum(CASE WHEN NOT no_details AND tls_version = '' THEN 1 ELSE 0 END),")
	w("  CAST(NULL AS varchar)")
	w("FROM distinct_events")
}

func nulls(n int) string    { return repeat("CAST(NULL AS varchar)", n) }
func nullInts(n int) string { return repeat("CAST(NULL AS bigint)", n) }

func repeat(s string, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = s
	}
	return strings.Join(parts, ", ")
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return strings.Join(q, ", ")
}

// AthenaQuery returns the grouping query for the Athena table that
// AthenaTable creates.
func AthenaQuery(p Params) string { return grouping(athena, p) }

// LakeQuery returns the grouping query for a CloudTrail Lake event data
// store.
func LakeQuery(p Params) string { return grouping(lake, p) }
