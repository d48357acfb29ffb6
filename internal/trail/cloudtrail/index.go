package cloudtrail

import (
	"encoding/binary"
	"math/bits"
)

// index marks, one bit per byte of the scanner's buffer (bit i%64 of word
// i/64 for byte i), the bytes that end a run of plain string content:
// '"', '\\' and control characters (stop), and the bytes >= 0x80 (high).
// The fast path finds the end of a string by looking up the next stop
// bit instead of reading the string's bytes. Bytes at and after the end
// of the buffer's data are marked as stops, so that a search always ends
// there; the index of an incomplete last block is recomputed when more
// data arrives, and all of it when the data moves in the buffer.
//
// The index is built with AVX2, 64 bytes in a few instructions. Without
// AVX2 it is not built (portable Go takes more instructions to build it
// than to scan the strings): the searches read the data a word at a
// time instead.
type index struct {
	stop []uint64 // nil without AVX2
	high []uint64 // nil without AVX2
	data []byte   // the data, for the searches without AVX2
	n    int      // bytes whose whole 64-byte block is indexed
	end  int      // the data's end when last brought up to date; -1: invalid
}

// invalidate forgets the index after the buffer's data moved.
func (x *index) invalidate() { x.n, x.end = 0, -1 }

// update indexes b, the buffer's data, from the first block not yet
// indexed.
func (x *index) update(b []byte) {
	x.data = b
	if !hasAVX2 {
		x.stop, x.high, x.n, x.end = nil, nil, 0, -1
		return
	}
	if x.end == len(b) && x.stop != nil {
		return
	}
	full := len(b) >> 6
	if len(x.stop) < full+2 { // at most two words per 64 bytes of buffer
		n := max(full+2, min(2*len(x.stop), cap(b)>>6+2))
		x.stop, x.high = grow(x.stop, n), grow(x.high, n)
	}
	from := min(x.n>>6, full)
	indexBlocksAVX2(b[from<<6:full<<6], x.stop[from:full], x.high[from:full])
	tail := [64]byte{}
	for i := copy(tail[:], b[full<<6:]); i < len(tail); i++ {
		tail[i] = '"'
	}
	indexBlocksAVX2(tail[:], x.stop[full:full+1], x.high[full:full+1])
	x.stop[full+1], x.high[full+1] = ^uint64(0), 0
	x.n, x.end = full<<6, len(b)
}

// grow returns w with length n, keeping its words.
func grow(w []uint64, n int) []uint64 {
	if cap(w) >= n {
		return w[:n]
	}
	nw := make([]uint64, n)
	copy(nw, w)
	return nw
}

// nextStop returns the index of the first stop byte at or after j: at
// most the end of the data. Callers on hot paths call near and, when it
// fails, nextStopFar, for near is inlined.
func (x *index) nextStop(j int) int {
	if k := x.near(j); k >= 0 {
		return k
	}
	return x.nextStopFar(j)
}

// near is nextStop for a stop within 64 bytes of j, with the index; -1
// for others.
func (x *index) near(j int) int {
	if w := j >> 6; w+1 < len(x.stop) {
		// The 64 bits from j on, the second word shifted in two steps
		// so that j%64 = 0 shifts it out.
		s := j & 63
		if m := x.stop[w]>>s | x.stop[w+1]<<1<<(63-s); m != 0 {
			return j + bits.TrailingZeros64(m)
		}
	}
	return -1
}

// nextStopFar is nextStop for a stop more than 63 bytes after j, or
// without the index.
func (x *index) nextStopFar(j int) int {
	if x.stop == nil {
		return scanStop(x.data, j)
	}
	for w := j >> 6; ; {
		w++
		if m := x.stop[w]; m != 0 {
			return w<<6 + bits.TrailingZeros64(m)
		}
	}
}

// scanStop is nextStop without the index: it reads a word at a time
// (see special).
func scanStop(b []byte, j int) int {
	for ; j+8 <= len(b); j += 8 {
		if m := special(binary.LittleEndian.Uint64(b[j:])); m != 0 {
			return j + bits.TrailingZeros64(m)>>3
		}
	}
	for ; j < len(b) && b[j] != '"' && b[j] != '\\' && b[j] >= ' '; j++ {
	}
	return j
}

// anyHigh reports whether a byte >= 0x80 lies in b[i:k], k <= the data's
// end.
func (x *index) anyHigh(b []byte, i, k int) bool {
	if x.high == nil {
		return bytesHigh(b[i:k])
	}
	if k-i < 64 {
		return x.shortHigh(i, k)
	}
	wi, wk := i>>6, k>>6
	if x.high[wi]>>(i&63) != 0 {
		return true
	}
	for w := wi + 1; w < wk; w++ {
		if x.high[w] != 0 {
			return true
		}
	}
	return x.high[wk]&(1<<(k&63)-1) != 0
}

// shortHigh is anyHigh for k-i < 64 and an index with high.
func (x *index) shortHigh(i, k int) bool {
	w, s := i>>6, i&63
	return (x.high[w]>>s|x.high[w+1]<<1<<(63-s))&(1<<(k-i)-1) != 0
}

// bytesHigh reports whether s holds a byte >= 0x80.
func bytesHigh(s []byte) bool {
	var or uint64
	for ; len(s) >= 8; s = s[8:] {
		or |= binary.LittleEndian.Uint64(s)
	}
	for _, c := range s {
		or |= uint64(c)
	}
	return or&hi8 != 0
}

// hi8 has the top bit of each byte set.
const hi8 = 0x8080808080808080
