package rules

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
)

func TestParseGoMod(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    goMod
	}{
		{
			name:    "go line and single godebug",
			content: "module m\n\ngo 1.21.3 // old\n\ngodebug tls10server=1\n",
			want: goMod{
				goLine:  modEntry{version: "1.21.3", line: 3, column: 4},
				godebug: []godebugSetting{{key: "tls10server", value: "1", line: 5, column: 9}},
			},
		},
		{
			name:    "block",
			content: "module m\ngo 1.23\ngodebug (\n\tdefault=go1.21 // pin\n\ttlsrsakex=1\n)\nrequire x v1\n",
			want: goMod{
				goLine: modEntry{version: "1.23", line: 2, column: 4},
				godebug: []godebugSetting{
					{key: "default", value: "go1.21", line: 4, column: 2},
					{key: "tlsrsakex", value: "1", line: 5, column: 2},
				},
			},
		},
		{
			name:    "block without space",
			content: "godebug(\n  tls3des=1\n)\n",
			want:    goMod{godebug: []godebugSetting{{key: "tls3des", value: "1", line: 2, column: 3}}},
		},
		{
			name:    "other blocks are not godebug",
			content: "require (\n\ttls10server=1 v1\n)\nreplace (\n\tgo 1.10\n)\n",
			want:    goMod{},
		},
		{
			name:    "comment only",
			content: "// godebug tls10server=1\n// go 1.10\n",
			want:    goMod{},
		},
		{
			name:    "crlf",
			content: "go 1.20\r\ngodebug tlssha1=1\r\n",
			want: goMod{
				goLine:  modEntry{version: "1.20", line: 1, column: 4},
				godebug: []godebugSetting{{key: "tlssha1", value: "1", line: 2, column: 9}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := parseGoMod([]byte(tt.content))
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(goMod{}, modEntry{}, godebugSetting{})); diff != "" {
				t.Errorf("parseGoMod (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseGoVersion(t *testing.T) {
	tests := []struct {
		in     string
		want   goVersion
		ok     bool
		before bool // before 1.22
	}{
		{in: "1.21", want: goVersion{1, 21}, ok: true, before: true},
		{in: "1.21.13", want: goVersion{1, 21}, ok: true, before: true},
		{in: "go1.22", want: goVersion{1, 22}, ok: true},
		{in: "1.22rc1", want: goVersion{1, 22}, ok: true},
		{in: "1", want: goVersion{1, 0}, ok: true, before: true},
		{in: "2.0", want: goVersion{2, 0}, ok: true},
		{in: "x1.21"},
		{in: ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseGoVersion(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Fatalf("parseGoVersion(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
			if ok && got.before(1, 22) != tt.before {
				t.Errorf("%v before 1.22 = %v, want %v", got, !tt.before, tt.before)
			}
		})
	}
}

func TestImpliedSettings(t *testing.T) {
	tests := []struct {
		v    goVersion
		want []string
	}{
		{v: goVersion{1, 21}, want: []string{"tls10server=1", "tlsrsakex=1", "tls3des=1", "tlsmlkem=0", "tlssha1=1", "tlssecpmlkem=0"}},
		{v: goVersion{1, 23}, want: []string{"tlsmlkem=0", "tlssha1=1", "tlssecpmlkem=0"}},
		{v: goVersion{1, 26}, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.v.String(), func(t *testing.T) {
			if diff := cmp.Diff(tt.want, impliedSettings(tt.v)); diff != "" {
				t.Errorf("impliedSettings (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzGoMod reads arbitrary go.mod content: the reader must not panic,
// and everything it reports must lie inside the file.
func FuzzGoMod(f *testing.F) {
	archives, err := filepath.Glob(filepath.Join("testdata", "go", "*.txtar"))
	if err != nil {
		f.Fatal(err)
	}
	for _, a := range archives {
		ar, err := txtar.ParseFile(a)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if filepath.Base(file.Name) == "go.mod" || filepath.Base(file.Name) == "go.work" {
				f.Add(file.Data)
			}
		}
	}
	content, err := os.ReadFile(filepath.Join("..", "..", "..", "go.mod"))
	if err == nil {
		f.Add(content)
	}
	if bad, err := os.ReadFile(filepath.Join("testdata", "fuzz", "malformed", "go.mod.txt")); err == nil {
		f.Add(bad)
	}
	f.Add([]byte("godebug (\n)\n)\ngodebug"))
	f.Fuzz(func(t *testing.T, content []byte) {
		m, err := parseGoMod(content)
		lines := bytes.Count(content, []byte("\n")) + 1
		checkSyntaxError(t, err, lines)
		inside := func(line, col int) bool { return line >= 1 && line <= lines && col >= 1 }
		if m.goLine.version != "" && !inside(m.goLine.line, m.goLine.column) {
			t.Errorf("go line at %d:%d outside %d lines", m.goLine.line, m.goLine.column, lines)
		}
		for _, s := range m.godebug {
			if !inside(s.line, s.column) || s.key == "" {
				t.Errorf("godebug %+v outside %d lines or without key", s, lines)
			}
		}
		parseGoVersion(m.goLine.version)
	})
}
