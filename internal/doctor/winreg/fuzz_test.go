package winreg

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzParse checks that Parse never panics and, for input it accepts,
// that writing the export and parsing it again gives the same keys in
// either encoding, that writing is then stable byte for byte, and that
// Merge and Facts accept what Parse returns.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"testdata/*.reg", "testdata/*/*.reg"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		e, err := Parse("fuzz.reg", bytes.NewReader(in))
		if err != nil {
			return
		}
		for _, enc := range []Encoding{UTF8, UTF16} {
			checkRoundTrip(t, e, enc)
		}
		if diff := cmp.Diff(e.Keys, Merge(e).Keys); diff != "" {
			t.Errorf("Merge of one export changed its keys (-parsed +merged):\n%s", diff)
		}
		_, _ = Facts(e) // may fail on values of the wrong type, must not panic
	})
}

// checkRoundTrip writes e, parses it back and writes it again.
func checkRoundTrip(t *testing.T, e *Export, enc Encoding) {
	t.Helper()
	var first bytes.Buffer
	if err := Write(&first, e, enc); err != nil {
		t.Fatal(err)
	}
	again, err := Parse("fuzz.reg", bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatalf("encoding %d: written export does not parse: %v\n%q", enc, err, first.Bytes())
	}
	if diff := cmp.Diff(e.Keys, again.Keys); diff != "" {
		t.Fatalf("encoding %d: keys changed by write and parse (-parsed +reparsed):\n%s", enc, diff)
	}
	var second bytes.Buffer
	if err := Write(&second, again, enc); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Fatalf("encoding %d: second write differs from the first", enc)
	}
}
