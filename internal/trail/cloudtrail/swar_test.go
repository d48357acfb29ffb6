package cloudtrail

import (
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
	"slices"
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

// refIndex marks stops and high bytes one byte at a time.
func refIndex(b []byte) (stop, high []uint64) {
	n := len(b) >> 6
	stop, high = make([]uint64, n), make([]uint64, n)
	for i, c := range b[:n<<6] {
		if c == '"' || c == '\\' || c < ' ' {
			stop[i>>6] |= 1 << (i & 63)
		}
		if c >= 0x80 {
			high[i>>6] |= 1 << (i & 63)
		}
	}
	return stop, high
}

// FuzzIndexBlocks compares indexBlocksAVX2 with a byte-at-a-time
// reference; it skips on CPUs without AVX2.
func FuzzIndexBlocks(f *testing.F) {
	f.Add([]byte(`{"a":"b\"\\\u00e9","c":[1,2,{"d":null}]}` + "\x00\x1f\x20\x21\x7f\x80\xff"))
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	f.Add(all)
	f.Fuzz(func(t *testing.T, data []byte) {
		if !hasAVX2 {
			t.Skip("the CPU has no AVX2 (or built with purego): no index to check")
		}
		for len(data)%64 != 0 {
			data = append(data, data[len(data)%len(data)]^byte(len(data)))
		}
		wantStop, wantHigh := refIndex(data)
		n := len(data) >> 6
		stop, high := make([]uint64, n), make([]uint64, n)
		indexBlocksAVX2(data, stop, high)
		if !slices.Equal(stop, wantStop) || !slices.Equal(high, wantHigh) {
			t.Fatalf("indexBlocksAVX2(%q): stop %x high %x, want %x %x", data, stop, high, wantStop, wantHigh)
		}
	})
}

// TestIndexSearch checks nextStop and anyHigh against a byte-at-a-time
// search on random data of every length up to 300 bytes, indexed in
// steps as the data grows, with AVX2 (where the CPU has it) and without.
func TestIndexSearch(t *testing.T) {
	defer func(v bool) { hasAVX2 = v }(hasAVX2)
	for _, avx2 := range []bool{hasAVX2, false} {
		hasAVX2 = avx2
		checkIndexSearch(t)
	}
}

func checkIndexSearch(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte("ab\"\\\x00\x1f \xc3\xa9")
	buf := make([]byte, 300)
	for i := range buf {
		buf[i] = alphabet[r.IntN(len(alphabet))]
		if r.IntN(4) > 0 {
			buf[i] = 'a'
		}
	}
	var x index
	x.invalidate()
	for end := 0; end <= len(buf); end += 1 + r.IntN(70) {
		b := buf[:end]
		x.update(b)
		for j := 0; j <= end; j++ {
			want := j
			for want < end && buf[want] != '"' && buf[want] != '\\' && buf[want] >= ' ' {
				want++
			}
			if got := x.nextStop(j); got != want {
				t.Fatalf("avx2 %v, end %d: nextStop(%d) = %d, want %d", hasAVX2, end, j, got, want)
			}
			for k := j; k <= end && k < j+140; k++ {
				wantHigh := false
				for _, c := range b[j:k] {
					wantHigh = wantHigh || c >= 0x80
				}
				if got := x.anyHigh(b, j, k); got != wantHigh {
					t.Fatalf("avx2 %v, end %d: anyHigh(%d, %d) = %v", hasAVX2, end, j, k, got)
				}
			}
		}
	}
}
