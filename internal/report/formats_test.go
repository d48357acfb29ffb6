package report

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tlsfloor/tlsfloor/internal/report/jsonout"
	"github.com/tlsfloor/tlsfloor/internal/report/reporttest"
)

func TestNames(t *testing.T) {
	want := []string{"text", "json", "sarif", "csv", "html"}
	if diff := cmp.Diff(want, Names()); diff != "" {
		t.Errorf("Names() (-want +got):\n%s", diff)
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name        string
		wantMachine bool
		wantErr     string
	}{
		{name: "text", wantMachine: false},
		{name: "json", wantMachine: true},
		{name: "sarif", wantMachine: true},
		{name: "csv", wantMachine: true},
		{name: "html"},
		{name: "JSON", wantErr: `unknown format "JSON" (want one of text, json, sarif, csv, html)`},
		{name: "", wantErr: `unknown format "" (want one of text, json, sarif, csv, html)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Lookup(tt.name)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Errorf("Lookup() error = %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if f.Name != tt.name || f.Machine != tt.wantMachine || f.Description == "" || f.New == nil {
				t.Errorf("Lookup(%q) = %+v", tt.name, f)
			}
		})
	}
}

// TestReplayConverts checks that every format made from a saved JSON
// document is the same as the format written during the run.
func TestReplayConverts(t *testing.T) {
	jsonFormat, err := Lookup("json")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range reporttest.Cases() {
		var saved bytes.Buffer
		if err := reporttest.Feed(jsonFormat.New(&saved), c); err != nil {
			t.Fatal(err)
		}
		for _, f := range formats {
			t.Run(c.Name+"/"+f.Name, func(t *testing.T) {
				var live, replayed bytes.Buffer
				if err := reporttest.Feed(f.New(&live), c); err != nil {
					t.Fatal(err)
				}
				if err := jsonout.Replay(bytes.NewReader(saved.Bytes()), f.New(&replayed)); err != nil {
					t.Fatal(err)
				}
				if live.Len() == 0 {
					t.Fatal("format wrote nothing")
				}
				if diff := cmp.Diff(live.String(), replayed.String()); diff != "" {
					t.Errorf("replayed output differs (-live +replayed):\n%s", diff)
				}
			})
		}
	}
}
