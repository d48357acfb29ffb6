package winreg

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		wantKeys  []Key
		wantNotes []string
	}{
		{
			name: "value forms",
			in: header5 + "\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\T]\r\n" +
				"@=\"default\"\r\n" +
				"\"Path\"=\"C:\\\\Windows\\\\\"\r\n" +
				"\"Quote\"=\"say \\\"hi\\\"\"\r\n" +
				"\"Odd\"=\"C:\\Program Files\"\r\n" +
				"\"Empty\"=\"\"\r\n" +
				"\"D\"=dword:0000000a\r\n" +
				"\"Short\"=dword:A\r\n" +
				"\"Bin\"=hex:de,ad,BE,ef\r\n" +
				"\"NoBytes\"=hex:\r\n" +
				"\"Q\"=hex(b):01,00,00,00,00,00,00,00\r\n" +
				"\"Exp\"=hex(2):25,00,41,00,25,00,00,00\r\n" +
				"\"Multi\"=hex(7):61,00,00,00,62,00,00,00,00,00\r\n" +
				"\"None\"=hex(0):\r\n",
			wantKeys: []Key{{Path: `HKEY_LOCAL_MACHINE\SOFTWARE\T`, Values: map[string]Value{
				"":        StringValue("default"),
				"Path":    StringValue(`C:\Windows\`),
				"Quote":   StringValue(`say "hi"`),
				"Odd":     StringValue(`C:\Program Files`),
				"Empty":   StringValue(""),
				"D":       DWORDValue(10),
				"Short":   DWORDValue(10),
				"Bin":     {Type: TypeBinary, Data: []byte{0xde, 0xad, 0xbe, 0xef}},
				"NoBytes": {Type: TypeBinary, Data: []byte{}},
				"Q":       {Type: TypeQWORD, Data: []byte{1, 0, 0, 0, 0, 0, 0, 0}},
				"Exp":     {Type: TypeExpandSZ, Data: []byte{0x25, 0, 0x41, 0, 0x25, 0, 0, 0}},
				"Multi":   {Type: TypeMultiSZ, Data: []byte{0x61, 0, 0, 0, 0x62, 0, 0, 0, 0, 0}},
				"None":    {Type: TypeNone, Data: []byte{}},
			}}},
		},
		{
			name: "continuations, comments, blank lines and white space",
			in: "\n" + header5 + "\n; exported by hand\n\n  [HKEY_LOCAL_MACHINE\\SOFTWARE\\T]  \n" +
				"  ; a comment \\\n" +
				"\"Bin\" = hex:01,02,\\\n  03,04,\\\n\t05\n",
			wantKeys: []Key{{Path: `HKEY_LOCAL_MACHINE\SOFTWARE\T`, Values: map[string]Value{
				"Bin": {Type: TypeBinary, Data: []byte{1, 2, 3, 4, 5}},
			}}},
		},
		{
			name: "deletions are skipped with a note",
			in: header5 + "\n[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Gone]\n\"A\"=dword:00000001\n" +
				"[HKEY_LOCAL_MACHINE\\SOFTWARE\\T]\n\"B\"=-\n\"C\"=dword:00000002\n",
			wantKeys: []Key{{Path: `HKEY_LOCAL_MACHINE\SOFTWARE\T`, Values: map[string]Value{"C": DWORDValue(2)}}},
			wantNotes: []string{
				`in.reg:2: deletion of key HKEY_LOCAL_MACHINE\SOFTWARE\Gone skipped`,
				`in.reg:5: deletion of value "B" in HKEY_LOCAL_MACHINE\SOFTWARE\T skipped`,
			},
		},
		{
			name: "a key twice merges, names without regard to case, later wins",
			in: header5 + "\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\T]\n\"Enabled\"=dword:00000000\n\"X\"=dword:00000001\n" +
				"[hklm\\software\\t\\]\n\"ENABLED\"=dword:00000001\n",
			wantKeys: []Key{{Path: `HKEY_LOCAL_MACHINE\SOFTWARE\T`, Values: map[string]Value{
				"ENABLED": DWORDValue(1), "X": DWORDValue(1),
			}}},
		},
		{
			name: "exports joined with copy keep their headers and marks",
			in:   header5 + "\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n\r\n\uFEFF" + header5 + "\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\B]\r\n",
			wantKeys: []Key{
				{Path: `HKEY_LOCAL_MACHINE\SOFTWARE\A`, Values: map[string]Value{}},
				{Path: `HKEY_LOCAL_MACHINE\SOFTWARE\B`, Values: map[string]Value{}},
			},
		},
		{
			name: "REGEDIT4 string data in hex is one byte a character",
			in:   "REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\T]\r\n\"Exp\"=hex(2):25,41,25,00\r\n\"S\"=\"x\"\r\n",
			wantKeys: []Key{{Path: `HKEY_LOCAL_MACHINE\SOFTWARE\T`, Values: map[string]Value{
				"Exp": {Type: TypeExpandSZ, Data: []byte{0x25, 0, 0x41, 0, 0x25, 0, 0, 0}},
				"S":   StringValue("x"),
			}}},
		},
		{
			name: "UTF-8 byte order mark and key names with brackets",
			in:   "\xEF\xBB\xBF" + header5 + "\n[HKEY_CURRENT_USER\\Software\\[x]]\n",
			wantKeys: []Key{
				{Path: `HKEY_CURRENT_USER\Software\[x]`, Values: map[string]Value{}},
			},
		},
		{
			name: "invalid UTF-8 becomes U+FFFD",
			in:   header5 + "\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\T]\n\"N\xff\"=\"v\xfe\"\n",
			wantKeys: []Key{{Path: `HKEY_LOCAL_MACHINE\SOFTWARE\T`, Values: map[string]Value{
				"N\uFFFD": StringValue("v\uFFFD"),
			}}},
		},
		{
			name:     "header only",
			in:       header5 + "\r\n",
			wantKeys: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Parse("in.reg", strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantKeys, e.Keys); diff != "" {
				t.Errorf("keys mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantNotes, e.Notes); diff != "" {
				t.Errorf("notes mismatch (-want +got):\n%s", diff)
			}
			if e.Name != "in.reg" {
				t.Errorf("Name = %q, want in.reg", e.Name)
			}
		})
	}
}

func TestParseUTF16(t *testing.T) {
	text := header5 + "\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\T]\r\n\"Name\"=\"caf\u00e9 \U0001F512\"\r\n\r\n"
	in := append([]byte{0xFF, 0xFE}, encodeUTF16(text)...)
	e, err := Parse("in.reg", bytes.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Key{{Path: `HKEY_LOCAL_MACHINE\SOFTWARE\T`, Values: map[string]Value{"Name": StringValue("caf\u00e9 \U0001F512")}}}
	if diff := cmp.Diff(want, e.Keys); diff != "" {
		t.Errorf("keys mismatch (-want +got):\n%s", diff)
	}
}

func TestParseErrors(t *testing.T) {
	utf16 := func(s string) string { return "\xFF\xFE" + string(encodeUTF16(s)) }
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "empty", in: "", want: `reg: in.reg:1: no header line: empty input`},
		{name: "not an export", in: "[HKEY_LOCAL_MACHINE\\SOFTWARE]\n", want: `reg: in.reg:1: not a registry export: first line is "[HKEY_LOCAL_MACHINE\\SOFTWARE]", want "Windows Registry Editor Version 5.00" or "REGEDIT4"`},
		{name: "big-endian", in: "\xFE\xFF\x00W", want: `reg: in.reg:1: UTF-16 big-endian text is not supported (reg.exe writes UTF-16LE)`},
		{name: "odd byte count", in: utf16(header5 + "\r\n\r\n[HKLM\\A]\r\n\"A\"=dword:1\r\n")[:87], want: `reg: in.reg:3: truncated UTF-16 text: odd number of bytes`},
		{name: "value before key", in: header5 + "\n\"A\"=dword:00000001\n", want: `reg: in.reg:2: value "A" before the first key`},
		{name: "unknown root", in: header5 + "\n[HKEY_NOWHERE\\A]\n", want: `reg: in.reg:2: key "HKEY_NOWHERE\\A" does not start with a root key such as HKEY_LOCAL_MACHINE`},
		{name: "empty key", in: header5 + "\n[]\n", want: `reg: in.reg:2: key "" does not start with a root key such as HKEY_LOCAL_MACHINE`},
		{name: "open bracket", in: header5 + "\n[HKLM\\A\n", want: `reg: in.reg:2: key line without closing bracket: "[HKLM\\A"`},
		{name: "bad dword", in: header5 + "\n[HKLM\\A]\n\"D\"=dword:xyz\n", want: `reg: in.reg:3: malformed dword "xyz"`},
		{name: "long dword", in: header5 + "\n[HKLM\\A]\n\"D\"=dword:000000001\n", want: `reg: in.reg:3: malformed dword "000000001"`},
		{name: "empty dword", in: header5 + "\n[HKLM\\A]\n\"D\"=dword:\n", want: `reg: in.reg:3: malformed dword ""`},
		{name: "bad hex byte", in: header5 + "\n[HKLM\\A]\n\"B\"=hex:01,\\\n  0g\n", want: `reg: in.reg:3: malformed hex byte "0g"`},
		{name: "empty hex byte", in: header5 + "\n[HKLM\\A]\n\"B\"=hex:01,,02\n", want: `reg: in.reg:3: malformed hex byte ""`},
		{name: "bad hex type", in: header5 + "\n[HKLM\\A]\n\"B\"=hex(z):01\n", want: `reg: in.reg:3: malformed value type in "hex(z):01"`},
		{name: "hex without colon", in: header5 + "\n[HKLM\\A]\n\"B\"=hex 01\n", want: `reg: in.reg:3: malformed value data "hex 01"`},
		{name: "unknown data", in: header5 + "\n[HKLM\\A]\n\"B\"=qword:1\n", want: `reg: in.reg:3: malformed value data "qword:1"`},
		{name: "unterminated string", in: header5 + "\n[HKLM\\A]\n\"S\"=\"abc\n", want: `reg: in.reg:3: unterminated string "\"abc"`},
		{name: "text after string", in: header5 + "\n[HKLM\\A]\n\"S\"=\"abc\" x\n", want: `reg: in.reg:3: text after string: " x"`},
		{name: "unterminated name", in: header5 + "\n[HKLM\\A]\n\"S=1\n", want: `reg: in.reg:3: unterminated value name in "\"S=1"`},
		{name: "missing equals", in: header5 + "\n[HKLM\\A]\n\"S\" dword:1\n", want: `reg: in.reg:3: missing '=' after value name "S"`},
		{name: "stray line", in: header5 + "\n[HKLM\\A]\nEnabled=1\n", want: `reg: in.reg:3: unexpected line "Enabled=1"`},
		{name: "continuation at end", in: header5 + "\n[HKLM\\A]\n\"B\"=hex:01,\\\n", want: `reg: in.reg:3: input ends inside a line continuation`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("in.reg", strings.NewReader(tt.in))
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error = %v\nwant    %s", err, tt.want)
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Errorf("error is %T, want *SyntaxError", err)
			}
		})
	}
}

// TestParseBroken checks that each broken fixture fails naming the file
// and the line.
func TestParseBroken(t *testing.T) {
	tests := []struct {
		file string
		want string
	}{
		{file: "bad-dword.reg", want: `reg: testdata/broken/bad-dword.reg:77: malformed dword "xyz"`},
		{file: "key-no-bracket.reg", want: `reg: testdata/broken/key-no-bracket.reg:65: key line without closing bracket: "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Client"`},
		{file: "truncated-utf16.reg", want: `reg: testdata/broken/truncated-utf16.reg:39: truncated UTF-16 text: odd number of bytes`},
		{file: "unterminated-string.reg", want: `reg: testdata/broken/unterminated-string.reg:14: unterminated string "\"Windows Server 2012 Standard"`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			name := filepath.ToSlash(filepath.Join("testdata", "broken", tt.file))
			f, err := os.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			_, err = Parse(name, f)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error = %v\nwant    %s", err, tt.want)
			}
		})
	}
}

// TestFixtureEncodings guards the fixtures that must stay byte for byte as
// reg.exe writes them: UTF-16LE, byte order mark, CR LF.
func TestFixtureEncodings(t *testing.T) {
	tests := []struct {
		file string
		bom  []byte
		crlf bool
	}{
		{file: "win7sp1-default.reg", bom: []byte{0xFF, 0xFE}, crlf: true},
		{file: "win7sp1-tls12.reg", bom: []byte{0xFF, 0xFE}, crlf: true},
		{file: "srv2019-net48-split/currentversion.reg", bom: []byte{0xFF, 0xFE}, crlf: true},
		{file: "srv2012r2-net452-strong.reg", bom: []byte{0xEF, 0xBB, 0xBF}},
		{file: "srv2016-tls10-client.reg", crlf: true},
		{file: "srv2012r2-net452.reg"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, tt.bom) || len(tt.bom) == 0 && (b[0] == 0xFF || b[0] == 0xEF) {
				t.Errorf("starts with % x, want byte order mark % x", b[:3], tt.bom)
			}
			lf, crlf := []byte("\n"), []byte("\r\n")
			if len(tt.bom) == 2 {
				lf, crlf = encodeUTF16("\n"), encodeUTF16("\r\n")
			}
			if n, m := bytes.Count(b, lf), bytes.Count(b, crlf); tt.crlf && n != m || !tt.crlf && m != 0 {
				t.Errorf("%d line feeds, %d of them after CR; want crlf=%v", n, m, tt.crlf)
			}
		})
	}
}
