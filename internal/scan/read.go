package scan

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path"
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

// read reads a job's file once and decides its kind. skip is set, with
// its cause, when the file is not for the rules. The first sniffLen bytes
// are read first, so that a binary is not read to the end.
func (e *engine) read(j job) (f *source.File, skip string, err error) {
	fh, err := os.Open(j.abs)
	if err != nil {
		return nil, SkipUnreadable, err
	}
	defer fh.Close()
	if info, err := fh.Stat(); err != nil {
		return nil, SkipUnreadable, err
	} else if info.Size() > e.maxSize() {
		return nil, SkipTooLarge, errTooLarge(info.Size(), e.maxSize())
	}
	prefix, err := readLimited(fh, sniffLen)
	if err != nil && !errors.Is(err, errLimit) {
		return nil, SkipUnreadable, err
	}
	kind, skip := e.sniff(j, prefix)
	if skip != "" {
		return nil, skip, nil
	}
	rest, err := readLimited(fh, e.maxSize()-int64(len(prefix)))
	switch {
	case errors.Is(err, errLimit):
		return nil, SkipTooLarge, errTooLarge(int64(len(prefix)+len(rest)), e.maxSize())
	case err != nil:
		return nil, SkipUnreadable, err
	}
	content := decodeUTF16(append(prefix, rest...))
	kind = refineKind(kind, content)
	if len(e.byKind[kind]) == 0 {
		return nil, SkipNoRules, nil
	}
	return &source.File{Path: j.rel, Kind: kind, Content: content}, "", nil
}

// sniff decides from the first bytes of a file its kind, when the name
// did not, and whether it is binary.
func (e *engine) sniff(j job, prefix []byte) (source.Kind, string) {
	kind := j.kind
	if kind == "" && path.Ext(j.rel) == "" {
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

// errLimit is returned by readLimited for a file over the limit.
var errLimit = errors.New("over the size limit")

// readLimited reads r to the end, failing with errLimit past limit bytes
// (the file may have grown since it was listed).
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	content, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err == nil && int64(len(content)) > limit {
		return content, errLimit
	}
	return content, err
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
