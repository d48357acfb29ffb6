package rules

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/tlsfloor/tlsfloor/internal/scan/lex"
)

// dotnetElem is one XML element of a configuration or project file, with
// the positions findings point at.
type dotnetElem struct {
	// name is the local name ("TargetFramework").
	name string
	// attrs are the element's attributes in source order.
	attrs []dotnetAttr
	// text is the character data directly inside, trimmed.
	text string
	// line and col locate the '<'; textLine and textCol the first
	// non-blank byte of text (or the '<' when there is none).
	line, col         int
	textLine, textCol int
}

// dotnetAttr is one attribute with the position of its name.
type dotnetAttr struct {
	name, value string
	line, col   int
}

// attr returns the value of the attribute with the given local name.
func (e *dotnetElem) attr(name string) (dotnetAttr, bool) {
	for _, a := range e.attrs {
		if a.name == name {
			return a, true
		}
	}
	return dotnetAttr{}, false
}

// dotnetXML is a parsed XML file: its elements in document order and the
// line index of the text they were read from.
type dotnetXML struct {
	elems []dotnetElem
	lines lex.Lines
}

// dotnetParseXML reads every element of an XML file. UTF-16 files (with a
// byte-order mark) are converted to UTF-8 first, and positions then count
// UTF-8 bytes; any declared encoding is read as ASCII-compatible. On a
// syntax error the elements before it are returned with the error.
func dotnetParseXML(content []byte) (*dotnetXML, error) {
	content = dotnetUTF8(content)
	x := &dotnetXML{lines: lex.NewLines(content)}
	d := xml.NewDecoder(bytes.NewReader(content))
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var open []int // indexes of open elements
	for {
		line, col := d.InputPos()
		off := int(d.InputOffset())
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return x, nil
		}
		if err != nil {
			return x, xmlSyntaxError(err, d)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			x.elems = append(x.elems, x.element(t, content[off:d.InputOffset()], off, line, col))
			open = append(open, len(x.elems)-1)
		case xml.CharData:
			if len(open) > 0 {
				x.addText(&x.elems[open[len(open)-1]], string(t), off)
			}
		case xml.EndElement:
			if len(open) > 0 {
				e := &x.elems[open[len(open)-1]]
				e.text = strings.TrimSpace(e.text)
				open = open[:len(open)-1]
			}
		}
	}
}

// element builds an element from its start tag, raw being the tag's
// source text at offset off.
func (x *dotnetXML) element(t xml.StartElement, raw []byte, off, line, col int) dotnetElem {
	e := dotnetElem{name: t.Name.Local, line: line, col: col, textLine: line, textCol: col}
	for _, a := range t.Attr {
		al, ac := x.lines.Pos(off + dotnetAttrOffset(raw, a.Name.Local))
		e.attrs = append(e.attrs, dotnetAttr{name: a.Name.Local, value: a.Value, line: al, col: ac})
	}
	return e
}

// addText appends character data read at offset off to e, noting where
// its first non-blank byte is.
func (x *dotnetXML) addText(e *dotnetElem, text string, off int) {
	if strings.TrimSpace(e.text) == "" && strings.TrimSpace(text) != "" {
		lead := len(text) - len(strings.TrimLeft(text, " \t\r\n"))
		e.textLine, e.textCol = x.lines.Pos(off + lead)
	}
	e.text += text
}

// dotnetAttrOffset finds an attribute name in a raw start tag: after
// white space or a namespace prefix's ':', before optional blanks and '='.
// It returns 0 (the tag's '<') when the name is not found.
func dotnetAttrOffset(raw []byte, name string) int {
	for i := 0; ; {
		j := bytes.Index(raw[i:], []byte(name))
		if j < 0 {
			return 0
		}
		k := i + j
		before, after := byte(' '), bytes.TrimLeft(raw[k+len(name):], " \t\r\n")
		if k > 0 {
			before = raw[k-1]
		}
		if strings.IndexByte(" \t\r\n:", before) >= 0 && len(after) > 0 && after[0] == '=' {
			return k
		}
		i = k + 1
	}
}

// dotnetUTF8 converts UTF-16 content with a byte-order mark to UTF-8;
// other content (a UTF-8 byte-order mark included, which encoding/xml
// accepts) is returned as it is, so positions stay those of the file.
func dotnetUTF8(b []byte) []byte {
	var order binary.ByteOrder
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		order = binary.LittleEndian
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		order = binary.BigEndian
	default:
		return b
	}
	units := make([]uint16, 0, len(b)/2)
	for i := 2; i+1 < len(b); i += 2 {
		units = append(units, order.Uint16(b[i:]))
	}
	out := make([]byte, 0, len(b))
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	return out
}

// xmlSyntaxError places an XML error at its line: the decoder's syntax
// errors carry one, other errors are placed where the decoder stopped.
func xmlSyntaxError(err error, d *xml.Decoder) *syntaxError {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return &syntaxError{format: "XML", line: max(se.Line, 1), msg: se.Msg}
	}
	line, col := d.InputPos()
	return &syntaxError{format: "XML", line: max(line, 1), col: col, msg: err.Error()}
}
