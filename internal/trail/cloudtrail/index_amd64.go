//go:build amd64 && !purego

package cloudtrail

// hasAVX2 reports whether the CPU and the operating system support AVX2;
// without it the fast path builds no index (see index).
var hasAVX2 = avx2()

// The bits tested are from the Intel 64 and IA-32 Architectures Software
// Developer's Manual, Vol. 2A, CPUID: leaf 1 ECX bit 27 (OSXSAVE) and bit
// 28 (AVX), leaf 7 sub-leaf 0 EBX bit 5 (AVX2); and Vol. 1, 13.3: XCR0
// bits 1 and 2 set when the OS saves SSE and AVX state.
func avx2() bool {
	_, _, c, _ := cpuid(1, 0)
	const osxsave, avx = 1 << 27, 1 << 28
	if c&osxsave == 0 || c&avx == 0 {
		return false
	}
	if eax, _ := xgetbv(); eax&6 != 6 { // the OS saves XMM and YMM state
		return false
	}
	if maxLeaf, _, _, _ := cpuid(0, 0); maxLeaf < 7 {
		return false
	}
	_, b, _, _ := cpuid(7, 0)
	return b&(1<<5) != 0 // leaf 7, EBX bit 5: AVX2
}

// cpuid executes CPUID with the leaf in eax and the sub-leaf in ecx.
func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

// xgetbv returns extended control register 0.
func xgetbv() (eax, edx uint32)

// indexBlocksAVX2 indexes the 64-byte blocks of b into stop and high,
// which hold a word per block (see index); it needs AVX2.
//
//go:noescape
func indexBlocksAVX2(b []byte, stop, high []uint64)
