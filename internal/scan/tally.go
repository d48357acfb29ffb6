package scan

import (
	"cmp"
	"slices"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// noteReasons are the skip reasons that are also noted file by file.
var noteReasons = map[string]bool{
	SkipUnreadable: true, SkipTooLarge: true, SkipSymlinkOutside: true, SkipSymlinkLoop: true,
}

// tally counts files read and skipped. A file some rule could not read
// to the end counts as skipped in part (SkipPartial), not as read. It is not safe for concurrent
// use: the walker and the collector each keep one.
type tally struct {
	read  int
	skips map[string]int
	notes []Note
}

// skip counts n files skipped for reason.
func (t *tally) skip(reason string, n int) {
	if n == 0 {
		return
	}
	if t.skips == nil {
		t.skips = map[string]int{}
	}
	t.skips[reason] += n
}

// note counts one file skipped for reason and names it.
func (t *tally) note(path, reason string, err error) {
	t.skip(reason, 1)
	t.notes = append(t.notes, Note{Path: path, Reason: reason, Err: err})
}

// add counts what a worker did with one file.
func (t *tally) add(r fileResult) {
	switch {
	case r.read && len(r.notes) > 0:
		t.skip(SkipPartial, 1)
	case r.read:
		t.read++
	case noteReasons[r.skip]:
		t.note(r.path, r.skip, r.err)
	default:
		t.skip(r.skip, 1)
	}
	t.notes = append(t.notes, r.notes...)
}

// merge adds the counts and notes of o.
func (t *tally) merge(o *tally) {
	t.read += o.read
	for reason, n := range o.skips {
		t.skip(reason, n)
	}
	t.notes = append(t.notes, o.notes...)
}

// summary sums up the run for the reported findings.
func (t *tally) summary(fs []finding.Finding) finding.Summary {
	s := finding.Summary{Unit: "files", Read: t.read, Findings: len(fs)}
	for _, f := range fs {
		if f.Suppression != nil {
			s.Suppressed++
		}
	}
	for _, reason := range skipOrder {
		if n := t.skips[reason]; n > 0 {
			s.Skipped = append(s.Skipped, finding.Skip{Reason: reason, Count: n})
		}
	}
	return s
}

// sortedNotes returns the notes by path, then reason.
func (t *tally) sortedNotes() []Note {
	slices.SortFunc(t.notes, func(a, b Note) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Reason, b.Reason))
	})
	return t.notes
}
