package snapshot

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzRead checks that Read never panics and that a snapshot it accepts
// can be written and read back unchanged, and that writing it again
// gives the same bytes.
func FuzzRead(f *testing.F) {
	files, err := filepath.Glob("testdata/*.json")
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
	f.Fuzz(func(t *testing.T, in []byte) {
		s, err := Read("fuzz.json", bytes.NewReader(in))
		if err != nil {
			return
		}
		var first bytes.Buffer
		if err := Write(&first, s); err != nil {
			t.Fatalf("Write of a snapshot Read accepted: %v", err)
		}
		again, err := Read("fuzz.json", bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("written snapshot does not read: %v\n%s", err, first.Bytes())
		}
		if diff := cmp.Diff(s, again, equateEmpty); diff != "" {
			t.Fatalf("snapshot changed by write and read (-read +reread):\n%s", diff)
		}
		var second bytes.Buffer
		if err := Write(&second, again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("second write differs from the first:\n%s\n%s", first.Bytes(), second.Bytes())
		}
	})
}
