package cli

import (
	"context"
	"flag"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/internal/doctor"
	"github.com/tlsfloor/tlsfloor/internal/doctor/handshake"
	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/platform"
)

// doctorCommand returns the doctor command.
func doctorCommand() *Command {
	return &Command{
		Name:    "doctor",
		Summary: "check this machine, or fleet snapshots, against the TLS floor",
		Usage: `Usage: tlsfloor doctor [flags]
       tlsfloor doctor --from [flags] file|dir...
       tlsfloor doctor --collect [-o file]

Doctor checks the machine it runs on against tlsfloor's knowledge base of
what each stack needs for TLS 1.2 and later: the operating system, the
system OpenSSL and the floor its configuration sets, and each runtime on
PATH (go, java, python3, node, dotnet, pwsh, aws, curl) with the settings
that lower its floor (GODEBUG, NODE_OPTIONS, jdk.tls.disabledAlgorithms,
...). Every check reports pass, warn, fail or unknown, with the fix.

A fact doctor cannot read (a program that fails or hangs, an unreadable
file) is reported as unknown, never as a pass.

For fleets, --collect writes this machine's facts (on Windows: the OS
build, SCHANNEL, .NET Framework, WinHTTP and update registry values) as a
JSON snapshot, and --from judges snapshots and registry exports made with
"reg export" (UTF-16 or UTF-8 .reg files of the Windows NT\CurrentVersion,
.NETFramework, NET Framework Setup\NDP and SCHANNEL keys). Each file is one
machine, and so is each directory, made of the files in it; every machine
gets a verdict of its own. A file that cannot be read is reported with its
line and the others are still judged.

With --handshake doctor also proves it: it starts servers on 127.0.0.1
limited to TLS 1.0, 1.1, 1.2, 1.3 and a post-quantum hybrid group, drives
each client on PATH (curl, openssl, python3, node, java, aws, pwsh) against
them with its default settings and this environment, and reports what each
really negotiated.

Example:

	$ tlsfloor doctor
	$ tlsfloor doctor --handshake
	$ tlsfloor doctor --collect -o web01.json        # on each Windows machine
	$ tlsfloor doctor --from --format csv -o fleet.csv fleet/*.json fleet/*.reg
	$ tlsfloor doctor --floor 1.3 --binary ./bin/api --format sarif -o doctor.sarif
`,
		Setup: setupDoctor,
	}
}

// doctorFlags are doctor's own flags.
type doctorFlags struct {
	report    *ReportFlags
	binaries  stringList
	timeout   time.Duration
	handshake bool
	from      bool
	collect   bool
}

func setupDoctor(fs *flag.FlagSet) RunFunc {
	df := &doctorFlags{report: AddReportFlags(fs)}
	fs.Var(&df.binaries, "binary", "also read the build information of the Go binary at `file` (repeatable)")
	fs.DurationVar(&df.timeout, "timeout", doctor.DefaultTimeout, "give up on a program that does not answer within `duration`")
	fs.BoolVar(&df.from, "from", false, "judge the snapshot (.json) and registry export (.reg) files and directories given as arguments, one machine each, instead of this machine")
	fs.BoolVar(&df.collect, "collect", false, "write this machine's facts as a snapshot (JSON) for a later --from, instead of judging them")
	fs.BoolVar(&df.handshake, "handshake", false, "also prove what each TLS client on PATH negotiates against local TLS 1.0-1.3 and post-quantum servers")
	return df.run
}

func (df *doctorFlags) run(ctx context.Context, env *Env, args []string) error {
	switch {
	case df.from && len(args) == 0:
		return Usagef("doctor --from needs files or directories to read")
	case df.from && (df.collect || df.handshake || len(df.binaries) > 0):
		return Usagef("doctor --from judges files; it cannot be combined with --collect, --handshake or --binary")
	case df.from:
		return df.runFrom(env, args)
	case len(args) > 0:
		return WithHint(Usagef("doctor takes no arguments; got %q", args[0]), "to judge snapshot or .reg files, add --from")
	case df.collect:
		return df.runCollect(ctx, env)
	}
	facts, issues := doctor.Live(ctx, doctor.LiveOptions{Timeout: df.timeout, Binaries: df.binaries})
	machine := doctor.Machine{Facts: facts, Issues: issues}
	findings := doctor.Judge(machine, df.floor())
	if df.handshake {
		proof, err := df.prove(ctx, env)
		if err != nil {
			return err
		}
		findings = append(findings, proof...)
	}
	return df.report.Report(env, func(h finding.Handler) error {
		return emit(h, df.newRun(), slices.Values(findings), liveSummary(facts, issues, len(findings)))
	})
}

// prove runs the handshake lab on 127.0.0.1.
func (df *doctorFlags) prove(ctx context.Context, env *Env) ([]finding.Finding, error) {
	env.Printf("proving what each client negotiates against local servers on 127.0.0.1 ...")
	r, err := handshake.Run(ctx, handshake.Options{Timeout: max(df.timeout, handshake.DefaultTimeout)})
	if err != nil {
		return nil, fmt.Errorf("doctor --handshake: %w", err)
	}
	return doctor.ProofFindings(r, df.floor().PostQuantum), nil
}

func (df *doctorFlags) floor() platform.Floor {
	return platformFloor(df.report.Floor.Policy())
}

// platformFloor is the knowledge base's view of a policy's floor.
func platformFloor(p tlsfloor.Policy) platform.Floor {
	return platform.Floor{Version: p.Floor(), PostQuantum: p.PostQuantum}
}

func (df *doctorFlags) newRun() finding.Run {
	run := df.report.NewRun("doctor")
	run.Rules = append(platform.Rules(), doctor.Rules()...)
	return run
}

// liveSummary counts what a live collection read: the OS, OpenSSL and each
// runtime; issues are what it skipped.
func liveSummary(f platform.Facts, issues []doctor.Issue, findings int) finding.Summary {
	read := 1 + len(f.Runtimes)
	if f.OpenSSL != nil {
		read++
	}
	s := finding.Summary{Unit: "components", Read: read, Findings: findings}
	if len(issues) > 0 {
		s.Skipped = []finding.Skip{{Reason: "unreadable", Count: len(issues)}}
	}
	return s
}

// emit hands a run's findings to h in order.
func emit(h finding.Handler, run finding.Run, fs iter.Seq[finding.Finding], s finding.Summary) error {
	if err := h.Start(run); err != nil {
		return err
	}
	for f := range fs {
		if f.Suppression != nil {
			s.Suppressed++
		}
		if err := h.Finding(f); err != nil {
			return err
		}
	}
	return h.End(s)
}
