package cloudtrail_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	kgzip "github.com/klauspost/compress/gzip"

	"github.com/tlsfloor/tlsfloor/internal/trail/cloudtrail"
	"github.com/tlsfloor/tlsfloor/internal/trail/gen"
)

func TestGeneratedReadBack(t *testing.T) {
	dir := t.TempDir()
	sum, err := gen.Generate(dir, gen.Config{Seed: 42, Files: 30, RecordsPerFile: 40, OrgID: "o-a1b2c3d4e5", DuplicatePercent: 5, NoTLSPercent: 10})
	if err != nil {
		t.Fatal(err)
	}
	var reports []*cloudtrail.Report
	for _, workers := range []int{1, 2, 4} {
		rep, err := cloudtrail.Scan(context.Background(), []string{dir}, cloudtrail.Options{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		reports = append(reports, rep)
	}
	rep := reports[0]
	tot := rep.Totals
	if !tot.Reconciles() || tot.Read != sum.Records || tot.Duplicates != sum.Duplicates ||
		tot.WithoutTLS.NoDetails != sum.NoDetails || tot.WithoutTLS.EmptyVersion != sum.EmptyVersion ||
		tot.Files != len(sum.Files) || len(tot.Unreadable) != 0 {
		t.Fatalf("totals %+v, generated %+v", tot, sum)
	}
	// Seed 42 pinned: a change in the generator shows here.
	if sum.Records != 1200 || sum.Duplicates != 61 {
		t.Errorf("seed 42: %d records, %d duplicates", sum.Records, sum.Duplicates)
	}
	for _, c := range cloudtrail.Classes() {
		if got, want := tot.WithoutTLS.ByClass[c], sum.WithoutByClass[c.String()]; got != want {
			t.Errorf("without a TLS version, %s: %d, generated %d", c, got, want)
		}
	}
	if len(sum.WithoutByClass) != len(cloudtrail.Classes()) {
		t.Errorf("the generator wrote records without a TLS version of %d classes, want all: %v", len(sum.WithoutByClass), sum.WithoutByClass)
	}
	unknown := 0
	for _, c := range rep.Unknown {
		unknown += c.Count
		if c.Versions[""] != c.Count || len(c.Versions) != 1 {
			t.Errorf("unknown caller %s: versions %v, count %d", c.PrincipalARN, c.Versions, c.Count)
		}
	}
	if unknown != sum.WithoutByClass["customer"] {
		t.Errorf("unknown callers hold %d calls, generated %d customer records without a TLS version", unknown, sum.WithoutByClass["customer"])
	}
	byAgent := map[string]int{}
	for _, c := range rep.Callers {
		byAgent[c.UserAgent] += c.Count
	}
	if len(byAgent) != len(sum.BelowTLS12ByAgent) {
		t.Errorf("agents below floor: got %d, want %d", len(byAgent), len(sum.BelowTLS12ByAgent))
	}
	for ua, n := range sum.BelowTLS12ByAgent {
		if byAgent[ua] != n {
			t.Errorf("%s: %d calls, want %d", ua, byAgent[ua], n)
		}
	}
	byVersion := map[string]int{}
	for _, s := range rep.ByService {
		for v, n := range s.Versions {
			if v != "" {
				byVersion[v] += n
			}
		}
	}
	for v, n := range sum.ByVersion {
		if byVersion[v] != n {
			t.Errorf("%s: %d, want %d", v, byVersion[v], n)
		}
	}
	for i, workers := range []int{2, 4} {
		if !reflect.DeepEqual(reports[0], reports[i+1]) {
			t.Errorf("report with %d workers differs from the report with 1", workers)
		}
	}
}

// TestScanDuplicatesAcrossFiles copies files: each copy's records repeat
// the original's eventIDs and must be counted as duplicates, whichever
// worker reads which copy.
func TestScanDuplicatesAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	sum, err := gen.Generate(dir, gen.Config{Seed: 9, Files: 8, RecordsPerFile: 50, Rich: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range sum.Files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(strings.Replace(f, ".json.gz", "copy.json.gz", 1), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, workers := range []int{1, 2, 3} {
		rep, err := cloudtrail.Scan(context.Background(), []string{dir}, cloudtrail.Options{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		tot := rep.Totals
		if tot.Files != 16 || tot.Read != 2*sum.Records || tot.Duplicates != sum.Records+sum.Duplicates || !tot.Reconciles() {
			t.Errorf("workers %d: %+v, generated %d records with %d duplicates", workers, tot, sum.Records, sum.Duplicates)
		}
	}
}

// TestScanProgress checks the progress calls: the last one counts every
// file and byte.
func TestScanProgress(t *testing.T) {
	dir := t.TempDir()
	sum, err := gen.Generate(dir, gen.Config{Seed: 2, Files: 20, RecordsPerFile: 30})
	if err != nil {
		t.Fatal(err)
	}
	var calls []cloudtrail.Progress
	opt := cloudtrail.Options{Workers: 2, ProgressEvery: time.Millisecond,
		Progress: func(p cloudtrail.Progress) { calls = append(calls, p) }}
	if _, err := cloudtrail.Scan(context.Background(), []string{dir}, opt); err != nil {
		t.Fatal(err)
	}
	if len(calls) == 0 {
		t.Fatal("no progress")
	}
	last := calls[len(calls)-1]
	if last.Files != 20 || last.FilesDone != 20 || last.Bytes != sum.GzBytes || last.BytesDone != sum.GzBytes {
		t.Errorf("last progress %+v, want 20 files of %d bytes", last, sum.GzBytes)
	}
	for i := 1; i < len(calls); i++ {
		if calls[i].FilesDone < calls[i-1].FilesDone || calls[i].BytesDone < calls[i-1].BytesDone {
			t.Errorf("progress went back: %+v then %+v", calls[i-1], calls[i])
		}
	}
}

func TestScanCancelled(t *testing.T) {
	dir := t.TempDir()
	if _, err := gen.Generate(dir, gen.Config{Seed: 2, Files: 5, RecordsPerFile: 10}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := cloudtrail.Scan(ctx, []string{dir}, cloudtrail.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

func TestGenerateDeterministic(t *testing.T) {
	read := func() []byte {
		dir := t.TempDir()
		sum, err := gen.Generate(dir, gen.Config{Seed: 7, Files: 2, RecordsPerFile: 10, DuplicatePercent: 10})
		if err != nil {
			t.Fatal(err)
		}
		var all []byte
		for _, f := range sum.Files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, b...)
		}
		return all
	}
	if !bytes.Equal(read(), read()) {
		t.Error("same seed, different output")
	}
}

// gunzipper is the part of a gzip reader the benchmarks use.
type gunzipper interface {
	io.Reader
	Reset(io.Reader) error
}

func gunzipAll(b *testing.B, zr gunzipper, blobs [][]byte) {
	for _, blob := range blobs {
		if err := zr.Reset(bytes.NewReader(blob)); err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, zr); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGunzip measures decompression alone with compress/gzip and
// with klauspost/compress/gzip, in MB/s of JSON.
func BenchmarkGunzip(b *testing.B) {
	for _, tc := range []struct {
		name string
		zr   gunzipper
	}{
		{"stdlib", new(gzip.Reader)},
		{"klauspost", new(kgzip.Reader)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			blobs, raw := cloudtrail.BenchData()
			b.SetBytes(raw)
			for b.Loop() {
				gunzipAll(b, tc.zr, blobs)
			}
		})
	}
}

// BenchmarkReadGz measures decompression, decoding and aggregation on one
// goroutine, in MB/s of JSON, and reports gunzip-share: the fraction of
// the time decompression alone takes on the same data.
func BenchmarkReadGz(b *testing.B) {
	blobs, raw := cloudtrail.BenchData()
	zr := new(kgzip.Reader)
	var readT, gunzipT time.Duration
	b.SetBytes(raw)
	for b.Loop() {
		start := time.Now()
		readAll(b, blobs)
		readT += time.Since(start)
		b.StopTimer()
		start = time.Now()
		gunzipAll(b, zr, blobs)
		gunzipT += time.Since(start)
		b.StartTimer()
	}
	b.ReportMetric(float64(gunzipT)/float64(readT), "gunzip-share")
	b.ReportMetric(float64(raw)*float64(b.N)/gunzipT.Seconds()/1e6, "gunzip-MB/s")
}

// readAll decodes and counts the files on one goroutine.
func readAll(b *testing.B, blobs [][]byte) {
	agg := cloudtrail.NewAggregator(cloudtrail.Options{TempDir: b.TempDir()})
	defer agg.Close()
	rd := cloudtrail.NewReader()
	for _, blob := range blobs {
		st, err := rd.Read(bytes.NewReader(blob), "bench", agg.Add)
		if err != nil {
			b.Fatal(err)
		}
		agg.AddFile(st, err)
	}
}

// BenchmarkScan measures Scan over files on disk with 1 and 2 workers.
func BenchmarkScan(b *testing.B) {
	dir := b.TempDir()
	sum, err := gen.Generate(dir, cloudtrail.BenchConfig)
	if err != nil {
		b.Fatal(err)
	}
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.SetBytes(sum.RawBytes)
			for b.Loop() {
				if _, err := cloudtrail.Scan(context.Background(), []string{dir}, cloudtrail.Options{Workers: workers}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestScanMatchesAggregator reads rich records (escaped and non-ASCII
// strings among them) with Scan, whose workers share one eventID log
// (also with a log small enough to move to disk), and one by one into
// an Aggregator: the reports must agree.
func TestScanMatchesAggregator(t *testing.T) {
	dir := t.TempDir()
	sum, err := gen.Generate(dir, gen.Config{Seed: 7, Files: 12, RecordsPerFile: 5, RecordsPerFileMax: 600,
		DuplicatePercent: 3, NoTLSPercent: 10, Rich: true})
	if err != nil {
		t.Fatal(err)
	}
	// Kept fields whose decoded form differs from their JSON text.
	escaped := filepath.Join(dir, "escaped_CloudTrail_us-east-1.json")
	var doc bytes.Buffer
	doc.WriteString(`{"Records":[`)
	for i := range 40 {
		if i > 0 {
			doc.WriteByte(',')
		}
		fmt.Fprintf(&doc, `{"eventID":"e\u00e9-%d","eventTime":"2024-05-0%dT00:00:00Z","eventSource":"s\u0033.amazonaws.com",`+
			`"userAgent":"aws-cli\/1.%d \"q\" \ud83d\ude00 \xff\x80","sourceIPAddress":"198.51.100.%d",`+
			`"userIdentity":{"arn":"arn:aws:iam::111122223333:user/\u00fc%d"},"tlsDetails":{"tlsVersion":"TLSv1"}}`,
			i%30, 1+i%3, i%4, i%5, i%2)
	}
	doc.WriteString(`]}`)
	if err := os.WriteFile(escaped, bytes.ReplaceAll(doc.Bytes(), []byte(`\x`), []byte{0xff}), 0o644); err != nil {
		t.Fatal(err)
	}
	agg := cloudtrail.NewAggregator(cloudtrail.Options{})
	for _, f := range append(sum.Files, escaped) {
		r, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		st, err := cloudtrail.ReadRecords(r, f, agg.Add)
		r.Close()
		agg.AddFile(st, err)
	}
	want, err := agg.Report()
	if err != nil {
		t.Fatal(err)
	}
	agg.Close()
	if want.Totals.Duplicates == 0 {
		t.Fatal("no duplicates in the data")
	}
	for _, opt := range []cloudtrail.Options{{Workers: 1}, {Workers: 2}, {Workers: 2, IDMemory: 2000, TempDir: t.TempDir()}} {
		got, err := cloudtrail.Scan(context.Background(), []string{dir}, opt)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: Scan's report differs from the Aggregator's:\n%+v\n%+v", opt, got.Totals, want.Totals)
		}
	}
}
