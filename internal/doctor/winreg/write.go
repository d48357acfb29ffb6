package winreg

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Encoding chooses how [Write] encodes an export.
type Encoding int

const (
	// UTF16 is UTF-16LE with a byte order mark, as reg.exe writes.
	UTF16 Encoding = iota
	// UTF8 is UTF-8 without a byte order mark.
	UTF8
)

// hexWrap is the column after which reg.exe continues hex data on the
// next line.
const hexWrap = 76

// Write writes e as a registry export in the layout reg.exe uses: the
// version 5 header, then each key line, its values (the default value
// first, the others by name) and a blank line, with CR LF line ends and
// long hex data wrapped with a trailing backslash. Strings that cannot be
// written between quotes (with line breaks or NULs in them, or not valid
// UTF-16) are written as hex(1) or hex(2), so [Parse] reads back the same
// bytes. Notes are not written.
func Write(w io.Writer, e *Export, enc Encoding) error {
	var b strings.Builder
	b.WriteString(header5 + "\r\n\r\n")
	for i := range e.Keys {
		writeKey(&b, &e.Keys[i])
	}
	out := []byte(b.String())
	if enc == UTF16 {
		out = append([]byte{0xFF, 0xFE}, encodeUTF16(b.String())...)
	}
	_, err := w.Write(out)
	return err
}

// writeKey writes one key and its values.
func writeKey(b *strings.Builder, k *Key) {
	fmt.Fprintf(b, "[%s]\r\n", k.Path)
	names := make([]string, 0, len(k.Values))
	for name := range k.Values {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		writeValue(b, name, k.Values[name])
	}
	b.WriteString("\r\n")
}

// writeValue writes one value line.
func writeValue(b *strings.Builder, name string, v Value) {
	start := b.Len()
	if name == "" {
		b.WriteString("@=")
	} else {
		b.WriteString(`"` + escape(name) + `"=`)
	}
	if s, ok := quotable(v); ok {
		b.WriteString(`"` + escape(s) + "\"\r\n")
		return
	}
	if u, ok := v.DWORD(); ok && v.Type == TypeDWORD {
		fmt.Fprintf(b, "dword:%08x\r\n", u)
		return
	}
	if v.Type == TypeBinary {
		b.WriteString("hex:")
	} else {
		fmt.Fprintf(b, "hex(%x):", uint32(v.Type))
	}
	writeHex(b, v.Data, b.Len()-start)
}

// writeHex writes data as comma-separated hex bytes, starting at column
// col, continuing lines as reg.exe does.
func writeHex(b *strings.Builder, data []byte, col int) {
	for i, c := range data {
		fmt.Fprintf(b, "%02x", c)
		col += 2
		if i == len(data)-1 {
			break
		}
		b.WriteByte(',')
		col++
		if col > hexWrap {
			b.WriteString("\\\r\n  ")
			col = 2
		}
	}
	b.WriteString("\r\n")
}

// quotable returns the string a REG_SZ value holds if it can be written
// between quotes and read back as the same bytes.
func quotable(v Value) (string, bool) {
	if v.Type != TypeSZ {
		return "", false
	}
	s, _ := v.Text()
	if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 }) {
		return "", false
	}
	return s, bytes.Equal(StringValue(s).Data, v.Data)
}

// escape escapes backslashes and quotes.
func escape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
}
