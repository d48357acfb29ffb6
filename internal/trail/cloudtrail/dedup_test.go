package cloudtrail

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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

// resolveLog resolves l and returns the caller numbers of the entries
// taken back.
func resolveLog(t *testing.T, l *dupLog) map[int32]bool {
	t.Helper()
	undone := map[int32]bool{}
	err := l.resolve(func(e *entry) {
		if undone[e.caller] || e.day != 1 {
			t.Fatalf("entry %+v taken back twice or garbled", e)
		}
		undone[e.caller] = true
	})
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
			undone := resolveLog(t, l)
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
			if again := resolveLog(t, l); len(again) != 1000 {
				t.Errorf("second resolve took back %d, want 1000", len(again))
			}
			checkRemoved(t, l, tmp, limit < DefaultIDMemory)
		})
	}
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
	if undone := resolveLog(t, l); len(undone) != 299 || undone[0] {
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
