package cloudtrail

import (
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
)

// Kind classifies a file by its path.
type Kind int

const (
	// KindLog is a delivery file of records (.json.gz or .json).
	KindLog Kind = iota
	// KindDigest is a log file validation digest (CloudTrail-Digest).
	KindDigest
	// KindInsight is an Insights events file (CloudTrail-Insight).
	KindInsight
	// KindOther is any other file.
	KindOther
)

// Classify tells a file's kind from its path, following the S3 key layout
// AWSLogs/[o-orgid/]ACCOUNT/CloudTrail[-Digest|-Insight]/REGION/YYYY/MM/DD/
// ACCOUNT_CloudTrail[-Digest|-Insight]_REGION_..._.json.gz.
func Classify(path string) Kind {
	slashed := filepath.ToSlash(path)
	base := slashed[strings.LastIndexByte(slashed, '/')+1:]
	switch {
	case strings.Contains(base, "_CloudTrail-Digest_") || strings.Contains(slashed, "/CloudTrail-Digest/"):
		return KindDigest
	case strings.Contains(base, "_CloudTrail-Insight_") || strings.Contains(slashed, "/CloudTrail-Insight/"):
		return KindInsight
	case strings.HasSuffix(base, ".json.gz") || strings.HasSuffix(base, ".json"):
		return KindLog
	}
	return KindOther
}

// ListFiles returns the regular files under each path (a file or a
// directory walked recursively), sorted and without repeats.
func ListFiles(paths []string) ([]string, error) {
	var files []string
	for _, root := range paths {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(files)
	return slices.Compact(files), nil
}

// fileResult is one decoded file, ready to be merged in order.
type fileResult struct {
	kind    Kind
	records []Record
	stats   FileStats
	err     error
}

// Scan reads every file under paths and aggregates their records. Files
// are decoded by Options.Workers goroutines and merged in path order, so the
// report is the same for any worker count. A file that fails to decode is
// listed in Totals.Unreadable; only a failure to list paths or a cancelled
// ctx returns an error.
func Scan(ctx context.Context, paths []string, opt Options) (*Report, error) {
	files, err := ListFiles(paths)
	if err != nil {
		return nil, err
	}
	agg := NewAggregator(opt)
	if err := scanFiles(ctx, files, opt.Workers, agg); err != nil {
		return nil, err
	}
	return agg.Report(), nil
}

// ScanReader aggregates one delivery file read from r (stdin, say); name
// is used in errors.
func ScanReader(r io.Reader, name string, opt Options) *Report {
	agg := NewAggregator(opt)
	st, err := ReadRecords(r, name, agg.Add)
	agg.AddFile(st, err)
	return agg.Report()
}

// scanFiles decodes files in parallel and feeds agg in order. At most
// 2*workers decoded files wait in memory.
func scanFiles(ctx context.Context, files []string, workers int, agg *Aggregator) error {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	slots := make(chan chan fileResult, 2*workers)
	jobs := make(chan job)
	for range workers {
		go worker(ctx, jobs)
	}
	go func() {
		defer close(slots)
		defer close(jobs)
		for _, f := range files {
			slot := make(chan fileResult, 1)
			select {
			case slots <- slot:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{path: f, out: slot}:
			case <-ctx.Done():
				return
			}
		}
	}()
	for slot := range slots {
		select {
		case res := <-slot:
			merge(agg, res)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return ctx.Err()
}

type job struct {
	path string
	out  chan<- fileResult
}

func worker(ctx context.Context, jobs <-chan job) {
	rd := NewReader()
	for j := range jobs {
		if ctx.Err() != nil {
			j.out <- fileResult{err: ctx.Err()}
			continue
		}
		j.out <- rd.readFile(j.path)
	}
}

// readFile classifies and decodes one file.
func (rd *Reader) readFile(path string) fileResult {
	res := fileResult{kind: Classify(path)}
	if res.kind != KindLog {
		return res
	}
	f, err := os.Open(path)
	if err != nil {
		res.err = &FileError{File: path, Record: -1, Err: err}
		return res
	}
	defer f.Close()
	res.stats, res.err = rd.Read(f, path, func(r *Record) {
		res.records = append(res.records, *r)
	})
	return res
}

func merge(agg *Aggregator, res fileResult) {
	if res.kind != KindLog {
		agg.Skip(res.kind)
		return
	}
	for i := range res.records {
		agg.Add(&res.records[i])
	}
	agg.AddFile(res.stats, res.err)
}
