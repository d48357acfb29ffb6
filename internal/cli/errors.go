package cli

import (
	"errors"
	"fmt"
)

// Exit codes, as the tlsfloor manual lists them.
const (
	// ExitOK means the command succeeded, with no finding at the
	// --fail-on level.
	ExitOK = 0
	// ExitError means the command failed at run time.
	ExitError = 1
	// ExitUsage means the command line was wrong.
	ExitUsage = 2
	// ExitFindings means the run reported findings at or above the
	// --fail-on level.
	ExitFindings = 3
)

// ExitCoder is an error that chooses the process exit code.
type ExitCoder interface {
	error
	ExitCode() int
}

// ExitCode returns the exit code for err: ExitOK for nil, the code of the
// first ExitCoder in err's chain, and ExitError for any other error.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ec ExitCoder
	if errors.As(err, &ec) {
		return ec.ExitCode()
	}
	return ExitError
}

// UsageError is a command line that tlsfloor cannot act on. It exits with
// ExitUsage.
type UsageError struct {
	// Err says what is wrong with the command line.
	Err error
	// Hints are printed after the error, one per line.
	Hints []string
}

// Usagef returns a *UsageError with the formatted message. It wraps an
// error operand of %w like fmt.Errorf does.
func Usagef(format string, v ...any) *UsageError {
	return &UsageError{Err: fmt.Errorf(format, v...)}
}

// Error returns the message of the wrapped error.
func (e *UsageError) Error() string { return e.Err.Error() }

// Unwrap returns the wrapped error.
func (e *UsageError) Unwrap() error { return e.Err }

// ExitCode returns ExitUsage.
func (e *UsageError) ExitCode() int { return ExitUsage }

// ErrorHints returns the hints printed after the error.
func (e *UsageError) ErrorHints() []string { return e.Hints }

// FindingsError reports that a run found findings at or above its --fail-on
// level. It exits with ExitFindings. The report itself is complete.
type FindingsError struct {
	// Count is how many unsuppressed warn or fail findings the threshold
	// matched.
	Count int
	// FailOn is the --fail-on word in force, such as "low".
	FailOn string
}

// Error says how many findings matched which --fail-on word.
func (e *FindingsError) Error() string {
	noun := "findings"
	if e.Count == 1 {
		noun = "finding"
	}
	return fmt.Sprintf("%d %s matched --fail-on %s", e.Count, noun, e.FailOn)
}

// ExitCode returns ExitFindings.
func (e *FindingsError) ExitCode() int { return ExitFindings }

// hinter is an error that carries hints for the user.
type hinter interface {
	ErrorHints() []string
}

// hintedError adds hints to an error.
type hintedError struct {
	err   error
	hints []string
}

// WithHint returns err with hints that are printed after it, one per line.
// The result keeps err's message and exit code. WithHint returns nil for a
// nil err.
func WithHint(err error, hints ...string) error {
	if err == nil {
		return nil
	}
	return &hintedError{err: err, hints: hints}
}

func (e *hintedError) Error() string        { return e.err.Error() }
func (e *hintedError) Unwrap() error        { return e.err }
func (e *hintedError) ErrorHints() []string { return e.hints }

// errorHints returns the hints of the outermost error in err's chain that
// has any.
func errorHints(err error) []string {
	for err != nil {
		if h, ok := err.(hinter); ok && len(h.ErrorHints()) > 0 {
			return h.ErrorHints()
		}
		err = errors.Unwrap(err)
	}
	return nil
}
