package hello

import "fmt"

// reader reads big-endian fields off a byte slice, failing once it runs
// out: the first failure sticks and all later reads return zero. A
// reader made by vec passes its failures up to its parent.
type reader struct {
	b      []byte
	what   string // the message being read, for errors
	err    error
	parent *reader
}

func newReader(b []byte, what string) *reader { return &reader{b: b, what: what} }

func (r *reader) bytes(n int) []byte {
	if r.err != nil || n < 0 || len(r.b) < n {
		r.fail()
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

func (r *reader) fail() {
	for ; r != nil; r = r.parent {
		if r.err == nil {
			r.err = fmt.Errorf("hello: %s truncated", r.what)
		}
	}
}

func (r *reader) u8() int {
	if v := r.bytes(1); v != nil {
		return int(v[0])
	}
	return 0
}

func (r *reader) u16() int {
	if v := r.bytes(2); v != nil {
		return int(v[0])<<8 | int(v[1])
	}
	return 0
}

func (r *reader) u24() int {
	if v := r.bytes(3); v != nil {
		return int(v[0])<<16 | int(v[1])<<8 | int(v[2])
	}
	return 0
}

// vec reads a vector with an n-byte length prefix (RFC 8446, section 3.4)
// into a reader of its own that reports errors under the same name.
func (r *reader) vec(n int) *reader {
	var l int
	switch n {
	case 1:
		l = r.u8()
	case 2:
		l = r.u16()
	default:
		l = r.u24()
	}
	return &reader{b: r.bytes(l), what: r.what, err: r.err, parent: r}
}

// u16s reads the rest of r as a list of 16-bit values.
func (r *reader) u16s() []uint16 {
	if len(r.b)%2 != 0 {
		r.fail()
		return nil
	}
	v := make([]uint16, 0, len(r.b)/2)
	for len(r.b) > 0 {
		v = append(v, uint16(r.u16()))
	}
	return v
}

// done fails unless every byte of r was read.
func (r *reader) done() error {
	if r.err == nil && len(r.b) != 0 {
		r.err = fmt.Errorf("hello: %s has %d trailing bytes", r.what, len(r.b))
	}
	return r.err
}

// writer appends big-endian fields to a byte slice. A vector that
// overflows its length prefix sets a sticky error.
type writer struct {
	b   []byte
	err error
}

func (w *writer) u8(v uint8) { w.b = append(w.b, v) }

func (w *writer) u16(v uint16) { w.b = append(w.b, byte(v>>8), byte(v)) }

func (w *writer) raw(p []byte) { w.b = append(w.b, p...) }

// vec writes a vector with an n-byte length prefix, filled in by f.
func (w *writer) vec(n int, f func(*writer)) {
	start := len(w.b)
	w.b = append(w.b, make([]byte, n)...)
	f(w)
	l := len(w.b) - start - n
	if l >= 1<<(8*n) {
		if w.err == nil {
			w.err = fmt.Errorf("hello: %d bytes overflow a %d-byte length", l, n)
		}
		return
	}
	for i := range n {
		w.b[start+i] = byte(l >> (8 * (n - 1 - i)))
	}
}
