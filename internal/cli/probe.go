package cli

import (
	"context"
	"crypto/x509"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/probe"
	"github.com/tlsfloor/tlsfloor/internal/probe/starttls"
	"github.com/tlsfloor/tlsfloor/internal/probe/target"
	"github.com/tlsfloor/tlsfloor/internal/report/text"
)

// probeCommand returns the probe command.
func probeCommand() *Command {
	return &Command{
		Name:    "probe",
		Summary: "learn which TLS versions, suites and groups endpoints accept",
		Usage: `Usage: tlsfloor probe [flags] [target...]

Probe connects to each target and learns, from the server's own answers,
which protocol versions (SSL 3.0 to TLS 1.3) it accepts and how it refuses
the others, which cipher suites per version in the server's order, which
key exchange groups (the post-quantum hybrids X25519MLKEM768,
SecP256r1MLKEM768 and SecP384r1MLKEM1024 included), and its certificate
chain. Each endpoint is judged against --floor. The text format shows a
table per endpoint (versions with their suites and groups, refusals with
the reason, the certificate) and, for two or more, a table of them all.

A target is host, host:port (443 by default), https://host[:port]/...,
[IPv6]:port, or smtp://, postgres:// or mysql://host[:port] for STARTTLS.
Targets come from the arguments, from -f files (one per line, # comments),
from standard input with "-", and from --aws-service and --aws-region,
which expand to the regional, FIPS and dual-stack names of AWS endpoints.

--fail-on below-floor exits 3 when any endpoint accepts less than the
floor. Targets that cannot be parsed or resolved are reported and counted;
the run goes on.

Example:

	$ tlsfloor probe --floor 1.2 internal-alb.example.com api.example.com:8443
	$ tlsfloor probe --aws-service sts,kms --aws-region eu-west-1 --format json -o aws.json
	$ tlsfloor probe --starttls postgres --fail-on below-floor db.internal:5432
	$ tlsfloor probe --versions-only --concurrency 100 -f fleet-endpoints.txt --format csv -o sweep.csv
`,
		Setup: setupProbe,
	}
}

// probeFlags are probe's own flags.
type probeFlags struct {
	report                 *ReportFlags
	files, resolve         stringList
	startTLS, caFile       string
	awsServices, awsRegion stringList
	awsPartition           string
	firstOnly              bool
	opts                   probe.Options
	stderr                 io.Writer // for the progress line
}

// probeBelowFloor is the --fail-on word that fails on endpoints below the floor.
var probeBelowFloor = Threshold{Name: "below-floor", Match: func(f finding.Finding) bool {
	return f.RuleID == probe.RuleFloor && f.Outcome() == finding.VerdictFail
}}

func setupProbe(fs *flag.FlagSet) RunFunc {
	pf := &probeFlags{report: AddReportFlags(fs, probeBelowFloor)}
	fs.Var(&pf.files, "f", "read targets from `file`, one per line (repeatable; - is standard input)")
	fs.Var(&pf.resolve, "resolve", "connect to `host:port:addr` for host:port, as curl does (repeatable)")
	fs.StringVar(&pf.startTLS, "starttls", "", "speak `protocol` before TLS on targets without a scheme: smtp, postgres or mysql")
	fs.StringVar(&pf.caFile, "ca", "", "verify certificates against the PEM `file` instead of the system roots")
	fs.Var(&pf.awsServices, "aws-service", "probe the AWS endpoints of `services` (comma-separated; needs --aws-region)")
	fs.Var(&pf.awsRegion, "aws-region", "AWS `regions` for --aws-service (comma-separated, or all)")
	fs.StringVar(&pf.awsPartition, "aws-partition", "aws", "AWS `partition` for --aws-service")
	fs.BoolVar(&pf.firstOnly, "first-address", false, "probe only the first address a name resolves to")
	fs.BoolVar(&pf.opts.VersionsOnly, "versions-only", false, "learn only which versions each endpoint accepts: one connection per version, for sweeps")
	fs.BoolVar(&pf.opts.FullHandshake, "full-handshake", false, "also run a full crypto/tls handshake when TLS 1.2 showed the certificate chain already, to report what it negotiates")
	fs.IntVar(&pf.opts.Concurrency, "concurrency", 8, "probe at most `n` endpoints at once")
	fs.IntVar(&pf.opts.PerIP, "per-ip", 2, "probe at most `n` endpoints of one IP address at once")
	fs.Float64Var(&pf.opts.Rate, "rate", 0, "open at most `n` connections a second in all (0: no limit)")
	fs.DurationVar(&pf.opts.ConnectTimeout, "connect-timeout", 5*time.Second, "give up a connection attempt after `duration`")
	fs.DurationVar(&pf.opts.ReadTimeout, "read-timeout", 5*time.Second, "give up on a server's answer after `duration`")
	return pf.run
}

func (pf *probeFlags) run(ctx context.Context, env *Env, args []string) error {
	pf.stderr = env.Stderr
	if err := pf.prepare(); err != nil {
		return err
	}
	targets, skipped, err := pf.targets(env, args)
	if err != nil {
		return err
	}
	endpoints, rskipped := pf.endpoints(ctx, env, targets)
	skipped = append(skipped, rskipped...)
	pf.report.Custom = map[string]func(io.Writer) finding.Handler{
		"text": func(w io.Writer) finding.Handler { return text.NewWithOptions(w, probe.TextOptions()) },
	}
	return pf.report.Report(env, func(h finding.Handler) error {
		return pf.probe(ctx, h, endpoints, skipped)
	})
}

// prepare checks the flags and fills in the options they set.
func (pf *probeFlags) prepare() error {
	if pf.startTLS != "" {
		if _, err := starttls.Dialer(pf.startTLS, nil, 0); err != nil {
			return Usagef("--starttls: %v", err)
		}
	}
	pf.opts.Policy = pf.report.Floor.Policy()
	if pf.caFile == "" {
		return nil
	}
	pem, err := os.ReadFile(pf.caFile)
	if err != nil {
		return fmt.Errorf("--ca: %w", err)
	}
	pf.opts.Roots = x509.NewCertPool()
	if !pf.opts.Roots.AppendCertsFromPEM(pem) {
		return fmt.Errorf("--ca: %s holds no PEM certificate", pf.caFile)
	}
	return nil
}

// probe runs the probes, streaming one finding per endpoint as each
// finishes.
func (pf *probeFlags) probe(ctx context.Context, h finding.Handler, endpoints []probe.Endpoint, skipped []finding.Skip) error {
	run := pf.report.NewRun("probe")
	run.Rules = probe.Rules()
	if err := h.Start(run); err != nil {
		return err
	}
	var herr error
	bar := newProgress(pf.stderr, "tlsfloor: probed", len(endpoints))
	probe.Run(ctx, endpoints, pf.opts, func(r probe.Result) {
		bar.step()
		if herr == nil {
			herr = h.Finding(r.Finding())
		}
	})
	bar.finish()
	if herr != nil {
		return herr
	}
	return h.End(finding.Summary{Unit: "endpoints", Read: len(endpoints), Skipped: skipped, Findings: len(endpoints)})
}

// targets gathers the targets; those that cannot be parsed are warned
// about and counted.
func (pf *probeFlags) targets(env *Env, args []string) ([]target.Target, []finding.Skip, error) {
	targets, errs := target.Load(pf.files, args, env.Stdin)
	aws, err := pf.awsTargets()
	if err != nil {
		return nil, nil, Usagef("%v", err)
	}
	targets = append(targets, aws...)
	for _, e := range errs {
		env.Warningf("skipped: %v", e)
	}
	if len(targets) == 0 && len(errs) == 0 {
		return nil, nil, WithHint(Usagef("probe needs targets"), "name them as arguments, with -f FILE, or with --aws-service and --aws-region")
	}
	return targets, skips("unparsable target", len(errs)), nil
}

func (pf *probeFlags) awsTargets() ([]target.Target, error) {
	if len(pf.awsServices) == 0 && len(pf.awsRegion) == 0 {
		return nil, nil
	}
	if len(pf.awsServices) == 0 || len(pf.awsRegion) == 0 {
		return nil, fmt.Errorf("--aws-service and --aws-region go together")
	}
	return target.AWSTargets(target.AWSOptions{
		Services:  target.SplitList(pf.awsServices...),
		Regions:   target.SplitList(pf.awsRegion...),
		Partition: pf.awsPartition,
	})
}

// endpoints resolves the targets; those that do not resolve are warned
// about and counted.
func (pf *probeFlags) endpoints(ctx context.Context, env *Env, targets []target.Target) ([]probe.Endpoint, []finding.Skip) {
	overrides, err := target.ParseOverrides(pf.resolve)
	if err != nil {
		env.Warningf("--resolve: %v", err)
	}
	resolved, errs := target.Resolve(ctx, targets, target.ResolveOptions{Overrides: overrides, FirstOnly: pf.firstOnly})
	for _, e := range errs {
		env.Warningf("skipped: %v", e)
	}
	var eps []probe.Endpoint
	for _, ep := range resolved {
		eps = append(eps, pf.endpoint(ep))
	}
	return eps, skips("unresolvable", len(errs))
}

// endpoint turns a resolved target into a probe endpoint, with a STARTTLS
// dialer when the target or --starttls asks for one.
func (pf *probeFlags) endpoint(ep target.Endpoint) probe.Endpoint {
	addr := net.JoinHostPort(ep.Address.String(), strconv.Itoa(ep.Port))
	out := probe.Endpoint{Target: ep.Target.String(), Address: addr, ServerName: ep.Name}
	kind := string(ep.StartTLS)
	if ep.StartTLS == target.Direct {
		kind = pf.startTLS
	}
	if dial, err := starttls.Dialer(kind, nil, pf.opts.ReadTimeout); err == nil && kind != "" {
		out.Dial = dial
	}
	return out
}

func skips(reason string, n int) []finding.Skip {
	if n == 0 {
		return nil
	}
	return []finding.Skip{{Reason: reason, Count: n}}
}
