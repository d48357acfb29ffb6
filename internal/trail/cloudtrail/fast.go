package cloudtrail

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// The fast path parses one record held entirely in the buffer, over a
// plain byte slice: no refills, no error messages. Its functions return
// the index after what they parsed, or one of these codes.
const (
	fastMore = -1 // the buffer ended first: refill and start again
	fastSlow = -2 // anything else (bad syntax, deep nesting): the
	// streaming scanner parses the record again and says what is wrong
)

// fastDepth bounds the nesting fastSkip follows.
const fastDepth = 64

// objKind tells which object's keys fastObject matches.
type objKind uint8

const (
	kindRecord objKind = iota
	kindIdentity
	kindTLS
)

// fastElement parses the record object at s.pos. It returns the index
// after it, or a code.
func (d *decoder) fastElement() int {
	b := d.s.buf[:d.s.end]
	return d.fastObject(b, d.s.pos, kindRecord)
}

// fastObject parses the object at b[i], keeping the fields of kind.
func (d *decoder) fastObject(b []byte, i int, kind objKind) int {
	i = skipWS(b, i+1)
	if i >= len(b) {
		return fastMore
	}
	if b[i] == '}' {
		return i + 1
	}
	prev := uint8(0)
	for {
		var f field
		if g := &d.guess[kind][prev]; g.match(b[i:]) {
			f, prev = g.f, g.id
			i += len(g.quoted)
		} else {
			if b[i] != '"' {
				return fastSlow
			}
			j, fl := fastStr(b, i)
			if j < 0 {
				return j
			}
			f = d.fastKey(kind, b[i+1:j], fl)
			prev = d.learn(kind, prev, b[i:j+1], f)
			i = j + 1
		}
		if i < len(b) && b[i] == ':' {
			i++
		} else if i = skipWS(b, i); i >= len(b) {
			return fastMore
		} else if b[i] != ':' {
			return fastSlow
		} else {
			i++
		}
		if i = d.fastValue(b, skipWS(b, i), f); i < 0 {
			return i
		}
		if i = skipWS(b, i); i >= len(b) {
			return fastMore
		}
		switch b[i] {
		case '}':
			return i + 1
		case ',':
			if i = skipWS(b, i+1); i >= len(b) {
				return fastMore
			}
		default:
			return fastSlow
		}
	}
}

// keyGuess is the key expected after another in an object: most records
// of a file list their keys in the same order, so a key is usually found
// by comparing its text with the guess, without scanning it.
type keyGuess struct {
	quoted string    // the key's JSON text, quotes included
	head   [2]uint64 // its first 16 bytes, little endian, zero padded
	mask   [2]uint64 // which bytes of head it holds
	f      field
	id     uint8
}

func newGuess(quoted string, f field, id uint8) keyGuess {
	g := keyGuess{quoted: quoted, f: f, id: id}
	for i := 0; i < 16 && i < len(quoted); i++ {
		g.head[i/8] |= uint64(quoted[i]) << (8 * (i % 8))
		g.mask[i/8] |= 0xff << (8 * (i % 8))
	}
	return g
}

// match reports whether b starts with the guessed key.
func (g *keyGuess) match(b []byte) bool {
	n := len(g.quoted)
	if n == 0 || len(b) < 16 || len(b) < n {
		return n > 0 && hasPrefix(b, g.quoted)
	}
	if binary.LittleEndian.Uint64(b)&g.mask[0] != g.head[0] ||
		binary.LittleEndian.Uint64(b[8:])&g.mask[1] != g.head[1] {
		return false
	}
	return n <= 16 || string(b[16:n]) == g.quoted[16:]
}

// maxKeyIDs bounds the keys the decoder learns the order of.
const maxKeyIDs = 255

// learn records that the key quoted (JSON text) of field f followed the
// key numbered prev in an object of kind, and returns its number; 0 when
// too many keys have been seen.
func (d *decoder) learn(kind objKind, prev uint8, quoted []byte, f field) uint8 {
	id, ok := d.keyIDs[string(quoted)]
	if !ok {
		if len(d.keyIDs) >= maxKeyIDs {
			return 0
		}
		if d.keyIDs == nil {
			d.keyIDs = make(map[string]uint8)
		}
		id = uint8(len(d.keyIDs) + 1)
		text := string(quoted)
		d.keyIDs[text] = id
		d.keyText[id] = text
	}
	if g := &d.guess[kind][prev]; g.quoted != d.keyText[id] || g.f != f {
		*g = newGuess(d.keyText[id], f, id)
	}
	return id
}

func hasPrefix(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && string(b[:len(prefix)]) == prefix
}

// fastKey returns the field a key names in an object of kind.
func (d *decoder) fastKey(kind objKind, key []byte, fl strFlags) field {
	if fl&strEscape != 0 {
		d.key = appendUnquoted(d.key[:0], key)
		key = d.key
	}
	high := fl&strHigh != 0
	switch kind {
	case kindRecord:
		return recordField(key, high, &d.fold)
	case kindIdentity:
		return identityField(key, high, &d.fold)
	}
	return tlsField(key, high, &d.fold)
}

// fastValue parses the value at b[i] of field f.
func (d *decoder) fastValue(b []byte, i int, f field) int {
	if i >= len(b) {
		return fastMore
	}
	c := b[i]
	switch {
	case f == fSkip:
	case c == '"' && f < nFields:
		j, fl := fastStr(b, i)
		if j >= 0 {
			d.setField(f, b, i+1, j, fl)
			j++
		}
		return j
	case c == 'n':
		if f == fTLS {
			d.tls = false
			d.refs[fTLSVersion], d.refs[fTLSSuite], d.refs[fTLSHost] = ref{}, ref{}, ref{}
		}
		return fastLiteral(b, i, "null")
	case c == '{' && f == fIdentity:
		return d.fastObject(b, i, kindIdentity)
	case c == '{' && f == fTLS:
		d.tls = true
		return d.fastObject(b, i, kindTLS)
	default:
		d.bad = true
	}
	return fastSkip(b, i)
}

// setField records b[start:end], a string's content, as field f.
func (d *decoder) setField(f field, b []byte, start, end int, fl strFlags) {
	mark := d.s.mark
	r := ref{start: int32(start - mark), end: int32(end - mark)}
	if fl != 0 && (fl&strEscape != 0 || !utf8.Valid(b[start:end])) {
		n := len(d.arena)
		d.arena = appendUnquoted(d.arena, b[start:end])
		r = ref{start: int32(n), end: int32(len(d.arena)), arena: true}
	}
	d.refs[f] = r
}

// skipWS returns the index of the first byte at or after i that is not
// JSON whitespace.
func skipWS(b []byte, i int) int {
	for i < len(b) && b[i] <= ' ' && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

// fastStr scans the string whose opening quote is at b[i] and returns the
// index of its closing quote and what it holds.
func fastStr(b []byte, i int) (int, strFlags) {
	var fl strFlags
	var high uint64
	j := i + 1
	for {
		k, h := nextSpecial(b, j)
		high |= h
		if k < 0 {
			return fastMore, 0
		}
		switch b[k] {
		case '"':
			if high&0x8080808080808080 != 0 {
				fl |= strHigh
			}
			return k, fl
		case '\\':
			fl |= strEscape
			if j = skipEscape(b, k); j < 0 {
				return j, 0
			}
		default:
			return fastSlow, 0
		}
	}
}

// skipStr is fastStr for a string whose content is not kept: it returns
// the index of the closing quote, or a code.
func skipStr(b []byte, i int) int {
	j := i + 1
	for {
		for ; j+8 <= len(b); j += 8 {
			if m := special(binary.LittleEndian.Uint64(b[j : j+8])); m != 0 {
				j += bits.TrailingZeros64(m) >> 3
				break
			}
		}
		for ; j < len(b) && b[j] != '"' && b[j] != '\\' && b[j] >= ' '; j++ {
		}
		switch {
		case j >= len(b):
			return fastMore
		case b[j] == '"':
			return j
		case b[j] == '\\':
			if j = skipEscape(b, j); j < 0 {
				return j
			}
		default:
			return fastSlow
		}
	}
}

// nextSpecial returns the index of the first '"', '\\' or control
// character at or after b[j], or -1, and the OR of the bytes before it
// (or of a few more). It checks a word at a time; a hybrid with
// bytes.IndexByte measured slower on CloudTrail strings, most of which
// are short.
func nextSpecial(b []byte, j int) (int, uint64) {
	var high uint64
	for ; j+8 <= len(b); j += 8 {
		v := binary.LittleEndian.Uint64(b[j : j+8])
		high |= v
		if m := special(v); m != 0 {
			return j + bits.TrailingZeros64(m)>>3, high
		}
	}
	for ; j < len(b); j++ {
		c := b[j]
		high |= uint64(c)
		if c == '"' || c == '\\' || c < ' ' {
			return j, high
		}
	}
	return -1, high
}

// skipEscape returns the index after the escape sequence at b[j].
func skipEscape(b []byte, j int) int {
	if j+1 >= len(b) {
		return fastMore
	}
	switch b[j+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return j + 2
	case 'u':
		if j+6 > len(b) {
			return fastMore
		}
		for _, h := range b[j+2 : j+6] {
			if !isHex(h) {
				return fastSlow
			}
		}
		return j + 6
	}
	return fastSlow
}

// fastLiteral checks the literal word at b[i].
func fastLiteral(b []byte, i int, word string) int {
	end := i + len(word)
	if end > len(b) {
		if string(b[i:]) == word[:len(b)-i] {
			return fastMore
		}
		return fastSlow
	}
	if string(b[i:end]) != word {
		return fastSlow
	}
	return end
}

// fastNumber scans the number at b[i]. A number that reaches the end of
// the buffer might go on: fastMore.
func fastNumber(b []byte, i int) int {
	if b[i] == '-' {
		i++
	}
	switch {
	case i >= len(b):
		return fastMore
	case b[i] == '0':
		i++
	case b[i]-'1' <= 8:
		i = digitsEnd(b, i+1)
	default:
		return fastSlow
	}
	if i < len(b) && b[i] == '.' {
		if j := digitsEnd(b, i+1); j > i+1 || j == len(b) {
			i = j
		} else {
			return fastSlow
		}
	}
	if i < len(b) && b[i]|0x20 == 'e' {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if j := digitsEnd(b, i); j > i || j == len(b) {
			i = j
		} else {
			return fastSlow
		}
	}
	if i >= len(b) {
		return fastMore
	}
	return i
}

func digitsEnd(b []byte, i int) int {
	for i < len(b) && b[i]-'0' <= 9 {
		i++
	}
	return i
}

// fastSkip skips the value at b[i], of any kind, up to fastDepth levels
// deep.
func fastSkip(b []byte, i int) int {
	var stack uint64 // bit n set: level n+1 is an object
	depth := 0
	for {
		if i >= len(b) {
			return fastMore
		}
		switch c := b[i]; {
		case c == '"':
			if i = skipStr(b, i); i >= 0 {
				i++
			}
		case c == '{' || c == '[':
			if depth == fastDepth {
				return fastSlow
			}
			depth++
			stack = stack<<1 | uint64(c>>5&1) // 1 for '{', 0 for '['
			if i = skipWS(b, i+1); i >= len(b) {
				return fastMore
			}
			if b[i] != c+2 { // not the matching '}' or ']'
				if c == '{' {
					i = fastKeyColon(b, i)
				}
				if i < 0 {
					return i
				}
				continue
			}
			depth--
			stack >>= 1
			i++
		case c == 't':
			i = fastLiteral(b, i, "true")
		case c == 'f':
			i = fastLiteral(b, i, "false")
		case c == 'n':
			i = fastLiteral(b, i, "null")
		case c == '-' || c-'0' <= 9:
			i = fastNumber(b, i)
		default:
			return fastSlow
		}
		if i < 0 {
			return i
		}
		if i = fastAfter(b, i, &stack, &depth); i < 0 || depth == 0 {
			return i
		}
	}
}

// fastAfter consumes closing brackets after a value and, when the
// enclosing container goes on, the comma and (in an object) the next key;
// it leaves i at the next value, or after the outermost bracket when
// depth drops to 0.
func fastAfter(b []byte, i int, stack *uint64, depth *int) int {
	for *depth > 0 {
		if i = skipWS(b, i); i >= len(b) {
			return fastMore
		}
		obj := *stack&1 == 1
		switch c := b[i]; {
		case c == ',':
			if i = skipWS(b, i+1); i >= len(b) {
				return fastMore
			}
			if obj {
				return fastKeyColon(b, i)
			}
			return i
		case obj && c == '}', !obj && c == ']':
			*depth--
			*stack >>= 1
			i++
		default:
			return fastSlow
		}
	}
	return i
}

// fastKeyColon skips an object key at b[i] and the colon after it, and
// returns the index of the value: len(b) when the buffer ends first
// after the colon (the caller's bounds check returns fastMore).
func fastKeyColon(b []byte, i int) int {
	if b[i] != '"' {
		return fastSlow
	}
	j := skipStr(b, i)
	if j < 0 {
		return j
	}
	if i = j + 1; i < len(b) && b[i] == ':' {
		return skipWS(b, i+1)
	}
	if i = skipWS(b, i); i >= len(b) {
		return fastMore
	}
	if b[i] != ':' {
		return fastSlow
	}
	if i = skipWS(b, i+1); i >= len(b) {
		return fastMore
	}
	return i
}
