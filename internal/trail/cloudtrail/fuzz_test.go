package cloudtrail

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
)

// FuzzReadRecords feeds arbitrary bytes (plain or gzip) to the reader and
// the aggregator: neither may panic and the totals must reconcile. Seeds
// live in testdata/fuzz/FuzzReadRecords.
func FuzzReadRecords(f *testing.F) {
	f.Add([]byte(`{"Records":[{"eventID":"a","tlsDetails":{"tlsVersion":"TLSv1"}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		agg := NewAggregator(Options{IDMemory: 4 * entrySize})
		defer agg.Close()
		st, err := ReadRecords(bytes.NewReader(data), "fuzz", agg.Add)
		agg.AddFile(st, err)
		rep, rerr := agg.Report()
		if rerr != nil {
			t.Fatal(rerr)
		}
		if !rep.Totals.Reconciles() {
			t.Fatalf("totals do not reconcile: %+v", rep.Totals)
		}
		if err != nil && err.Error() == "" {
			t.Fatal("empty error")
		}
	})
}

// FuzzDecode compares the decoder with encoding/json on arbitrary input:
// both succeed or both fail, with the same records and invalid elements.
// It also decodes with a 64-byte record bound, one byte per read: records
// that fit come out the same, the others are counted as too large. Seeds
// are the files of testdata (f.Add) and testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	for _, c := range decodeCases {
		f.Add([]byte(c))
	}
	addTestdata(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		compareDecoders(t, "input", data)
		checkBounded(t, data)
	})
}

// checkBounded decodes data with a 64-byte bound and compares with an
// unbounded decode.
func checkBounded(t *testing.T, data []byte) {
	full := fastDecode(bytes.NewReader(data), 1<<30)
	small := fastDecode(iotest.OneByteReader(bytes.NewReader(data)), 64)
	if full.err != nil {
		if small.err == nil {
			t.Fatalf("bounded decode succeeded where the full one failed: %v", full.err)
		}
		return
	}
	if small.err != nil {
		if !errors.Is(small.err, errTooLarge) {
			t.Fatalf("bounded decode: %v", small.err)
		}
		return
	}
	if small.stats.Records+small.stats.Invalid+small.stats.TooLarge != full.stats.Records+full.stats.Invalid {
		t.Fatalf("bounded %+v, full %+v", small.stats, full.stats)
	}
	if !isSubsequence(small.records, full.records) {
		t.Fatalf("bounded records %+v not among %+v", small.records, full.records)
	}
}

func isSubsequence(sub, all []Record) bool {
	for _, r := range all {
		if len(sub) > 0 && reflect.DeepEqual(sub[0], r) {
			sub = sub[1:]
		}
	}
	return len(sub) == 0
}

// addTestdata seeds f with every fixture file.
func addTestdata(f *testing.F) {
	err := filepath.WalkDir("testdata/AWSLogs", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		f.Add(data)
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
}

// fuzzSeed returns the input of a corpus file (go test fuzz v1, one
// []byte value).
func fuzzSeed(t testing.TB, file []byte) []byte {
	t.Helper()
	_, val, ok := strings.Cut(string(file), "\n")
	val = strings.TrimSpace(val)
	if !ok || !strings.HasPrefix(val, "[]byte(") || !strings.HasSuffix(val, ")") {
		t.Fatalf("not a corpus file: %.40q", file)
	}
	s, err := strconv.Unquote(val[len("[]byte(") : len(val)-1])
	if err != nil {
		t.Fatal(err)
	}
	return []byte(s)
}
