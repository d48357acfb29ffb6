package cloudtrail

import (
	"bytes"
	"io"
	"os"
	"sync"

	"github.com/klauspost/compress/gzip"

	"github.com/tlsfloor/tlsfloor/internal/trail/gen"
)

// BenchConfig is the data set of the package's benchmarks: realistic
// records in files of varied size (about 34k records, 43 MB of JSON).
var BenchConfig = gen.Config{Seed: 1, Files: 200, RecordsPerFile: 5, RecordsPerFileMax: 1000,
	DuplicatePercent: 1, NoTLSPercent: 10, Rich: true}

// BenchData is gzData for the external benchmarks (gen_test.go).
var BenchData = gzData

// plainData is the data set of the package's benchmarks (BenchConfig),
// uncompressed: one JSON document per file.
var plainData = sync.OnceValues(func() ([][]byte, int64) {
	var docs [][]byte
	blobs, size := gzData()
	for _, b := range blobs {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			panic(err)
		}
		if b, err = io.ReadAll(zr); err != nil {
			panic(err)
		}
		docs = append(docs, b)
	}
	return docs, size
})

// gzData is plainData as written, gzip compressed.
var gzData = sync.OnceValues(func() ([][]byte, int64) {
	dir, err := os.MkdirTemp("", "ctbench")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	sum, err := gen.Generate(dir, BenchConfig)
	if err != nil {
		panic(err)
	}
	var blobs [][]byte
	for _, f := range sum.Files {
		b, err := os.ReadFile(f)
		if err != nil {
			panic(err)
		}
		blobs = append(blobs, b)
	}
	return blobs, sum.RawBytes
})
