package snapshot

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tlsfloor/tlsfloor/internal/doctor/winreg"
	"github.com/tlsfloor/tlsfloor/internal/platform"
)

func u32(n uint32) *uint32 { return &n }

func TestReadFixtures(t *testing.T) {
	tests := []struct {
		file string
		want Snapshot
	}{
		{
			file: "win10-minimal.json",
			want: Snapshot{
				Collected: time.Date(2026, 3, 14, 9, 2, 11, 250_000_000, time.UTC),
				Facts: platform.Facts{
					OS:      platform.OS{Family: "windows", Build: 19045, UBR: 5247},
					Windows: &platform.Windows{Hotfixes: []string{}},
				},
			},
		},
		{
			file: "srv2008r2sp1-net35-kb3154518.json",
			want: Snapshot{
				Collected: time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC),
				Host:      "APP2008R2",
				Facts: platform.Facts{
					Host: "APP2008R2",
					OS: platform.OS{Family: "windows", Name: "Windows Server 2008 R2 Enterprise", Version: "6.1",
						Build: 7601, ServicePack: 1, Server: true},
					Windows: &platform.Windows{
						Schannel: []platform.SchannelKey{{Protocol: "SSL 2.0", Side: "Client", DisabledByDefault: u32(1)}},
						NetFramework: []platform.NetFrameworkKey{
							{Path: `SOFTWARE\Microsoft\.NETFramework\v2.0.50727`},
							{Path: `SOFTWARE\Wow6432Node\Microsoft\.NETFramework\v2.0.50727`},
						},
						NetFramework35: true,
						Hotfixes:       []string{"KB976932", "KB3140245", "KB3154518"},
					},
					Runtimes: []platform.Runtime{
						{Name: "netframework", Version: "3.5.30729.5420", Path: `HKLM\SOFTWARE\Microsoft\NET Framework Setup\NDP\v3.5`,
							Settings: map[string]string{"SP": "1"}},
						{Name: "powershell", Version: "2.0", Path: `HKLM\SOFTWARE\Microsoft\PowerShell\1\PowerShellEngine`,
							Settings: map[string]string{"CLRVersion": "2.0.50727", "PSEdition": "Desktop"}},
					},
				},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := readFile(t, tt.file)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Read mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSnapshotMatchesExport checks that the Server 2008 R2 snapshot holds
// what the registry export of the same machine gives, plus the updates
// only a snapshot can carry.
func TestSnapshotMatchesExport(t *testing.T) {
	name := filepath.Join("..", "winreg", "testdata", "srv2008r2sp1-net35.reg")
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	e, err := winreg.Parse(name, f)
	if err != nil {
		t.Fatal(err)
	}
	want, err := winreg.Facts(e)
	if err != nil {
		t.Fatal(err)
	}
	want.Windows.Hotfixes = []string{"KB976932", "KB3140245", "KB3154518"}
	got := readFile(t, "srv2008r2sp1-net35-kb3154518.json")
	if diff := cmp.Diff(want, got.Facts); diff != "" {
		t.Errorf("snapshot facts differ from the export's (-export +snapshot):\n%s", diff)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		file string
		want string
	}{
		{file: "bad-version.json", want: `snapshot: testdata/bad-version.json: schema: unsupported version "tlsfloor.snapshot/v2"; this tlsfloor reads "tlsfloor.snapshot/v1"`},
		{file: "not-snapshot.json", want: `snapshot: testdata/not-snapshot.json: schema: "tlsfloor.scan/v1" is not a tlsfloor snapshot`},
		{file: "unknown-member.json", want: `snapshot: testdata/unknown-member.json:8:7: facts.windows.schanel: unknown member`},
		{file: "wrong-type.json", want: `snapshot: testdata/wrong-type.json:6:42: facts.os.build: cannot use JSON string as int`},
		{file: "negative-dword.json", want: `snapshot: testdata/negative-dword.json:7:83: facts.windows.schannel.enabled: cannot use JSON number -1 as uint32`},
		{file: "bad-time.json", want: `snapshot: testdata/bad-time.json: collected: "14/03/2026 09:26" is not an RFC 3339 time`},
		{file: "missing-facts.json", want: `snapshot: testdata/missing-facts.json: facts: missing`},
		{file: "truncated.json", want: `snapshot: testdata/truncated.json:6:27: unexpected end of JSON input`},
		{file: "trailing.json", want: `snapshot: testdata/trailing.json:2:1: invalid character '{' after top-level value`},
		{file: "not-object.json", want: `snapshot: testdata/not-object.json:1:1: want a JSON object, found array`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := readErr(tt.file)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error = %v\nwant    %s", err, tt.want)
			}
			var se *Error
			if !errors.As(err, &se) {
				t.Errorf("error is %T, want *Error", err)
			}
		})
	}
}

func TestReadInlineErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "empty", in: "", want: `snapshot: in.json:1:1: unexpected end of JSON input`},
		{name: "no schema", in: `{"collected": "2026-03-14T09:26:53Z", "facts": {}}`, want: `snapshot: in.json: schema: missing: not a tlsfloor snapshot`},
		{name: "schema not a string", in: `{"schema": 1}`, want: `snapshot: in.json: schema: not a string`},
		{name: "no collected", in: `{"schema": "tlsfloor.snapshot/v1", "facts": {}}`, want: `snapshot: in.json: collected: missing`},
		{name: "null facts", in: `{"schema": "tlsfloor.snapshot/v1", "collected": "2026-03-14T09:26:53Z", "facts": null}`, want: `snapshot: in.json: facts: missing`},
		{name: "unknown top member", in: `{"schema": "tlsfloor.snapshot/v1", "hots": "x"}`, want: `snapshot: in.json:1:36: hots: unknown member`},
		{name: "unknown member in array element", in: `{"schema": "tlsfloor.snapshot/v1", "facts": {"runtimes": [{"name": "go"}, {"nmae": "java"}]}}`, want: `snapshot: in.json:1:76: facts.runtimes[1].nmae: unknown member`},
		{name: "object for a string", in: `{"schema": "tlsfloor.snapshot/v1", "collected": "2026-03-14T09:26:53Z", "host": {"a": 1}, "facts": {}}`, want: `snapshot: in.json:1:81: host: cannot use JSON object as string`},
		{name: "zero time", in: `{"schema": "tlsfloor.snapshot/v1", "collected": "0001-01-01T00:00:00Z", "facts": {}}`, want: `snapshot: in.json: collected: "0001-01-01T00:00:00Z" is the zero time`},
		{name: "lenient time layout", in: `{"schema": "tlsfloor.snapshot/v1", "collected": "2026-03-14 09:26:53Z", "facts": {}}`, want: `snapshot: in.json: collected: "2026-03-14 09:26:53Z" is not an RFC 3339 time`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read("in.json", strings.NewReader(tt.in))
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error = %v\nwant    %s", err, tt.want)
			}
		})
	}
}

func TestReadSettingsAndCase(t *testing.T) {
	in := `{"SCHEMA": "tlsfloor.snapshot/v1", "Collected": "2026-03-14T09:26:53Z",
		"facts": {"runtimes": [{"name": "go", "settings": {"GODEBUG": "tls10server=1", "any name": "x"}}]}}`
	got, err := Read("in.json", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []platform.Runtime{{Name: "go", Settings: map[string]string{"GODEBUG": "tls10server=1", "any name": "x"}}}
	if diff := cmp.Diff(want, got.Facts.Runtimes); diff != "" {
		t.Errorf("runtimes mismatch (-want +got):\n%s", diff)
	}
}

func TestWrite(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("testdata", "srv2008r2sp1-net35-kb3154518.json"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, readFile(t, "srv2008r2sp1-net35-kb3154518.json")); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("Write mismatch (-fixture +written):\n%s", diff)
	}
}

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name string
		s    Snapshot
		want string
	}{
		{name: "no time", s: Snapshot{}, want: "snapshot: no collection time"},
		{name: "year 10000", s: Snapshot{Collected: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, want: "snapshot: collection year 10000 is outside RFC 3339"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(&bytes.Buffer{}, tt.s)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error = %v, want %s", err, tt.want)
			}
		})
	}
}

// TestEveryFactsMemberKnown fills every field of platform.Facts, writes
// it and reads it back, so that a field added to the facts cannot be
// rejected as an unknown member or lost on the way.
func TestEveryFactsMemberKnown(t *testing.T) {
	var facts platform.Facts
	fill(reflect.ValueOf(&facts).Elem())
	in := Snapshot{Collected: time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC), Host: "h", Facts: facts}
	var b bytes.Buffer
	if err := Write(&b, in); err != nil {
		t.Fatal(err)
	}
	got, err := Read("filled.json", &b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, got); diff != "" {
		t.Errorf("round trip mismatch (-written +read):\n%s", diff)
	}
}

// fill sets every field v holds to a value that is not zero.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i))
			}
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0))
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k)
		fill(e)
		v.SetMapIndex(k, e)
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1)
	}
}

// equateEmpty treats nil and empty slices and maps alike: omitempty
// members written empty come back absent.
var equateEmpty = cmpopts.EquateEmpty()

func readFile(t *testing.T, file string) Snapshot {
	t.Helper()
	s, err := readErr(file)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func readErr(file string) (Snapshot, error) {
	name := "testdata/" + file
	f, err := os.Open(filepath.FromSlash(name))
	if err != nil {
		return Snapshot{}, err
	}
	defer f.Close()
	return Read(name, f)
}
