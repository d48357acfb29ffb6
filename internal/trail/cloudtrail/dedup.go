package cloudtrail

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
)

// A record is counted as soon as it is decoded. Its eventID goes into a
// dupLog with an entry that says what the record added to its
// Aggregator's counts; when the report is made, the log is read back
// partition by partition, and every entry whose eventID came before is
// subtracted again (Aggregator.undo). The log keeps up to a fixed budget
// of entries in memory and appends the rest to temporary files, so memory
// does not grow with the number of records; the disk holds entrySize
// bytes per record with an eventID until the report is made.

// Entry kinds: which total a record was counted in.
const (
	entryCounted      uint8 = iota // Totals.Counted
	entryNoDetails                 // WithoutTLS.NoDetails
	entryEmptyVersion              // WithoutTLS.EmptyVersion
)

// Where a record was counted besides the totals.
const (
	inCallers uint8 = 1 << 4 // callers below the floor, row caller
	inUnknown uint8 = 2 << 4 // customer callers without a TLS version
	kindMask  uint8 = 0x0f
)

// entry is what one record with an eventID added to an Aggregator.
type entry struct {
	key     idKey
	agg     uint16 // the Aggregator, for a log shared by several
	kind    uint8  // entry kind | inCallers or inUnknown
	class   uint8  // Class, for records without a TLS version
	version int32  // versionCounts slot, or -1-i for Aggregator.others[i]
	service int32  // row of byService
	day     int32  // row of byDay
	caller  int32  // row of callers or unknown, or -1
}

// entrySize is the size of an encoded entry.
const entrySize = 16 + 2 + 1 + 1 + 4*4

func (e *entry) append(b []byte) []byte {
	b = append(b, e.key[:]...)
	b = binary.LittleEndian.AppendUint16(b, e.agg)
	b = append(b, e.kind, e.class)
	for _, v := range [...]int32{e.version, e.service, e.day, e.caller} {
		b = binary.LittleEndian.AppendUint32(b, uint32(v))
	}
	return b
}

func decodeEntry(b []byte) entry {
	var e entry
	copy(e.key[:], b)
	e.agg = binary.LittleEndian.Uint16(b[16:])
	e.kind, e.class = b[18], b[19]
	v := func(at int) int32 { return int32(binary.LittleEndian.Uint32(b[at:])) }
	e.version, e.service, e.day, e.caller = v(20), v(24), v(28), v(32)
	return e
}

// logParts is the number of partitions of a dupLog, chosen by the top
// bits of an eventID's hash; logBits is its log2.
const (
	logBits  = 8
	logParts = 1 << logBits
)

// DefaultIDMemory is the memory a scan spends on finding duplicate
// eventIDs before it moves them to temporary files.
const DefaultIDMemory = 8 << 20

// dupLog holds the entries of records with an eventID until duplicates
// are resolved. It is safe for concurrent use.
type dupLog struct {
	mu     sync.Mutex
	parts  [logParts][]byte   // entries in memory
	spills [logParts]string   // file of spilled entries, or ""
	files  [logParts]*os.File // spills open for appending, or nil
	mem    int                // bytes in parts
	limit  int
	tmp    string // Options.TempDir
	dir    string // the log's temporary directory, once made
}

func newDupLog(limit int, tmp string) *dupLog {
	return &dupLog{limit: limit, tmp: tmp}
}

// partOf picks an entry's partition; level selects further bits of the
// hash when a partition is split.
func partOf(k *idKey, level int) int {
	return int(k.hash() << (logBits * level) >> (64 - logBits))
}

// add appends entries, spilling to disk when the budget is reached.
func (l *dupLog) add(es []entry) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := range es {
		p := partOf(&es[i].key, 0)
		l.parts[p] = es[i].append(l.parts[p])
	}
	l.mem += len(es) * entrySize
	if l.mem < l.limit {
		return nil
	}
	return l.spill()
}

// spill appends every partition in memory to its file.
func (l *dupLog) spill() error {
	if l.dir == "" {
		dir, err := os.MkdirTemp(l.tmp, "tlsfloor-trail-ids-")
		if err != nil {
			return fmt.Errorf("eventID log: %w", err)
		}
		l.dir = dir
	}
	for p, b := range l.parts {
		if len(b) == 0 {
			continue
		}
		if err := l.appendPart(p, b); err != nil {
			return fmt.Errorf("eventID log: %w", err)
		}
		l.parts[p] = b[:0]
	}
	l.mem = 0
	return nil
}

// appendPart appends b to partition p's file, which stays open until
// the partition is resolved: opening a file costs more than writing 32
// KiB to it.
func (l *dupLog) appendPart(p int, b []byte) error {
	if l.files[p] == nil {
		if l.spills[p] == "" {
			l.spills[p] = filepath.Join(l.dir, fmt.Sprintf("p%03d", p))
		}
		f, err := os.OpenFile(l.spills[p], os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
		if err != nil {
			return err
		}
		l.files[p] = f
	}
	_, err := l.files[p].Write(b)
	return err
}

// closePart closes partition p's file.
func (l *dupLog) closePart(p int) error {
	f := l.files[p]
	l.files[p] = nil
	if f == nil {
		return nil
	}
	return f.Close()
}

func appendFile(name string, b []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	return errors.Join(err, f.Close())
}

// resolver resolves partitions of a dupLog.
type resolver struct {
	limit int          // the largest file resolved in memory
	keep  bool         // write back what is kept, for a later resolve
	undo  func(*entry) // safe for concurrent use
}

// resolve calls undo for every entry whose eventID came earlier in the
// log. With keep, it removes those entries, so that a later resolve sees
// each eventID once; without, it empties the log. workers goroutines
// resolve one partition each at a time, together holding about the log's
// memory budget; undo must be safe for concurrent use.
func (l *dupLog) resolve(undo func(*entry), keep bool, workers int) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	workers = max(1, min(workers, logParts))
	r := &resolver{limit: max(entrySize, l.limit/workers), keep: keep, undo: undo}
	errs := make([]error, logParts)
	var next atomic.Int32
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for p := int(next.Add(1) - 1); p < logParts; p = int(next.Add(1) - 1) {
				errs[p] = l.resolvePart(p, r)
			}
		})
	}
	wg.Wait()
	l.mem = 0
	for _, b := range l.parts {
		l.mem += len(b)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("eventID log: %w", err)
	}
	return nil
}

// resolvePart resolves partition p, in memory when it was never spilled.
func (l *dupLog) resolvePart(p int, r *resolver) error {
	if l.spills[p] == "" {
		l.parts[p] = dedupe(l.parts[p], r.undo)
		if !r.keep {
			l.parts[p] = nil
		}
		return nil
	}
	err := errors.Join(l.appendPart(p, l.parts[p]), l.closePart(p))
	l.parts[p] = nil
	if err != nil {
		return err
	}
	return r.file(l.spills[p], 1)
}

// maxLevel bounds the splitting of a partition: the levels take the top
// 32 bits of the hash, and the table that finds duplicates the next.
// Past it (2^32 partitions), a partition is resolved in memory whatever
// its size.
const maxLevel = 32 / logBits

// file resolves the entries in a file, splitting it by further bits of
// the hash while it is larger than r.limit.
func (r *resolver) file(name string, level int) error {
	info, err := os.Stat(name)
	if err != nil {
		return err
	}
	if info.Size() > int64(r.limit) && level < maxLevel {
		return r.split(name, level)
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	kept := dedupe(b, r.undo)
	if !r.keep {
		return os.Remove(name)
	}
	return os.WriteFile(name, kept, 0o600)
}

// split moves the entries of a file into up to logParts files by the
// bits of the hash at level, resolves each and, with r.keep, joins what
// is kept.
func (r *resolver) split(name string, level int) error {
	subs, err := splitEntries(name, level, r.limit)
	if err != nil {
		return err
	}
	kept := name + ".kept"
	if err := os.WriteFile(kept, nil, 0o600); err != nil {
		return err
	}
	for _, sub := range subs {
		if err := r.join(kept, sub, level); err != nil {
			return err
		}
	}
	return os.Rename(kept, name)
}

// join resolves one sub-file and appends what is kept to kept.
func (r *resolver) join(kept, sub string, level int) error {
	if err := r.file(sub, level+1); err != nil || !r.keep {
		return err
	}
	b, err := os.ReadFile(sub)
	if err != nil {
		return err
	}
	return errors.Join(appendFile(kept, b), os.Remove(sub))
}

// splitEntries writes the entries of a file into sub-files by the hash
// bits at level, holding at most about limit bytes at a time.
func splitEntries(name string, level, limit int) ([]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var subs []string
	var parts [logParts][]byte
	chunk := make([]byte, max(entrySize, limit/2/entrySize*entrySize))
	for {
		n, err := io.ReadFull(f, chunk)
		last := err == io.EOF || err == io.ErrUnexpectedEOF
		if err != nil && !last {
			return subs, err
		}
		for b := chunk[:n]; len(b) >= entrySize; b = b[entrySize:] {
			k := idKey(b[:16])
			p := partOf(&k, level)
			parts[p] = append(parts[p], b[:entrySize]...)
		}
		if subs, err = flushParts(name, &parts, subs); err != nil || last {
			return subs, err
		}
	}
}

// flushParts appends the split entries to their sub-files, adding new
// ones to subs.
func flushParts(name string, parts *[logParts][]byte, subs []string) ([]string, error) {
	for p, b := range parts {
		if len(b) == 0 {
			continue
		}
		sub := fmt.Sprintf("%s.%03d", name, p)
		if !slices.Contains(subs, sub) {
			subs = append(subs, sub)
		}
		if err := appendFile(sub, b); err != nil {
			return subs, err
		}
		parts[p] = b[:0]
	}
	return subs, nil
}

// dedupe calls undo for each entry of b whose key came earlier in b and
// returns b without them.
func dedupe(b []byte, undo func(*entry)) []byte {
	var t idTable
	t.reserve(len(b) / entrySize)
	kept := b[:0]
	for ; len(b) >= entrySize; b = b[entrySize:] {
		if t.add(idKey(b[:16])) {
			kept = append(kept, b[:entrySize]...)
			continue
		}
		e := decodeEntry(b)
		undo(&e)
	}
	return kept
}

// close removes the log's temporary files.
func (l *dupLog) close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	var errs []error
	for p := range l.files {
		errs = append(errs, l.closePart(p))
	}
	l.parts = [logParts][]byte{}
	l.spills = [logParts]string{}
	if l.dir != "" {
		errs = append(errs, os.RemoveAll(l.dir))
		l.dir = ""
	}
	return errors.Join(errs...)
}
