package winreg

import (
	"encoding/binary"
	"fmt"
	"unicode/utf16"
)

// Type is a registry value type, numbered as Windows numbers them: the N
// in a `hex(N):` line of an export.
type Type uint32

// Registry value types.
const (
	TypeNone           Type = 0  // REG_NONE
	TypeSZ             Type = 1  // REG_SZ, a string
	TypeExpandSZ       Type = 2  // REG_EXPAND_SZ, a string with %VARIABLES%
	TypeBinary         Type = 3  // REG_BINARY
	TypeDWORD          Type = 4  // REG_DWORD, 32 bits, little-endian
	TypeDWORDBigEndian Type = 5  // REG_DWORD_BIG_ENDIAN
	TypeLink           Type = 6  // REG_LINK
	TypeMultiSZ        Type = 7  // REG_MULTI_SZ, a list of strings
	TypeQWORD          Type = 11 // REG_QWORD, 64 bits, little-endian
)

var typeNames = map[Type]string{
	TypeNone:           "REG_NONE",
	TypeSZ:             "REG_SZ",
	TypeExpandSZ:       "REG_EXPAND_SZ",
	TypeBinary:         "REG_BINARY",
	TypeDWORD:          "REG_DWORD",
	TypeDWORDBigEndian: "REG_DWORD_BIG_ENDIAN",
	TypeLink:           "REG_LINK",
	TypeMultiSZ:        "REG_MULTI_SZ",
	TypeQWORD:          "REG_QWORD",
}

// String returns the Windows name of the type, such as "REG_DWORD", or
// "REG_0x%X" for a type without a name.
func (t Type) String() string {
	if s, ok := typeNames[t]; ok {
		return s
	}
	return fmt.Sprintf("REG_0x%X", uint32(t))
}

// Value is one registry value: its type and its bytes as the registry
// stores them. Strings are UTF-16LE with a terminating NUL, DWORDs four
// little-endian bytes, whatever form the export wrote them in.
type Value struct {
	Type Type
	Data []byte
}

// StringValue returns a REG_SZ value holding s.
func StringValue(s string) Value {
	return Value{Type: TypeSZ, Data: encodeUTF16(s + "\x00")}
}

// DWORDValue returns a REG_DWORD value holding u.
func DWORDValue(u uint32) Value {
	return Value{Type: TypeDWORD, Data: binary.LittleEndian.AppendUint32(nil, u)}
}

// DWORD returns the number held by a REG_DWORD or REG_DWORD_BIG_ENDIAN
// value of four bytes; ok is false for any other value.
func (v Value) DWORD() (u uint32, ok bool) {
	if len(v.Data) != 4 {
		return 0, false
	}
	switch v.Type {
	case TypeDWORD:
		return binary.LittleEndian.Uint32(v.Data), true
	case TypeDWORDBigEndian:
		return binary.BigEndian.Uint32(v.Data), true
	}
	return 0, false
}

// QWORD returns the number held by a REG_QWORD value of eight bytes; ok is
// false for any other value.
func (v Value) QWORD() (u uint64, ok bool) {
	if v.Type != TypeQWORD || len(v.Data) != 8 {
		return 0, false
	}
	return binary.LittleEndian.Uint64(v.Data), true
}

// Text returns the string held by a REG_SZ or REG_EXPAND_SZ value, up to
// its first NUL, with %VARIABLES% left unexpanded; ok is false for any
// other type.
func (v Value) Text() (s string, ok bool) {
	if v.Type != TypeSZ && v.Type != TypeExpandSZ {
		return "", false
	}
	units := decodeUnits(v.Data)
	for i, u := range units {
		if u == 0 {
			units = units[:i]
			break
		}
	}
	return string(utf16.Decode(units)), true
}

// Strings returns the strings held by a REG_MULTI_SZ value; ok is false
// for any other type.
func (v Value) Strings() (list []string, ok bool) {
	if v.Type != TypeMultiSZ {
		return nil, false
	}
	var cur []uint16
	for _, u := range decodeUnits(v.Data) {
		if u != 0 {
			cur = append(cur, u)
			continue
		}
		if len(cur) == 0 {
			break // the empty string that ends the list
		}
		list = append(list, string(utf16.Decode(cur)))
		cur = nil
	}
	if len(cur) > 0 {
		list = append(list, string(utf16.Decode(cur)))
	}
	return list, true
}

// clone returns a copy of v that shares no memory with it.
func (v Value) clone() Value {
	return Value{Type: v.Type, Data: append([]byte{}, v.Data...)}
}

// decodeUnits splits little-endian bytes into UTF-16 code units, dropping
// a final odd byte.
func decodeUnits(b []byte) []uint16 {
	units := make([]uint16, len(b)/2)
	for i := range units {
		units[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return units
}

// encodeUTF16 returns s as UTF-16LE bytes.
func encodeUTF16(s string) []byte {
	units := utf16.Encode([]rune(s))
	b := make([]byte, 0, 2*len(units))
	for _, u := range units {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}
