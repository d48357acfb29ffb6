package cloudtrail

import (
	"encoding/binary"
	"hash/fnv"
	"math/bits"
	"sync"
)

// idKey is the 16-byte form of an eventID.
type idKey [16]byte

// idShards is the number of tables an ID set is split into: smaller
// tables rehash in smaller steps, and workers rarely wait for the same
// one.
const idShards = 64

// hash mixes a key's 128 bits into 64. GUIDs are mostly random, but
// not all of their bits are (the version and variant digits, or IDs
// made by a counter), so the halves are mixed with a multiply: its top
// bits depend on every bit of the key.
func (k *idKey) hash() uint64 {
	lo, hi := binary.LittleEndian.Uint64(k[:8]), binary.LittleEndian.Uint64(k[8:])
	return (lo ^ bits.RotateLeft64(hi, 29)) * 0x9e3779b97f4a7c15
}

// shard picks a key's table from the top bits of its hash.
func shardOf(h uint64) int { return int(h >> (64 - 6)) }

// idTable is a set of keys with open addressing and linear probing: a
// slot is a key, with the all-zero key marking an empty slot (the zero
// key itself is kept aside). Keys take 16 bytes each at a load between
// 3/8 and 3/4, and a lookup touches one or two cache lines, without the
// hashing and control bytes of a map.
type idTable struct {
	slots []idKey // len is 0 or a power of two
	shift uint    // 64 - log2(len(slots))
	n     int
	zero  bool // the zero key is in the set
}

// add inserts k, whose hash is h, and reports whether it was new.
func (t *idTable) add(k idKey, h uint64) bool {
	if k == (idKey{}) {
		was := t.zero
		t.zero = true
		return !was
	}
	if 4*(t.n+1) > 3*len(t.slots) {
		t.grow()
	}
	mask := len(t.slots) - 1
	for i := int((h << 6) >> t.shift); ; i = (i + 1) & mask {
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
		i := int((k.hash() << 6) >> t.shift)
		for t.slots[i] != (idKey{}) {
			i = (i + 1) & mask
		}
		t.slots[i] = k
	}
}

// idSet remembers eventIDs for one goroutine. It grows with the number of
// distinct records (see the package documentation).
type idSet struct {
	shards [idShards]idTable
}

// add inserts k and reports whether it was new.
func (s *idSet) add(k idKey) bool {
	h := k.hash()
	return s.shards[shardOf(h)].add(k, h)
}

// sharedSet is an idSet for several goroutines, which insert IDs in
// batches: one lock per shard per batch, not one per record.
type sharedSet struct {
	shards [idShards]struct {
		sync.Mutex
		t idTable
		_ [8]byte // 64 bytes a shard: one cache line when aligned
	}
}

// insert adds the keys marked in has and sets dup[i] for those seen
// before, by this batch or any earlier one. hashes and order are scratch
// space.
func (s *sharedSet) insert(keys []idKey, has, dup []bool, hashes []uint64, order []int32) {
	var count [idShards + 1]int32
	for i := range keys {
		if has[i] {
			hashes[i] = keys[i].hash()
			count[shardOf(hashes[i])+1]++
		}
	}
	for i := 1; i <= idShards; i++ {
		count[i] += count[i-1]
	}
	next := count
	for i := range keys {
		if has[i] {
			sh := shardOf(hashes[i])
			order[next[sh]] = int32(i)
			next[sh]++
		}
	}
	for sh := range idShards {
		group := order[count[sh]:count[sh+1]]
		if len(group) > 0 {
			s.insertShard(sh, keys, hashes, dup, group)
		}
	}
}

func (s *sharedSet) insertShard(sh int, keys []idKey, hashes []uint64, dup []bool, group []int32) {
	shard := &s.shards[sh]
	shard.Lock()
	defer shard.Unlock()
	for _, i := range group {
		dup[i] = !shard.t.add(keys[i], hashes[i])
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
