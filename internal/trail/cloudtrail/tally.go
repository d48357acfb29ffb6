package cloudtrail

import (
	"cmp"
	"crypto/tls"
	"encoding/binary"
	"hash/maphash"
	"slices"
	"time"
)

// Counts by tlsVersion keep the four usual values and "" in slots; any
// other value is counted by name.
var (
	slotName    = [...]string{"", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"}
	slotVersion = [...]uint16{0, tls.VersionTLS10, tls.VersionTLS11, tls.VersionTLS12, tls.VersionTLS13}
)

// versionSlot returns the slot of a tlsVersion value, or -1.
func versionSlot(v []byte) int {
	switch string(v) {
	case "":
		return 0
	case "TLSv1":
		return 1
	case "TLSv1.1":
		return 2
	case "TLSv1.2":
		return 3
	case "TLSv1.3":
		return 4
	}
	return -1
}

// versionCounts counts records by tlsVersion.
type versionCounts struct {
	slot  [len(slotName)]int
	other map[string]int
}

func (c *versionCounts) add(slot int, version []byte, n int) {
	if slot >= 0 {
		c.slot[slot] += n
		return
	}
	if c.other == nil {
		c.other = make(map[string]int)
	}
	c.other[string(version)] += n
}

func (c *versionCounts) merge(d *versionCounts) {
	for i, n := range d.slot {
		c.slot[i] += n
	}
	for v, n := range d.other {
		c.add(-1, []byte(v), n)
	}
}

// versions returns the counts by name and their sum.
func (c *versionCounts) versions() (map[string]int, int) {
	m, total := make(map[string]int), 0
	for i, n := range c.slot {
		if n > 0 {
			m[slotName[i]] = n
			total += n
		}
	}
	for v, n := range c.other {
		if n > 0 {
			m[v] += n
			total += n
		}
	}
	return m, total
}

// shareTable counts records by tlsVersion for each key. A row keeps its
// index, which entries of the eventID log refer to.
type shareTable struct {
	idx  map[string]int32
	keys []string
	rows []versionCounts
}

// row returns the index of key's row, adding it if new.
func (t *shareTable) row(key []byte) int32 {
	i, ok := t.idx[string(key)]
	if !ok {
		if t.idx == nil {
			t.idx = make(map[string]int32)
		}
		i = int32(len(t.rows))
		k := string(key)
		t.idx[k] = i
		t.keys = append(t.keys, k)
		t.rows = append(t.rows, versionCounts{})
	}
	return i
}

// add counts a record under key and returns its row.
func (t *shareTable) add(key []byte, slot int, version []byte) int32 {
	i := t.row(key)
	t.rows[i].add(slot, version, 1)
	return i
}

func (t *shareTable) merge(u *shareTable) {
	for i, k := range u.keys {
		t.rows[t.row([]byte(k))].merge(&u.rows[i])
	}
}

// list returns the shares with records, sorted by key.
func (t *shareTable) list() []Share {
	out := make([]Share, 0, len(t.rows))
	for i, k := range t.keys {
		s := Share{Key: k}
		if s.Versions, s.Total = t.rows[i].versions(); s.Total > 0 {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(x, y Share) int { return cmp.Compare(x.Key, y.Key) })
	return out
}

// callerAcc accumulates one caller.
type callerAcc struct {
	key         CallerKey // substrings of packed
	packed      string    // the key's fields, packed by packKey
	count       int
	versions    versionCounts
	first, last time.Time
	samples     []string // sorted, at most Options.Samples
	next        *callerAcc
	row         int32 // index in callerTable.all
}

// callerTable holds the callers below the floor, found by a hash of their
// key so that a record's fields are not copied unless its caller is new.
// A caller's key is kept packed in one string, which a record's packed
// key is compared with in one step.
type callerTable struct {
	m    map[uint64]*callerAcc
	all  []*callerAcc // by row, which entries of the eventID log refer to
	pack []byte       // scratch for add
}

// callerSeed is shared by all tables so that they can be merged.
var callerSeed = maphash.MakeSeed()

// keyFields are the fields of a CallerKey, in its order.
func keyFields(x *raw) [8][]byte {
	account := x.f[fRecipient]
	if len(account) == 0 {
		account = x.f[fIDAccount]
	}
	return [8][]byte{account, x.f[fIDARN], x.f[fIDType], x.f[fIDAccessKey],
		x.f[fSourceIP], x.f[fVPCEndpoint], x.f[fUserAgent], x.f[fEventSource]}
}

// packKey appends the fields to dst, each after its length (uvarint):
// two keys are equal exactly when their packed forms are.
func packKey(dst []byte, f *[8][]byte) []byte {
	for _, b := range f {
		dst = binary.AppendUvarint(dst, uint64(len(b)))
		dst = append(dst, b...)
	}
	return dst
}

// unpackKey returns the key packed in s, whose fields share s's memory.
func unpackKey(s string) CallerKey {
	var f [8]string
	for i := range f {
		n, w := binary.Uvarint([]byte(s[:min(len(s), binary.MaxVarintLen64)]))
		f[i], s = s[w:w+int(n)], s[w+int(n):]
	}
	return CallerKey{f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]}
}

// find returns the caller whose packed key is packed, adding it if new.
func (t *callerTable) find(packed []byte) *callerAcc {
	h := maphash.Bytes(callerSeed, packed)
	c := t.m[h]
	for ; c != nil && c.packed != string(packed); c = c.next {
	}
	if c == nil {
		c = &callerAcc{packed: string(packed), next: t.m[h], row: int32(len(t.all))}
		c.key = unpackKey(c.packed)
		t.m[h] = c
		t.all = append(t.all, c)
	}
	return c
}

// add counts a record below the floor, or without a TLS version, under
// the caller key f, and returns the caller's row.
func (t *callerTable) add(f *[8][]byte, x *raw, slot int, samples int) int32 {
	t.pack = packKey(t.pack[:0], f)
	c := t.find(t.pack)
	c.count++
	c.versions.add(slot, x.f[fTLSVersion], 1)
	c.seen(x.f[fEventTime])
	if id := x.f[fEventID]; len(id) > 0 {
		c.sample(id, samples)
	}
	return c.row
}

// undo takes back one call counted under row: a duplicate of a call
// counted before. Its time and eventID are the earlier call's, so the
// time range and samples stay.
func (t *callerTable) undo(row int32, slot int, version []byte) {
	c := t.all[row]
	c.count--
	c.versions.add(slot, version, -1)
}

// seen widens the caller's time range to an eventTime.
func (c *callerAcc) seen(eventTime []byte) {
	t, ok := parseTime(eventTime)
	if !ok {
		return
	}
	c.widen(t, t)
}

func (c *callerAcc) widen(first, last time.Time) {
	if c.first.IsZero() || first.Before(c.first) {
		c.first = first
	}
	if last.After(c.last) {
		c.last = last
	}
}

// sample keeps id if it is among the n smallest.
func (c *callerAcc) sample(id []byte, n int) {
	if n <= 0 || len(c.samples) == n && string(id) >= c.samples[n-1] {
		return
	}
	i := 0 // a linear search: samples are few, and string(id) in a
	// comparison does not allocate, as it would passed to BinarySearch
	for i < len(c.samples) && c.samples[i] < string(id) {
		i++
	}
	if i < len(c.samples) && c.samples[i] == string(id) {
		return
	}
	if len(c.samples) == n {
		c.samples = c.samples[:n-1]
	}
	c.samples = slices.Insert(c.samples, i, string(id))
}

// merge adds u's callers to t.
func (t *callerTable) merge(u *callerTable, samples int) {
	for _, d := range u.all {
		if d.count > 0 {
			c := t.find([]byte(d.packed))
			c.count += d.count
			c.versions.merge(&d.versions)
			if !d.first.IsZero() {
				c.widen(d.first, d.last)
			}
			for _, id := range d.samples {
				c.sample([]byte(id), samples)
			}
		}
	}
}

// list returns the callers with calls, unsorted.
func (t *callerTable) list() []Caller {
	out := make([]Caller, 0, len(t.all))
	for _, c := range t.all {
		if c.count > 0 {
			v, _ := c.versions.versions()
			out = append(out, Caller{CallerKey: c.key, Count: c.count, Versions: v,
				FirstSeen: c.first, LastSeen: c.last, Samples: slices.Clone(c.samples)})
		}
	}
	return out
}

// parseTime parses an eventTime as time.Parse(time.RFC3339, ...) does,
// with a fast path for the form CloudTrail writes, 2006-01-02T15:04:05Z.
func parseTime(b []byte) (time.Time, bool) {
	if len(b) == 20 && b[4] == '-' && b[7] == '-' && b[10] == 'T' && b[13] == ':' && b[16] == ':' && b[19] == 'Z' {
		y, ok1 := atoi(b[0:4])
		mo, ok2 := atoi(b[5:7])
		d, ok3 := atoi(b[8:10])
		h, ok4 := atoi(b[11:13])
		mi, ok5 := atoi(b[14:16])
		s, ok6 := atoi(b[17:19])
		if ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && mo >= 1 && mo <= 12 && d >= 1 &&
			d <= daysIn(time.Month(mo), y) && h < 24 && mi < 60 && s < 60 {
			return time.Date(y, time.Month(mo), d, h, mi, s, 0, time.UTC), true
		}
	}
	t, err := time.Parse(time.RFC3339, string(b))
	return t, err == nil
}

// atoi parses unsigned decimal digits.
func atoi(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c-'0' > 9 {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
