package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"strings"
	"testing"
	"unicode"
)

// result is what one command line produced.
type result struct {
	code           int
	stdout, stderr string
}

// runArgs runs args against table and collects the result.
func runArgs(ctx context.Context, table []*Command, args ...string) result {
	var stdout, stderr bytes.Buffer
	err := run(ctx, table, args, strings.NewReader(""), &stdout, &stderr)
	return result{code: ExitCode(err), stdout: stdout.String(), stderr: stderr.String()}
}

// checkResult compares got with the expectations of one case.
func checkResult(t *testing.T, got result, code int, stdout, stderr []string) {
	t.Helper()
	if got.code != code {
		t.Errorf("exit code = %d, want %d\nstdout:\n%s\nstderr:\n%s", got.code, code, got.stdout, got.stderr)
	}
	for _, s := range stdout {
		if !strings.Contains(got.stdout, s) {
			t.Errorf("stdout does not contain %q:\n%s", s, got.stdout)
		}
	}
	for _, s := range stderr {
		if !strings.Contains(got.stderr, s) {
			t.Errorf("stderr does not contain %q:\n%s", s, got.stderr)
		}
	}
	if n := strings.Count(got.stderr, "tlsfloor: error:"); (code == ExitOK && n != 0) || (code != ExitOK && n != 1) {
		t.Errorf("stderr has %d error lines for exit code %d:\n%s", n, code, got.stderr)
	}
}

func TestDispatch(t *testing.T) {
	tests := []struct {
		name        string
		args        []string
		code        int
		stdout      []string
		stderr      []string
		emptyStdout bool
	}{
		{name: "no command", args: nil, code: ExitUsage, stderr: []string{"Usage: tlsfloor", "tlsfloor: error: missing command"}, emptyStdout: true},
		{name: "-h", args: []string{"-h"}, code: ExitOK, stdout: []string{"Usage: tlsfloor <command>", "version", "Exit codes:"}},
		{name: "--help", args: []string{"--help"}, code: ExitOK, stdout: []string{"Usage: tlsfloor <command>"}},
		{name: "help", args: []string{"help"}, code: ExitOK, stdout: []string{"Commands:", "  help ", "  version "}},
		{name: "help version", args: []string{"help", "version"}, code: ExitOK, stdout: []string{"Usage: tlsfloor version", "Flags:", "-json", "Example:"}},
		{name: "version -h", args: []string{"version", "-h"}, code: ExitOK, stdout: []string{"Usage: tlsfloor version", "-json"}},
		{name: "version --help", args: []string{"version", "--help"}, code: ExitOK, stdout: []string{"Usage: tlsfloor version"}},
		{name: "help help", args: []string{"help", "help"}, code: ExitOK, stdout: []string{"Usage: tlsfloor help"}},
		{name: "unknown command", args: []string{"nope"}, code: ExitUsage, stderr: []string{`tlsfloor: error: unknown command "nope"`, "tlsfloor: hint: commands are doctor, probe, proxy, scan, trail, version, help"}, emptyStdout: true},
		{name: "misspelt command", args: []string{"verison"}, code: ExitUsage, stderr: []string{`tlsfloor: hint: did you mean "version"?`}, emptyStdout: true},
		{name: "command prefix", args: []string{"ver"}, code: ExitUsage, stderr: []string{`did you mean "version"?`}},
		{name: "help unknown", args: []string{"help", "nope"}, code: ExitUsage, stderr: []string{`unknown command "nope"`}, emptyStdout: true},
		{name: "help two args", args: []string{"help", "a", "b"}, code: ExitUsage, stderr: []string{"at most one command", "tlsfloor: hint: run 'tlsfloor help help'"}},
		{name: "flag before command", args: []string{"-json"}, code: ExitUsage, stderr: []string{"unknown flag -json", "tlsfloor: hint: run 'tlsfloor help'"}},
		{name: "bad flag", args: []string{"version", "-bogus"}, code: ExitUsage, stderr: []string{"tlsfloor: error: flag provided but not defined: -bogus", "tlsfloor: hint: run 'tlsfloor help version' for usage"}, emptyStdout: true},
		{name: "extra argument", args: []string{"version", "extra"}, code: ExitUsage, stderr: []string{"version takes no arguments"}, emptyStdout: true},
		{name: "version", args: []string{"version"}, code: ExitOK, stdout: []string{"tlsfloor ", "platform"}},
		{name: "version -json", args: []string{"version", "-json"}, code: ExitOK, stdout: []string{`"schema": "tlsfloor.version/v1"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runArgs(t.Context(), commands(), tt.args...)
			checkResult(t, got, tt.code, tt.stdout, tt.stderr)
			if tt.emptyStdout && got.stdout != "" {
				t.Errorf("stdout = %q, want empty", got.stdout)
			}
			if tt.code == ExitOK && got.stderr != "" {
				t.Errorf("stderr = %q, want empty", got.stderr)
			}
		})
	}
}

func TestCommandTable(t *testing.T) {
	seen := map[string]bool{}
	for _, cmd := range commands() {
		t.Run(cmd.Name, func(t *testing.T) {
			if seen[cmd.Name] {
				t.Errorf("command %q listed twice", cmd.Name)
			}
			seen[cmd.Name] = true
			checkCommand(t, cmd)
		})
	}
}

// checkCommand checks the conventions every table entry follows.
func checkCommand(t *testing.T, cmd *Command) {
	t.Helper()
	if cmd.Setup == nil {
		t.Fatal("Setup is nil")
	}
	if s := cmd.Summary; s == "" || strings.HasSuffix(s, ".") || unicode.IsUpper(rune(s[0])) {
		t.Errorf("Summary %q: want one lower-case line without a final period", s)
	}
	if !strings.HasPrefix(cmd.Usage, "Usage: tlsfloor "+cmd.Name) {
		t.Errorf("Usage does not start with the synopsis:\n%s", cmd.Usage)
	}
	i := strings.LastIndex(cmd.Usage, "\nExample:\n")
	if i < 0 || !strings.Contains(cmd.Usage[i+1:], "\n\n\t$ tlsfloor "+cmd.Name) {
		t.Errorf("Usage does not end with an Example: section running the command:\n%s", cmd.Usage)
	}
	if cmd.Setup(flag.NewFlagSet(cmd.Name, flag.ContinueOnError)) == nil {
		t.Error("Setup returned a nil RunFunc")
	}
}

func TestInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	table := []*Command{{
		Name:    "wait",
		Summary: "wait for the context",
		Usage:   "Usage: tlsfloor wait\n\nExample:\n\n\t$ tlsfloor wait\n",
		Setup: func(*flag.FlagSet) RunFunc {
			return func(ctx context.Context, _ *Env, _ []string) error {
				<-ctx.Done()
				return ctx.Err()
			}
		},
	}}
	got := runArgs(ctx, table, "wait")
	checkResult(t, got, ExitError, nil, []string{"tlsfloor: error: interrupted\n"})
}

func TestMessages(t *testing.T) {
	var stderr bytes.Buffer
	env := &Env{Stderr: &stderr}
	env.Printf("wrote %s", "report.json")
	env.Warningf("skipped %d files", 2)
	env.Hintf("use %s", "-o")
	printError(&stderr, WithHint(errors.New("boom"), "first", "second"))
	want := "tlsfloor: wrote report.json\n" +
		"tlsfloor: warning: skipped 2 files\n" +
		"tlsfloor: hint: use -o\n" +
		"tlsfloor: error: boom\n" +
		"tlsfloor: hint: first\n" +
		"tlsfloor: hint: second\n"
	if got := stderr.String(); got != want {
		t.Errorf("messages:\n%s\nwant:\n%s", got, want)
	}
}

func TestClosest(t *testing.T) {
	table := []*Command{{Name: "doctor"}, {Name: "scan"}, {Name: "probe"}, {Name: "version"}}
	tests := []struct {
		name, input, want string
	}{
		{name: "exact", input: "scan", want: "scan"},
		{name: "transposed", input: "scna", want: "scan"},
		{name: "typo", input: "doctr", want: "doctor"},
		{name: "prefix", input: "vers", want: "version"},
		{name: "upper case", input: "PROBE", want: "probe"},
		{name: "far", input: "xyzzy", want: ""},
		{name: "one letter", input: "x", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := closest(table, tt.input); got != tt.want {
				t.Errorf("closest(%q) = %q, want %q", tt.input, got, tt.want)
			}
		})
	}
}
