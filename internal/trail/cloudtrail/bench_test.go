//go:build unix

package cloudtrail

import (
	"bytes"
	"io"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"
)

// BenchmarkDecode measures the decoder alone on uncompressed JSON, in
// MB/s, and BenchmarkDecodeCount the decoder with the Aggregator.
func BenchmarkDecode(b *testing.B) {
	benchDecode(b, func(*raw) {})
}

func BenchmarkDecodeCount(b *testing.B) {
	benchDecode(b, newBenchAggregator(b).addRaw)
}

// newBenchAggregator returns an Aggregator whose eventID log spills into
// b's temporary directory and is removed when b ends.
func newBenchAggregator(b *testing.B) *Aggregator {
	agg := NewAggregator(Options{TempDir: b.TempDir()})
	b.Cleanup(func() { agg.Close() })
	return agg
}

func benchDecode(b *testing.B, fn func(*raw)) {
	docs, size := plainData()
	rd := NewReader()
	b.SetBytes(size)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		for _, doc := range docs {
			if _, err := rd.read(bytes.NewReader(doc), "bench", fn); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportCPU(b, size, cpu)
}

// BenchmarkInflate measures decompression alone and
// BenchmarkInflateDecodeCount decompression, decoding and counting, both
// on one core (GOMAXPROCS=1) and on the data of BenchmarkDecode: the
// ratio of their MB/cpu-s is the end-to-end rate on one core as a share
// of the inflate-only rate.
func BenchmarkInflate(b *testing.B) {
	blobs, size := gzData()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	zr := new(gzip.Reader)
	b.SetBytes(size)
	cpu := cpuTime()
	for b.Loop() {
		for _, blob := range blobs {
			if err := zr.Reset(bytes.NewReader(blob)); err != nil {
				b.Fatal(err)
			}
			if _, err := io.Copy(io.Discard, zr); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportCPU(b, size, cpu)
}

func BenchmarkInflateDecodeCount(b *testing.B) {
	blobs, size := gzData()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	agg := newBenchAggregator(b)
	rd := NewReader()
	b.SetBytes(size)
	cpu := cpuTime()
	for b.Loop() {
		for _, blob := range blobs {
			st, err := rd.read(bytes.NewReader(blob), "bench", agg.addRaw)
			if err != nil {
				b.Fatal(err)
			}
			agg.AddFile(st, err)
		}
	}
	reportCPU(b, size, cpu)
}

// cpuTime returns the CPU time the process has used. On a machine shared
// with other work, throughput per CPU second varies less than per second
// of wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports MB of JSON per CPU second since start.
func reportCPU(b *testing.B, size int64, start time.Duration) {
	if d := cpuTime() - start; d > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/d.Seconds()/1e6, "MB/cpu-s")
	}
}
