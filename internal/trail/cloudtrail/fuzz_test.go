package cloudtrail

import (
	"bytes"
	"testing"
)

// FuzzReadRecords feeds arbitrary bytes (plain or gzip) to the reader and
// the aggregator: neither may panic and the totals must reconcile. Seeds
// live in testdata/fuzz/FuzzReadRecords.
func FuzzReadRecords(f *testing.F) {
	f.Add([]byte(`{"Records":[{"eventID":"a","tlsDetails":{"tlsVersion":"TLSv1"}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		agg := NewAggregator(Options{})
		st, err := ReadRecords(bytes.NewReader(data), "fuzz", agg.Add)
		agg.AddFile(st, err)
		rep := agg.Report()
		if !rep.Totals.Reconciles() {
			t.Fatalf("totals do not reconcile: %+v", rep.Totals)
		}
		if err != nil && err.Error() == "" {
			t.Fatal("empty error")
		}
	})
}
