package snapshot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"time"
)

// maxSize bounds what Read reads; a snapshot is a few kilobytes.
const maxSize = 32 << 20

// Error reports a snapshot that cannot be read.
type Error struct {
	// Name names the input, as given to Read.
	Name string
	// Line and Column locate the problem (1-based, Column in bytes); 0
	// when not known.
	Line, Column int
	// Member is the path of the member at fault, such as
	// "facts.os.build"; empty when the problem is not in one member.
	Member string
	// Err is what is wrong.
	Err error
}

// Error returns "snapshot: name:line:column: member: message", leaving
// out the parts not known.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("snapshot: " + e.Name)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Column)
	}
	b.WriteString(": ")
	if e.Member != "" {
		b.WriteString(e.Member + ": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// Read reads one snapshot document; name names the input in errors. It
// accepts only version 1 and is strict, as the package documentation
// says.
func Read(name string, r io.Reader) (Snapshot, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxSize+1))
	if err != nil {
		return Snapshot{}, &Error{Name: name, Err: err}
	}
	if len(data) > maxSize {
		return Snapshot{}, &Error{Name: name, Err: fmt.Errorf("larger than %d bytes", maxSize)}
	}
	d := &document{name: name, data: data}
	return d.read()
}

// document is one snapshot being read.
type document struct {
	name string
	data []byte
}

// read checks the schema first, so that a later version is reported as
// such rather than by its first new member.
func (d *document) read() (Snapshot, error) {
	if err := d.checkSchema(); err != nil {
		return Snapshot{}, err
	}
	if err := checkMembers(d.data, reflect.TypeFor[wire]()); err != nil {
		return Snapshot{}, d.jsonError(err)
	}
	var w wire
	if err := json.Unmarshal(d.data, &w); err != nil {
		return Snapshot{}, d.jsonError(err)
	}
	return d.snapshot(w)
}

// checkSchema reads the schema member alone.
func (d *document) checkSchema() error {
	var head struct {
		Schema json.RawMessage `json:"schema"`
	}
	if err := json.Unmarshal(d.data, &head); err != nil {
		return d.jsonError(err)
	}
	var schema string
	if head.Schema == nil || string(head.Schema) == "null" {
		return d.memberError("schema", errors.New("missing: not a tlsfloor snapshot"))
	}
	if err := json.Unmarshal(head.Schema, &schema); err != nil {
		return d.memberError("schema", errors.New("not a string"))
	}
	switch {
	case schema == Schema:
		return nil
	case strings.HasPrefix(schema, schemaPrefix):
		return d.memberError("schema", fmt.Errorf("unsupported version %q; this tlsfloor reads %q", schema, Schema))
	}
	return d.memberError("schema", fmt.Errorf("%q is not a tlsfloor snapshot", schema))
}

// snapshot checks the members every snapshot has and converts them.
func (d *document) snapshot(w wire) (Snapshot, error) {
	if w.Collected == nil {
		return Snapshot{}, d.memberError("collected", errors.New("missing"))
	}
	if w.Facts == nil {
		return Snapshot{}, d.memberError("facts", errors.New("missing"))
	}
	var t time.Time
	if err := t.UnmarshalText([]byte(*w.Collected)); err != nil {
		return Snapshot{}, d.memberError("collected", fmt.Errorf("%q is not an RFC 3339 time", *w.Collected))
	}
	if t.IsZero() {
		return Snapshot{}, d.memberError("collected", fmt.Errorf("%q is the zero time", *w.Collected))
	}
	s := Snapshot{Collected: t, Facts: *w.Facts}
	if w.Host != nil {
		s.Host = *w.Host
	}
	return s, nil
}

// memberError reports a problem with a member whose place is not known.
func (d *document) memberError(member string, err error) error {
	return &Error{Name: d.name, Member: member, Err: err}
}

// jsonError turns an error from encoding/json or checkMembers into an
// *Error that locates it.
func (d *document) jsonError(err error) error {
	var (
		syntax  *json.SyntaxError
		typ     *json.UnmarshalTypeError
		unknown *unknownMemberError
	)
	switch {
	case errors.As(err, &syntax):
		// The offset is just after the byte at fault, or the length of
		// the input when it ends too soon.
		pos := int(syntax.Offset)
		if pos < len(d.data) {
			pos--
		}
		return d.at(pos, "", errors.New(strings.TrimPrefix(syntax.Error(), "json: ")))
	case errors.As(err, &typ) && typ.Field == "":
		return d.at(tokenStart(d.data, int(typ.Offset)), "", fmt.Errorf("want a JSON object, found %s", typ.Value))
	case errors.As(err, &typ):
		return d.at(tokenStart(d.data, int(typ.Offset)), typ.Field, fmt.Errorf("cannot use JSON %s as %s", typ.Value, typ.Type))
	case errors.As(err, &unknown):
		return d.at(tokenStart(d.data, int(unknown.offset)), unknown.path, errors.New("unknown member"))
	}
	return &Error{Name: d.name, Err: err}
}

// at returns an *Error located at byte pos of the document.
func (d *document) at(pos int, member string, err error) error {
	pos = min(max(pos, 0), len(d.data))
	line := 1 + bytes.Count(d.data[:pos], []byte("\n"))
	col := pos - bytes.LastIndexByte(d.data[:pos], '\n')
	return &Error{Name: d.name, Line: line, Column: col, Member: member, Err: err}
}

// tokenStart returns where the string, number or literal that ends just
// before end starts; for anything else, the byte before end. encoding/json
// reports the offset just after the value at fault.
func tokenStart(data []byte, end int) int {
	end = min(max(end, 0), len(data))
	if end == 0 {
		return 0
	}
	i := end - 1
	if data[i] == '"' {
		for j := i - 1; j >= 0; j-- {
			if data[j] == '"' && escaped(data, j)%2 == 0 {
				return j
			}
		}
		return i
	}
	for i > 0 && strings.IndexByte("0123456789+-.eEaflnrstu", data[i-1]) >= 0 &&
		strings.IndexByte("0123456789+-.eEaflnrstu", data[i]) >= 0 {
		i--
	}
	return i
}

// escaped counts the backslashes just before data[j].
func escaped(data []byte, j int) int {
	n := 0
	for j--; j >= 0 && data[j] == '\\'; j-- {
		n++
	}
	return n
}
