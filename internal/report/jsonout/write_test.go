package jsonout

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func write(t testing.TB, c reporttest.Case) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := reporttest.Feed(New(&buf), c); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, c := range reporttest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			got := write(t, c)
			if !json.Valid(got) {
				t.Fatalf("output is not valid JSON:\n%s", got)
			}
			reporttest.Golden(t, filepath.Join("testdata", c.Name+".json"), got, *update)
		})
	}
}

func TestEmptyFindingsIsArray(t *testing.T) {
	var doc struct {
		Findings json.RawMessage `json:"findings"`
	}
	if err := json.Unmarshal(write(t, reporttest.Empty()), &doc); err != nil {
		t.Fatal(err)
	}
	if string(doc.Findings) != "[]" {
		t.Errorf("findings = %s, want []", doc.Findings)
	}
}

// TestStreaming checks that Start writes the head of the document and each
// Finding call writes its finding at once.
func TestStreaming(t *testing.T) {
	c := reporttest.Rich()
	var buf bytes.Buffer
	h := New(&buf)
	if err := h.Start(c.Run); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(buf.String(), `"findings": [`) {
		t.Fatalf("after Start the output ends %q, want the opening of findings", tail(buf.String()))
	}
	for _, f := range c.Findings {
		before := buf.Len()
		if err := h.Finding(f); err != nil {
			t.Fatal(err)
		}
		if got := buf.String()[before:]; !strings.Contains(got, `"rule_id": "`+f.RuleID+`"`) {
			t.Errorf("Finding(%s) wrote %q", f.RuleID, got)
		}
	}
}

func tail(s string) string {
	return s[max(0, len(s)-40):]
}

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name string
		call func(h *Handler) error
		want string
	}{
		{
			name: "no command",
			call: func(h *Handler) error { return h.Start(finding.Run{}) },
			want: `jsonout: invalid command "": want lower-case letters, digits and dashes`,
		},
		{
			name: "command unfit for a schema name",
			call: func(h *Handler) error { return h.Start(finding.Run{Command: "Scan/v2"}) },
			want: `jsonout: invalid command "Scan/v2": want lower-case letters, digits and dashes`,
		},
		{
			name: "finding before start",
			call: func(h *Handler) error { return h.Finding(finding.Finding{RuleID: "R"}) },
			want: "jsonout: Finding called before Start",
		},
		{
			name: "end before start",
			call: func(h *Handler) error { return h.End(finding.Summary{}) },
			want: "jsonout: End called before Start",
		},
		{
			name: "invalid severity",
			call: func(h *Handler) error {
				if err := h.Start(finding.Run{Command: "scan"}); err != nil {
					return err
				}
				return h.Finding(finding.Finding{RuleID: "R", Severity: 9})
			},
			want: "jsonout: finding 0: json: error calling MarshalText for type finding.Severity: invalid severity 9",
		},
		{
			name: "invalid verdict",
			call: func(h *Handler) error {
				if err := h.Start(finding.Run{Command: "doctor"}); err != nil {
					return err
				}
				return h.Finding(finding.Finding{RuleID: "R", Verdict: "skipped"})
			},
			want: `jsonout: finding 0: json: error calling MarshalText for type finding.Verdict: invalid verdict "skipped"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call(New(&bytes.Buffer{}))
			if err == nil || err.Error() != tt.want {
				t.Errorf("error = %v, want %s", err, tt.want)
			}
		})
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriterFails(t *testing.T) {
	err := New(failWriter{}).Start(finding.Run{Command: "scan"})
	if err == nil || err.Error() != "jsonout: disk full" {
		t.Errorf("Start() error = %v, want jsonout: disk full", err)
	}
}
