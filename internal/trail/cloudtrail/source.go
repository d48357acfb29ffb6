package cloudtrail

import (
	"context"
	"io"
	"runtime"
)

// Source lists and opens delivery files kept somewhere other than the
// local file system, such as an S3 bucket (awsfloor.S3Source).
type Source interface {
	// List returns the name of every object, in the order to read them
	// (S3 lists keys in UTF-8 binary order, as Scan sorts paths). A name
	// is shown in errors and classified with Classify, so it should keep
	// the key layout: "s3://bucket/AWSLogs/.../file.json.gz".
	List(ctx context.Context) ([]string, error)
	// Open returns the content of one listed object.
	Open(ctx context.Context, name string) (io.ReadCloser, error)
}

// ScanSource is Scan over a Source: it lists src, skips digest, insight and
// other files by name without opening them (and counts them), and reads
// the rest as Scan reads files, with Options.Workers objects open at once
// (zero means runtime.NumCPU(); remote sources want more, since latency
// rather than CPU sets their pace). The report is the same as Scan's on
// the same files, whatever the scheduling. An object that fails to open or
// decode is listed in Totals.Unreadable; only a failure to list or a
// cancelled ctx returns an error. Options.Progress is called as for Scan,
// counting objects (their sizes are not known before they are read, so
// Bytes stays zero).
func ScanSource(ctx context.Context, src Source, opt Options) (*Report, error) {
	names, err := src.List(ctx)
	if err != nil {
		return nil, err
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.NumCPU()
	}
	in := make([]input, len(names))
	for i, name := range names {
		in[i] = input{name: name, open: func() (io.ReadCloser, error) { return src.Open(ctx, name) }}
	}
	return scanInputs(ctx, in, opt)
}
