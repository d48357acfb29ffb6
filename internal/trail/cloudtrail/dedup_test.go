package cloudtrail

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// logEntries returns n entries whose keys repeat every distinct entries;
// caller numbers the entries in order.
func logEntries(from, n, distinct int) []entry {
	es := make([]entry, n)
	for i := range es {
		es[i] = entry{key: keyOf(fmt.Appendf(nil, "id-%d", (from+i)%distinct)), caller: int32(from + i), day: 1}
	}
	return es
}

// resolveLog resolves l (keeping what a later resolve needs, or not)
// with workers goroutines and returns the caller numbers of the entries
// taken back.
func resolveLog(t *testing.T, l *dupLog, keep bool, workers int) map[int32]bool {
	t.Helper()
	undone := map[int32]bool{}
	var mu sync.Mutex
	err := l.resolve(func(e *entry) {
		mu.Lock()
		defer mu.Unlock()
		if undone[e.caller] || e.day != 1 {
			t.Errorf("entry %+v taken back twice or garbled", e)
		}
		undone[e.caller] = true
	}, keep, workers)
	if err != nil {
		t.Fatal(err)
	}
	return undone
}

// TestDupLog adds entries to logs of several budgets: all in memory,
// spilled to files, and with partitions split while resolving. Each
// repeated key is taken back once, in memory or not, and a second resolve
// after more entries takes back only the new repeats.
func TestDupLog(t *testing.T) {
	for _, limit := range []int{DefaultIDMemory, 64 * entrySize, 10 * entrySize} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			tmp := t.TempDir()
			l := newDupLog(limit, tmp)
			for from := 0; from < 6000; from += 500 {
				if err := l.add(logEntries(from, 500, 4000)); err != nil {
					t.Fatal(err)
				}
			}
			undone := resolveLog(t, l, true, 2)
			if len(undone) != 2000 {
				t.Errorf("%d entries taken back, want 2000", len(undone))
			}
			for c := range undone {
				if c < 4000 {
					t.Errorf("entry %d taken back: not a repeat", c)
				}
			}
			if err := l.add(logEntries(6000, 1000, 4000)); err != nil {
				t.Fatal(err)
			}
			if again := resolveLog(t, l, false, 3); len(again) != 1000 {
				t.Errorf("second resolve took back %d, want 1000", len(again))
			}
			if n := logBytes(t, l); n != 0 {
				t.Errorf("%d bytes left in the log after a resolve that keeps nothing", n)
			}
			checkRemoved(t, l, tmp, limit < DefaultIDMemory)
		})
	}
}

// logBytes is the size of the entries in l's memory and files.
func logBytes(t *testing.T, l *dupLog) int64 {
	n := int64(0)
	for p, name := range l.spills {
		n += int64(len(l.parts[p]))
		if info, err := os.Stat(name); name != "" && err == nil {
			n += info.Size()
		}
	}
	if l.dir != "" {
		entries, err := os.ReadDir(l.dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if info, err := e.Info(); err == nil && info.Size() > 0 && !slices.Contains(l.spills[:], filepath.Join(l.dir, e.Name())) {
				t.Errorf("stray file %s of %d bytes", e.Name(), info.Size())
			}
		}
	}
	return n
}

// checkRemoved closes l and checks that its directory is gone from tmp,
// after it existed when spilled says so.
func checkRemoved(t *testing.T, l *dupLog, tmp string, spilled bool) {
	t.Helper()
	if (l.dir != "") != spilled {
		t.Errorf("log directory %q, spilled %v", l.dir, spilled)
	}
	if err := l.close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("left in %s: %v", tmp, left)
	}
}

// TestDupLogOneKey fills one partition with a single key, so that
// splitting cannot make it smaller: splitting stops at maxLevel and the
// partition is resolved in memory.
func TestDupLogOneKey(t *testing.T) {
	tmp := t.TempDir()
	l := newDupLog(8*entrySize, tmp)
	if err := l.add(logEntries(0, 300, 1)); err != nil {
		t.Fatal(err)
	}
	if undone := resolveLog(t, l, false, 1); len(undone) != 299 || undone[0] {
		t.Errorf("%d taken back (first among them: %v), want 299", len(undone), undone[0])
	}
	checkRemoved(t, l, tmp, true)
}

// TestEntryRoundTrip encodes and decodes an entry with every field set.
func TestEntryRoundTrip(t *testing.T) {
	e := entry{key: keyOf([]byte("x")), agg: 513, kind: entryEmptyVersion | inUnknown, class: uint8(ClassCustomer),
		version: -3, service: 1 << 20, day: 7, caller: -1}
	b := e.append(nil)
	if len(b) != entrySize || decodeEntry(b) != e {
		t.Errorf("round trip: %d bytes, %+v", len(b), decodeEntry(b))
	}
}

// TestScanTempDirError points the eventID log at a directory that does
// not exist: Scan fails and says what it could not write.
func TestScanTempDirError(t *testing.T) {
	dir := t.TempDir()
	var doc strings.Builder
	doc.WriteString(`{"Records":[`)
	for i := range 100 {
		if i > 0 {
			doc.WriteByte(',')
		}
		fmt.Fprintf(&doc, `{"eventID":"e%d","tlsDetails":{"tlsVersion":"TLSv1.2"}}`, i)
	}
	doc.WriteString(`]}`)
	path := filepath.Join(dir, "a_CloudTrail_x.json")
	if err := os.WriteFile(path, []byte(doc.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing")
	_, err := Scan(context.Background(), []string{path}, Options{IDMemory: 10 * entrySize, TempDir: missing})
	if err == nil || !strings.Contains(err.Error(), "eventID log") || !strings.Contains(err.Error(), missing) {
		t.Errorf("error %v, want one naming the eventID log and %s", err, missing)
	}
	if rep, err := Scan(context.Background(), []string{path}, Options{TempDir: missing}); err != nil || rep.Totals.Counted != 100 {
		t.Errorf("in memory: %v, %+v", err, rep)
	}
}

// BenchmarkResolve resolves a log of a million entries (1% repeats) that
// moved to disk, as Scan does at the end (keeping nothing) with one and two
// goroutines, and as Aggregator.Report does (keeping what is left).
func BenchmarkResolve(b *testing.B) {
	const n = 1 << 20
	es := logEntries(0, n, n-n/100)
	for _, c := range []struct {
		keep    bool
		workers int
	}{{false, 1}, {false, 2}, {true, 1}} {
		b.Run(fmt.Sprintf("keep=%v/workers=%d", c.keep, c.workers), func(b *testing.B) {
			b.SetBytes(n * entrySize)
			for b.Loop() {
				b.StopTimer()
				l := newDupLog(DefaultIDMemory, b.TempDir())
				for i := 0; i < n; i += pendingMax {
					if err := l.add(es[i : i+pendingMax]); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				var mu sync.Mutex
				if err := l.resolve(func(*entry) { mu.Lock(); mu.Unlock() }, c.keep, c.workers); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				l.close()
				b.StartTimer()
			}
		})
	}
}
