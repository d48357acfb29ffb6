package cli

import (
	"context"
	"flag"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/trail"
	"github.com/tlsfloor/tlsfloor/internal/trail/cloudtrail"
)

// trailCommand returns the trail command.
func trailCommand() *Command {
	return &Command{
		Name:    "trail",
		Summary: "name every caller CloudTrail saw below the TLS floor",
		Usage: `Usage: tlsfloor trail [flags] path...

Trail reads CloudTrail log files as CloudTrail delivers them to S3
({"Records":[...]}, .json.gz or .json), from files or directories in the
S3 key layout (organisation trails too), or from standard input ("-"). It
groups the calls whose tlsDetails.tlsVersion is below --floor by account,
principal, access key, source IP, VPC endpoint, user agent and service,
and gives each caller the fix for its stack, read off its user agent.

Every record is accounted for: the summary says how many were read,
and how many were duplicates, had no tlsDetails, or came from files that
could not be read (each named on standard error). Digest and insight
files are skipped and counted.

Example:

	$ tlsfloor trail ./AWSLogs   # a copy made with: aws s3 sync s3://org-trail/AWSLogs/ ./AWSLogs/
	$ tlsfloor trail --format csv -o callers.csv ./AWSLogs/o-abc123/*/CloudTrail/*/2026/11
	$ zcat one-file.json.gz | tlsfloor trail -
`,
		Setup: setupTrail,
	}
}

// trailFlags are trail's own flags.
type trailFlags struct {
	report  *ReportFlags
	workers int
}

func setupTrail(fs *flag.FlagSet) RunFunc {
	tf := &trailFlags{report: AddReportFlags(fs)}
	fs.IntVar(&tf.workers, "workers", 0, "decode `n` files at once (0: one per CPU)")
	return tf.run
}

func (tf *trailFlags) run(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return WithHint(Usagef("trail needs CloudTrail files or directories"), `name them as arguments, or "-" for standard input`)
	}
	p := tf.report.Floor.Policy()
	opts := cloudtrail.Options{Floor: p.Floor(), Workers: tf.workers}
	rep, err := tf.scan(ctx, env, args, opts)
	if err != nil {
		return err
	}
	for _, fe := range rep.Totals.Unreadable {
		env.Warningf("%v", fe)
	}
	findings := trail.Findings(rep, platformFloor(p))
	if p.PostQuantum {
		env.Warningf("CloudTrail records the TLS version, not the key exchange: callers are judged against %s only", "TLS 1.3")
	}
	return tf.report.Report(env, func(h finding.Handler) error {
		run := tf.report.NewRun("trail")
		run.Rules = trail.Rules()
		return emit(h, run, findings, trail.Summary(rep.Totals, len(findings)))
	})
}

// scan reads the paths, or standard input for "-".
func (tf *trailFlags) scan(ctx context.Context, env *Env, args []string, opts cloudtrail.Options) (*cloudtrail.Report, error) {
	if len(args) == 1 && args[0] == "-" {
		return cloudtrail.ScanReader(env.Stdin, "stdin", opts), nil
	}
	return cloudtrail.Scan(ctx, args, opts)
}
