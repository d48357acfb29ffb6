package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"
)

// commands returns the command table, in the order help lists it. Adding a
// subcommand is one file that defines its constructor and one line here.
func commands() []*Command {
	return []*Command{
		doctorCommand(),
		probeCommand(),
		proxyCommand(),
		scanCommand(),
		trailCommand(),
		versionCommand(),
		helpCommand(),
	}
}

// Command is one subcommand.
type Command struct {
	// Name selects the command: "tlsfloor <Name> ...".
	Name string
	// Summary is one line for the command list: lower case, no final
	// period.
	Summary string
	// Usage is the help page: a "Usage:" synopsis, a description and,
	// last, an "Example:" section. Help prints the flags before Example.
	Usage string
	// Setup registers the command's flags on fs and returns the function
	// that runs the command once they are parsed. It must do nothing else:
	// help calls it to list the flags without running anything.
	Setup func(fs *flag.FlagSet) RunFunc
}

// RunFunc runs a command with the arguments left after its flags.
type RunFunc func(ctx context.Context, env *Env, args []string) error

// lookup returns the command called name, or a usage error that names the
// closest command.
func lookup(table []*Command, name string) (*Command, error) {
	for _, c := range table {
		if c.Name == name {
			return c, nil
		}
	}
	return nil, &UsageError{
		Err:   fmt.Errorf("unknown command %q", name),
		Hints: []string{unknownCommandHint(table, name)},
	}
}

// unknownCommandHint suggests the command closest to name, or lists them
// all when none is close.
func unknownCommandHint(table []*Command, name string) string {
	if c := closest(table, name); c != "" {
		return fmt.Sprintf("did you mean %q? run 'tlsfloor help' for usage", c)
	}
	names := make([]string, len(table))
	for i, c := range table {
		names[i] = c.Name
	}
	return "commands are " + strings.Join(names, ", ") + "; run 'tlsfloor help' for usage"
}

// closest returns the command name nearest to name in edit distance, or
// "" when none is within a third of its length (at least two edits). A
// command that starts with name counts as close.
func closest(table []*Command, name string) string {
	best, bestDist := "", max(2, len(name)/3)+1
	for _, c := range table {
		d := editDistance(strings.ToLower(name), c.Name)
		if strings.HasPrefix(c.Name, strings.ToLower(name)) && len(name) >= 2 {
			d = 0
		}
		if d < bestDist {
			best, bestDist = c.Name, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
