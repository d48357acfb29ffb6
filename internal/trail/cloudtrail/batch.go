package cloudtrail

// batchRecords and batchBytes bound a batch: records are copied into it
// until either is reached, then their eventIDs are checked together.
const (
	batchRecords = 512
	batchBytes   = 1 << 20
)

// batch holds copies of decoded records until their eventIDs have been
// checked for duplicates. A record is copied as its JSON text and arena,
// with the places of its fields in them, rather than field by field.
type batch struct {
	n     int
	refs  [batchRecords][nFields]ref
	text  [batchRecords]int32 // start of each record's text in data
	arena [batchRecords]int32 // start of each record's arena in data
	tls   [batchRecords]bool
	keys  [batchRecords]idKey
	has   [batchRecords]bool // the record has an eventID
	dup   [batchRecords]bool
	hash  [batchRecords]uint64 // scratch for sharedSet.insert
	order [batchRecords]int32  // scratch for sharedSet.insert
	data  []byte
}

// add copies x, a record from the decoder, into the batch and reports
// whether the batch is full.
func (b *batch) add(x *raw) bool {
	b.text[b.n] = int32(len(b.data))
	b.data = append(b.data, x.text...)
	b.arena[b.n] = int32(len(b.data))
	b.data = append(b.data, x.arena...)
	b.refs[b.n] = x.refs
	b.tls[b.n] = x.tls
	id := x.f[fEventID]
	b.has[b.n] = len(id) > 0
	if len(id) > 0 {
		b.keys[b.n] = keyOf(id)
	}
	b.n++
	return b.n == batchRecords || len(b.data) >= batchBytes
}

// record points x at the fields of record i.
func (b *batch) record(i int, x *raw) {
	for j, r := range b.refs[i] {
		base := b.text[i]
		if r.arena {
			base = b.arena[i]
		}
		x.f[j] = b.data[base+r.start : base+r.end : base+r.end]
	}
	x.tls = b.tls[i]
}

func (b *batch) reset() {
	b.n = 0
	b.data = b.data[:0]
}
