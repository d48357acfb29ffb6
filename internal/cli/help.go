package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
)

// helpCommand returns the help command, which prints the usage of tlsfloor
// or of one command.
func helpCommand() *Command {
	return &Command{
		Name:    "help",
		Summary: "print help for tlsfloor or for one command",
		Usage: `Usage: tlsfloor help [command]

Help prints the list of commands or, given a command, its usage, flags and
an example. "tlsfloor <command> -h" prints the same page.

Example:

	$ tlsfloor help version
`,
		Setup: func(*flag.FlagSet) RunFunc { return runHelp },
	}
}

// runHelp prints the usage asked for on standard output.
func runHelp(_ context.Context, env *Env, args []string) error {
	switch len(args) {
	case 0:
		return writeUsage(env.Stdout, env.commands)
	case 1:
		cmd, err := lookup(env.commands, args[0])
		if err != nil {
			return err
		}
		return writeCommandUsage(env.Stdout, cmd)
	}
	return Usagef("help takes at most one command, got %d arguments", len(args))
}

// writeUsage prints the top-level usage: the commands and the exit codes.
func writeUsage(w io.Writer, table []*Command) error {
	var b strings.Builder
	b.WriteString("Usage: tlsfloor <command> [flags] [arguments]\n\n")
	b.WriteString("tlsfloor reports what talks to AWS below a TLS floor (TLS 1.2 unless\nasked for more).\n\n")
	b.WriteString("Commands:\n")
	width := 0
	for _, c := range table {
		width = max(width, len(c.Name))
	}
	for _, c := range table {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, c.Name, c.Summary)
	}
	b.WriteString("\nRun 'tlsfloor help <command>' for a command's flags and an example.\n\n")
	b.WriteString(exitCodesText)
	_, err := io.WriteString(w, b.String())
	return err
}

// exitCodesText closes the top-level usage.
const exitCodesText = `Exit codes:
  0  success: no finding at the --fail-on level
  1  error at run time
  2  usage error
  3  findings at or above the --fail-on level
`

// writeCommandUsage prints cmd's help page with its flags placed before the
// Example section.
func writeCommandUsage(w io.Writer, cmd *Command) error {
	head, example := splitExample(cmd.Usage)
	var b strings.Builder
	b.WriteString(head)
	fs := newFlagSet(cmd)
	cmd.Setup(fs)
	if hasFlags(fs) {
		b.WriteString("\nFlags:\n")
		fs.SetOutput(&b)
		fs.PrintDefaults()
	}
	if example != "" {
		b.WriteString("\n" + example)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// splitExample splits usage before its last "Example:" line.
func splitExample(usage string) (head, example string) {
	i := strings.LastIndex(usage, "\nExample:")
	if i < 0 {
		return usage, ""
	}
	return strings.TrimRight(usage[:i], "\n") + "\n", usage[i+1:]
}

// hasFlags reports whether fs defines any flag.
func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}
