package scan

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// sniffLen is how much of a file decides whether it is binary: a NUL
// byte in the first 8 KB.
const sniffLen = 8 << 10

// binaryKinds are kinds whose rules read binary files too, to report
// that they cannot verify them (a Unity asset serialised as binary).
var binaryKinds = map[source.Kind]bool{source.UnitySettings: true}

// read reads a job's file once, into *buf when it is large enough, and
// decides its kind. skip is set, with its cause, when the file is not for
// the rules. The size comes from the open file, so that one read call
// brings in the whole file; a file whose kind only its first line can
// tell is read in two steps, so that a binary is not read to the end.
func (e *engine) read(j job, buf *[]byte) (f *source.File, skip string, err error) {
	fh, err := os.Open(j.abs)
	if err != nil {
		return nil, SkipUnreadable, err
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil {
		return nil, SkipUnreadable, err
	}
	size, limit := info.Size(), e.maxSize()
	if size > limit {
		return nil, SkipTooLarge, errTooLarge(size, limit)
	}
	content := (*buf)[:0]
	if j.kind == "" {
		if content, err = readN(fh, content, min(size, sniffLen), limit); err != nil {
			return nil, readSkip(err), readErr(err, len(content), limit)
		}
	}
	kind, skip := e.sniff(j, content)
	if skip != "" {
		return nil, skip, nil
	}
	content, err = readN(fh, content, size-int64(len(content)), limit)
	*buf = content
	if err != nil {
		return nil, readSkip(err), readErr(err, len(content), limit)
	}
	if j.kind != "" && isBinary(content) && !hasUTF16BOM(content) && !binaryKinds[kind] {
		return nil, SkipBinary, nil
	}
	content = decodeUTF16(content)
	kind = refineKind(kind, content)
	if len(e.byKind[kind]) == 0 {
		return nil, SkipNoRules, nil
	}
	return &source.File{Path: j.rel, Kind: kind, Content: content}, "", nil
}

// sniff decides from the first bytes of a file its kind, when the name
// did not, and whether it is binary. Files whose name gave the kind are
// checked for binary content once read.
func (e *engine) sniff(j job, prefix []byte) (source.Kind, string) {
	kind := j.kind
	if kind != "" {
		return kind, ""
	}
	if path.Ext(j.rel) == "" {
		kind = kindByShebang(prefix)
	}
	switch {
	case isBinary(prefix) && !hasUTF16BOM(prefix) && !binaryKinds[kind]:
		return "", SkipBinary
	case kind == "" || !e.wants(kind, false):
		return "", SkipNoRules
	}
	return kind, ""
}

// errLimit is returned by readN for a file over the limit.
var errLimit = errors.New("over the size limit")

// readN appends n bytes of r to b, growing it only when its capacity is
// short. A file that turns out shorter is read to its end; one with no
// size (n is 0: a pipe, a file in /proc) is read to its end, failing with
// errLimit past limit bytes in all.
func readN(r io.Reader, b []byte, n, limit int64) ([]byte, error) {
	if n > 0 {
		b = slices.Grow(b, int(n))
		k, err := io.ReadFull(r, b[len(b):len(b)+int(n)])
		b = b[:len(b)+k]
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			err = nil
		}
		return b, err
	}
	for {
		if len(b) == cap(b) {
			b = slices.Grow(b, 4096)
		}
		k, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+k]
		switch {
		case int64(len(b)) > limit:
			return b, errLimit
		case errors.Is(err, io.EOF):
			return b, nil
		case err != nil:
			return b, err
		}
	}
}

// readSkip is the skip reason of a read error.
func readSkip(err error) string {
	if errors.Is(err, errLimit) {
		return SkipTooLarge
	}
	return SkipUnreadable
}

// readErr is the cause reported for a read error.
func readErr(err error, n int, limit int64) error {
	if errors.Is(err, errLimit) {
		return errTooLarge(int64(n), limit)
	}
	return err
}

// isBinary reports a NUL byte in the first sniffLen bytes.
func isBinary(content []byte) bool {
	return bytes.IndexByte(content[:min(len(content), sniffLen)], 0) >= 0
}

// decodeUTF16 turns text with a UTF-16 byte order mark (PowerShell and
// .reg files saved on Windows) into UTF-8; other content is returned as
// it is.
func decodeUTF16(content []byte) []byte {
	var order binary.ByteOrder
	switch {
	case !hasUTF16BOM(content):
		return content
	case bytes.HasPrefix(content, []byte{0xFF, 0xFE}):
		order = binary.LittleEndian
	case bytes.HasPrefix(content, []byte{0xFE, 0xFF}):
		order = binary.BigEndian
	}
	units := make([]uint16, 0, len(content)/2)
	for i := 2; i+1 < len(content); i += 2 {
		units = append(units, order.Uint16(content[i:]))
	}
	out := make([]byte, 0, len(units))
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	return out
}

// hasUTF16BOM reports a UTF-16 byte order mark.
func hasUTF16BOM(content []byte) bool {
	return bytes.HasPrefix(content, []byte{0xFF, 0xFE}) || bytes.HasPrefix(content, []byte{0xFE, 0xFF})
}

// lineText returns line n (1-based) of content, trimmed, or "".
func lineText(content []byte, n int) string {
	for i := 1; n > 0 && len(content) > 0; i++ {
		line, rest, _ := bytes.Cut(content, []byte("\n"))
		if i == n {
			return strings.TrimSpace(string(line))
		}
		content = rest
	}
	return ""
}

// maxSnippet is the longest snippet reported, in bytes.
const maxSnippet = 200

// clip shortens a snippet to maxSnippet bytes, on a character boundary.
func clip(s string) string {
	if len(s) <= maxSnippet {
		return s
	}
	cut := maxSnippet
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
