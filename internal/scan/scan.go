package scan

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// DefaultMaxSize is the size above which files are skipped: 10 MB.
const DefaultMaxSize = 10 << 20

// Options say what to scan with. The zero value scans with no rules.
type Options struct {
	// Rules are the rules to run, usually rules.All().
	Rules []source.Rule
	// Exclude holds globs in .gitignore syntax, matched against paths
	// relative to each root: "*.pb.go", "testdata/", "docs/**". A later
	// "!glob" re-includes.
	Exclude []string
	// IncludeVendor scans vendor/, node_modules/, third_party/,
	// bower_components/ and .terraform/ directories, which are skipped by
	// default.
	IncludeVendor bool
	// MaxSize is the largest file read, in bytes; 0 means DefaultMaxSize.
	MaxSize int64
	// Workers is how many files are checked at once; 0 means
	// runtime.NumCPU().
	Workers int
	// Baseline holds the findings of an earlier run that are not
	// reported again; nil reports every finding.
	Baseline Baseline
}

// Result is what a scan found.
type Result struct {
	// Root is the directory reported paths are relative to: the one
	// directory scanned, or the working directory.
	Root string
	// Findings are sorted by path, line, column and rule. Suppressed
	// findings are included, with their Suppression set.
	Findings []finding.Finding
	// Summary counts the files read and, by reason, those skipped.
	Summary finding.Summary
	// Baselined is how many findings the baseline held back.
	Baselined int
	// Notes name the files skipped for reasons worth telling one by one:
	// unreadable, too large, and symbolic links out of the root or in a
	// loop; and the checks a rule could not complete.
	Notes []Note
}

// Note is one file skipped, or only partly checked, and why.
type Note struct {
	// Path is the file, as findings report it.
	Path string
	// Reason is a skip reason, or "rule <ID>" for a check that failed.
	Reason string
	// Err is the cause, when there is one.
	Err error
}

// String is "path: reason: error".
func (n Note) String() string {
	if n.Err == nil {
		return n.Path + ": " + n.Reason
	}
	return n.Path + ": " + n.Reason + ": " + n.Err.Error()
}

// Scan checks every file under paths (directories or files; "." when
// empty) with the rules of opts. It returns an error only when a path
// cannot be scanned at all or ctx ends; files it cannot read are counted
// in the summary and named in the notes.
func Scan(ctx context.Context, paths []string, opts Options) (*Result, error) {
	eng := newEngine(opts)
	roots, base, err := resolveRoots(paths)
	if err != nil {
		return nil, err
	}
	jobs, results := make(chan job, 64), make(chan fileResult, 64)
	t, wt := &tally{}, &tally{} // the collector's and the walker's
	w := &walker{ctx: ctx, eng: eng, exclude: newExcludeSet(opts.Exclude), jobs: jobs, tally: wt}
	go func() {
		defer close(jobs)
		w.walk(roots)
	}()
	var wg sync.WaitGroup
	for range eng.workers() {
		wg.Go(func() { eng.work(ctx, jobs, results) })
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	var fs []finding.Finding
	for r := range results {
		fs = append(fs, r.findings...)
		t.add(r)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	t.merge(wt) // the walker is done: it closed jobs before results closed
	return finish(base, fs, t, opts.Baseline), nil
}

// finish sorts the findings, applies the baseline and sums up.
func finish(root string, fs []finding.Finding, t *tally, b Baseline) *Result {
	slices.SortFunc(fs, compareFindings)
	res := &Result{Root: root, Findings: fs}
	if b != nil {
		res.Findings, res.Baselined = b.filter(fs)
	}
	res.Summary = t.summary(res.Findings)
	res.Notes = t.sortedNotes()
	return res
}

// compareFindings orders findings by path, line, column, rule and message.
func compareFindings(a, b finding.Finding) int {
	la, lb := a.Location, b.Location
	return cmp.Or(
		cmp.Compare(la.Path, lb.Path),
		cmp.Compare(la.Line, lb.Line),
		cmp.Compare(la.Column, lb.Column),
		cmp.Compare(a.RuleID, b.RuleID),
		cmp.Compare(a.Message, b.Message),
	)
}

// resolveRoots makes the paths absolute, resolves symbolic links in them
// and picks the directory reported paths are relative to: the path itself
// when it is the one directory given, the working directory otherwise.
func resolveRoots(paths []string) ([]walkRoot, string, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	base, err := os.Getwd()
	if err != nil {
		return nil, "", fmt.Errorf("scan: %w", err)
	}
	var roots []walkRoot
	for _, p := range paths {
		r, err := resolveRoot(p)
		if err != nil {
			return nil, "", err
		}
		roots = append(roots, r)
	}
	if len(roots) == 1 && !roots[0].file {
		base = roots[0].abs
	}
	for i := range roots {
		roots[i].rel = reportPath(base, roots[i].abs)
	}
	return roots, base, nil
}

// resolveRoot checks one path argument.
func resolveRoot(p string) (walkRoot, error) {
	abs, err := filepath.Abs(p)
	if err == nil {
		abs, err = filepath.EvalSymlinks(abs)
	}
	if err != nil {
		return walkRoot{}, fmt.Errorf("scan: %w", err)
	}
	info, err := os.Stat(abs)
	if err != nil {
		return walkRoot{}, fmt.Errorf("scan: %w", err)
	}
	return walkRoot{abs: abs, file: !info.IsDir()}, nil
}

// reportPath is abs relative to base with "/" separators, "" for base
// itself, or abs with "/" separators when it is not under base.
func reportPath(base, abs string) string {
	rel, err := filepath.Rel(base, abs)
	switch {
	case err != nil || !filepath.IsLocal(rel) && rel != ".":
		return filepath.ToSlash(abs)
	case rel == ".":
		return ""
	}
	return filepath.ToSlash(rel)
}

// errTooLarge says how large a skipped file is.
func errTooLarge(size, limit int64) error {
	return fmt.Errorf("%d bytes, over the %d-byte limit (--max-size)", size, limit)
}

// workers is how many goroutines check files.
func (e *engine) workers() int {
	if e.opts.Workers > 0 {
		return e.opts.Workers
	}
	return runtime.NumCPU()
}

// maxSize is the largest file read.
func (e *engine) maxSize() int64 {
	if e.opts.MaxSize > 0 {
		return e.opts.MaxSize
	}
	return DefaultMaxSize
}
