package cloudtrail

import (
	"cmp"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
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
	in, err := listInputs(paths)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(in))
	for i := range in {
		names[i] = in[i].name
	}
	return names, nil
}

// input is one file to read.
type input struct {
	name string
	size int64 // on disk; for scheduling and progress
	open func() (io.ReadCloser, error)
}

// listInputs is ListFiles with each file's size.
func listInputs(paths []string) ([]input, error) {
	var in []input
	for _, root := range paths {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return err
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			in = append(in, input{name: p, size: info.Size(), open: func() (io.ReadCloser, error) { return os.Open(p) }})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(in, func(a, b input) int { return strings.Compare(a.name, b.name) })
	return slices.CompactFunc(in, func(a, b input) bool { return a.name == b.name }), nil
}

// Scan reads every file under paths and aggregates their records. Files
// are decoded by Options.Workers goroutines, each counting into its own
// Aggregator and logging eventIDs into one shared log; at the end the
// duplicates across all files are taken back and the aggregates merged.
// The report is the same for any number of workers. A file that fails to
// decode is listed in Totals.Unreadable, in path order; only a failure to
// list paths, to write the eventID log (see Options.TempDir) or a
// cancelled ctx returns an error.
func Scan(ctx context.Context, paths []string, opt Options) (*Report, error) {
	in, err := listInputs(paths)
	if err != nil {
		return nil, err
	}
	return scanInputs(ctx, in, opt)
}

// ScanReader aggregates one delivery file read from r (stdin, say); name
// is used in errors, which are reported in Totals.Unreadable. It fails only
// when the eventID log cannot be written (see Options.TempDir).
func ScanReader(r io.Reader, name string, opt Options) (*Report, error) {
	agg := NewAggregator(opt)
	defer agg.Close()
	st, err := newReader(opt.MaxRecordBytes).read(r, name, agg.addRaw)
	agg.AddFile(st, err)
	return agg.Report()
}

// MaxWorkers bounds Options.Workers: entries of the eventID log name their
// worker in 16 bits.
const MaxWorkers = 1 << 16

// scanInputs reads the inputs with opt.Workers goroutines. Large files
// are started first, so that none is left alone at the end.
func scanInputs(ctx context.Context, in []input, opt Options) (*Report, error) {
	opt = opt.withDefaults()
	workers := cmp.Or(opt.Workers, runtime.GOMAXPROCS(0))
	workers = max(1, min(workers, len(in), MaxWorkers))
	order := make([]int, len(in))
	var prog progress
	for i := range order {
		order[i] = i
		prog.bytes += in[i].size
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(in[b].size, in[a].size) })
	prog.files = len(in)

	log := newDupLog(opt.IDMemory, opt.TempDir)
	defer log.close()
	aggs := make([]*Aggregator, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range aggs {
		aggs[w] = newAggregator(opt, log, uint16(w))
		sw := &scanWorker{ctx: ctx, rd: newReader(opt.MaxRecordBytes), agg: aggs[w]}
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(len(order)) && ctx.Err() == nil && sw.agg.err == nil; i = next.Add(1) - 1 {
				f := &in[order[i]]
				sw.file(f)
				prog.filesDone.Add(1)
				prog.bytesDone.Add(f.size)
			}
			sw.agg.flushIDs()
		})
	}
	prog.wait(&wg, opt)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return mergeAll(aggs, log)
}

// mergeAll takes back the duplicates the workers counted and merges
// their aggregates.
func mergeAll(aggs []*Aggregator, log *dupLog) (*Report, error) {
	for _, a := range aggs {
		if a.err != nil {
			return nil, a.err
		}
	}
	var mu sync.Mutex // duplicates are few: one lock for all
	undo := func(e *entry) {
		mu.Lock()
		defer mu.Unlock()
		aggs[e.agg].undo(e)
	}
	if err := log.resolve(undo, false, len(aggs)); err != nil {
		return nil, err
	}
	for _, b := range aggs[1:] {
		aggs[0].merge(b)
	}
	slices.SortStableFunc(aggs[0].totals.Unreadable, func(a, b *FileError) int { return strings.Compare(a.File, b.File) })
	return aggs[0].report(), nil
}

// progress counts the files read, for Options.Progress.
type progress struct {
	files                int
	bytes                int64
	filesDone, bytesDone atomic.Int64
}

// wait waits for wg, calling opt.Progress every opt.ProgressEvery and
// once at the end.
func (p *progress) wait(wg *sync.WaitGroup, opt Options) {
	if opt.Progress == nil {
		wg.Wait()
		return
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	t := time.NewTicker(opt.ProgressEvery)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			opt.Progress(p.now())
		case <-done:
			opt.Progress(p.now())
			return
		}
	}
}

func (p *progress) now() Progress {
	return Progress{Files: p.files, FilesDone: int(p.filesDone.Load()),
		Bytes: p.bytes, BytesDone: p.bytesDone.Load()}
}

// scanWorker reads files into its own Aggregator.
type scanWorker struct {
	ctx context.Context
	rd  *Reader
	agg *Aggregator
}

// file classifies, reads and counts one file.
func (w *scanWorker) file(in *input) {
	if k := Classify(in.name); k != KindLog {
		w.agg.Skip(k)
		return
	}
	f, err := in.open()
	if err != nil {
		w.agg.AddFile(FileStats{}, &FileError{File: in.name, Record: -1, Err: err})
		return
	}
	st, err := w.rd.read(ctxReader{w.ctx, f}, in.name, w.agg.addRaw)
	f.Close()
	w.agg.AddFile(st, err)
}

// ctxReader stops reading once ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
