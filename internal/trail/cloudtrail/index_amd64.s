//go:build amd64 && !purego

#include "textflag.h"

// func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL eaxArg+0(FP), AX
	MOVL ecxArg+4(FP), CX
	CPUID
	MOVL AX, eax+8(FP)
	MOVL BX, ebx+12(FP)
	MOVL CX, ecx+16(FP)
	MOVL DX, edx+20(FP)
	RET

// func xgetbv() (eax, edx uint32)
TEXT ·xgetbv(SB), NOSPLIT, $0-8
	MOVL $0, CX
	XGETBV
	MOVL AX, eax+0(FP)
	MOVL DX, edx+4(FP)
	RET

// func indexBlocksAVX2(b []byte, stop, high []uint64)
// For each 64-byte block of b: a stop word marking '"', '\\' and bytes
// below 0x20, and a high word marking bytes >= 0x80. The caller passes
// len(b) = 64*len(stop) = 64*len(high).
TEXT ·indexBlocksAVX2(SB), NOSPLIT, $0-72
	MOVQ b_base+0(FP), SI
	MOVQ stop_base+24(FP), DI
	MOVQ stop_len+32(FP), CX
	MOVQ high_base+48(FP), DX
	TESTQ CX, CX
	JZ   done
	MOVL $0x22, AX
	MOVQ AX, X0
	VPBROADCASTB X0, Y0 // '"'
	MOVL $0x5c, AX
	MOVQ AX, X1
	VPBROADCASTB X1, Y1 // '\\'
	MOVL $0x1f, AX
	MOVQ AX, X2
	VPBROADCASTB X2, Y2 // the largest control character
	VPXOR Y3, Y3, Y3

loop:
	VMOVDQU (SI), Y4
	VMOVDQU 32(SI), Y5
	VPCMPEQB  Y0, Y4, Y6
	VPCMPEQB  Y1, Y4, Y7
	VPOR      Y7, Y6, Y6
	VPSUBUSB  Y2, Y4, Y7 // zero where the byte is <= 0x1f
	VPCMPEQB  Y3, Y7, Y7
	VPOR      Y7, Y6, Y6
	VPCMPEQB  Y0, Y5, Y8
	VPCMPEQB  Y1, Y5, Y9
	VPOR      Y9, Y8, Y8
	VPSUBUSB  Y2, Y5, Y9
	VPCMPEQB  Y3, Y9, Y9
	VPOR      Y9, Y8, Y8
	VPMOVMSKB Y6, AX
	VPMOVMSKB Y8, BX
	SHLQ $32, BX
	ORQ  BX, AX
	MOVQ AX, (DI)
	VPMOVMSKB Y4, R8
	VPMOVMSKB Y5, R9
	SHLQ $32, R9
	ORQ  R9, R8
	MOVQ R8, (DX)
	ADDQ $64, SI
	ADDQ $8, DI
	ADDQ $8, DX
	DECQ CX
	JNZ  loop
	VZEROUPPER

done:
	RET
