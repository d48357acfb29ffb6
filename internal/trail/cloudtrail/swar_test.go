package cloudtrail

import (
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
	"testing"
)

// TestSpecial checks that the lowest byte special marks is the first
// '"', '\\' or control character of the word, for every byte value at
// every position after bytes of every other value, and for random words.
func TestSpecial(t *testing.T) {
	check := func(w [8]byte) {
		t.Helper()
		want := 8
		for i, c := range w {
			if c == '"' || c == '\\' || c < ' ' {
				want = i
				break
			}
		}
		got := 8
		if m := special(binary.LittleEndian.Uint64(w[:])); m != 0 {
			got = bits.TrailingZeros64(m) >> 3
		}
		if got != want {
			t.Fatalf("special(%q): first marked byte %d, want %d", w[:], got, want)
		}
	}
	for pos := range 8 {
		for c := range 256 {
			for fill := range 256 {
				var w [8]byte
				for i := range w {
					w[i] = byte(fill)
				}
				w[pos] = byte(c)
				check(w)
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 1 << 20 {
		var w [8]byte
		binary.LittleEndian.PutUint64(w[:], r.Uint64())
		check(w)
	}
}
