package cloudtrail

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// ErrNotCloudTrail reports a JSON document that is not a delivery file: its
// top-level value is not an object, or has no "Records" array.
var ErrNotCloudTrail = errors.New("not a CloudTrail log file")

// DefaultMaxRecordBytes is the default bound on the size of one record
// (one element of "Records", as it appears in the file). The read buffer
// of a Reader grows up to it; a larger record is skipped and counted in
// FileStats.TooLarge. AWS truncates userAgent and error messages at 1 KB
// and records measured on real trails stay under 6 KB.
const DefaultMaxRecordBytes = 4 << 20

// FileError is a failure to read one file, with the place it happened.
type FileError struct {
	// File is the path or name of the input.
	File string
	// Record is the index in "Records" of the record being read, or -1
	// when the error happened outside the array.
	Record int
	// Offset is the byte offset in the uncompressed JSON where the error
	// was found: the offending byte, or the end of input.
	Offset int64
	// Err is the underlying error.
	Err error
}

// Error implements error.
func (e *FileError) Error() string {
	if e.Record >= 0 {
		return fmt.Sprintf("%s: record %d, byte %d: %v", e.File, e.Record, e.Offset, e.Err)
	}
	return fmt.Sprintf("%s: byte %d: %v", e.File, e.Offset, e.Err)
}

// Unwrap returns the underlying error.
func (e *FileError) Unwrap() error { return e.Err }

// FileStats counts what one file held.
type FileStats struct {
	// Records is the number of records decoded and passed on.
	Records int
	// Invalid is the number of array elements that were not a record
	// object with the expected field types; they are skipped.
	Invalid int
	// TooLarge is the number of elements longer than the read buffer's
	// bound (Options.MaxRecordBytes); they are skipped.
	TooLarge int
}

// raw is one decoded record: its fields as bytes, valid until the decoder
// reads on.
type raw struct {
	f   [nFields][]byte
	tls bool // tlsDetails was an object

	// Set by the decoder only: where f lies, for a copy in one step.
	text  []byte       // the record's JSON text
	arena []byte       // decoded strings that differ from their text
	refs  [nFields]ref // each field in text or arena
}

// ref locates a field's bytes: relative to the mark in the scanner's
// buffer, or in the decoder's arena.
type ref struct {
	start, end int32
	arena      bool
}

// decoder reads delivery files with a scanner, keeping only the fields of
// Record. It follows encoding/json's decoding of Record: a key matches
// its field exactly or, failing that, under Unicode case folding; the
// last of repeated keys wins; objects repeated under one key merge; null
// leaves a string or userIdentity unchanged and clears tlsDetails; a
// value of the wrong JSON type makes the element invalid. Strings decode
// as encoding/json decodes them (invalid UTF-8 and lone surrogates become
// U+FFFD). Unlike encoding/json's Decoder, anything but whitespace after
// the top-level object is an error.
type decoder struct {
	s     scanner
	refs  [nFields]ref
	tls   bool
	bad   bool   // a field had the wrong JSON type
	arena []byte // decoded strings that differ from their JSON text
	key   []byte // scratch for keys with escapes
	fold  []byte // scratch for folded keys
	rec   raw

	// The fast path's guesses of the next key (see keyGuess).
	guess   [3][maxKeyIDs + 1]guessPair
	keyIDs  map[string]uint8
	keyText [maxKeyIDs + 1]string
}

func newDecoder(limit int) *decoder {
	if limit <= 0 {
		limit = DefaultMaxRecordBytes
	}
	return &decoder{s: scanner{limit: min(max(limit, 64), 1<<30), mark: -1}}
}

// file decodes one delivery file from src and calls fn for every record.
// On error it returns the index of the record being read (-1 outside
// "Records").
func (d *decoder) file(src io.Reader, fn func(*raw)) (FileStats, int, error) {
	var st FileStats
	s := &d.s
	s.reset(src)
	c, err := s.ws()
	if err != nil {
		return st, -1, err
	}
	if c != '{' {
		return st, -1, d.notObject(c)
	}
	s.pos++
	if c, err = s.ws(); err != nil {
		return st, -1, err
	}
	if c == '}' {
		return st, -1, ErrNotCloudTrail
	}
	found := false
	for {
		records, err := d.topKey(c)
		if err != nil {
			return st, -1, err
		}
		if records {
			found = true
			if i, err := d.records(&st, fn); err != nil {
				return st, i, err
			}
		} else if err := s.skip(-1); err != nil {
			return st, -1, err
		}
		if c, err = s.ws(); err != nil {
			return st, -1, err
		}
		s.pos++
		if c == '}' {
			break
		}
		if c != ',' {
			s.pos--
			return st, -1, s.syntax(c, "after object key:value pair")
		}
		if c, err = s.ws(); err != nil {
			return st, -1, err
		}
	}
	if !found {
		return st, -1, ErrNotCloudTrail
	}
	return st, -1, d.trailing()
}

// notObject explains a top-level value that does not start with '{'. As
// with encoding/json's tokens, an array or a well-formed scalar is "not
// CloudTrail"; anything else is a syntax error.
func (d *decoder) notObject(c byte) error {
	if c != '[' {
		ok, err := d.s.scalar(c)
		if err != nil {
			return err
		}
		if !ok {
			return d.s.syntax(c, "looking for beginning of value")
		}
	}
	return fmt.Errorf("%w: the top-level value is not an object", ErrNotCloudTrail)
}

// trailing reads to the end of input, which lets gzip check its checksum,
// and fails on anything but whitespace.
func (d *decoder) trailing() error {
	s := &d.s
	c, err := s.ws()
	switch {
	case err == io.ErrUnexpectedEOF:
		return nil
	case err != nil:
		return err
	}
	return s.syntax(c, "after top-level value")
}

// topKey reads a key of the top-level object and the colon after it, and
// reports whether it is "Records" (matched exactly).
func (d *decoder) topKey(c byte) (bool, error) {
	s := &d.s
	if c != '"' {
		return false, s.syntax(c, "looking for beginning of object key string")
	}
	s.mark = s.pos
	defer func() { s.mark = -1 }()
	sp, err := s.str()
	switch {
	case err != nil:
		return false, err
	case s.over:
		return false, fmt.Errorf("object key %w", errTooLarge)
	}
	records := string(d.bytes(sp)) == "Records"
	return records, s.expect(':', "after object key")
}

// bytes returns the decoded content of a string just scanned, with the
// mark set; its escapes are resolved into d.key.
func (d *decoder) bytes(sp span) []byte {
	s := &d.s
	if s.over {
		return nil
	}
	b := s.buf[s.mark+int(sp.start) : s.mark+int(sp.end)]
	if sp.flags&strEscape != 0 {
		d.key = appendUnquoted(d.key[:0], b)
		return d.key
	}
	return b
}

// records reads the "Records" value. It returns the index of the element
// an error occurred in, or -1.
func (d *decoder) records(st *FileStats, fn func(*raw)) (int, error) {
	s := &d.s
	c, err := s.ws()
	if err != nil {
		return -1, err
	}
	if c != '[' {
		if c != '{' {
			if ok, err := s.scalar(c); err != nil || !ok {
				return -1, cmp.Or(err, s.syntax(c, "looking for beginning of value"))
			}
		}
		return -1, fmt.Errorf("%w: \"Records\" is not an array", ErrNotCloudTrail)
	}
	s.pos++
	if c, err = s.ws(); err != nil {
		return 0, err
	}
	if c == ']' {
		s.pos++
		return -1, nil
	}
	for i := 0; ; i++ {
		if err := d.element(st, fn); err != nil {
			return i, err
		}
		if c, err = s.ws(); err != nil {
			return i + 1, err
		}
		s.pos++
		switch c {
		case ']':
			return -1, nil
		case ',':
			if _, err = s.ws(); err != nil {
				return i + 1, err
			}
			continue
		}
		s.pos--
		return i + 1, s.syntax(c, "after array element")
	}
}

// element reads one element of "Records", which starts at pos.
func (d *decoder) element(st *FileStats, fn func(*raw)) error {
	s := &d.s
	s.mark = s.pos
	d.clear()
	var err error
	c := s.buf[s.pos]
	switch c {
	case '{':
		err = d.record()
	case 'n':
		err = s.literal("null")
	default:
		d.bad = true
		err = s.skip(maxDepth)
	}
	if err == nil && c != '{' && c != '[' {
		// As with encoding/json, a scalar ends only where the input
		// goes on or ends, not at a read error.
		_, err = s.peek()
	}
	over := s.over
	s.over = false
	switch {
	case err != nil:
	case over:
		st.TooLarge++
	case d.bad:
		st.Invalid++
	default:
		d.resolve()
		st.Records++
		fn(&d.rec)
	}
	s.mark = -1
	return err
}

// record reads the record object at pos: with the fast path while the
// record fits in the buffer and is well-formed, else with the scanner.
func (d *decoder) record() error {
	s := &d.s
	for {
		next := d.fastElement()
		if next >= 0 {
			s.pos = next
			return nil
		}
		d.clear()
		if next != fastMore || !s.more() {
			break
		}
		s.pos = s.mark
	}
	s.pos = s.mark
	return d.object(1, recordField)
}

// clear resets the fields for a new record.
func (d *decoder) clear() {
	d.refs = [nFields]ref{}
	d.tls, d.bad = false, false
	d.arena = d.arena[:0]
}

// resolve turns the refs of a complete record into byte slices.
func (d *decoder) resolve() {
	base := d.s.buf[d.s.mark:]
	for i, r := range d.refs {
		if r.arena {
			d.rec.f[i] = d.arena[r.start:r.end:r.end]
		} else {
			d.rec.f[i] = base[r.start:r.end:r.end]
		}
	}
	d.rec.tls = d.tls
	d.rec.text = d.s.buf[d.s.mark:d.s.pos]
	d.rec.arena = d.arena
	d.rec.refs = d.refs
}

// object reads the object at pos, at nesting depth depth, keeping the
// fields fieldOf names.
func (d *decoder) object(depth int, fieldOf func([]byte, bool, *[]byte) field) error {
	s := &d.s
	s.pos++ // '{'
	c, err := s.ws()
	if err != nil {
		return err
	}
	if c == '}' {
		s.pos++
		return nil
	}
	for {
		f, err := d.field(c, fieldOf)
		if err == nil {
			err = d.value(f, depth)
		}
		if err != nil {
			return err
		}
		if c, err = s.ws(); err != nil {
			return err
		}
		s.pos++
		if c == '}' {
			return nil
		}
		if c != ',' {
			s.pos--
			return s.syntax(c, "after object key:value pair")
		}
		if c, err = s.ws(); err != nil {
			return err
		}
	}
}

// field reads a key starting with c and the colon after it, and returns
// the field it names.
func (d *decoder) field(c byte, fieldOf func([]byte, bool, *[]byte) field) (field, error) {
	s := &d.s
	if c != '"' {
		return fSkip, s.syntax(c, "looking for beginning of object key string")
	}
	sp, err := s.str()
	if err != nil {
		return fSkip, err
	}
	f := fSkip
	if !s.over {
		f = fieldOf(d.bytes(sp), sp.flags&strHigh != 0, &d.fold)
	}
	if s.pos < s.end && s.buf[s.pos] == ':' { // compact JSON
		s.pos++
		return f, nil
	}
	return f, s.expect(':', "after object key")
}

// value reads the value of field f in an object at depth depth.
func (d *decoder) value(f field, depth int) error {
	s := &d.s
	c, err := s.ws()
	if err != nil {
		return err
	}
	switch {
	case f == fSkip:
	case c == 'n':
		if f == fTLS {
			d.tls = false
			d.refs[fTLSVersion], d.refs[fTLSSuite], d.refs[fTLSHost] = ref{}, ref{}, ref{}
		}
		return s.literal("null")
	case f < nFields && c == '"':
		return d.str(f)
	case f == fIdentity && c == '{':
		return d.object(depth+1, identityField)
	case f == fTLS && c == '{':
		d.tls = true
		return d.object(depth+1, tlsField)
	default:
		d.bad = true // wrong JSON type for the field
	}
	return s.skip(maxDepth - depth)
}

// str reads the string value of field f.
func (d *decoder) str(f field) error {
	s := &d.s
	sp, err := s.str()
	if err != nil || s.over {
		return err
	}
	r := ref{start: sp.start, end: sp.end}
	if sp.flags != 0 {
		b := s.buf[s.mark+int(sp.start) : s.mark+int(sp.end)]
		if sp.flags&strEscape != 0 || !utf8.Valid(b) {
			n := len(d.arena)
			d.arena = appendUnquoted(d.arena, b)
			r = ref{start: int32(n), end: int32(len(d.arena)), arena: true}
		}
	}
	d.refs[f] = r
	return nil
}
