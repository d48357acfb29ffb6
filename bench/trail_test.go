//go:build unix

package bench

import (
	"bytes"
	stdgzip "compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/tlsfloor/tlsfloor/internal/trail/cloudtrail"
	"github.com/tlsfloor/tlsfloor/internal/trail/gen"
)

// trailParts is how many data sets TestTrailPeers generates, each about
// a quarter of the total, in parallel; the first alone is the small input
// of the memory comparison.
const trailParts = 4

// trailConfig is one generated data set: realistic records (about 1.2
// KB, gzip ratio about 8) in delivery files of 5 to 1,000 records.
func trailConfig(part, files int) gen.Config {
	return gen.Config{Seed: uint64(100 + part), Files: files, RecordsPerFile: 5, RecordsPerFileMax: 1000,
		DuplicatePercent: 1, NoTLSPercent: 10, Rich: true,
		Start: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC).AddDate(0, part, 0)}
}

// TestTrailPeers generates TLSFLOOR_BENCH_TRAIL_GB (default 2) GB of
// CloudTrail JSON in the S3 key layout and, in one run, times plain
// decompression (gzip -dc, and in-process with compress/gzip and
// klauspost/compress), tlsfloor trail (in-process Scan with 1 worker on
// one core and with 2 workers; the built binary on the whole input on one
// and on two cores, on a quarter of it, and on one core over one to four
// quarters, for peak memory), and
// `zcat | jq` computing the same grouping on a quarter of the input. It
// checks that jq and tlsfloor count the same callers. It runs only with
// TLSFLOOR_BENCH=1. With TLSFLOOR_BENCH_TRAIL_DIR the data is written
// there and kept, for runs by hand.
func TestTrailPeers(t *testing.T) {
	if os.Getenv("TLSFLOOR_BENCH") != "1" {
		t.Skip("set TLSFLOOR_BENCH=1 to compare tlsfloor trail with gzip and jq on generated CloudTrail files")
	}
	gb := 2.0
	if v := os.Getenv("TLSFLOOR_BENCH_TRAIL_GB"); v != "" {
		var err error
		if gb, err = strconv.ParseFloat(v, 64); err != nil {
			t.Fatal(err)
		}
	}
	load, _ := os.ReadFile("/proc/loadavg")
	t.Logf("load average before: %s", strings.TrimSpace(string(load)))
	dir := os.Getenv("TLSFLOOR_BENCH_TRAIL_DIR") // kept for runs by hand
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	data := generateTrail(t, dir, gb)
	t.Logf("generated %d files, %.1f MB of JSON (%.1f MB gzip) in %s",
		len(data.files), trailMB(data.raw), trailMB(data.gz), data.took.Round(time.Second))

	var rows []trailRow
	add := func(r trailRow) trailRow {
		rows = append(rows, r)
		t.Logf("%s: %.1f MB in %.2f s (%.2f s CPU): %.0f MB/s", r.tool, trailMB(r.input), r.wall.Seconds(), r.cpu.Seconds(), r.mbps)
		return r
	}
	gzdc := add(gunzipProcess(t, data))
	add(gunzipInProcess(t, data, "compress/gzip", func() trailGunzipper { return new(stdgzip.Reader) }))
	gz := add(gunzipInProcess(t, data, "klauspost gzip", func() trailGunzipper { return new(gzip.Reader) }))
	one := add(scanInProcess(t, data, 1))
	two := add(scanInProcess(t, data, 2))
	bin := buildTlsfloor(t)
	small := add(trailBinary(t, bin, data.parts[0], "tlsfloor binary, 1/4", 2))
	large := add(trailBinary(t, bin, data.all, "tlsfloor binary", 2))
	binOne := add(trailBinary(t, bin, data.all, "tlsfloor binary", 1))
	growth := rssByInput(t, bin, data.parts)
	jq := add(jqGrouping(t, data.parts[0]))
	load, _ = os.ReadFile("/proc/loadavg")
	t.Logf("load average after: %s", strings.TrimSpace(string(load)))
	t.Log("\n" + formatTrailRows(rows))
	t.Logf("1 worker / klauspost gunzip: %.2f by wall time, %.2f by CPU time (goal >= 0.8); / gzip -dc: %.2f, %.2f",
		one.mbps/gz.mbps, gz.cpu.Seconds()/one.cpu.Seconds(), one.mbps/gzdc.mbps, gzdc.cpu.Seconds()/one.cpu.Seconds())
	t.Logf("binary on 1 core / gzip -dc: %.2f by wall time, %.2f by CPU time (goal >= 0.8); / klauspost gunzip: %.2f, %.2f",
		binOne.mbps/gzdc.mbps, gzdc.cpu.Seconds()/binOne.cpu.Seconds(), binOne.mbps/gz.mbps, gz.cpu.Seconds()/binOne.cpu.Seconds())
	t.Logf("1 worker / jq: %.1fx by wall time, %.1fx by CPU time (goal >= 12x)",
		one.mbps/jq.mbps, cpuRate(one)/cpuRate(jq))
	t.Logf("2 workers / 1 worker: %.2f (goal near 2)", two.mbps/one.mbps)
	t.Logf("peak RSS: %.0f MB on %.0f MB of JSON, %.0f MB on %.0f MB",
		trailMB(small.rss), trailMB(small.input), trailMB(large.rss), trailMB(large.input))
	t.Logf("peak RSS of the binary on one core, by input: %s", growth)
}

// rssByInput runs the binary on one core over the first 1, 2, ... parts
// and lists its peak resident set for each input size.
func rssByInput(t *testing.T, bin string, parts []trailInput) string {
	var in trailInput
	var out []string
	for _, p := range parts {
		in.add(p)
		r := trailBinary(t, bin, in, "tlsfloor binary", 1)
		out = append(out, fmt.Sprintf("%.0f MB on %.0f MB", trailMB(r.rss), trailMB(r.input)))
	}
	return strings.Join(out, ", ")
}

// cpuRate is MB of JSON per CPU second.
func cpuRate(r trailRow) float64 { return trailMB(r.input) / r.cpu.Seconds() }

// trailData is the generated input.
type trailData struct {
	all   trailInput
	parts []trailInput
	files []string
	raw   int64
	gz    int64
	took  time.Duration
}

// trailInput is a set of delivery files.
type trailInput struct {
	dirs    []string
	files   []string
	raw, gz int64
	records int
	summary []*gen.Summary
}

// generateTrail writes trailParts data sets of gb/trailParts GB each,
// then more until the total reaches gb.
func generateTrail(t *testing.T, dir string, gb float64) trailData {
	start := time.Now()
	const meanFile = 233 << 10 // bytes of JSON per file of 5..1000 records
	files := int(1.05*gb*1e9/trailParts/meanFile) + 1
	parts := make([]trailInput, trailParts)
	var wg sync.WaitGroup
	errs := make([]error, trailParts)
	for p := range parts {
		wg.Go(func() { parts[p], errs[p] = generatePart(dir, p, files) })
	}
	wg.Wait()
	for p, err := range errs {
		if err != nil {
			t.Fatalf("part %d: %v", p, err)
		}
	}
	data := trailData{parts: parts}
	for _, p := range parts {
		data.all.add(p)
	}
	for p := trailParts; float64(data.all.raw) < gb*1e9; p++ {
		more, err := generatePart(dir, p, int((gb*1e9-float64(data.all.raw))/meanFile)+1)
		if err != nil {
			t.Fatal(err)
		}
		data.all.add(more)
	}
	data.files, data.raw, data.gz = data.all.files, data.all.raw, data.all.gz
	data.took = time.Since(start)
	return data
}

// generatePart writes data set p.
func generatePart(dir string, p, files int) (trailInput, error) {
	d := filepath.Join(dir, fmt.Sprintf("part%d", p))
	sum, err := gen.Generate(d, trailConfig(p, files))
	if err != nil {
		return trailInput{}, err
	}
	return trailInput{dirs: []string{d}, files: sum.Files, raw: sum.RawBytes, gz: sum.GzBytes,
		records: sum.Records, summary: []*gen.Summary{sum}}, nil
}

// add appends the files of p.
func (in *trailInput) add(p trailInput) {
	in.dirs = append(in.dirs, p.dirs...)
	in.files = append(in.files, p.files...)
	in.raw += p.raw
	in.gz += p.gz
	in.records += p.records
	in.summary = append(in.summary, p.summary...)
}

// trailRow is one line of the results table.
type trailRow struct {
	tool    string
	input   int64 // bytes of JSON read
	wall    time.Duration
	cpu     time.Duration
	mbps    float64 // JSON per wall second
	rss     int64   // peak resident set, when measured
	callers int     // callers below the floor found, when counted
	note    string
}

func newTrailRow(tool string, input int64, wall, cpu time.Duration) trailRow {
	return trailRow{tool: tool, input: input, wall: wall, cpu: cpu, mbps: trailMB(input) / wall.Seconds()}
}

func trailMB(n int64) float64 { return float64(n) / 1e6 }

// trailCPUTime is the CPU time this process has used.
func trailCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// trailRun runs cmd and returns its wall time, CPU time (with the
// children it waited for) and peak resident set.
func trailRun(t *testing.T, cmd *exec.Cmd) (time.Duration, time.Duration, int64) {
	t.Helper()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		t.Fatalf("%s: %v", cmd, err)
	}
	if err != nil && cmd.ProcessState.ExitCode() != 3 { // 3: findings below the floor
		t.Fatalf("%s: %v\n%s", cmd, err, stderr.Bytes())
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), ru.Maxrss << 10
}

// trailRunRSS is trailRun for a command whose own peak resident set is
// wanted. A child of this process cannot report it: Go starts children
// with CLONE_VM, and Linux carries the parent's peak into the child's
// ru_maxrss at execve (exec_mmap calls setmax_mm_hiwater_rss with the old
// mm; a Go test that touched 200 MB sees 202 MB for /bin/true). GNU time,
// a small process, forks the command and reports the command's own peak.
func trailRunRSS(t *testing.T, cmd *exec.Cmd) (time.Duration, time.Duration, int64) {
	t.Helper()
	timeBin, err := exec.LookPath("/usr/bin/time")
	if err != nil {
		t.Skip("/usr/bin/time (GNU time) not found: it measures the peak memory of the binary")
	}
	out := filepath.Join(t.TempDir(), "maxrss")
	wrapped := exec.Command(timeBin, append([]string{"-f", "%M", "-o", out}, cmd.Args...)...)
	wrapped.Stdout = cmd.Stdout
	wall, cpu, _ := trailRun(t, wrapped)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Fields(string(b)) // a failing command adds "Command exited with non-zero status 3"
	kb, err := strconv.ParseInt(lines[len(lines)-1], 10, 64)
	if err != nil {
		t.Fatalf("GNU time: %q: %v", b, err)
	}
	return wall, cpu, kb << 10
}

// gunzipProcess times `gzip -dc` over every file.
func gunzipProcess(t *testing.T, data trailData) trailRow {
	list := trailFileList(t, data.files)
	cmd := exec.Command("sh", "-c", `xargs -0 gzip -dc < "$1" > /dev/null`, "sh", list)
	wall, cpu, _ := trailRun(t, cmd)
	return newTrailRow("gzip -dc > /dev/null", data.raw, wall, cpu)
}

// trailFileList writes the paths NUL-separated, for xargs -0.
func trailFileList(t *testing.T, files []string) string {
	path := filepath.Join(t.TempDir(), "files")
	if err := os.WriteFile(path, []byte(strings.Join(files, "\x00")), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// trailGunzipper is a reusable gzip reader.
type trailGunzipper interface {
	io.Reader
	Reset(io.Reader) error
}

// gunzipInProcess times decompression of every file on one goroutine.
func gunzipInProcess(t *testing.T, data trailData, name string, newReader func() trailGunzipper) trailRow {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	zr := newReader()
	buf := make([]byte, 256<<10)
	wall, cpu := trailTimed(func() {
		for _, f := range data.files {
			file, err := os.Open(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := zr.Reset(file); err != nil {
				t.Fatal(err)
			}
			if _, err := io.CopyBuffer(io.Discard, zr, buf); err != nil {
				t.Fatal(err)
			}
			file.Close()
		}
	})
	return newTrailRow(name+", 1 core", data.raw, wall, cpu)
}

func trailTimed(fn func()) (time.Duration, time.Duration) {
	runtime.GC()
	cpu, start := trailCPUTime(), time.Now()
	fn()
	return time.Since(start), trailCPUTime() - cpu
}

// scanInProcess times cloudtrail.Scan over the whole input with workers
// workers and as many cores, and checks its totals against the
// generator's.
func scanInProcess(t *testing.T, data trailData, workers int) trailRow {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(workers))
	var rep *cloudtrail.Report
	var err error
	wall, cpu := trailTimed(func() {
		rep, err = cloudtrail.Scan(context.Background(), data.all.dirs, cloudtrail.Options{Workers: workers})
	})
	if err != nil {
		t.Fatal(err)
	}
	checkTotals(t, rep, data.all)
	row := newTrailRow(fmt.Sprintf("tlsfloor Scan, %d worker(s), %d core(s)", workers, workers), data.raw, wall, cpu)
	row.callers = len(rep.Callers)
	return row
}

// checkTotals compares a report with what the generator wrote.
func checkTotals(t *testing.T, rep *cloudtrail.Report, in trailInput) {
	t.Helper()
	tot := rep.Totals
	dups := 0
	classes := map[string]int{}
	for _, s := range in.summary {
		dups += s.Duplicates
		for c, n := range s.WithoutByClass {
			classes[c] += n
		}
	}
	if tot.Files != len(in.files) || tot.Read != in.records || tot.Duplicates != dups ||
		len(tot.Unreadable) > 0 || !tot.Reconciles() {
		t.Errorf("totals %+v; generated %d files, %d records, %d duplicates", tot, len(in.files), in.records, dups)
	}
	for _, c := range cloudtrail.Classes() {
		if tot.WithoutTLS.ByClass[c] != classes[c.String()] {
			t.Errorf("without a TLS version, %s: %d records; generated %d", c, tot.WithoutTLS.ByClass[c], classes[c.String()])
		}
	}
}

// buildTlsfloor builds the command.
func buildTlsfloor(t *testing.T) string {
	bin := filepath.Join(t.TempDir(), "tlsfloor")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/tlsfloor/tlsfloor/cmd/tlsfloor").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// trailBinary runs `tlsfloor trail --format json` on the input.
func trailBinary(t *testing.T, bin string, in trailInput, name string, cores int) trailRow {
	out := filepath.Join(t.TempDir(), "trail.json")
	args := []string{"trail", "--format", "json", "-o", out, "--workers", strconv.Itoa(cores)}
	cmd := exec.Command(bin, append(args, in.dirs...)...)
	cmd.Env = append(os.Environ(), "GOMAXPROCS="+strconv.Itoa(cores))
	wall, cpu, rss := trailRunRSS(t, cmd)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Findings []struct {
			RuleID string `json:"rule_id"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s output: %v", name, err)
	}
	row := newTrailRow(fmt.Sprintf("%s, %d core(s)", name, cores), in.raw, wall, cpu)
	row.rss = rss
	for _, f := range doc.Findings {
		if f.RuleID == "TF-TRAIL-CALLER" { // the others are callers without a TLS version
			row.callers++
		}
	}
	return row
}

// jqProgram groups the distinct records below TLS 1.2 by the caller key
// tlsfloor uses (account, principal ARN, type, access key, source IP, VPC
// endpoint, user agent, event source) and counts them: one array of
// [key, count] per caller. Records repeating an eventID count once
// (unique_by; a reduce into an object keyed by eventID ran at about
// 1 MB/s here).
const jqProgram = `
def s: . // "";
def below: (.tlsDetails.tlsVersion | s | ltrimstr(" ") | rtrimstr(" ")) as $v
  | $v == "TLSv1" or $v == "TLSv1.0" or $v == "TLSv1.1" or $v == "SSLv3";
def key: [ (if (.recipientAccountId | s) != "" then .recipientAccountId else (.userIdentity.accountId | s) end),
  (.userIdentity.arn | s), (.userIdentity.type | s), (.userIdentity.accessKeyId | s),
  (.sourceIPAddress | s), (.vpcEndpointId | s), (.userAgent | s), (.eventSource | s) ];
[ inputs | .Records[] | select(below) | [(.eventID | s), key] ]
| unique_by(.[0]) | map(.[1]) | group_by(.) | map([.[0], length])
`

// jqGrouping times zcat | jq over the input and checks its groups
// against cloudtrail.Scan's callers on the same files.
func jqGrouping(t *testing.T, in trailInput) trailRow {
	if _, err := exec.LookPath("jq"); err != nil {
		t.Skip("jq not found (Debian package jq)")
	}
	list := trailFileList(t, in.files)
	out := filepath.Join(t.TempDir(), "jq.json")
	cmd := exec.Command("sh", "-c", `xargs -0 zcat < "$1" | jq -n -c "$2" > "$3"`, "sh", list, jqProgram, out)
	wall, cpu, rss := trailRunRSS(t, cmd)
	groups := readJQGroups(t, out)
	rep, err := cloudtrail.Scan(context.Background(), in.dirs, cloudtrail.Options{})
	if err != nil {
		t.Fatal(err)
	}
	compareCallers(t, groups, rep.Callers)
	row := newTrailRow("zcat | jq, 1/4 of the input", in.raw, wall, cpu)
	row.rss, row.callers = rss, len(groups)
	return row
}

// readJQGroups reads the program's output: caller key to count.
func readJQGroups(t *testing.T, path string) map[cloudtrail.CallerKey]int {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rows [][2]json.RawMessage
	if err := json.Unmarshal(b, &rows); err != nil {
		t.Fatalf("jq output: %v", err)
	}
	groups := make(map[cloudtrail.CallerKey]int, len(rows))
	for _, r := range rows {
		var k [8]string
		var n int
		if err := json.Unmarshal(r[0], &k); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(r[1], &n); err != nil {
			t.Fatal(err)
		}
		groups[cloudtrail.CallerKey{Account: k[0], PrincipalARN: k[1], PrincipalType: k[2], AccessKeyID: k[3],
			SourceIP: k[4], VPCEndpoint: k[5], UserAgent: k[6], EventSource: k[7]}] = n
	}
	return groups
}

// compareCallers fails unless jq's groups are tlsfloor's callers.
func compareCallers(t *testing.T, groups map[cloudtrail.CallerKey]int, callers []cloudtrail.Caller) {
	t.Helper()
	if len(groups) != len(callers) {
		t.Errorf("jq found %d callers, tlsfloor %d", len(groups), len(callers))
	}
	for _, c := range callers {
		if groups[c.CallerKey] != c.Count {
			t.Errorf("caller %+v: jq counts %d, tlsfloor %d", c.CallerKey, groups[c.CallerKey], c.Count)
		}
	}
}

// formatTrailRows renders the results table.
func formatTrailRows(rows []trailRow) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "tool\tJSON MB\tseconds\tCPU s\tMB/s\tMB/CPU s\tpeak RSS MB\tcallers")
	for _, r := range rows {
		rss, callers := "", ""
		if r.rss > 0 {
			rss = fmt.Sprintf("%.0f", trailMB(r.rss))
		}
		if r.callers > 0 {
			callers = strconv.Itoa(r.callers)
		}
		fmt.Fprintf(w, "%s\t%.0f\t%.2f\t%.2f\t%.0f\t%.0f\t%s\t%s\n", r.tool, trailMB(r.input), r.wall.Seconds(), r.cpu.Seconds(), r.mbps, cpuRate(r), rss, callers)
	}
	w.Flush()
	return b.String()
}

// TestTrailJQAgrees runs the jq program of TestTrailPeers and
// cloudtrail.Scan on a small generated input: they must find the same
// callers with the same counts. It needs jq.
func TestTrailJQAgrees(t *testing.T) {
	if _, err := exec.LookPath("jq"); err != nil {
		t.Skip("jq not found (Debian package jq)")
	}
	dir := t.TempDir()
	cfg := trailConfig(0, 30)
	cfg.RecordsPerFileMax = 60
	cfg.DuplicatePercent = 5
	sum, err := gen.Generate(dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	in := trailInput{dirs: []string{dir}, files: sum.Files, raw: sum.RawBytes, records: sum.Records, summary: []*gen.Summary{sum}}
	row := jqGrouping(t, in)
	if row.callers == 0 {
		t.Error("no callers below the floor in the generated data")
	}
	rep, err := cloudtrail.Scan(context.Background(), []string{dir}, cloudtrail.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	checkTotals(t, rep, in)
}
