package cli

// This file is the only place that writes messages for the user. Every
// message goes to standard error with a fixed prefix, so that standard
// output carries only what a command was asked to produce.

import (
	"fmt"
	"io"
)

// progName is the program name that starts every message.
const progName = "tlsfloor"

// Printf prints an informational message on standard error, prefixed by
// "tlsfloor: ".
func (e *Env) Printf(format string, v ...any) {
	printMessage(e.Stderr, "", fmt.Sprintf(format, v...))
}

// Warningf prints a warning on standard error, prefixed by
// "tlsfloor: warning: ".
func (e *Env) Warningf(format string, v ...any) {
	printMessage(e.Stderr, "warning: ", fmt.Sprintf(format, v...))
}

// Hintf prints a hint on standard error, prefixed by "tlsfloor: hint: ".
func (e *Env) Hintf(format string, v ...any) {
	printMessage(e.Stderr, "hint: ", fmt.Sprintf(format, v...))
}

// printError prints err as "tlsfloor: error: ..." followed by its hints.
// Only Main calls it, so every error is printed once.
func printError(w io.Writer, err error) {
	printMessage(w, "error: ", err.Error())
	for _, h := range errorHints(err) {
		printMessage(w, "hint: ", h)
	}
}

// printMessage writes one prefixed line. Messages to the user are best
// effort: there is nowhere left to report a failed write.
func printMessage(w io.Writer, kind, msg string) {
	fmt.Fprintf(w, "%s: %s%s\n", progName, kind, msg)
}
