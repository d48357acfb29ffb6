package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/report"
)

// lineHandler is a tiny format: one line per call.
type lineHandler struct{ w io.Writer }

func (h lineHandler) Start(r finding.Run) error {
	_, err := fmt.Fprintf(h.w, "start %s floor=%s\n", r.Command, r.Floor)
	return err
}

func (h lineHandler) Finding(f finding.Finding) error {
	_, err := fmt.Fprintf(h.w, "finding %s %s suppressed=%t\n", f.RuleID, f.Severity, f.Suppression != nil)
	return err
}

func (h lineHandler) End(s finding.Summary) error {
	_, err := fmt.Fprintf(h.w, "end %d\n", s.Findings)
	return err
}

// fakeRegistry has a people format "text" and a machine format "json",
// both written by lineHandler.
func fakeRegistry() formatRegistry {
	formats := []report.Format{
		{Name: "text", Description: "lines", New: func(w io.Writer) finding.Handler { return lineHandler{w} }},
		{Name: "json", Description: "lines, for programs", Machine: true, New: func(w io.Writer) finding.Handler { return lineHandler{w} }},
	}
	names := func() []string { return []string{"text", "json"} }
	lookup := func(name string) (report.Format, error) {
		for _, f := range formats {
			if f.Name == name {
				return f, nil
			}
		}
		return report.Format{}, fmt.Errorf("unknown format %q (want one of text, json)", name)
	}
	return formatRegistry{lookup: lookup, names: names}
}

// reportCommand is a fake reporting command, "fake", that reports
// findings, or fails with writeErr after the first one.
func reportCommand(reg formatRegistry, findings []finding.Finding, writeErr error) *Command {
	return &Command{
		Name:    "fake",
		Summary: "report fixed findings",
		Usage:   "Usage: tlsfloor fake [flags]\n\nFake reports fixed findings.\n\nExample:\n\n\t$ tlsfloor fake --format json\n",
		Setup: func(fs *flag.FlagSet) RunFunc {
			rf := addReportFlags(fs, reg, []Threshold{belowFloor()})
			return func(_ context.Context, env *Env, _ []string) error {
				return rf.Report(env, func(h finding.Handler) error {
					return writeFindings(h, rf.NewRun("fake"), findings, writeErr)
				})
			}
		},
	}
}

// writeFindings reports a run as a command does.
func writeFindings(h finding.Handler, run finding.Run, findings []finding.Finding, writeErr error) error {
	if err := h.Start(run); err != nil {
		return err
	}
	sum := finding.Summary{Unit: "things", Read: len(findings)}
	for _, f := range findings {
		if err := h.Finding(f); err != nil {
			return err
		}
		if writeErr != nil {
			return writeErr
		}
		sum.Findings++
		if f.Suppression != nil {
			sum.Suppressed++
		}
	}
	return h.End(sum)
}

func TestReportFlags(t *testing.T) {
	low := []finding.Finding{fnd("L", finding.Low, false)}
	mixed := []finding.Finding{fnd("M", finding.Medium, false), fnd("H", finding.High, false), fnd("C", finding.Critical, false)}
	tests := []struct {
		name     string
		args     []string
		findings []finding.Finding
		code     int
		stdout   []string
		stderr   []string
	}{
		{name: "text default fails on low", findings: low, code: ExitFindings, stdout: []string{"start fake floor=TLS 1.2", "finding L low", "end 1"}, stderr: []string{"tlsfloor: error: 1 finding matched --fail-on low"}},
		{name: "text info passes", findings: []finding.Finding{fnd("I", finding.Info, false)}, code: ExitOK},
		{name: "text suppressed passes", findings: []finding.Finding{fnd("S", finding.Critical, true)}, code: ExitOK, stdout: []string{"suppressed=true"}},
		{name: "text fail-on none", args: []string{"--fail-on", "none"}, findings: mixed, code: ExitOK},
		{name: "machine default passes", args: []string{"--format", "json"}, findings: mixed, code: ExitOK, stdout: []string{"end 3"}},
		{name: "machine fail-on high", args: []string{"--format=json", "--fail-on=high"}, findings: mixed, code: ExitFindings, stderr: []string{"2 findings matched --fail-on high"}},
		{name: "fail-on any case", args: []string{"-fail-on", "CRITICAL"}, findings: mixed, code: ExitFindings, stderr: []string{"1 finding matched --fail-on critical"}},
		{name: "extra fail-on word", args: []string{"--fail-on", "below-floor"}, findings: []finding.Finding{fnd("BELOW", finding.Info, false)}, code: ExitFindings, stderr: []string{"matched --fail-on below-floor"}},
		{name: "no findings", code: ExitOK, stdout: []string{"end 0"}},
		{name: "floor tls1.3", args: []string{"--floor", "tls1.3"}, code: ExitOK, stdout: []string{"floor=TLS 1.3\n"}},
		{name: "floor pq", args: []string{"--floor", "pq"}, code: ExitOK, stdout: []string{"floor=TLS 1.3 + post-quantum"}},
		{name: "bad format", args: []string{"--format", "xml"}, code: ExitUsage, stderr: []string{`invalid value "xml" for flag -format: unknown format "xml" (want one of text, json)`, "tlsfloor: hint: run 'tlsfloor help fake'"}},
		{name: "bad fail-on", args: []string{"--fail-on", "severe"}, code: ExitUsage, stderr: []string{"want one of none, info, low, medium, high, critical, below-floor"}},
		{name: "bad floor", args: []string{"--floor", "1.1"}, code: ExitUsage, stderr: []string{`unknown floor "1.1" (want one of 1.2, 1.3, pq`}},
		{name: "help lists flags", args: []string{"-h"}, code: ExitOK, stdout: []string{"-format format", "report format: text, json", "-o file", "-fail-on level", "below-floor", "-floor floor", "(default 1.2)", "(default text)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table := []*Command{reportCommand(fakeRegistry(), tt.findings, nil)}
			got := runArgs(t.Context(), table, append([]string{"fake"}, tt.args...)...)
			checkResult(t, got, tt.code, tt.stdout, tt.stderr)
		})
	}
}

func TestReportOutputFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report.txt")
	findings := []finding.Finding{fnd("H", finding.High, false)}
	table := []*Command{reportCommand(fakeRegistry(), findings, nil)}
	got := runArgs(t.Context(), table, "fake", "-o", out)
	checkResult(t, got, ExitFindings, nil, []string{"1 finding matched --fail-on low"})
	if got.stdout != "" {
		t.Errorf("stdout = %q, want empty with -o", got.stdout)
	}
	checkFile(t, out, "start fake floor=TLS 1.2\nfinding H high suppressed=false\nend 1\n")
	checkOnlyFiles(t, dir, "report.txt")
}

func TestReportOutputFailures(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "old.txt")
	if err := os.WriteFile(old, []byte("earlier report\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	findings := []finding.Finding{fnd("H", finding.High, false)}
	tests := []struct {
		name     string
		writeErr error
		out      string
		stderr   string
	}{
		{name: "run fails", writeErr: errors.New("connection reset"), out: old, stderr: "tlsfloor: error: connection reset"},
		{name: "missing directory", out: filepath.Join(dir, "no", "such", "r.txt"), stderr: "cannot create output"},
		{name: "directory", out: dir, stderr: "is a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table := []*Command{reportCommand(fakeRegistry(), findings, tt.writeErr)}
			got := runArgs(t.Context(), table, "fake", "-o", tt.out)
			checkResult(t, got, ExitError, nil, []string{tt.stderr})
			checkFile(t, old, "earlier report\n")
			checkOnlyFiles(t, dir, "old.txt")
		})
	}
}

func TestReportNotEnded(t *testing.T) {
	rf := addReportFlags(flag.NewFlagSet("x", flag.ContinueOnError), fakeRegistry(), nil)
	env := &Env{Stdout: io.Discard, Stderr: io.Discard}
	err := rf.Report(env, func(h finding.Handler) error { return h.Start(rf.NewRun("x")) })
	if !errors.Is(err, errHandlerOrder) {
		t.Errorf("Report without End = %v, want %v", err, errHandlerOrder)
	}
}

// TestReportRegisteredFormats runs the fake command in every format the
// report package registers, to a file, with a finding at each severity.
func TestReportRegisteredFormats(t *testing.T) {
	if len(report.Names()) == 0 {
		t.Skip("no report formats registered")
	}
	var findings []finding.Finding
	for s := finding.Info; s <= finding.Critical; s++ {
		findings = append(findings, fnd("TF-TEST-"+s.String(), s, s == finding.Critical))
	}
	for _, name := range report.Names() {
		t.Run(name, func(t *testing.T) {
			format, err := report.Lookup(name)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "report."+name)
			table := []*Command{reportCommand(reportRegistry(), findings, nil)}
			got := runArgs(t.Context(), table, "fake", "--format", name, "-o", out)
			want, stderr := ExitFindings, []string{"3 findings matched --fail-on low"}
			if format.Machine {
				want, stderr = ExitOK, nil
			}
			checkResult(t, got, want, nil, stderr)
			if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
				t.Errorf("report file: %v, size %d", err, fi.Size())
			}
		})
	}
}

func TestFloorFlag(t *testing.T) {
	tests := []struct {
		input    string
		wantName string
		want     tlsfloor.Policy
		wantErr  bool
	}{
		{input: "1.2", wantName: "1.2", want: tlsfloor.Default},
		{input: "tls1.2", wantName: "1.2", want: tlsfloor.Default},
		{input: "1.3", wantName: "1.3", want: tlsfloor.TLS13},
		{input: "TLS1.3", wantName: "1.3", want: tlsfloor.TLS13},
		{input: "pq", wantName: "pq", want: tlsfloor.PostQuantum},
		{input: "post-quantum", wantName: "pq", want: tlsfloor.PostQuantum},
		{input: "1.1", wantErr: true},
		{input: "", wantErr: true},
		{input: "tls13", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			f := &FloorFlag{name: "1.2"}
			err := f.Set(tt.input)
			if tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), "want one of 1.2, 1.3, pq") {
					t.Errorf("Set(%q) = %v, want an error listing the floors", tt.input, err)
				}
				return
			}
			if err != nil || f.String() != tt.wantName || f.Policy().String() != tt.want.String() {
				t.Errorf("Set(%q) = %v, name %q policy %v; want %q %v", tt.input, err, f.String(), f.Policy(), tt.wantName, tt.want)
			}
		})
	}
}

func TestFailOnFlag(t *testing.T) {
	tests := []struct {
		name    string
		set     string // "" leaves the flag unset
		machine bool
		want    string
		wantErr bool
	}{
		{name: "unset text", machine: false, want: "low"},
		{name: "unset machine", machine: true, want: "none"},
		{name: "set overrides machine", set: "medium", machine: true, want: "medium"},
		{name: "set none on text", set: "none", want: "none"},
		{name: "mixed case", set: "High", want: "high"},
		{name: "extra word", set: "below-floor", want: "below-floor"},
		{name: "unknown word", set: "severe", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &FailOnFlag{words: append(severityThresholds(), belowFloor())}
			if tt.set != "" {
				if err := f.Set(tt.set); (err != nil) != tt.wantErr {
					t.Fatalf("Set(%q) = %v, want error %v", tt.set, err, tt.wantErr)
				}
			}
			if got := f.Threshold(tt.machine).Name; !tt.wantErr && got != tt.want {
				t.Errorf("Threshold(%v) = %q, want %q", tt.machine, got, tt.want)
			}
		})
	}
	f := &FailOnFlag{words: append(severityThresholds(), belowFloor())}
	if got, want := f.Words(), []string{"none", "info", "low", "medium", "high", "critical", "below-floor"}; !slices.Equal(got, want) {
		t.Errorf("Words() = %q, want %q", got, want)
	}
}

func TestFormatFlag(t *testing.T) {
	f := &FormatFlag{name: "text", reg: fakeRegistry()}
	if err := f.Set("json"); err != nil || f.String() != "json" {
		t.Errorf("Set(json) = %v, name %q", err, f.String())
	}
	if err := f.Set("xml"); err == nil || f.String() != "json" {
		t.Errorf("Set(xml) = %v, name %q; want an error and the name kept", err, f.String())
	}
}

// checkFile checks that the file at path holds want.
func checkFile(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s holds %q, want %q", path, got, want)
	}
}

// checkOnlyFiles checks that dir holds exactly names: no temporary file is
// left behind.
func checkOnlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, names) {
		t.Errorf("%s holds %q, want %q", dir, got, names)
	}
}
