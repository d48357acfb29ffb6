// Package cli is the tlsfloor command line: the command table, the flags
// reporting commands share, exit codes and messages for the user.
//
// [Main] runs one command line. Each subcommand is one *[Command], built by
// a function in its own file and listed once in the table in commands.go.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
)

// Env is what a command runs with: the standard streams and, for help, the
// command table. Messages for the user go through its Printf, Warningf and
// Hintf methods; errors are returned, and Main prints them.
type Env struct {
	// Stdin is the command's standard input.
	Stdin io.Reader
	// Stdout carries only what the command was asked to produce: a
	// report, help that was asked for, the version.
	Stdout io.Writer
	// Stderr carries messages for the user; write them with Printf,
	// Warningf and Hintf.
	Stderr io.Writer

	commands []*Command
}

// Main runs the command line args (without the program name) and returns
// the error, if any, that ended it. It prints that error on stderr, with its
// hints, so the caller only turns it into an exit code with [ExitCode].
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return run(ctx, commands(), args, stdin, stdout, stderr)
}

// run is Main with the command table as a parameter, for tests.
func run(ctx context.Context, table []*Command, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	env := &Env{Stdin: stdin, Stdout: stdout, Stderr: stderr, commands: table}
	err := interrupted(ctx, dispatch(ctx, env, args))
	if err != nil {
		printError(stderr, err)
	}
	return err
}

// dispatch picks the command named by args[0] and runs it.
func dispatch(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		writeUsage(env.Stderr, env.commands)
		return Usagef("missing command")
	}
	if isHelpFlag(args[0]) {
		return writeUsage(env.Stdout, env.commands)
	}
	if len(args[0]) > 1 && args[0][0] == '-' {
		return &UsageError{
			Err:   fmt.Errorf("unknown flag %s: flags go after the command", args[0]),
			Hints: []string{"run 'tlsfloor help' for usage"},
		}
	}
	cmd, err := lookup(env.commands, args[0])
	if err != nil {
		return err
	}
	return runCommand(ctx, env, cmd, args[1:])
}

// runCommand parses cmd's flags from args and runs it.
func runCommand(ctx context.Context, env *Env, cmd *Command, args []string) error {
	fs := newFlagSet(cmd)
	runFn := cmd.Setup(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return writeCommandUsage(env.Stdout, cmd)
		}
		return commandUsageError(cmd, err)
	}
	err := runFn(ctx, env, fs.Args())
	var ue *UsageError
	if errors.As(err, &ue) && len(errorHints(err)) == 0 {
		return commandUsageError(cmd, err)
	}
	return err
}

// newFlagSet returns the flag set for one run of cmd. The flag package
// prints parse errors itself; its output is discarded so that Main reports
// each error once, with the usual prefix and a hint.
func newFlagSet(cmd *Command) *flag.FlagSet {
	fs := flag.NewFlagSet(cmd.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// commandUsageError makes err a usage error of cmd that points at its help.
func commandUsageError(cmd *Command, err error) error {
	return &UsageError{
		Err:   err,
		Hints: []string{"run 'tlsfloor help " + cmd.Name + "' for usage"},
	}
}

// isHelpFlag reports whether arg asks for help.
func isHelpFlag(arg string) bool {
	switch arg {
	case "-h", "-help", "--help":
		return true
	}
	return false
}

// interruptedError is the error of a run that a signal cancelled.
type interruptedError struct{ err error }

func (e *interruptedError) Error() string { return "interrupted" }
func (e *interruptedError) Unwrap() error { return e.err }

// interrupted replaces a cancellation error with a plain "interrupted" once
// ctx was cancelled, as the signal handler in main does.
func interrupted(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil && errors.Is(err, context.Canceled) {
		return &interruptedError{err: err}
	}
	return err
}
