//go:build !amd64 || purego

package cloudtrail

// hasAVX2 is false: the fast path builds no index (see index).
var hasAVX2 = false

// indexBlocksAVX2 is never called without AVX2.
func indexBlocksAVX2(b []byte, stop, high []uint64) {
	panic("cloudtrail: indexBlocksAVX2 without AVX2")
}
