package bench

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/scan"
	"github.com/tlsfloor/tlsfloor/internal/scan/rules"
)

// scanReps is how many timed runs of each tool the throughput comparison
// makes, after one untimed warm-up run of each; TLSFLOOR_BENCH_REPS
// overrides it.
const scanReps = 3

// TestScanPeers compares tlsfloor scan, run in-process (scan.Scan with
// rules.All()), with ripgrep over one large read-only tree (the module
// cache without its download cache, and GOROOT/src), and with gosec's
// G402 rule on Go modules copied from the module cache to a temporary
// directory. It runs only with TLSFLOOR_BENCH=1.
func TestScanPeers(t *testing.T) {
	if os.Getenv("TLSFLOOR_BENCH") != "1" {
		t.Skip("set TLSFLOOR_BENCH=1 to compare tlsfloor scan with ripgrep and gosec")
	}
	roots := scanTree(t)
	tree := measureTree(t, roots)
	t.Logf("tree: %d files, %.1f MB under %s", tree.files, float64(tree.bytes)/1e6, strings.Join(roots, " "))
	rows := compareRipgrep(t, roots, tree)
	rows = append(rows, compareGosec(t)...)
	t.Log("\n" + formatRows(rows))
}

// scanTree returns the directories the throughput comparison reads:
// TLSFLOOR_BENCH_TREE (colon-separated) when set, else every top-level
// directory of GOMODCACHE but cache/ (zips and lists) and GOROOT/src.
func scanTree(t *testing.T) []string {
	if v := os.Getenv("TLSFLOOR_BENCH_TREE"); v != "" {
		return filepath.SplitList(v)
	}
	modcache, goroot := goEnv(t, "GOMODCACHE"), goEnv(t, "GOROOT")
	ents, err := os.ReadDir(modcache)
	if err != nil {
		t.Fatal(err)
	}
	var roots []string
	for _, e := range ents {
		if e.IsDir() && e.Name() != "cache" {
			roots = append(roots, filepath.Join(modcache, e.Name()))
		}
	}
	return append(roots, filepath.Join(goroot, "src"))
}

// goEnv returns `go env name`.
func goEnv(t *testing.T, name string) string {
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}

// treeSize counts the regular files under the roots and their bytes.
type treeSize struct {
	files int
	bytes int64
}

// measureTree walks the roots as both tools do: symbolic links are not
// followed and .git directories are skipped.
func measureTree(t *testing.T, roots []string) treeSize {
	var ts treeSize
	for _, r := range roots {
		err := filepath.WalkDir(r, func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return nil
			case d.IsDir() && d.Name() == ".git":
				return filepath.SkipDir
			case !d.Type().IsRegular():
				return nil
			}
			if info, err := d.Info(); err == nil {
				ts.files++
				ts.bytes += info.Size()
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return ts
}

// scanRow is one line of the results table.
type scanRow struct {
	tool     string
	target   string
	files    int // files the tool read or analysed
	seconds  float64
	rate     float64 // files per second
	mbps     float64 // megabytes of the tree per second; 0 when not measured
	findings int
	ratio    string // tlsfloor's speed over the peer's
}

// formatRows renders the table.
func formatRows(rows []scanRow) string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "tool\ttarget\tfiles\tseconds\tfiles/s\tMB/s\tfindings\tratio")
	for _, r := range rows {
		mb := "-"
		if r.mbps > 0 {
			mb = fmt.Sprintf("%.1f", r.mbps)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.3f\t%.0f\t%s\t%d\t%s\n",
			r.tool, r.target, r.files, r.seconds, r.rate, mb, r.findings, r.ratio)
	}
	tw.Flush()
	return b.String()
}

// reps returns the number of timed runs.
func reps() int {
	if n, err := strconv.Atoi(os.Getenv("TLSFLOOR_BENCH_REPS")); err == nil && n > 0 {
		return n
	}
	return scanReps
}

// median returns the median of ds.
func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// runTLSFloor scans paths in-process with every rule and vendored
// directories included, as ripgrep reads them.
func runTLSFloor(t *testing.T, paths []string) (*scan.Result, time.Duration) {
	start := time.Now()
	res, err := scan.Scan(context.Background(), paths, scan.Options{Rules: rules.All(), IncludeVendor: true})
	d := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	return res, d
}
