package query

import (
	"bytes"
	"os"
	"testing"
)

// FuzzBuilder feeds arbitrary exports to Sniff and the reader: they may
// reject them, but never panic, and a report accepted must reconcile.
func FuzzBuilder(f *testing.F) {
	for _, path := range []string{"testdata/athena.csv", "testdata/lake.json"} {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if k := Sniff(data); k != "" && k != InputAthena && k != InputLake {
			t.Errorf("Sniff = %q", k)
		}
		b := NewBuilder(0, 0)
		if err := b.Add(bytes.NewReader(data), "fuzz", ""); err != nil {
			return
		}
		rep, err := b.Report()
		if err != nil {
			return
		}
		if !rep.Totals.Reconciles() {
			t.Errorf("accepted totals do not reconcile: %+v", rep.Totals)
		}
	})
}
