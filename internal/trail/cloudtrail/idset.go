package cloudtrail

import (
	"encoding/binary"
	"hash/fnv"
	"math/bits"
)

// idKey is the 16-byte form of an eventID.
type idKey [16]byte

// hash mixes a key's 128 bits into 64, each of which depends on every bit
// of the key: the dupLog partitions keys by the top bits and an idTable
// picks slots by the next ones. GUIDs are mostly random, but not all of
// their bits are (the version and variant digits, or IDs made by a
// counter), so the halves are combined with a multiply and the result
// finished as a 64-bit mixer does (xor-shift, multiply, xor-shift).
func (k *idKey) hash() uint64 {
	lo, hi := binary.LittleEndian.Uint64(k[:8]), binary.LittleEndian.Uint64(k[8:])
	h := (lo ^ bits.RotateLeft64(hi, 29)) * 0x9e3779b97f4a7c15
	h ^= h >> 32
	h *= 0xd6e8feb86659fd93
	return h ^ h>>32
}

// idTable is a set of keys with open addressing and linear probing: a
// slot is a key, with the all-zero key marking an empty slot (the zero
// key itself is kept aside). Keys take 16 bytes each at a load between
// 3/8 and 3/4, and a lookup touches one or two cache lines, without the
// hashing and control bytes of a map. A slot is picked by the middle bits
// of the key's hash: the dupLog partitions keys by the top ones.
type idTable struct {
	slots []idKey // len is 0 or a power of two
	shift uint    // 64 - log2(len(slots))
	n     int
	zero  bool // the zero key is in the set
}

// slotHash is the hash whose top bits pick a key's slot.
func slotHash(k *idKey) uint64 { return bits.RotateLeft64(k.hash(), 32) }

// reserve sizes an empty table for n keys.
func (t *idTable) reserve(n int) {
	size := 64
	for 4*n > 3*size {
		size *= 2
	}
	t.slots = make([]idKey, size)
	t.shift = uint(64 - bits.TrailingZeros(uint(size)))
}

// add inserts k and reports whether it was new.
func (t *idTable) add(k idKey) bool {
	if k == (idKey{}) {
		was := t.zero
		t.zero = true
		return !was
	}
	if 4*(t.n+1) > 3*len(t.slots) {
		t.grow()
	}
	mask := len(t.slots) - 1
	for i := int(slotHash(&k) >> t.shift); ; i = (i + 1) & mask {
		switch t.slots[i] {
		case k:
			return false
		case idKey{}:
			t.slots[i] = k
			t.n++
			return true
		}
	}
}

// grow doubles the table (to 64 slots at first) and reinserts the keys.
func (t *idTable) grow() {
	old := t.slots
	size := max(64, 2*len(old))
	t.slots = make([]idKey, size)
	t.shift = uint(64 - bits.TrailingZeros(uint(size)))
	mask := size - 1
	for _, k := range old {
		if k == (idKey{}) {
			continue
		}
		i := int(slotHash(&k) >> t.shift)
		for t.slots[i] != (idKey{}) {
			i = (i + 1) & mask
		}
		t.slots[i] = k
	}
}

// keyOf packs a GUID into 16 bytes (either case of hex digits gives the
// same key) and hashes any other ID with 128-bit FNV-1a. A GUID-shaped ID
// and a hashed one could in principle collide; the chance is negligible
// (2^-128 per pair).
func keyOf(id []byte) idKey {
	var k idKey
	if len(id) == 36 && id[8] == '-' && id[13] == '-' && id[18] == '-' && id[23] == '-' {
		bad := byte(0)
		for n, at := range guidDigits {
			hi, lo := hexValue[id[at]], hexValue[id[at+1]]
			bad |= hi | lo
			k[n] = hi<<4 | lo
		}
		if bad&0xf0 == 0 {
			return k
		}
	}
	h := fnv.New128a()
	h.Write(id)
	h.Sum(k[:0])
	return k
}

// guidDigits are the offsets of the 16 hex digit pairs of a GUID.
var guidDigits = [16]uint8{0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34}

// hexValue maps a hex digit to its value and any other byte to 0xff.
var hexValue = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	for i := range 10 {
		t['0'+i] = byte(i)
	}
	for i := range 6 {
		t['a'+i], t['A'+i] = byte(10+i), byte(10+i)
	}
	return t
}()
