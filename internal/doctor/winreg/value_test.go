package winreg

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestValueAccessors(t *testing.T) {
	type want struct {
		dword     uint32
		dwordOK   bool
		qword     uint64
		qwordOK   bool
		text      string
		textOK    bool
		strings   []string
		stringsOK bool
	}
	tests := []struct {
		name string
		v    Value
		want want
	}{
		{name: "dword", v: DWORDValue(0xA00), want: want{dword: 0xA00, dwordOK: true}},
		{name: "big-endian dword", v: Value{Type: TypeDWORDBigEndian, Data: []byte{0, 0, 0x0A, 0}}, want: want{dword: 0xA00, dwordOK: true}},
		{name: "short dword", v: Value{Type: TypeDWORD, Data: []byte{1}}, want: want{}},
		{name: "qword", v: Value{Type: TypeQWORD, Data: []byte{1, 0, 0, 0, 0, 0, 0, 1}}, want: want{qword: 1<<56 | 1, qwordOK: true}},
		{name: "string", v: StringValue("C:\\Windows"), want: want{text: "C:\\Windows", textOK: true}},
		{name: "string without NUL", v: Value{Type: TypeSZ, Data: []byte{'a', 0, 'b', 0}}, want: want{text: "ab", textOK: true}},
		{name: "string with odd byte", v: Value{Type: TypeSZ, Data: []byte{'a', 0, 'b'}}, want: want{text: "a", textOK: true}},
		{name: "string ends at NUL", v: Value{Type: TypeSZ, Data: []byte{'a', 0, 0, 0, 'b', 0}}, want: want{text: "a", textOK: true}},
		{name: "expand string", v: Value{Type: TypeExpandSZ, Data: encodeUTF16("%SystemRoot%\x00")}, want: want{text: "%SystemRoot%", textOK: true}},
		{name: "multi string", v: Value{Type: TypeMultiSZ, Data: encodeUTF16("PLA\x00DPS\x00\x00")}, want: want{strings: []string{"PLA", "DPS"}, stringsOK: true}},
		{name: "multi string unterminated", v: Value{Type: TypeMultiSZ, Data: encodeUTF16("PLA\x00DPS")}, want: want{strings: []string{"PLA", "DPS"}, stringsOK: true}},
		{name: "empty multi string", v: Value{Type: TypeMultiSZ, Data: []byte{0, 0}}, want: want{stringsOK: true}},
		{name: "binary", v: Value{Type: TypeBinary, Data: []byte{1, 0, 0, 0}}, want: want{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got want
			got.dword, got.dwordOK = tt.v.DWORD()
			got.qword, got.qwordOK = tt.v.QWORD()
			got.text, got.textOK = tt.v.Text()
			got.strings, got.stringsOK = tt.v.Strings()
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(want{})); diff != "" {
				t.Errorf("accessors mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTypeString(t *testing.T) {
	tests := []struct {
		typ  Type
		want string
	}{
		{typ: TypeSZ, want: "REG_SZ"},
		{typ: TypeDWORD, want: "REG_DWORD"},
		{typ: TypeQWORD, want: "REG_QWORD"},
		{typ: 0x20, want: "REG_0x20"},
	}
	for _, tt := range tests {
		if got := tt.typ.String(); got != tt.want {
			t.Errorf("Type(%d).String() = %q, want %q", uint32(tt.typ), got, tt.want)
		}
	}
}
