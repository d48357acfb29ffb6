package winreg

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWrite(t *testing.T) {
	e := &Export{Keys: []Key{
		{Path: `HKEY_LOCAL_MACHINE\SOFTWARE\T`, Values: map[string]Value{
			"":        StringValue(`say "hi"`),
			"Path":    StringValue(`C:\Windows\`),
			"D":       DWORDValue(0xA00),
			"Short":   {Type: TypeDWORD, Data: []byte{1}},
			"Lines":   StringValue("a\r\nb"),
			"NoNUL":   {Type: TypeSZ, Data: []byte{'a', 0}},
			"Exp":     {Type: TypeExpandSZ, Data: encodeUTF16("%A%\x00")},
			"Bin":     {Type: TypeBinary, Data: bytes.Repeat([]byte{0xAB}, 30)},
			"Nothing": {Type: TypeBinary},
		}},
		{Path: `HKEY_LOCAL_MACHINE\SOFTWARE\Empty`, Values: map[string]Value{}},
	}}
	want := strings.ReplaceAll(header5+`

[HKEY_LOCAL_MACHINE\SOFTWARE\T]
@="say \"hi\""
"Bin"=hex:ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,\
  ab,ab,ab,ab,ab,ab,ab
"D"=dword:00000a00
"Exp"=hex(2):25,00,41,00,25,00,00,00
"Lines"=hex(1):61,00,0d,00,0a,00,62,00,00,00
"NoNUL"=hex(1):61,00
"Nothing"=hex:
"Path"="C:\\Windows\\"
"Short"=hex(4):01

[HKEY_LOCAL_MACHINE\SOFTWARE\Empty]

`, "\n", "\r\n")
	var b bytes.Buffer
	if err := Write(&b, e, UTF8); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("UTF8 output mismatch (-want +got):\n%s", diff)
	}
	b.Reset()
	if err := Write(&b, e, UTF16); err != nil {
		t.Fatal(err)
	}
	if wantUTF16 := append([]byte{0xFF, 0xFE}, encodeUTF16(want)...); !bytes.Equal(b.Bytes(), wantUTF16) {
		t.Errorf("UTF16 output is not the UTF8 output in UTF-16LE with a byte order mark")
	}
}

// TestWriteWrapsLikeRegExe compares hex wrapping with a value as reg.exe
// wraps it: 80 columns on the first line, 78 on the others.
func TestWriteWrapsLikeRegExe(t *testing.T) {
	id := append([]byte{0xa4, 0, 0, 0, 3, 0, 0, 0}, []byte("00371-OEM-0000000-00000")...)
	var b strings.Builder
	writeValue(&b, "DigitalProductId", Value{Type: TypeBinary, Data: append(id, make([]byte, 164-len(id))...)})
	lines := strings.Split(strings.TrimSuffix(b.String(), "\r\n"), "\r\n")
	wantFirst := `"DigitalProductId"=hex:a4,00,00,00,03,00,00,00,30,30,33,37,31,2d,4f,45,4d,2d,\`
	if lines[0] != wantFirst {
		t.Errorf("first line\n%s\nwant\n%s", lines[0], wantFirst)
	}
	for i, line := range lines[1 : len(lines)-1] {
		if len(line) != 78 || !strings.HasPrefix(line, "  ") || !strings.HasSuffix(line, `,\`) {
			t.Errorf("line %d = %q (%d columns), want 78 columns from two spaces to a comma and backslash", i+2, line, len(line))
		}
	}
}
