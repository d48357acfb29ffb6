package cli

import (
	"bytes"
	"encoding/json"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionInfo(t *testing.T) {
	vcs := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "github.com/tlsfloor/tlsfloor", Version: "v0.3.0"},
		Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123abcd"},
			{Key: "vcs.time", Value: "2026-01-02T03:04:05Z"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	tests := []struct {
		name         string
		ldflags      string
		bi           *debug.BuildInfo
		wantVersion  string
		wantRevision string
		wantModified string // "" when unknown
	}{
		{name: "build info", bi: vcs, wantVersion: "v0.3.0", wantRevision: "0123abcd", wantModified: "true"},
		{name: "ldflags win", ldflags: "v1.0.0", bi: vcs, wantVersion: "v1.0.0", wantRevision: "0123abcd", wantModified: "true"},
		{name: "ldflags alone", ldflags: "v1.0.0", wantVersion: "v1.0.0"},
		{name: "no build info", wantVersion: "unknown"},
		{name: "devel", bi: &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, wantVersion: "(devel)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := newVersionInfo(tt.ldflags, tt.bi)
			modified := ""
			if v.Modified != nil {
				modified = map[bool]string{true: "true", false: "false"}[*v.Modified]
			}
			if v.Schema != versionSchema || v.Version != tt.wantVersion || v.Revision != tt.wantRevision || modified != tt.wantModified {
				t.Errorf("got %+v (modified %q), want version %q revision %q modified %q", v, modified, tt.wantVersion, tt.wantRevision, tt.wantModified)
			}
			if v.OS != runtime.GOOS || v.Arch != runtime.GOARCH || v.GoVersion == "" {
				t.Errorf("platform = %s/%s %s", v.OS, v.Arch, v.GoVersion)
			}
		})
	}
}

func TestVersionOutput(t *testing.T) {
	modified := false
	v := versionInfo{Schema: versionSchema, Version: "v1.0.0", Revision: "abc", Modified: &modified, GoVersion: "go1.26.8", OS: "linux", Arch: "arm64"}
	var text bytes.Buffer
	if err := v.writeText(&text); err != nil {
		t.Fatal(err)
	}
	want := "tlsfloor v1.0.0\n  revision  abc\n  modified  false\n  go        go1.26.8\n  platform  linux/arm64\n"
	if text.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", text.String(), want)
	}
	var js bytes.Buffer
	if err := v.writeJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back["schema"] != "tlsfloor.version/v1" || back["modified"] != false || back["arch"] != "arm64" {
		t.Errorf("json = %s", js.String())
	}
	if strings.Contains(js.String(), `"time"`) {
		t.Errorf("json has an empty time: %s", js.String())
	}
}
