package winreg

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// errOddByte reports UTF-16 input that ends in the middle of a code unit.
var errOddByte = errors.New("truncated UTF-16 text: odd number of bytes")

// errBigEndian reports UTF-16 input with a big-endian byte order mark.
var errBigEndian = errors.New("UTF-16 big-endian text is not supported (reg.exe writes UTF-16LE)")

// newTextReader returns a reader of r's text as UTF-8, after looking at
// its byte order mark: FF FE is UTF-16LE as reg.exe writes it, EF BB BF or
// none is UTF-8.
func newTextReader(r io.Reader) (*bufio.Reader, error) {
	br := bufio.NewReader(r)
	bom, _ := br.Peek(3)
	switch {
	case len(bom) >= 2 && bom[0] == 0xFF && bom[1] == 0xFE:
		br.Discard(2)
		return bufio.NewReader(&utf16Reader{r: br}), nil
	case len(bom) >= 2 && bom[0] == 0xFE && bom[1] == 0xFF:
		return nil, errBigEndian
	case len(bom) == 3 && string(bom) == "\xEF\xBB\xBF":
		br.Discard(3)
	}
	return br, nil
}

// utf16Reader turns UTF-16LE bytes into UTF-8. Unpaired surrogates become
// U+FFFD; a final odd byte is the error errOddByte.
type utf16Reader struct {
	r       *bufio.Reader
	pending []byte // UTF-8 not yet returned
	high    uint16 // a high surrogate waiting for its pair, or 0
	err     error
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.pending) == 0 && u.err == nil {
		u.fill()
	}
	if len(u.pending) > 0 {
		n := copy(p, u.pending)
		u.pending = u.pending[n:]
		return n, nil
	}
	return 0, u.err
}

// fill decodes the next code unit into pending, or sets err.
func (u *utf16Reader) fill() {
	var b [2]byte
	if _, err := io.ReadFull(u.r, b[:]); err != nil {
		if err == io.ErrUnexpectedEOF {
			err = errOddByte
		}
		u.flushHigh()
		u.err = err
		return
	}
	u.unit(uint16(b[0]) | uint16(b[1])<<8)
}

// unit decodes one code unit.
func (u *utf16Reader) unit(c uint16) {
	switch {
	case u.high != 0 && c >= 0xDC00 && c < 0xE000:
		u.pending = utf8.AppendRune(u.pending, utf16.DecodeRune(rune(u.high), rune(c)))
		u.high = 0
	case c >= 0xD800 && c < 0xDC00:
		u.flushHigh()
		u.high = c
	default:
		u.flushHigh()
		u.pending = utf8.AppendRune(u.pending, rune(c))
	}
}

// flushHigh writes a high surrogate left without its pair as U+FFFD.
func (u *utf16Reader) flushHigh() {
	if u.high != 0 {
		u.pending = utf8.AppendRune(u.pending, utf8.RuneError)
		u.high = 0
	}
}

// lineReader returns an export's logical lines: physical lines without
// their CR LF, joined where a line ends in a backslash (reg.exe wraps long
// hex data that way). It counts physical lines for messages.
type lineReader struct {
	r    *bufio.Reader
	line int // number of the last physical line read
	eof  bool
}

// next returns the next logical line and the number of its first physical
// line. It returns io.EOF after the last line.
func (lr *lineReader) next() (string, int, error) {
	s, err := lr.physical()
	if err != nil {
		return "", lr.line, err
	}
	start := lr.line
	if isComment(s) {
		return s, start, nil
	}
	for strings.HasSuffix(strings.TrimRight(s, " \t"), `\`) {
		more, err := lr.physical()
		if err == io.EOF {
			return "", start, errors.New("input ends inside a line continuation")
		}
		if err != nil {
			return "", lr.line, err
		}
		s = strings.TrimSuffix(strings.TrimRight(s, " \t"), `\`) + strings.TrimLeft(more, " \t")
	}
	return s, start, nil
}

// physical returns the next physical line as valid UTF-8 without its line
// end, or io.EOF.
func (lr *lineReader) physical() (string, error) {
	if lr.eof {
		return "", io.EOF
	}
	s, err := lr.r.ReadString('\n')
	if err == io.EOF {
		lr.eof = true
		if s == "" {
			return "", io.EOF
		}
	} else if err != nil {
		lr.line++
		return "", err
	}
	lr.line++
	s = strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r")
	return strings.ToValidUTF8(s, "\uFFFD"), nil
}

// isComment reports whether s is a comment line.
func isComment(s string) bool {
	return strings.HasPrefix(strings.TrimLeft(s, " \t"), ";")
}
