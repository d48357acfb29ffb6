package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/report/jsonout"
	"github.com/tlsfloor/tlsfloor/internal/scan"
	"github.com/tlsfloor/tlsfloor/internal/scan/rules"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// scanCommand returns the scan command.
func scanCommand() *Command {
	return &Command{
		Name:    "scan",
		Summary: "find TLS downgrades in code, project files and infrastructure as code",
		Usage: `Usage: tlsfloor scan [flags] [path...]

Scan reads the files under each path (default ".") and reports every
setting that lowers the TLS floor: protocol versions, certificate checks,
cipher suites and GODEBUG settings in Go code, go.mod, Dockerfiles, env
files, scripts, YAML, JSON and Terraform, and more with each rule family.
"tlsfloor scan --rules" lists the rules.

Files that .gitignore files ignore or --exclude globs match (.gitignore
syntax, relative to each path), vendor/, node_modules/, third_party/,
.terraform/, .git/, binary files and files over --max-size are skipped;
the summary counts each reason, and unreadable or too large files are
named on standard error, as are project files (XML, YAML, HCL, go.mod,
Go) checked only up to a syntax error, with its line. Symbolic links are
not followed.

A finding is suppressed by a comment on its line or the line above that
starts with

	tlsfloor:ignore TF-GO-001 -- why this is acceptable

in any comment syntax (//, #, ;, <!-- -->, REM). The reason is required:
a suppression without one is not honoured and is itself reported
(TF-SCAN-SUPPRESS). Suppressed findings are still reported, marked so.

With --baseline, findings already in an earlier "scan --format json"
report (same rule, file and line text, wherever the line moved) are not
reported again.

Example:

	$ tlsfloor scan
	$ tlsfloor scan --format sarif -o tlsfloor.sarif ./services ./deploy
	$ tlsfloor scan --format json -o baseline.json . && tlsfloor scan --baseline baseline.json
	$ tlsfloor scan --exclude 'testdata/' --exclude '*.pb.go' --fail-on high
`,
		Setup: setupScan,
	}
}

// scanFlags are scan's own flags.
type scanFlags struct {
	report        *ReportFlags
	exclude       stringList
	baseline      string
	includeVendor bool
	maxSize       sizeFlag
	listRules     bool
}

func setupScan(fs *flag.FlagSet) RunFunc {
	sf := &scanFlags{report: AddReportFlags(fs), maxSize: scan.DefaultMaxSize}
	fs.Var(&sf.exclude, "exclude", "skip paths matching `glob`, in .gitignore syntax, relative to each path (repeatable)")
	fs.StringVar(&sf.baseline, "baseline", "", "report only findings not in `file`, an earlier scan --format json report")
	fs.BoolVar(&sf.includeVendor, "include-vendor", false, "also scan vendor/, node_modules/, third_party/, bower_components/ and .terraform/")
	fs.Var(&sf.maxSize, "max-size", "skip files larger than `size` (bytes, or with KB, MB or GB)")
	fs.BoolVar(&sf.listRules, "rules", false, "list every rule: ID, severity and title")
	return sf.run
}

func (sf *scanFlags) run(ctx context.Context, env *Env, args []string) error {
	all := rules.All()
	if sf.listRules {
		if len(args) > 0 {
			return Usagef("scan --rules takes no paths; got %q", args[0])
		}
		return writeRules(env, all)
	}
	if f := sf.report.Floor.String(); f != "1.2" {
		return WithHint(Usagef("scan judges against TLS 1.2; --floor %s is not supported yet", f), "drop --floor; doctor judges machines against 1.3 and pq")
	}
	opts := scan.Options{Rules: all, Exclude: sf.exclude, IncludeVendor: sf.includeVendor, MaxSize: int64(sf.maxSize)}
	if sf.baseline != "" {
		b, err := readBaseline(sf.baseline)
		if err != nil {
			return err
		}
		opts.Baseline = b
	}
	res, err := scan.Scan(ctx, args, opts)
	if err != nil {
		return err
	}
	sf.tell(env, res)
	run := sf.report.NewRun("scan")
	run.Root, run.Rules = res.Root, scan.Rules(all)
	return sf.report.Report(env, func(h finding.Handler) error {
		return emitScan(h, run, res)
	})
}

// tell prints the notes of a scan and what the baseline held back.
func (sf *scanFlags) tell(env *Env, res *scan.Result) {
	for _, n := range res.Notes {
		env.Warningf("scan: %s", n)
	}
	if sf.baseline != "" {
		env.Printf("%d findings in the baseline %s not reported", res.Baselined, sf.baseline)
	}
}

// emitScan hands a scan's findings to h.
func emitScan(h finding.Handler, run finding.Run, res *scan.Result) error {
	if err := h.Start(run); err != nil {
		return err
	}
	for _, f := range res.Findings {
		if err := h.Finding(f); err != nil {
			return err
		}
	}
	return h.End(res.Summary)
}

// readBaseline reads the findings of an earlier JSON report.
func readBaseline(path string) (scan.Baseline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	defer f.Close()
	run, findings, _, err := jsonout.Read(f)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	if run.Command != "scan" {
		return nil, fmt.Errorf("baseline %s is a %q report, not a scan report", path, run.Command)
	}
	return scan.NewBaseline(findings), nil
}

// writeRules lists the rules on standard output, then the engine's own.
func writeRules(env *Env, all []source.Rule) error {
	tw := tabwriter.NewWriter(env.Stdout, 0, 8, 2, ' ', 0)
	fmt.Fprintf(tw, "ID\tSEVERITY\tTITLE\n")
	for _, r := range scan.Rules(all) {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Title)
	}
	return tw.Flush()
}

// sizeFlag is a size in bytes: a number, optionally followed by KB, MB or
// GB (powers of 1024; K, M, G and KiB, MiB, GiB too).
type sizeFlag int64

// String prints the size in the largest unit that divides it: "10MB".
func (s *sizeFlag) String() string {
	n := int64(*s)
	for _, u := range []struct {
		suffix string
		factor int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}} {
		if n > 0 && n%u.factor == 0 {
			return strconv.FormatInt(n/u.factor, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10)
}

// sizeUnits are the suffixes sizeFlag accepts, longest first.
var sizeUnits = []struct {
	suffix string
	factor int64
}{
	{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30},
	{"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30},
	{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1},
}

// Set parses a positive size.
func (s *sizeFlag) Set(v string) error {
	num, factor := strings.ToUpper(strings.TrimSpace(v)), int64(1)
	for _, u := range sizeUnits {
		if rest, ok := strings.CutSuffix(num, u.suffix); ok {
			num, factor = strings.TrimSpace(rest), u.factor
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/factor {
		return fmt.Errorf("invalid size %q (want a positive number of bytes, or with KB, MB or GB)", v)
	}
	*s = sizeFlag(n * factor)
	return nil
}
