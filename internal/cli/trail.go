package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/report/html"
	"github.com/tlsfloor/tlsfloor/internal/trail"
	"github.com/tlsfloor/tlsfloor/internal/trail/cloudtrail"
	"github.com/tlsfloor/tlsfloor/internal/trail/query"
)

// trailCommand returns the trail command.
func trailCommand() *Command {
	return &Command{
		Name:    "trail",
		Summary: "name every caller CloudTrail saw below the TLS floor",
		Usage: `Usage: tlsfloor trail [flags] path|s3://bucket/prefix|-...
       tlsfloor trail --emit athena|lake [flags] [s3://location|event-data-store-id]

Trail reads CloudTrail log files as CloudTrail delivers them to S3
({"Records":[...]}, .json.gz or .json), from files or directories in the
S3 key layout (organisation trails too), from an S3 bucket
(s3://bucket/prefix, through the AWS SDK's default credential chain), or
from standard input ("-"). It groups the calls whose
tlsDetails.tlsVersion is below --floor by account, principal, access key,
source IP, VPC endpoint, user agent and service, and gives each caller
the fix for its stack, read off its user agent. It also reports the share
of each TLS version per service and per day, and how much of each service
CloudTrail's TLS logging covers.

Records without a TLS version are counted by who made the call: AWS
itself (service events, AWS services, "AWS Internal" and service
principals, console-proxied calls), whose TLS CloudTrail does not log, or
a customer caller. Each customer caller is listed with verdict unknown:
it cannot be shown to be at or above the floor from the logs.

Every record is accounted for: the summary says how many records were
read, and how many were duplicates, had no TLS version (by caller class),
or were not records; then how many files were skipped (digest, insight, other) or
could not be read (each named on standard error).

Beyond one machine, --emit athena prints the Athena table (partition
projection) for the trail's S3 location and the query that computes the
same report there; --emit lake prints the query for a CloudTrail Lake
event data store. Trail reads those queries' exported results (Athena's
CSV, CloudTrail Lake's CSV or GetQueryResults JSON) and reports as from
the logs; --input says which kind the arguments are, else trail tells
from their content.

Formats: text, json (schema tlsfloor.trail/v1, with totals and shares),
sarif, csv (one row per caller) and html (one self-contained page with a
chart of TLS version share per day and the caller table).

Example:

	$ tlsfloor trail ./AWSLogs   # a copy made with: aws s3 sync s3://org-trail/AWSLogs/ ./AWSLogs/
	$ tlsfloor trail s3://org-trail/AWSLogs/o-abc123/111122223333/
	$ tlsfloor trail --format html -o trail.html ./AWSLogs
	$ tlsfloor trail --format csv -o callers.csv ./AWSLogs/o-abc123/*/CloudTrail/*/2026/11
	$ zcat one-file.json.gz | tlsfloor trail -
	$ tlsfloor trail --emit athena s3://org-trail/AWSLogs/111122223333/CloudTrail/eu-west-1 > trail.sql
	$ tlsfloor trail results.csv   # the query's result, downloaded from Athena
`,
		Setup: setupTrail,
	}
}

// trailFlags are trail's own flags.
type trailFlags struct {
	report    *ReportFlags
	workers   int
	emit      string
	input     string
	since     dayFlag
	until     dayFlag
	table     string
	pathStyle bool
}

func setupTrail(fs *flag.FlagSet) RunFunc {
	tf := &trailFlags{report: AddReportFlags(fs)}
	fs.IntVar(&tf.workers, "workers", 0, "read `n` files at once (0: one per CPU, 32 for S3)")
	fs.StringVar(&tf.emit, "emit", "", "print SQL instead of reading logs: athena (CREATE TABLE and query) or lake (CloudTrail Lake query)")
	fs.StringVar(&tf.input, "input", "", "what the arguments are: cloudtrail (log files), athena or lake (query results); default: told from the content")
	fs.Var(&tf.since, "since", "first UTC `day` (YYYY-MM-DD) the --emit query reads (default 30 days before --until)")
	fs.Var(&tf.until, "until", "last UTC `day` (YYYY-MM-DD) the --emit query reads (default today)")
	fs.StringVar(&tf.table, "table", query.DefaultTable, "Athena table `name` for --emit athena")
	fs.BoolVar(&tf.pathStyle, "s3-path-style", false, "address S3 buckets in the path, for S3-compatible servers (with AWS_ENDPOINT_URL_S3)")
	return tf.run
}

func (tf *trailFlags) run(ctx context.Context, env *Env, args []string) error {
	if tf.emit != "" {
		return tf.emitSQL(env, args)
	}
	if len(args) == 0 {
		return WithHint(Usagef("trail needs CloudTrail files or directories, an s3:// URI, or query results"), `name them as arguments, or "-" for standard input`)
	}
	p := tf.report.Floor.Policy()
	rep, input, err := tf.read(ctx, env, args, cloudtrail.Options{Floor: p.Floor(), Workers: tf.workers})
	if err != nil {
		return err
	}
	for _, fe := range rep.Totals.Unreadable {
		env.Warningf("%v", fe)
	}
	if p.PostQuantum {
		env.Warningf("CloudTrail records the TLS version, not the key exchange: callers are judged against %s only", "TLS 1.3")
	}
	tf.report.Custom = map[string]func(io.Writer) finding.Handler{
		"csv":  func(w io.Writer) finding.Handler { return trail.NewCSV(w) },
		"html": func(w io.Writer) finding.Handler { return html.NewWithOptions(w, trail.HTMLOptions(rep)) },
	}
	return tf.report.Report(env, func(h finding.Handler) error {
		run := tf.report.NewRun("trail")
		run.Rules = trail.Rules()
		return emit(h, run, trail.All(rep, platformFloor(p)), trail.Summary(rep, trail.Count(rep), input))
	})
}

// dayFlag is a UTC day given as YYYY-MM-DD.
type dayFlag struct{ t time.Time }

func (d *dayFlag) String() string {
	if d.t.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

func (d *dayFlag) Set(s string) error {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return fmt.Errorf("%q is not a day (want YYYY-MM-DD)", s)
	}
	d.t = t
	return nil
}
