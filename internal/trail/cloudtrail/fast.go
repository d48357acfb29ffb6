package cloudtrail

import (
	"encoding/binary"
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
	d.s.idx.update(b)
	return d.fastObject(b, d.s.pos, kindRecord)
}

// fastObject parses the object at b[i], keeping the fields of kind.
func (d *decoder) fastObject(b []byte, i int, kind objKind) int {
	x := &d.s.idx
	guess := &d.guess[kind]
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
		if k := guess[prev].find(b, i, &d.keyText); k == nil {
			if i, f, prev = d.fastKeyMiss(b, i, kind, prev); i < 0 {
				return i
			}
		} else {
			f, prev = k.f, k.id
			if i += int(k.value); !k.colon {
				if i = fastColon(b, i); i < 0 {
					return i
				}
			}
		}
		if i < len(b) && b[i] == '"' && (f < nFields || f == fSkip) {
			// A string without escapes, inline; fastStrValue for the rest.
			k := x.near(i + 1)
			if k < 0 {
				k = x.nextStopFar(i + 1)
			}
			if k < len(b) && b[k] == '"' && (f == fSkip ||
				x.high != nil && k-i <= 64 && !x.shortHigh(i+1, k) || x.high == nil && !bytesHigh(b[i+1:k])) {
				if f < nFields {
					d.refs[f] = ref{start: int32(i + 1 - d.s.mark), end: int32(k - d.s.mark)}
				}
				i = k + 1
			} else {
				i = d.fastStrValue(b, i, f)
			}
		} else {
			i = d.fastValue(b, i, f)
		}
		if i < 0 {
			return i
		}
		if i < len(b) && b[i] == ',' {
			if i++; i < len(b) && b[i] <= ' ' {
				i = skipWS(b, i)
			}
			if i >= len(b) {
				return fastMore
			}
			continue
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

// fastColon consumes the colon after a key, with the whitespace around
// it, and returns the index of the value.
func fastColon(b []byte, i int) int {
	if i = skipWS(b, i); i >= len(b) {
		return fastMore
	}
	if b[i] != ':' {
		return fastSlow
	}
	return skipWS(b, i+1)
}

// fastKeyMiss parses the key at b[i], one the guesses missed, and the
// colon after it. It learns the key as the guess after the key numbered
// prev and returns the index of the value, the key's field and its
// number.
func (d *decoder) fastKeyMiss(b []byte, i int, kind objKind, prev uint8) (int, field, uint8) {
	if b[i] != '"' {
		return fastSlow, 0, 0
	}
	j, fl := fastStr(b, &d.s.idx, i)
	if j < 0 {
		return j, 0, 0
	}
	f := d.fastKey(kind, b[i+1:j], fl)
	v := fastColon(b, j+1)
	if v < 0 {
		return v, 0, 0
	}
	if v >= len(b) { // learn the guess once the value is in the buffer
		return fastMore, 0, 0
	}
	next := byte(0) // the byte after the colon, when no whitespace surrounds it
	if v == j+2 {
		next = b[v]
	}
	return v, f, d.learn(kind, prev, b[i:j+1], f, next)
}

// keyGuess is the key expected after another in an object: most records
// of a file list their keys in the same order, so a key is usually found
// by comparing its text with the guess, without scanning it. The text
// compared is the key's JSON text and, when no whitespace surrounds the
// colon, the colon and the value's first byte when it is '"', '{' or '['.
// A guess takes 32 bytes, so that the two guesses after a key share a
// cache line.
type keyGuess struct {
	head  [3]uint64 // the text's first 24 bytes, little endian, zero padded
	n     uint8     // the text's length; 0 for no guess
	klen  uint8     // the key's length
	value uint8     // the index of the value (colon) or of the colon
	colon bool      // the text holds the colon
	next  byte      // the value's first byte, when the text holds it
	f     field
	id    uint8
}

// guessPair holds the two latest guesses of the key after another.
type guessPair [2]keyGuess

// maxGuess is the longest text of a guess.
const maxGuess = 255

// guessMask[n] selects the first n bytes of three words.
var guessMask = func() (m [25][3]uint64) {
	for n := range m {
		for j := range m[n] {
			c := min(max(n-8*j, 0), 8)
			m[n][j] = ^uint64(0) >> (64 - 8*c) // c = 0 shifts everything out
		}
	}
	return m
}()

func newGuess(key string, next byte, f field, id uint8) keyGuess {
	var extra string
	switch next {
	case 0:
	case '"', '{', '[':
		extra = ":" + string(next)
	default:
		extra, next = ":", 0
	}
	text := key + extra
	if len(text) > maxGuess {
		return keyGuess{}
	}
	g := keyGuess{n: uint8(len(text)), klen: uint8(len(key)), colon: extra != "", next: next, f: f, id: id}
	g.value = g.klen
	if g.colon {
		g.value++
	}
	for i := 0; i < 24 && i < len(text); i++ {
		g.head[i/8] |= uint64(text[i]) << (8 * (i % 8))
	}
	return g
}

// find returns the guess whose text b[i:] starts with, or nil. keyText
// holds the keys' texts by number.
func (g *guessPair) find(b []byte, i int, keyText *[maxKeyIDs + 1]string) *keyGuess {
	if i+24 > len(b) || g[0].n > 24 || g[1].n > 24 {
		switch {
		case g[0].matchLong(b, i, keyText):
			return &g[0]
		case g[1].matchLong(b, i, keyText):
			return &g[1]
		}
		return nil
	}
	p := b[i : i+24]
	w0, w1, w2 := binary.LittleEndian.Uint64(p), binary.LittleEndian.Uint64(p[8:]), binary.LittleEndian.Uint64(p[16:])
	for j := range g {
		k := &g[j]
		m := &guessMask[k.n]
		if (w0^k.head[0])&m[0]|(w1^k.head[1])&m[1]|(w2^k.head[2])&m[2] == 0 && k.n > 0 {
			return k
		}
	}
	return nil
}

// matchLong reports whether b[i:] starts with the guessed text, byte by
// byte.
func (g *keyGuess) matchLong(b []byte, i int, keyText *[maxKeyIDs + 1]string) bool {
	n, k := int(g.n), int(g.klen)
	if n == 0 || i+n > len(b) || string(b[i:i+k]) != keyText[g.id] {
		return false
	}
	return n == k || b[i+k] == ':' && (n == k+1 || b[i+k+1] == g.next)
}

// maxKeyIDs bounds the keys the decoder learns the order of.
const maxKeyIDs = 255

// learn records that the key quoted (JSON text) of field f, followed by
// next (see fastKeyMiss), came after the key numbered prev in an object
// of kind, and returns its number; 0 when too many keys have been seen.
// The guess it replaces becomes the second guess.
func (d *decoder) learn(kind objKind, prev uint8, quoted []byte, f field, next byte) uint8 {
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
	g := &d.guess[kind][prev]
	g[1], g[0] = g[0], newGuess(d.keyText[id], next, f, id)
	return id
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
		return d.fastStrValue(b, i, f)
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
	return fastSkip(b, &d.s.idx, i)
}

// fastStrValue parses the string at b[i], the value of field f (a
// string field or fSkip), and returns the index after it.
func (d *decoder) fastStrValue(b []byte, i int, f field) int {
	k, fl := fastStr(b, &d.s.idx, i)
	if k < 0 {
		return k
	}
	if f < nFields {
		d.setField(f, b, i+1, k, fl)
	}
	return k + 1
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
func fastStr(b []byte, x *index, i int) (int, strFlags) {
	var fl strFlags
	j := i + 1
	for {
		k := x.nextStop(j)
		switch {
		case k >= len(b):
			return fastMore, 0
		case b[k] == '"':
			if x.anyHigh(b, i+1, k) {
				fl |= strHigh
			}
			return k, fl
		case b[k] == '\\':
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
func skipStr(b []byte, x *index, i int) int {
	j := i + 1
	for {
		k := x.nextStop(j)
		switch {
		case k >= len(b):
			return fastMore
		case b[k] == '"':
			return k
		case b[k] == '\\':
			if j = skipEscape(b, k); j < 0 {
				return j
			}
		default:
			return fastSlow
		}
	}
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
func fastSkip(b []byte, x *index, i int) int {
	var stack uint64 // bit n set: level n+1 is an object
	depth := 0
	for {
		if i >= len(b) {
			return fastMore
		}
		switch c := b[i]; {
		case c == '"':
			k := x.near(i + 1)
			if k < 0 {
				k = x.nextStopFar(i + 1)
			}
			if k < len(b) && b[k] == '"' {
				i = k + 1
			} else if i = skipStr(b, x, i); i >= 0 {
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
					i = fastKeyColon(b, x, i)
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
		if i < 0 || depth == 0 {
			return i
		}
		if i < len(b) && b[i] == ',' { // the common case of fastAfter
			if i++; stack&1 == 1 {
				// A key without escapes, the colon right after it:
				// fastKeyColon's first case, inline.
				if i < len(b) && b[i] == '"' {
					k := x.near(i + 1)
					if k < 0 {
						k = x.nextStopFar(i + 1)
					}
					if k+2 < len(b) && b[k] == '"' && b[k+1] == ':' && b[k+2] > ' ' {
						i = k + 2
						continue
					}
				}
				i = fastKeyColon(b, x, i)
			} else {
				i = skipWS(b, i)
			}
			if i < 0 {
				return i
			}
			continue
		}
		if i = fastAfter(b, x, i, &stack, &depth); i < 0 || depth == 0 {
			return i
		}
	}
}

// fastAfter consumes closing brackets after a value and, when the
// enclosing container goes on, the comma and (in an object) the next key;
// it leaves i at the next value, or after the outermost bracket when
// depth drops to 0.
func fastAfter(b []byte, x *index, i int, stack *uint64, depth *int) int {
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
				return fastKeyColon(b, x, i)
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
func fastKeyColon(b []byte, x *index, i int) int {
	if i >= len(b) {
		return fastMore
	}
	if b[i] == '"' { // a key without escapes, colon right after it
		k := x.near(i + 1)
		if k < 0 {
			k = x.nextStopFar(i + 1)
		}
		if k+2 < len(b) && b[k] == '"' && b[k+1] == ':' && b[k+2] > ' ' {
			return k + 2
		}
	}
	if b[i] != '"' {
		return fastSlow
	}
	j := skipStr(b, x, i)
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
