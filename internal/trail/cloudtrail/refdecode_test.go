package cloudtrail

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"
)

// This file is the reference decoder for the differential tests: the
// "Records" array streamed with encoding/json's Decoder, each element
// decoded into Record by json.Decode. It decompresses with the same gzip
// package as Reader, so that differences are the JSON decoder's.

// refStats is what the reference decoder read.
type refStats struct {
	records []Record
	invalid int
	err     error
}

// refDecode decodes plain or gzip JSON with encoding/json.
func refDecode(r io.Reader) refStats {
	var st refStats
	br := newPeeker(r)
	src := io.Reader(br)
	if br.gzip() {
		zr, err := gzip.NewReader(br)
		if err != nil {
			st.err = err
			return st
		}
		src = zr
	}
	dec := json.NewDecoder(src)
	st.err = refFile(dec, &st)
	if st.err == nil {
		// Only whitespace may follow the top-level object.
		if _, err := dec.Token(); err != io.EOF {
			st.err = fmt.Errorf("data after the top-level object: %v", err)
		}
	}
	return st
}

func refFile(dec *json.Decoder, st *refStats) error {
	if err := refDelim(dec, '{'); err != nil {
		return err
	}
	found := false
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return err
		}
		if key != "Records" {
			if err := refSkip(dec); err != nil {
				return err
			}
			continue
		}
		found = true
		if err := refRecords(dec, st); err != nil {
			return err
		}
	}
	if err := refDelim(dec, '}'); err != nil {
		return err
	}
	if !found {
		return ErrNotCloudTrail
	}
	return nil
}

func refRecords(dec *json.Decoder, st *refStats) error {
	if err := refDelim(dec, '['); err != nil {
		return err
	}
	for dec.More() {
		var rec Record
		err := dec.Decode(&rec)
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typeErr):
			st.invalid++
		case err != nil:
			return err
		default:
			st.records = append(st.records, rec)
		}
	}
	return refDelim(dec, ']')
}

func refDelim(dec *json.Decoder, d json.Delim) error {
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

func refSkip(dec *json.Decoder) error {
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

// peeker looks at the first two bytes of a stream.
type peeker struct {
	r    io.Reader
	head []byte
}

func newPeeker(r io.Reader) *peeker {
	p := &peeker{r: r, head: make([]byte, 2)}
	n, _ := io.ReadFull(r, p.head)
	p.head = p.head[:n]
	return p
}

func (p *peeker) gzip() bool { return len(p.head) == 2 && p.head[0] == 0x1f && p.head[1] == 0x8b }

func (p *peeker) Read(b []byte) (int, error) {
	if len(p.head) > 0 {
		n := copy(b, p.head)
		p.head = p.head[n:]
		return n, nil
	}
	return p.r.Read(b)
}
