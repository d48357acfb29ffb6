package rules

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"unicode/utf8"
)

// syntaxError is what a reader of project files (XML, YAML, HCL, go.mod,
// Go) says about a file it could not read to the end: the format, the
// 1-based line (and column, when known) where it stopped, and why. The
// rules still report what they found in the part that was read; the scan
// names the file in its note.
type syntaxError struct {
	format    string
	line, col int
	msg       string
}

// Error is "cannot parse FORMAT at line L[:C]: msg; checked what parsed".
func (e *syntaxError) Error() string {
	at := strconv.Itoa(e.line)
	if e.col > 0 {
		at += ":" + strconv.Itoa(e.col)
	}
	return fmt.Sprintf("cannot parse %s at line %s: %s; checked what parsed", e.format, at, e.msg)
}

// lineCount is the number of lines of content, the last one counted even
// when empty.
func lineCount(content []byte) int { return bytes.Count(content, []byte("\n")) + 1 }

// yamlErrLine finds "line N" in a yaml.v3 error.
var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlSyntaxError places a yaml.v3 error. Most carry a line; those about
// bytes YAML does not allow (control characters, bad UTF-8) are placed
// at the first such byte, and the rest at the end of the file, where the
// parser gave up.
func yamlSyntaxError(content []byte, err error) *syntaxError {
	msg := err.Error()
	if m := yamlErrLine.FindStringSubmatch(msg); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil {
			return &syntaxError{format: "YAML", line: min(max(n, 1), lineCount(content)), msg: m[2]}
		}
	}
	e := &syntaxError{format: "YAML", line: lineCount(content), msg: msg}
	if at := badYAMLByte(content); at >= 0 {
		e.line = bytes.Count(content[:at], []byte("\n")) + 1
	}
	return e
}

// badYAMLByte returns the offset of the first byte YAML does not accept
// in a document: invalid UTF-8, or a control character other than tab,
// line feed and carriage return; -1 when there is none.
func badYAMLByte(content []byte) int {
	for i := 0; i < len(content); {
		r, size := utf8.DecodeRune(content[i:])
		if r == utf8.RuneError && size <= 1 || r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
			return i
		}
		i += size
	}
	return -1
}
