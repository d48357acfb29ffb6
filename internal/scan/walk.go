package scan

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// Skip reasons, as the summary counts them.
const (
	SkipBinary         = "binary"
	SkipTooLarge       = "too large"
	SkipVendored       = "vendored"
	SkipVCS            = "version control"
	SkipIgnored        = "ignored"
	SkipExcluded       = "excluded"
	SkipUnreadable     = "unreadable"
	SkipNoRules        = "no rules for the file type"
	SkipSymlinkOutside = "symlink outside root"
	SkipSymlinkLoop    = "symlink loop"
	SkipSymlinkInside  = "symlink within root"
	SkipIrregular      = "not a regular file"
	// SkipPartial counts files read but checked only in part: a rule's
	// reader stopped at a syntax error (the note says where), and the
	// rest of the file was not checked.
	SkipPartial = "checked in part (parse error)"
)

// skipOrder is the order the summary lists reasons in.
var skipOrder = []string{
	SkipNoRules, SkipIgnored, SkipExcluded, SkipVendored, SkipVCS, SkipBinary, SkipTooLarge,
	SkipPartial, SkipUnreadable, SkipSymlinkInside, SkipSymlinkOutside, SkipSymlinkLoop, SkipIrregular,
}

// vendoredDirs are directory names skipped unless IncludeVendor is set.
var vendoredDirs = map[string]bool{
	"vendor": true, "node_modules": true, "third_party": true, "bower_components": true,
	".terraform": true, // modules and providers terraform init downloaded
}

// vcsDirs are version control directories, never scanned.
var vcsDirs = map[string]bool{".git": true, ".hg": true, ".svn": true}

// job is one file for a worker.
type job struct {
	abs  string      // path to open
	rel  string      // path reported in findings
	kind source.Kind // from the name; "" when the content must decide
}

// walkRoot is one directory or file to scan.
type walkRoot struct {
	abs  string // absolute, symlinks resolved
	rel  string // reported path of the root: relative to the run root, or absolute
	file bool
}

// walker lists the files under the roots and counts what it skips. It
// runs in one goroutine.
type walker struct {
	ctx     context.Context
	eng     *engine
	exclude excludeSet
	jobs    chan<- job
	tally   *tally
}

// walk sends a job for every file to scan under the roots.
func (w *walker) walk(roots []walkRoot) {
	for _, r := range roots {
		if r.file {
			w.file(r.abs, r.rel, path.Base(r.rel))
			continue
		}
		w.dir(r, r.abs, "", nil)
	}
}

// dir walks the directory at abs, rel being its path below the root
// ("" for the root itself).
func (w *walker) dir(root walkRoot, abs, rel string, stack ignoreStack) {
	if w.ctx.Err() != nil {
		return
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		// The entries read before the error are still walked.
		w.tally.note(root.report(rel), SkipUnreadable, err)
	}
	stack = w.pushIgnore(root, stack, abs, rel, entries)
	for _, e := range entries {
		w.entry(root, abs, rel, stack, e)
	}
}

// pushIgnore adds the directory's .gitignore, if any, to the stack.
func (w *walker) pushIgnore(root walkRoot, stack ignoreStack, abs, rel string, entries []fs.DirEntry) ignoreStack {
	for _, e := range entries {
		if e.Name() != ".gitignore" || !e.Type().IsRegular() {
			continue
		}
		content, err := os.ReadFile(filepath.Join(abs, ".gitignore"))
		if err != nil {
			w.tally.note(root.report(path.Join(rel, ".gitignore")), SkipUnreadable, err)
			return stack
		}
		return append(stack[:len(stack):len(stack)], ignoreFile{dir: rel, patterns: parseIgnore(content)})
	}
	return stack
}

// entry handles one directory entry.
func (w *walker) entry(root walkRoot, parentAbs, parentRel string, stack ignoreStack, e fs.DirEntry) {
	name := e.Name()
	abs, rel := filepath.Join(parentAbs, name), path.Join(parentRel, name)
	isDir := e.IsDir()
	if reason := w.skipReason(name, rel, isDir, stack); reason != "" {
		w.tally.skip(reason, w.count(abs, isDir))
		return
	}
	switch {
	case e.Type()&fs.ModeSymlink != 0:
		w.symlink(root, abs, rel)
	case isDir:
		w.dir(root, abs, rel, stack)
	case e.Type().IsRegular():
		w.file(abs, root.report(rel), name)
	default:
		w.tally.skip(SkipIrregular, 1)
	}
}

// skipReason says why a path is not walked, or "" when it is.
func (w *walker) skipReason(name, rel string, isDir bool, stack ignoreStack) string {
	switch {
	case isDir && vcsDirs[name]:
		return SkipVCS
	case w.exclude.excluded(rel, isDir):
		return SkipExcluded
	case stack.ignored(rel, isDir):
		return SkipIgnored
	case isDir && vendoredDirs[name] && !w.eng.opts.IncludeVendor:
		return SkipVendored
	}
	return ""
}

// count returns how many files a skipped path holds: 1 for a file, and
// for a directory the files under it, which are listed but not read.
func (w *walker) count(abs string, isDir bool) int {
	if !isDir {
		return 1
	}
	n := 0
	filepath.WalkDir(abs, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

// symlink counts a symbolic link. Links are not followed: a target
// inside the root is scanned at its own path, and one outside is not
// scanned at all. A link to one of its own ancestors is a loop.
func (w *walker) symlink(root walkRoot, abs, rel string) {
	real, err := filepath.EvalSymlinks(abs)
	switch {
	case err != nil:
		w.tally.note(root.report(rel), SkipUnreadable, err)
	case !within(root.abs, real):
		w.tally.note(root.report(rel), SkipSymlinkOutside, nil)
	case within(real, filepath.Dir(abs)):
		w.tally.note(root.report(rel), SkipSymlinkLoop, nil)
	default:
		w.tally.skip(SkipSymlinkInside, 1)
	}
}

// within reports whether p is dir or inside it.
func within(dir, p string) bool {
	return p == dir || strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// file sends a job for one regular file, unless its name rules it out.
// Its size is checked by the worker, which opens it anyway.
func (w *walker) file(abs, rel, name string) {
	kind := kindByName(rel)
	if !w.eng.wants(kind, path.Ext(name) == "") {
		w.tally.skip(SkipNoRules, 1)
		return
	}
	select {
	case w.jobs <- job{abs: abs, rel: rel, kind: kind}:
	case <-w.ctx.Done():
	}
}

// report returns the reported path of a path below the root.
func (r walkRoot) report(rel string) string {
	switch {
	case rel == "" && r.rel == "":
		return "."
	case rel == "":
		return r.rel
	case r.rel == "":
		return rel
	}
	return r.rel + "/" + rel
}
