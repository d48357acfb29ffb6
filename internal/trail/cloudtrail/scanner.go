package cloudtrail

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
)

// maxDepth is the deepest nesting a record may have, counting the record
// object as 1: the limit encoding/json applies to each decoded value.
const maxDepth = 10000

// errTooLarge reports a span that does not fit in the largest buffer.
var errTooLarge = errors.New("too large for the read buffer")

// scanner reads JSON from a stream through a bounded buffer. Bytes before
// the mark (or before pos when there is no mark) may be dropped when the
// buffer is refilled; positions that must survive a refill are kept
// relative to the mark.
type scanner struct {
	src   io.Reader
	buf   []byte
	pos   int   // next unread byte
	end   int   // buf[:end] holds data
	base  int64 // stream offset of buf[0]
	mark  int   // first byte a refill keeps, or -1
	limit int   // largest buffer
	over  bool  // the marked span outgrew limit and was dropped
	rerr  error // sticky read error; io.EOF at the end of input

	stack []bool // open containers while skipping; true for an object
	idx   index  // of buf[:end], for the fast path
}

// reset points the scanner at a new stream.
func (s *scanner) reset(src io.Reader) {
	*s = scanner{src: src, buf: s.buf[:cap(s.buf)], mark: -1, limit: s.limit, idx: s.idx}
	s.idx.invalidate()
	if len(s.buf) == 0 {
		s.buf = make([]byte, min(64<<10, s.limit))
	}
}

// offset is the stream offset of the next unread byte.
func (s *scanner) offset() int64 { return s.base + int64(s.pos) }

// fill makes at least one unread byte available and reports whether it
// could. At the end of input or on a read error it returns false and
// leaves the error in rerr.
func (s *scanner) fill() bool {
	if s.pos < s.end {
		return true
	}
	for empty := 0; s.rerr == nil; empty++ {
		s.compact()
		n, err := s.src.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.rerr = err
		}
		if n > 0 {
			return true
		}
		if empty == 100 {
			s.rerr = io.ErrNoProgress
		}
	}
	return false
}

// compact drops the bytes nobody needs and makes room at the end, growing
// the buffer up to limit. A marked span that fills the largest buffer is
// dropped and over is set.
func (s *scanner) compact() {
	if s.shift() {
		return
	}
	s.over = true
	s.mark = -1
	s.base += int64(s.pos)
	s.pos, s.end = 0, 0
	s.idx.invalidate()
}

// shift moves the bytes to keep to the start of the buffer and, if they
// fill it, grows it. It reports false when the buffer is full and at its
// limit.
func (s *scanner) shift() bool {
	keep := s.pos
	if s.mark >= 0 {
		keep = s.mark
	}
	if keep > 0 {
		copy(s.buf, s.buf[keep:s.end])
		s.end -= keep
		s.pos -= keep
		s.base += int64(keep)
		if s.mark >= 0 {
			s.mark -= keep
		}
		s.idx.invalidate()
	}
	if s.end < len(s.buf) {
		return true
	}
	if len(s.buf) >= s.limit {
		return false
	}
	nb := make([]byte, min(2*len(s.buf), s.limit))
	copy(nb, s.buf[:s.end])
	s.buf = nb
	return true
}

// more reads more input for a fast parse of the marked span that ran out
// of buffer: at least as much as the span holds, or until the buffer is
// full, so that a span is parsed again only a few times. It reports
// whether it read anything; false at the end of input, on a read error,
// or when the span has reached limit.
func (s *scanner) more() bool {
	if s.rerr != nil || !s.shift() {
		return false
	}
	old := s.end
	want := min(len(s.buf), s.end+max(s.end-s.mark, 4096))
	for empty := 0; s.end < want && s.rerr == nil; {
		n, err := s.src.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.rerr = err
		}
		if n > 0 {
			empty = 0
		} else if empty++; empty == 100 {
			s.rerr = io.ErrNoProgress
		}
	}
	return s.end > old
}

// eof returns the error for input that ended too early.
func (s *scanner) eof() error {
	if s.rerr != nil && s.rerr != io.EOF {
		return s.rerr
	}
	return io.ErrUnexpectedEOF
}

// ws skips whitespace and returns the next byte without consuming it.
func (s *scanner) ws() (byte, error) {
	for {
		for s.pos < s.end {
			c := s.buf[s.pos]
			if c > ' ' || (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				return c, nil
			}
			s.pos++
		}
		if !s.fill() {
			return 0, s.eof()
		}
	}
}

// expect consumes the byte c after optional whitespace.
func (s *scanner) expect(c byte, context string) error {
	got, err := s.ws()
	if err != nil {
		return err
	}
	if got != c {
		return s.syntax(got, context)
	}
	s.pos++
	return nil
}

// syntax returns the error for the unexpected byte c at pos.
func (s *scanner) syntax(c byte, context string) error {
	return fmt.Errorf("invalid character %s %s", quoteChar(c), context)
}

func quoteChar(c byte) string {
	switch {
	case c == '\'':
		return `'\''`
	case c == '"':
		return `'"'`
	case c < ' ' || c >= 0x7f:
		return fmt.Sprintf("%q", rune(c))
	}
	return "'" + string(rune(c)) + "'"
}

// strFlags tells what a scanned string holds.
type strFlags uint8

const (
	strEscape strFlags = 1 << iota // a backslash escape
	strHigh                        // bytes >= 0x80 (set conservatively)
)

// span is a scanned string's content, relative to the mark.
type span struct {
	start, end int32
	flags      strFlags
}

// str scans the string whose opening quote is at pos and consumes it. The
// returned span is meaningful only while the mark is set and over is
// false.
func (s *scanner) str() (span, error) {
	s.pos++
	sp := span{start: int32(s.pos - s.mark)}
	var high uint64
	for {
		b := s.buf[s.pos:s.end]
		i := 0
		for ; i+8 <= len(b); i += 8 {
			v := binary.LittleEndian.Uint64(b[i:])
			high |= v
			if m := special(v); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				goto found
			}
		}
		for ; i < len(b); i++ {
			c := b[i]
			high |= uint64(c)
			if c == '"' || c == '\\' || c < ' ' {
				goto found
			}
		}
		s.pos = s.end
		if !s.fill() {
			return sp, s.eof()
		}
		continue
	found:
		s.pos += i
		switch c := s.buf[s.pos]; {
		case c == '"':
			if high&0x8080808080808080 != 0 {
				sp.flags |= strHigh
			}
			sp.end = int32(s.pos - s.mark)
			s.pos++
			return sp, nil
		case c == '\\':
			sp.flags |= strEscape
			if err := s.escape(); err != nil {
				return sp, err
			}
		default:
			return sp, s.syntax(c, "in string literal")
		}
	}
}

// special marks, in each byte's top bit, the bytes of v that are '"',
// '\\' or a control character. Only the lowest marked byte is exact:
// borrows may mark bytes above it. With every byte XORed with 0x02, '"'
// (0x22) becomes 0x20 and the control characters stay below it while
// ' ' and '!' move to 0x22 and 0x23, so one test for bytes below 0x21
// finds both ("haslessthan" in
// https://graphics.stanford.edu/~seander/bithacks.html#HasLessInWord).
func special(v uint64) uint64 {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	w := v ^ (lo * 0x02)
	b := v ^ (lo * '\\')
	return ((w-lo*0x21)&^w | (b-lo)&^b) & hi
}

// escape validates and consumes the escape sequence at pos.
func (s *scanner) escape() error {
	s.pos++ // backslash
	c, err := s.next()
	if err != nil {
		return err
	}
	switch c {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		s.pos++
		return nil
	case 'u':
		s.pos++
		for range 4 {
			h, err := s.next()
			if err != nil {
				return err
			}
			if !isHex(h) {
				return s.syntax(h, "in \\u hexadecimal character escape")
			}
			s.pos++
		}
		return nil
	}
	return s.syntax(c, "in string escape code")
}

// next returns the byte at pos, reading more input if needed.
func (s *scanner) next() (byte, error) {
	if s.pos >= s.end && !s.fill() {
		return 0, s.eof()
	}
	return s.buf[s.pos], nil
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// literal consumes the literal word (true, false or null) at pos.
func (s *scanner) literal(word string) error {
	for i := 0; i < len(word); i++ {
		c, err := s.next()
		if err != nil {
			return err
		}
		if c != word[i] {
			return s.syntax(c, "in literal "+word+" (expecting "+quoteChar(word[i])+")")
		}
		s.pos++
	}
	return nil
}

// number consumes the number at pos: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
// The end of input may end a number; a read error may not.
func (s *scanner) number() error {
	c, err := s.peek()
	if c == '-' {
		s.pos++
		if c, err = s.peek(); c-'0' > 9 {
			return cmp.Or(err, s.numErr("in numeric literal"))
		}
	}
	if c == '0' {
		s.pos++
	} else if err = s.digits(); err != nil {
		return err
	}
	if c, err = s.peek(); c == '.' {
		s.pos++
		if err = s.digits(); err != nil {
			return s.numErr("after decimal point in numeric literal")
		}
		c, err = s.peek()
	}
	if c == 'e' || c == 'E' {
		s.pos++
		if c, err = s.peek(); c == '+' || c == '-' {
			s.pos++
		}
		if err = s.digits(); err != nil {
			return s.numErr("in exponent of numeric literal")
		}
		_, err = s.peek()
	}
	return err
}

// peek returns the byte at pos, or 0 at the end of input. Its error is a
// read error, never the end of input.
func (s *scanner) peek() (byte, error) {
	if s.pos >= s.end && !s.fill() {
		if s.rerr != io.EOF {
			return 0, s.rerr
		}
		return 0, nil
	}
	return s.buf[s.pos], nil
}

// digits consumes one or more decimal digits.
func (s *scanner) digits() error {
	n := 0
	for {
		for s.pos < s.end && s.buf[s.pos]-'0' <= 9 {
			s.pos++
			n++
		}
		if s.pos < s.end || !s.fill() {
			break
		}
	}
	if n == 0 {
		return errNoDigits
	}
	return nil
}

var errNoDigits = errors.New("no digits")

// numErr reports a malformed number at pos.
func (s *scanner) numErr(context string) error {
	c, err := s.next()
	if err != nil {
		return err
	}
	return s.syntax(c, context)
}

// value consumes one scalar value starting with c (string, number,
// literal); it reports false when c starts no scalar.
func (s *scanner) scalar(c byte) (bool, error) {
	switch {
	case c == '"':
		_, err := s.str()
		return true, err
	case c == 't':
		return true, s.literal("true")
	case c == 'f':
		return true, s.literal("false")
	case c == 'n':
		return true, s.literal("null")
	case c == '-' || c-'0' <= 9:
		return true, s.number()
	}
	return false, nil
}

// skip consumes one value of any kind. Objects and arrays may nest depth
// levels below the current one; depth < 0 means no limit.
func (s *scanner) skip(depth int) error {
	c, err := s.ws()
	if err != nil {
		return err
	}
	if c == '{' || c == '[' {
		s.stack = s.stack[:0]
		return s.nested(depth)
	}
	ok, err := s.scalar(c)
	if err == nil && !ok {
		err = s.syntax(c, "looking for beginning of value")
	}
	return err
}

// nested consumes the object or array at pos, tracking open containers in
// s.stack.
func (s *scanner) nested(depth int) error {
	for {
		c, err := s.ws()
		if err != nil {
			return err
		}
		if c == '{' || c == '[' {
			if done, err := s.open(c, depth); done || err != nil {
				return err
			}
			continue
		}
		ok, err := s.scalar(c)
		if err != nil {
			return err
		}
		if !ok {
			return s.syntax(c, "looking for beginning of value")
		}
		if done, err := s.after(); done || err != nil {
			return err
		}
	}
}

// open consumes an opening bracket c and what follows up to the next
// value: a key and colon in an object, or the closing bracket of an
// empty container (then what follows it, as after does).
func (s *scanner) open(c byte, depth int) (bool, error) {
	if depth >= 0 && len(s.stack) >= depth {
		return false, errors.New("exceeded max depth")
	}
	s.pos++
	obj := c == '{'
	s.stack = append(s.stack, obj)
	c, err := s.ws()
	if err != nil {
		return false, err
	}
	switch {
	case obj && c == '}', !obj && c == ']':
		s.pos++
		s.stack = s.stack[:len(s.stack)-1]
		return s.after()
	case obj:
		return false, s.key(c)
	}
	return false, nil
}

// key consumes an object key starting with c and the colon after it.
func (s *scanner) key(c byte) error {
	if c != '"' {
		return s.syntax(c, "looking for beginning of object key string")
	}
	if _, err := s.str(); err != nil {
		return err
	}
	return s.expect(':', "after object key")
}

// after consumes what follows a value inside the open containers of
// s.stack: closing brackets, then a comma and, in an object, the next key.
// It reports true when the outermost container has been closed.
func (s *scanner) after() (bool, error) {
	for len(s.stack) > 0 {
		c, err := s.ws()
		if err != nil {
			return false, err
		}
		obj := s.stack[len(s.stack)-1]
		switch {
		case c == ',':
			s.pos++
			if !obj {
				return false, nil
			}
			c, err := s.ws()
			if err != nil {
				return false, err
			}
			return false, s.key(c)
		case obj && c == '}', !obj && c == ']':
			s.pos++
			s.stack = s.stack[:len(s.stack)-1]
		case obj:
			return false, s.syntax(c, "after object key:value pair")
		default:
			return false, s.syntax(c, "after array element")
		}
	}
	return true, nil
}
