package target

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Stdin is the argument, or file name, that stands for standard input.
const Stdin = "-"

// ParseError is an input that could not be turned into a target. The run
// skips it and goes on with the others.
type ParseError struct {
	// Place is where the input came from: "argument 3",
	// "targets.txt:12", "stdin:4".
	Place string
	// Err says what is wrong; it names the input.
	Err error
}

// Error returns the place, a colon and the reason.
func (e *ParseError) Error() string { return e.Place + ": " + e.Err.Error() }

// Unwrap returns the reason.
func (e *ParseError) Unwrap() error { return e.Err }

// Load gathers targets from the -f files, in order, then from the
// arguments (see FromArgs). A file named "-" is read from stdin. It
// returns every target it could parse and one error per input it could
// not, most of them *ParseError.
func Load(files, args []string, stdin io.Reader) ([]Target, []error) {
	var targets []Target
	var errs []error
	for _, f := range files {
		ts, es := fromFileOrStdin(f, stdin)
		targets, errs = append(targets, ts...), append(errs, es...)
	}
	ts, es := FromArgs(args, stdin)
	return append(targets, ts...), append(errs, es...)
}

// FromArgs parses command-line arguments, one target each; the argument
// "-" reads targets from stdin, one per line. Places are "argument N",
// counted from 1.
func FromArgs(args []string, stdin io.Reader) ([]Target, []error) {
	var targets []Target
	var errs []error
	for i, a := range args {
		if a == Stdin {
			ts, es := FromReader("stdin", stdin)
			targets, errs = append(targets, ts...), append(errs, es...)
			continue
		}
		t, err := ParseLine(a)
		if err != nil {
			errs = append(errs, &ParseError{Place: "argument " + strconv.Itoa(i+1), Err: err})
			continue
		}
		t.Place = "argument " + strconv.Itoa(i+1)
		targets = append(targets, t)
	}
	return targets, errs
}

// fromFileOrStdin reads the file at path, or stdin for "-".
func fromFileOrStdin(path string, stdin io.Reader) ([]Target, []error) {
	if path == Stdin {
		return FromReader("stdin", stdin)
	}
	return FromFile(path)
}

// FromFile reads the targets file at path: one target a line, "#" starts
// a comment (at the start of a line or after white space), blank lines
// are skipped. Places are "path:line".
func FromFile(path string) ([]Target, []error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, []error{fmt.Errorf("read targets file: %w", err)}
	}
	defer f.Close()
	return FromReader(path, f)
}

// FromReader reads targets from r as FromFile does, naming places
// "name:line". A nil r yields no target.
func FromReader(name string, r io.Reader) ([]Target, []error) {
	if r == nil {
		return nil, nil
	}
	var targets []Target
	var errs []error
	err := readLines(r, func(n int, line string, err error) {
		place := name + ":" + strconv.Itoa(n)
		if err != nil {
			errs = append(errs, &ParseError{Place: place, Err: err})
			return
		}
		if line = stripComment(line); line == "" {
			return
		}
		t, err := ParseLine(line)
		if err != nil {
			errs = append(errs, &ParseError{Place: place, Err: err})
			return
		}
		t.Place = place
		targets = append(targets, t)
	})
	if err != nil {
		errs = append(errs, fmt.Errorf("read %s: %w", name, err))
	}
	return targets, errs
}

// stripComment removes a "#" comment that starts the line or follows
// white space, and the white space around what is left. A "#" inside a
// word (a URL fragment) stays.
func stripComment(line string) string {
	line = strings.TrimSpace(line)
	if strings.HasPrefix(line, "#") {
		return ""
	}
	if i := strings.IndexAny(line, " \t"); i >= 0 {
		if j := strings.Index(line[i:], "#"); j >= 0 && strings.TrimSpace(line[i:i+j]) == "" {
			return strings.TrimSpace(line[:i])
		}
	}
	return line
}

// errLineTooLong reports a line over MaxLineLength.
var errLineTooLong = fmt.Errorf("line is longer than %d bytes", MaxLineLength)

// readLines calls fn for every line of r, numbered from 1, without its
// line ending or a leading byte order mark. A line longer than
// MaxLineLength is skipped and reported to fn as an error. It returns the
// first read error other than io.EOF.
func readLines(r io.Reader, fn func(n int, line string, err error)) error {
	br := bufio.NewReaderSize(r, MaxLineLength+2)
	for n := 1; ; n++ {
		line, err := readLine(br)
		switch {
		case errors.Is(err, errLineTooLong):
			fn(n, "", err)
		case err == io.EOF && line == nil:
			return nil
		case err != nil && err != io.EOF:
			return err
		default:
			if n == 1 {
				line = bytes.TrimPrefix(line, []byte("\ufeff"))
			}
			fn(n, string(line), nil)
		}
	}
}

// readLine returns the next line without "\n" or "\r\n". A line too long
// for the buffer is read to its end and reported as errLineTooLong.
func readLine(br *bufio.Reader) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		for err == bufio.ErrBufferFull {
			_, err = br.ReadSlice('\n')
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		return nil, errLineTooLong
	}
	if err == io.EOF && len(line) == 0 {
		return nil, io.EOF
	}
	line = bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
	if len(line) > MaxLineLength {
		return nil, errLineTooLong
	}
	return line, err
}
