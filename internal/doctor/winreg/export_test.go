package winreg

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExportKey(t *testing.T) {
	e := &Export{Keys: []Key{
		{Path: `HKEY_LOCAL_MACHINE\SOFTWARE\Wow6432Node\Microsoft\.NETFramework\v4.0.30319`},
		{Path: `HKLM\SYSTEM\Select`},
		{Path: `HKEY_CURRENT_USER\Software\Vendor\`},
	}}
	tests := []struct {
		path string
		want int // index in e.Keys, -1 for none
	}{
		{path: `HKEY_LOCAL_MACHINE\SOFTWARE\Wow6432Node\Microsoft\.NETFramework\v4.0.30319`, want: 0},
		{path: `HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319`, want: 0},
		{path: `hklm\software\wow6432node\microsoft\.netframework\V4.0.30319\`, want: 0},
		{path: `HKEY_LOCAL_MACHINE\SYSTEM\Select`, want: 1},
		{path: `HKCU\Software\Vendor`, want: 2},
		{path: `HKEY_LOCAL_MACHINE\Software\Vendor`, want: -1},
		{path: `HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319`, want: -1},
		{path: `SOFTWARE\Wow6432Node\Microsoft\.NETFramework\v4.0.30319`, want: -1},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got := e.Key(tt.path)
			switch {
			case tt.want < 0 && got != nil:
				t.Errorf("Key = %q, want none", got.Path)
			case tt.want >= 0 && got != &e.Keys[tt.want]:
				t.Errorf("Key = %v, want %q", got, e.Keys[tt.want].Path)
			}
		})
	}
}

func TestKeyGet(t *testing.T) {
	k := &Key{Values: map[string]Value{"Enabled": DWORDValue(1), "": StringValue("def")}}
	tests := []struct {
		name   string
		want   Value
		wantOK bool
	}{
		{name: "Enabled", want: DWORDValue(1), wantOK: true},
		{name: "ENABLED", want: DWORDValue(1), wantOK: true},
		{name: "", want: StringValue("def"), wantOK: true},
		{name: "DisabledByDefault"},
	}
	for _, tt := range tests {
		got, ok := k.Get(tt.name)
		if ok != tt.wantOK || !cmp.Equal(got, tt.want) {
			t.Errorf("Get(%q) = %v, %v; want %v, %v", tt.name, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestMerge(t *testing.T) {
	a := &Export{Name: "a.reg", Notes: []string{"a.reg:3: note"}, Keys: []Key{
		{Path: `HKEY_LOCAL_MACHINE\SOFTWARE\A`, Values: map[string]Value{"X": DWORDValue(1), "Y": DWORDValue(1)}},
		{Path: `HKEY_LOCAL_MACHINE\SOFTWARE\B`, Values: map[string]Value{}},
	}}
	b := &Export{Name: "b.reg", Keys: []Key{
		{Path: `HKLM\software\a`, Values: map[string]Value{"x": DWORDValue(2)}},
		{Path: `HKEY_LOCAL_MACHINE\SOFTWARE\C`, Values: map[string]Value{"Z": StringValue("z")}},
	}}
	want := &Export{
		Name:  "a.reg, b.reg",
		Notes: []string{"a.reg:3: note"},
		Keys: []Key{
			{Path: `HKEY_LOCAL_MACHINE\SOFTWARE\A`, Values: map[string]Value{"x": DWORDValue(2), "Y": DWORDValue(1)}},
			{Path: `HKEY_LOCAL_MACHINE\SOFTWARE\B`, Values: map[string]Value{}},
			{Path: `HKEY_LOCAL_MACHINE\SOFTWARE\C`, Values: map[string]Value{"Z": StringValue("z")}},
		},
	}
	got := Merge(a, nil, b)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Merge mismatch (-want +got):\n%s", diff)
	}
	got.Keys[0].Values["Y"].Data[0] = 9
	if v, _ := a.Keys[0].Get("Y"); v.Data[0] != 1 {
		t.Error("Merge shares value bytes with its inputs")
	}
	if len(a.Keys[0].Values) != 2 || len(b.Keys) != 2 {
		t.Error("Merge changed its inputs")
	}
}

func TestMergeNone(t *testing.T) {
	got := Merge()
	if got == nil || len(got.Keys) != 0 || got.Name != "" {
		t.Errorf("Merge() = %+v, want an empty export", got)
	}
}
