package cloudtrail

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// ErrNotCloudTrail reports a JSON document that is not a delivery file: its
// top-level value is an object without a "Records" array.
var ErrNotCloudTrail = errors.New("not a CloudTrail log file")

// FileError is a failure to read one file, with the place it happened.
type FileError struct {
	// File is the path or name of the input.
	File string
	// Record is the index in "Records" of the record being read, or -1
	// when the error happened outside the array.
	Record int
	// Offset is the byte offset in the uncompressed JSON.
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
	// object (wrong JSON types); they are skipped.
	Invalid int
}

// Reader decodes delivery files. It keeps its buffers between files, so a
// worker should reuse one Reader; a Reader is not safe for concurrent use.
type Reader struct {
	br *bufio.Reader
	gz *gzip.Reader
}

// NewReader returns a Reader.
func NewReader() *Reader {
	return &Reader{br: bufio.NewReaderSize(nil, 64<<10)}
}

// ReadRecords decodes one delivery file from r, plain or gzip compressed
// (detected by its magic bytes), and calls fn for every record in order.
// name is used in errors. Records decoded before an error have been passed
// to fn. A *FileError wraps every error, and ErrNotCloudTrail marks a JSON
// document without "Records".
func ReadRecords(r io.Reader, name string, fn func(*Record)) (FileStats, error) {
	return NewReader().Read(r, name, fn)
}

// Read is ReadRecords with the Reader's buffers.
func (rd *Reader) Read(r io.Reader, name string, fn func(*Record)) (FileStats, error) {
	src, err := rd.open(r)
	if err != nil {
		return FileStats{}, &FileError{File: name, Record: -1, Err: err}
	}
	dec := json.NewDecoder(src)
	st, idx, err := decodeFile(dec, fn)
	if err != nil {
		return st, &FileError{File: name, Record: idx, Offset: dec.InputOffset(), Err: err}
	}
	// Read to the end so gzip verifies its checksum and length.
	if _, err := io.Copy(io.Discard, src); err != nil {
		return st, &FileError{File: name, Record: -1, Offset: dec.InputOffset(), Err: err}
	}
	return st, nil
}

// open returns the uncompressed stream of r.
func (rd *Reader) open(r io.Reader) (io.Reader, error) {
	rd.br.Reset(r)
	magic, err := rd.br.Peek(2)
	if err != nil || magic[0] != 0x1f || magic[1] != 0x8b {
		return rd.br, nil // plain JSON; empty input fails in the decoder
	}
	if rd.gz == nil {
		rd.gz, err = gzip.NewReader(rd.br)
	} else {
		err = rd.gz.Reset(rd.br)
	}
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return rd.gz, nil
}

// decodeFile walks the top-level object and streams "Records". It returns
// the index of the record being read when an error occurs, else -1.
func decodeFile(dec *json.Decoder, fn func(*Record)) (FileStats, int, error) {
	var st FileStats
	if err := expectDelim(dec, '{'); err != nil {
		return st, -1, err
	}
	found := false
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return st, -1, err
		}
		if key != "Records" {
			if err := skipValue(dec); err != nil {
				return st, -1, err
			}
			continue
		}
		found = true
		if idx, err := decodeRecords(dec, &st, fn); err != nil {
			return st, idx, err
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return st, -1, err
	}
	if !found {
		return st, -1, ErrNotCloudTrail
	}
	return st, -1, nil
}

// decodeRecords streams the "Records" array one element at a time.
func decodeRecords(dec *json.Decoder, st *FileStats, fn func(*Record)) (int, error) {
	if err := expectDelim(dec, '['); err != nil {
		return -1, err
	}
	for i := 0; dec.More(); i++ {
		var rec Record
		err := dec.Decode(&rec)
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typeErr):
			st.Invalid++ // the decoder consumed the whole value
		case err != nil:
			return i, err
		default:
			st.Records++
			fn(&rec)
		}
	}
	return -1, expectDelim(dec, ']')
}

// expectDelim reads one token and checks that it is the delimiter d.
func expectDelim(dec *json.Decoder, d json.Delim) error {
	tok, err := dec.Token()
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	if err != nil {
		return err
	}
	if got, ok := tok.(json.Delim); !ok || got != d {
		if d == '{' || d == '[' {
			return fmt.Errorf("%w: want %q, got %v", ErrNotCloudTrail, d, tok)
		}
		return fmt.Errorf("want %q, got %v", d, tok)
	}
	return nil
}

// skipValue consumes one JSON value of any depth.
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return io.ErrUnexpectedEOF
		}
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}
