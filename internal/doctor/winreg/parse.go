package winreg

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The first line of an export: reg.exe and regedit write header5; regedit
// for Windows 95/NT 4 and some tools write header4.
const (
	header5 = "Windows Registry Editor Version 5.00"
	header4 = "REGEDIT4"
)

// SyntaxError reports input that is not a well-formed registry export.
type SyntaxError struct {
	// Name names the input, as given to Parse.
	Name string
	// Line is the 1-based line the problem is on; for a value wrapped
	// over several lines, the first of them.
	Line int
	// Msg says what is wrong.
	Msg string
}

// Error returns "reg: name:line: msg".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("reg: %s:%d: %s", e.Name, e.Line, e.Msg)
}

// Parse reads a registry export, in UTF-16LE with a byte order mark as
// reg.exe writes it or in UTF-8, and returns its keys. name names the
// input in messages. Any line it cannot read makes it fail with a
// [*SyntaxError]; deletions are skipped and noted in [Export.Notes].
func Parse(name string, r io.Reader) (*Export, error) {
	tr, err := newTextReader(r)
	if err != nil {
		return nil, &SyntaxError{Name: name, Line: 1, Msg: err.Error()}
	}
	p := &parser{name: name, lines: &lineReader{r: tr}, m: newMerger()}
	if err := p.run(); err != nil {
		return nil, err
	}
	p.m.out.Name = name
	return p.m.out, nil
}

// parser holds the state of one Parse.
type parser struct {
	name    string
	lines   *lineReader
	m       *merger
	cur     *Key // the key values go to; nil before the first key
	deleted bool // the last key line was a deletion
	ansi    bool // REGEDIT4: hex string data is one byte a character
}

// run reads the header and then every line.
func (p *parser) run() error {
	if err := p.header(); err != nil {
		return err
	}
	for {
		s, n, err := p.lines.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return p.errorf(n, "%v", err)
		}
		if err := p.line(s, n); err != nil {
			return err
		}
	}
}

// header reads the header line, after any blank lines.
func (p *parser) header() error {
	for {
		s, n, err := p.lines.next()
		if err == io.EOF {
			return p.errorf(max(n, 1), "no header line: empty input")
		}
		if err != nil {
			return p.errorf(n, "%v", err)
		}
		t := clean(s)
		if t == "" {
			continue
		}
		if !isHeader(t) {
			return p.errorf(n, "not a registry export: first line is %s, want %q or %q", quote(t), header5, header4)
		}
		p.ansi = t == header4
		return nil
	}
}

// line reads one logical line after the header.
func (p *parser) line(s string, n int) error {
	t := clean(s)
	switch {
	case t == "" || isComment(t):
		return nil
	case isHeader(t):
		// A header again: exports joined with copy or cat.
		p.ansi = t == header4
		return nil
	case t[0] == '[':
		return p.key(t, n)
	case t[0] == '"' || t[0] == '@':
		return p.value(t, n)
	}
	return p.errorf(n, "unexpected line %s", quote(t))
}

// key reads a key line: [PATH] or the deletion [-PATH].
func (p *parser) key(t string, n int) error {
	if len(t) < 2 || !strings.HasSuffix(t, "]") {
		return p.errorf(n, "key line without closing bracket: %s", quote(t))
	}
	path := t[1 : len(t)-1]
	if strings.HasPrefix(path, "-") {
		p.cur, p.deleted = nil, true
		p.note(n, "deletion of key %s skipped", path[1:])
		return nil
	}
	if _, ok := rootName(path); !ok {
		return p.errorf(n, "key %s does not start with a root key such as HKEY_LOCAL_MACHINE", quote(path))
	}
	p.cur, p.deleted = p.m.key(path), false
	return nil
}

// value reads a value line: "Name"=DATA or @=DATA.
func (p *parser) value(t string, n int) error {
	name, data, err := splitValue(t)
	if err != nil {
		return p.errorf(n, "%v", err)
	}
	switch {
	case p.cur == nil && p.deleted:
		return nil // a value of a deleted key: deleted with it
	case p.cur == nil:
		return p.errorf(n, "value %s before the first key", quote(name))
	case data == "-":
		p.note(n, "deletion of value %s in %s skipped", quote(name), p.cur.Path)
		return nil
	}
	v, err := parseData(data, p.ansi)
	if err != nil {
		return p.errorf(n, "%v", err)
	}
	p.cur.set(name, v)
	return nil
}

func (p *parser) errorf(line int, format string, args ...any) error {
	return &SyntaxError{Name: p.name, Line: line, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) note(line int, format string, args ...any) {
	p.m.out.Notes = append(p.m.out.Notes, fmt.Sprintf("%s:%d: %s", p.name, line, fmt.Sprintf(format, args...)))
}

// splitValue splits a value line into the value's name and the data
// after the equals sign.
func splitValue(t string) (name, data string, err error) {
	rest := t[1:]
	if t[0] == '"' {
		var ok bool
		if name, rest, ok = readQuoted(t); !ok {
			return "", "", fmt.Errorf("unterminated value name in %s", quote(t))
		}
	}
	rest = strings.TrimLeft(rest, " \t")
	if !strings.HasPrefix(rest, "=") {
		return "", "", fmt.Errorf("missing '=' after value name %s", quote(name))
	}
	return name, strings.TrimSpace(rest[1:]), nil
}

// parseData reads the data of a value: "string", dword:, hex: or hex(N):.
// With ansi, string data in hex form has one byte a character, as in
// REGEDIT4 files; it is widened to UTF-16 as the registry stores it.
func parseData(s string, ansi bool) (Value, error) {
	lower := strings.ToLower(s)
	switch {
	case strings.HasPrefix(s, `"`):
		str, rest, ok := readQuoted(s)
		if !ok {
			return Value{}, fmt.Errorf("unterminated string %s", quote(s))
		}
		if strings.TrimSpace(rest) != "" {
			return Value{}, fmt.Errorf("text after string: %s", quote(rest))
		}
		return StringValue(str), nil
	case strings.HasPrefix(lower, "dword:"):
		return parseDWORD(strings.TrimSpace(s[len("dword:"):]))
	case strings.HasPrefix(lower, "hex"):
		v, err := parseHex(s[len("hex"):])
		if ansi && (v.Type == TypeSZ || v.Type == TypeExpandSZ || v.Type == TypeMultiSZ) {
			v.Data = widen(v.Data)
		}
		return v, err
	}
	return Value{}, fmt.Errorf("malformed value data %s", quote(s))
}

// parseDWORD reads the 1 to 8 hex digits after dword:.
func parseDWORD(d string) (Value, error) {
	if len(d) == 0 || len(d) > 8 || !isHex(d) {
		return Value{}, fmt.Errorf("malformed dword %s", quote(d))
	}
	u, _ := strconv.ParseUint(d, 16, 32)
	return DWORDValue(uint32(u)), nil
}

// parseHex reads what follows "hex": an optional type "(N)", a colon and
// comma-separated bytes.
func parseHex(s string) (Value, error) {
	typ := TypeBinary
	if strings.HasPrefix(s, "(") {
		end := strings.IndexByte(s, ')')
		if end < 2 || end > 9 || !isHex(s[1:end]) {
			return Value{}, fmt.Errorf("malformed value type in %s", quote("hex"+s))
		}
		t, _ := strconv.ParseUint(s[1:end], 16, 32)
		typ, s = Type(t), s[end+1:]
	}
	if !strings.HasPrefix(s, ":") {
		return Value{}, fmt.Errorf("malformed value data %s", quote("hex"+s))
	}
	data, err := parseBytes(s[1:])
	if err != nil {
		return Value{}, err
	}
	return Value{Type: typ, Data: data}, nil
}

// parseBytes reads comma-separated hex bytes; a final comma is allowed.
func parseBytes(s string) ([]byte, error) {
	data := []byte{}
	s = strings.TrimSpace(s)
	if s == "" {
		return data, nil
	}
	parts := strings.Split(strings.TrimSuffix(s, ","), ",")
	for _, part := range parts {
		part = strings.TrimSpace(part)
		if len(part) == 0 || len(part) > 2 || !isHex(part) {
			return nil, fmt.Errorf("malformed hex byte %s", quote(part))
		}
		b, _ := strconv.ParseUint(part, 16, 8)
		data = append(data, byte(b))
	}
	return data, nil
}

// readQuoted reads the string that s starts with, undoing the escapes \\
// and \"; any other backslash stands for itself. It returns the rest of s
// after the closing quote, and false if there is none.
func readQuoted(s string) (str, rest string, ok bool) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			return b.String(), s[i+1:], true
		case c == '\\' && i+1 < len(s) && (s[i+1] == '\\' || s[i+1] == '"'):
			i++
			b.WriteByte(s[i])
		default:
			b.WriteByte(c)
		}
	}
	return "", "", false
}

// widen turns one-byte characters into UTF-16LE, reading them as
// Latin-1: exact for ASCII, which is all the values that matter hold.
func widen(b []byte) []byte {
	w := make([]byte, 0, 2*len(b))
	for _, c := range b {
		w = append(w, c, 0)
	}
	return w
}

// isHeader reports whether t is a header line.
func isHeader(t string) bool {
	return t == header5 || t == header4
}

// clean trims white space and a byte order mark left inside joined
// exports.
func clean(s string) string {
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "\uFEFF"))
}

// isHex reports whether s consists of hex digits only.
func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// quote quotes s for a message, shortened to 160 bytes.
func quote(s string) string {
	const limit = 160
	if len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return strconv.Quote(s[:cut]) + "..."
	}
	return strconv.Quote(s)
}
