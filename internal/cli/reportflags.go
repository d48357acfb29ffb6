package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/report"
)

// defaultFormat is the --format a reporting command uses unless told
// otherwise.
const defaultFormat = "text"

// ReportFlags holds the flags every reporting command shares. Register
// them with [AddReportFlags]; after parsing, [ReportFlags.Report] writes
// the report and applies --fail-on.
type ReportFlags struct {
	// Format is --format, checked against the registered report formats.
	Format FormatFlag
	// Output is -o: the report file, or "" (or "-") for standard output.
	Output string
	// FailOn is --fail-on: which findings make the run exit 3.
	FailOn FailOnFlag
	// Floor is --floor: the policy verdicts are judged against.
	Floor FloorFlag
	// Custom, set by a command before Report, makes the handler for a
	// format name instead of the format's own: a command's own layout of
	// that format (trail's caller CSV, its HTML chart).
	Custom map[string]func(io.Writer) finding.Handler
}

// AddReportFlags registers --format, -o, --fail-on and --floor on fs and
// returns where their values land. extra lists the --fail-on words the
// command accepts besides "none" and the severities.
func AddReportFlags(fs *flag.FlagSet, extra ...Threshold) *ReportFlags {
	return addReportFlags(fs, reportRegistry(), extra)
}

// addReportFlags is AddReportFlags with the format registry as a
// parameter, for tests.
func addReportFlags(fs *flag.FlagSet, reg formatRegistry, extra []Threshold) *ReportFlags {
	rf := &ReportFlags{
		Format: FormatFlag{name: defaultFormat, reg: reg},
		FailOn: FailOnFlag{words: append(severityThresholds(), extra...)},
		Floor:  FloorFlag{name: "1.2", policy: tlsfloor.Default},
	}
	fs.Var(&rf.Format, "format", "report `format`"+listSuffix(reg.names()))
	fs.StringVar(&rf.Output, "o", "", "write the report to `file` instead of standard output")
	fs.Var(&rf.FailOn, "fail-on", "exit 3 on an unsuppressed warn or fail finding that reaches `level`"+listSuffix(rf.FailOn.Words())+
		"\n(default low for text, none for machine formats)")
	fs.Var(&rf.Floor, "floor", "judge against the TLS `floor`: 1.2, 1.3 or pq")
	return rf
}

// formatRegistry finds report formats. Outside tests it is the report
// package's list.
type formatRegistry struct {
	lookup func(name string) (report.Format, error)
	names  func() []string
}

// reportRegistry returns the registry of the report package.
func reportRegistry() formatRegistry {
	return formatRegistry{lookup: report.Lookup, names: report.Names}
}

// listSuffix formats a list of words for a flag's usage line.
func listSuffix(words []string) string {
	if len(words) == 0 {
		return ""
	}
	return ": " + strings.Join(words, ", ")
}

// NewRun describes a run of command under these flags, starting now.
func (rf *ReportFlags) NewRun(command string) finding.Run {
	return finding.Run{
		Command:     command,
		ToolVersion: readVersion().Version,
		Floor:       rf.Floor.Policy().String(),
		Started:     time.Now(),
	}
}

// Report opens the output, calls write with the handler for the chosen
// format, and completes the output. write must call Start, Finding for
// each finding, and End. If write fails, Report returns its error and
// leaves no report file behind. Otherwise Report returns a
// *[FindingsError] when any unsuppressed warn or fail finding reached the --fail-on
// level.
func (rf *ReportFlags) Report(env *Env, write func(finding.Handler) error) error {
	format, err := rf.Format.Lookup()
	if err != nil {
		return err
	}
	out, err := openOutput(env.Stdout, rf.Output)
	if err != nil {
		return err
	}
	defer out.abort()
	newHandler := format.New
	if c := rf.Custom[format.Name]; c != nil {
		newHandler = c
	}
	h := &countingHandler{next: newHandler(out), tally: &tally{threshold: rf.FailOn.Threshold(format.Machine)}}
	if err := write(h); err != nil {
		return err
	}
	if !h.ended {
		return fmt.Errorf("%w: End never called", errHandlerOrder)
	}
	if err := out.commit(); err != nil {
		return err
	}
	return h.tally.err()
}

// FormatFlag is the value of --format: the name of a registered report
// format.
type FormatFlag struct {
	name string
	reg  formatRegistry
}

// String returns the format name.
func (f *FormatFlag) String() string { return f.name }

// Set accepts the name of a registered format.
func (f *FormatFlag) Set(s string) error {
	old := f.name
	f.name = s
	if _, err := f.Lookup(); err != nil {
		f.name = old
		return err
	}
	return nil
}

// Lookup returns the format the flag names.
func (f *FormatFlag) Lookup() (report.Format, error) {
	if f.reg.lookup == nil {
		f.reg = reportRegistry()
	}
	return f.reg.lookup(f.name)
}

// FailOnFlag is the value of --fail-on. Its words are "none", the
// severities and any extra words the command registered.
type FailOnFlag struct {
	words  []Threshold
	chosen *Threshold
}

// String returns the word given, or "" when the flag was not set.
func (f *FailOnFlag) String() string {
	if f.chosen == nil {
		return ""
	}
	return f.chosen.Name
}

// Set accepts one of the flag's words, in any case.
func (f *FailOnFlag) Set(s string) error {
	for _, t := range f.words {
		if strings.EqualFold(s, t.Name) {
			f.chosen = &t
			return nil
		}
	}
	return fmt.Errorf("unknown level %q (want one of %s)", s, strings.Join(f.Words(), ", "))
}

// Words lists the words the flag accepts.
func (f *FailOnFlag) Words() []string {
	names := make([]string, len(f.words))
	for i, t := range f.words {
		names[i] = t.Name
	}
	return names
}

// Threshold returns the threshold given, or the default for the format
// when the flag was not set: "low" for formats meant for people, "none"
// for machine formats.
func (f *FailOnFlag) Threshold(machine bool) Threshold {
	switch {
	case f.chosen != nil:
		return *f.chosen
	case machine:
		return noThreshold()
	}
	return AtLeast(finding.Low)
}

// FloorFlag is the value of --floor: one of the policy presets.
type FloorFlag struct {
	name   string
	policy tlsfloor.Policy
}

// String returns the floor's short name: "1.2", "1.3" or "pq".
func (f *FloorFlag) String() string { return f.name }

// Set accepts 1.2, 1.3 or pq, or their long forms tls1.2, tls1.3 and
// post-quantum, in any case.
func (f *FloorFlag) Set(s string) error {
	switch strings.ToLower(s) {
	case "1.2", "tls1.2":
		f.name, f.policy = "1.2", tlsfloor.Default
	case "1.3", "tls1.3":
		f.name, f.policy = "1.3", tlsfloor.TLS13
	case "pq", "post-quantum":
		f.name, f.policy = "pq", tlsfloor.PostQuantum
	default:
		return fmt.Errorf("unknown floor %q (want one of 1.2, 1.3, pq, or tls1.2, tls1.3, post-quantum)", s)
	}
	return nil
}

// Policy returns the preset the floor names.
func (f *FloorFlag) Policy() tlsfloor.Policy { return f.policy }
