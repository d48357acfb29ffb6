package bench

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// gosecModules are the modules of the module cache gosec is run on: they
// type-check offline from the cache and set crypto/tls options in
// non-test code. TLSFLOOR_BENCH_GOSEC (comma-separated, relative to
// GOMODCACHE) overrides them.
var gosecModules = []string{
	"github.com/google/s2a-go@v0.1.11",
	"golang.org/x/net@v0.61.0",
	"google.golang.org/grpc@v1.84.0",
}

// goRuleIDs are the tlsfloor rules that cover gosec's G402.
var goRuleIDs = map[string]bool{"TF-GO-001": true, "TF-GO-002": true, "TF-GO-003": true, "TF-GO-004": true}

// gosecReport is the part of `gosec -fmt=json` read here.
type gosecReport struct {
	Issues []struct {
		RuleID  string `json:"rule_id"`
		File    string `json:"file"`
		Line    string `json:"line"` // "12" or "12-14"
		Details string `json:"details"`
		Code    string `json:"code"`
	} `json:"Issues"`
	Stats struct {
		Files int `json:"files"`
		Found int `json:"found"`
	} `json:"Stats"`
	Errors map[string]json.RawMessage `json:"Golang errors"`
}

// gosecIssue is one G402 finding: its file relative to the module, and
// its line range.
type gosecIssue struct {
	file       string
	start, end int
	details    string
}

// parseGosec reads gosec's JSON report; files are made relative to dir.
func parseGosec(out []byte, dir string) (gosecReport, []gosecIssue, error) {
	var r gosecReport
	if err := json.Unmarshal(out, &r); err != nil {
		return r, nil, fmt.Errorf("gosec report: %w", err)
	}
	var is []gosecIssue
	for _, x := range r.Issues {
		lo, hi, _ := strings.Cut(x.Line, "-")
		start, err := strconv.Atoi(lo)
		if err != nil {
			return r, nil, fmt.Errorf("gosec line %q: %w", x.Line, err)
		}
		end := start
		if hi != "" {
			if end, err = strconv.Atoi(hi); err != nil {
				return r, nil, fmt.Errorf("gosec line %q: %w", x.Line, err)
			}
		}
		rel, err := filepath.Rel(dir, x.File)
		if err != nil {
			rel = x.File
		}
		is = append(is, gosecIssue{file: filepath.ToSlash(rel), start: start, end: end, details: x.Details})
	}
	return r, is, nil
}

// missed returns the gosec issues no TF-GO-001..004 finding falls on:
// same file, a line within the issue's range.
func missed(is []gosecIssue, fs []finding.Finding) []gosecIssue {
	var out []gosecIssue
	for _, x := range is {
		found := false
		for _, f := range fs {
			l := f.Location
			if goRuleIDs[f.RuleID] && l.Path == x.file && l.Line >= x.start && l.Line <= x.end {
				found = true
				break
			}
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}

// gosecBin returns gosec's path: TLSFLOOR_BENCH_GOSEC_BIN, or gosec on PATH.
func gosecBin() string {
	if b := os.Getenv("TLSFLOOR_BENCH_GOSEC_BIN"); b != "" {
		return b
	}
	b, _ := exec.LookPath("gosec")
	return b
}

// compareGosec runs gosec's G402 rule and tlsfloor on copies of the
// modules, checking that tlsfloor reports every G402 finding.
func compareGosec(t *testing.T) []scanRow {
	bin := gosecBin()
	if bin == "" {
		t.Log("gosec not found (GOBIN=/tmp/gosecbin go install github.com/securego/gosec/v2/cmd/gosec@latest, then TLSFLOOR_BENCH_GOSEC_BIN=/tmp/gosecbin/gosec): skipping")
		return nil
	}
	if v, err := exec.Command(bin, "-version").CombinedOutput(); err == nil {
		t.Logf("gosec: %s", strings.Join(strings.Fields(string(v)), " "))
	}
	mods := gosecModules
	if v := os.Getenv("TLSFLOOR_BENCH_GOSEC"); v != "" {
		mods = strings.Split(v, ",")
	}
	modcache := goEnv(t, "GOMODCACHE")
	var rows []scanRow
	for _, m := range mods {
		rows = append(rows, gosecModule(t, bin, filepath.Join(modcache, m), m)...)
	}
	return rows
}

// gosecModule compares the tools on one module, copied to a temporary
// directory so that the read-only cache is not touched.
func gosecModule(t *testing.T, bin, src, name string) []scanRow {
	dir := copyTree(t, src)
	short := filepath.Base(name)
	cmd := exec.Command(bin, "-include=G402", "-fmt=json", "-quiet", "./...")
	cmd.Dir = dir
	// Offline, from the module cache; go.sum may be absent from a copy.
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod", "GOWORK=off", "GOTOOLCHAIN=local", "GOSUMDB=off")
	start := time.Now()
	out, err := cmd.Output()
	gd := time.Since(start)
	if ee, ok := err.(*exec.ExitError); err != nil && !(ok && ee.ExitCode() == 1) {
		t.Fatalf("gosec on %s: %v\n%s", name, err, ee.Stderr)
	}
	rep, is, err := parseGosec(out, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Errors) > 0 {
		t.Logf("%s: gosec reported load errors in %d packages", name, len(rep.Errors))
	}
	res, td := runTLSFloor(t, []string{dir})
	var goFs []finding.Finding
	for _, f := range res.Findings {
		if goRuleIDs[f.RuleID] {
			goFs = append(goFs, f)
		}
	}
	miss := missed(is, goFs)
	t.Logf("%s: gosec G402 %d, tlsfloor TF-GO-001..004 %d (of %d findings, tests included), missed %d", name, len(is), len(goFs), len(res.Findings), len(miss))
	for _, x := range miss {
		t.Logf("  MISSED %s:%d-%d %s", x.file, x.start, x.end, x.details)
	}
	ratio := fmt.Sprintf("%.1fx (goal >= 10x)", gd.Seconds()/td.Seconds())
	return []scanRow{
		{tool: "gosec G402", target: short, files: rep.Stats.Files, seconds: gd.Seconds(), rate: float64(rep.Stats.Files) / gd.Seconds(), findings: len(is)},
		{tool: "tlsfloor", target: short, files: res.Summary.Read, seconds: td.Seconds(), rate: float64(res.Summary.Read) / td.Seconds(), findings: len(goFs), ratio: ratio},
	}
}

// copyTree copies src to a temporary directory, writable, with cp -R.
func copyTree(t *testing.T, src string) string {
	dst := filepath.Join(t.TempDir(), "mod")
	if out, err := exec.Command("cp", "-R", src, dst).CombinedOutput(); err != nil {
		t.Fatalf("cp %s: %v\n%s", src, err, out)
	}
	if out, err := exec.Command("chmod", "-R", "u+w", dst).CombinedOutput(); err != nil {
		t.Fatalf("chmod: %v\n%s", err, out)
	}
	return dst
}
