package cloudtrail

import (
	"encoding/hex"
	"hash/fnv"
)

// idKey is the 16-byte form of an eventID.
type idKey [16]byte

// idSet remembers eventIDs. It grows with the number of distinct records
// (see the package documentation); the shards keep each map, and so each
// rehash, small.
type idSet struct {
	shards [64]map[idKey]struct{}
}

// add inserts id and reports whether it was new.
func (s *idSet) add(id string) bool {
	k := keyOf(id)
	m := s.shards[k[15]&63]
	if m == nil {
		m = make(map[idKey]struct{})
		s.shards[k[15]&63] = m
	}
	if _, dup := m[k]; dup {
		return false
	}
	m[k] = struct{}{}
	return true
}

// keyOf packs a GUID into 16 bytes and hashes any other ID with 128-bit
// FNV-1a. A GUID-shaped ID and a hashed one could in principle collide;
// the chance is negligible (2^-128 per pair).
func keyOf(id string) idKey {
	var k idKey
	if len(id) == 36 && id[8] == '-' && id[13] == '-' && id[18] == '-' && id[23] == '-' {
		var hexb [32]byte
		n := copy(hexb[:], id[:8])
		n += copy(hexb[n:], id[9:13])
		n += copy(hexb[n:], id[14:18])
		n += copy(hexb[n:], id[19:23])
		copy(hexb[n:], id[24:])
		if _, err := hex.Decode(k[:], hexb[:]); err == nil {
			return k
		}
	}
	h := fnv.New128a()
	h.Write([]byte(id))
	h.Sum(k[:0])
	return k
}
