package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// output is where a report goes: standard output, or a file that appears
// only when the report is complete. A file is written to a temporary file
// beside it and renamed into place by commit, so a failed run leaves any
// earlier report untouched.
type output struct {
	io.Writer
	tmp    *os.File // nil for standard output and special files
	direct *os.File // a device or pipe, written in place
	path   string
	done   bool
}

// openOutput opens path for a report; "" and "-" mean stdout.
func openOutput(stdout io.Writer, path string) (*output, error) {
	if path == "" || path == "-" {
		return &output{Writer: stdout}, nil
	}
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return nil, fmt.Errorf("output %s is a directory", path)
	case err == nil && !fi.Mode().IsRegular():
		// A device or pipe (/dev/null, /dev/stdout, a FIFO) is written in
		// place: renaming a file over it would replace the device.
		return openDirect(path)
	}
	path = followLinks(path) // replace the link's target, not the link
	dir, base := filepath.Split(path)
	tmp, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return nil, fmt.Errorf("cannot create output %s: %w", path, pathErrCause(err))
	}
	return &output{Writer: tmp, tmp: tmp, path: path}, nil
}

// maxLinks bounds how many symbolic links followLinks follows.
const maxLinks = 40

// followLinks returns the file path finally names, following symbolic
// links even to a target that does not exist yet.
func followLinks(path string) string {
	for range maxLinks {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			return path
		}
		target, err := os.Readlink(path)
		if err != nil {
			return path
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
	return path
}

// openDirect opens a special file for writing in place.
func openDirect(path string) (*output, error) {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("cannot open output %s: %w", path, pathErrCause(err))
	}
	return &output{Writer: f, direct: f, path: path}, nil
}

// commit moves a complete file report into place.
func (o *output) commit() error {
	if o.direct != nil && !o.done {
		o.done = true
		return o.direct.Close()
	}
	if o.done || o.tmp == nil {
		o.done = true
		return nil
	}
	o.done = true
	err := errors.Join(o.tmp.Sync(), o.tmp.Chmod(0o644), o.tmp.Close())
	if err == nil {
		err = os.Rename(o.tmp.Name(), o.path)
	}
	if err != nil {
		os.Remove(o.tmp.Name())
		return fmt.Errorf("cannot write output %s: %w", o.path, pathErrCause(err))
	}
	return nil
}

// abort discards an uncommitted file report. It does nothing after commit.
func (o *output) abort() {
	if o.direct != nil && !o.done {
		o.done = true
		o.direct.Close()
		return
	}
	if o.done || o.tmp == nil {
		return
	}
	o.done = true
	o.tmp.Close()
	os.Remove(o.tmp.Name())
}

// pathErrCause strips the path from a *fs.PathError or *os.LinkError, whose
// path would name the temporary file rather than the one asked for.
func pathErrCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
