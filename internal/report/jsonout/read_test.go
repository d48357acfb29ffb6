package jsonout

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/report/reporttest"
)

func TestRoundTrip(t *testing.T) {
	for _, c := range reporttest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			run, findings, summary, err := Read(bytes.NewReader(write(t, c)))
			if err != nil {
				t.Fatal(err)
			}
			got := reporttest.Case{Name: c.Name, Run: run, Findings: findings, Summary: summary}
			if diff := cmp.Diff(c, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Read(write(run)) mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// recorder is a finding.Handler that logs the calls it gets.
type recorder struct {
	calls []string
	fail  string // call name to fail on
}

func (r *recorder) log(call string) error {
	r.calls = append(r.calls, call)
	if call == r.fail {
		return errors.New("handler refused")
	}
	return nil
}

func (r *recorder) Start(run finding.Run) error     { return r.log("start " + run.Command) }
func (r *recorder) Finding(f finding.Finding) error { return r.log("finding " + f.RuleID) }
func (r *recorder) End(s finding.Summary) error     { return r.log(fmt.Sprintf("end %d", s.Read)) }

// Members in an order other than the one Handler writes.
const (
	findingsFirst = `{"findings":[{"rule_id":"A","severity":"low"},{"rule_id":"B","severity":"high"}],
		"summary":{"unit":"files","read":2,"findings":2,"suppressed":0},
		"run":{"command":"scan","started":"2025-01-02T03:04:05Z"},"schema":"tlsfloor.scan/v1"}`
	schemaLast = `{"run":{"command":"probe","started":"2025-01-02T03:04:05Z"},
		"findings":[{"rule_id":"A"}],"summary":{"read":7},"tool":{"name":"tlsfloor"},
		"extra":{"added":"later in v1"},"schema":"tlsfloor.probe/v1"}`
)

func TestReplayOrder(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{name: "as written", doc: string(write(t, reporttest.Rich())), want: []string{
			"start scan", "finding TF-DOTNET-001", "finding TF-JAVA-002", "finding TF-PROBE-001",
			"finding TF-EXTRA-009", "finding TF-OPENSSL-003", "finding TF-INFO-001", "end 120",
		}},
		{name: "empty", doc: string(write(t, reporttest.Empty())), want: []string{"start scan", "end 0"}},
		{name: "findings first", doc: findingsFirst, want: []string{"start scan", "finding A", "finding B", "end 2"}},
		{name: "schema last", doc: schemaLast, want: []string{"start probe", "finding A", "end 7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r recorder
			if err := Replay(strings.NewReader(tt.doc), &r); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, r.calls); diff != "" {
				t.Errorf("calls mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReplayStreams checks that a finding reaches the handler before the
// rest of the document has been read.
func TestReplayStreams(t *testing.T) {
	doc := write(t, reporttest.Rich())
	cut := bytes.Index(doc, []byte(`"rule_id": "TF-JAVA-002"`))
	var r recorder
	err := Replay(bytes.NewReader(doc[:cut]), &r)
	if err == nil {
		t.Fatal("Replay of a truncated document succeeded")
	}
	want := []string{"start scan", "finding TF-DOTNET-001"}
	if diff := cmp.Diff(want, r.calls); diff != "" {
		t.Errorf("calls before the truncation (-want +got):\n%s", diff)
	}
}

func TestReplayHandlerError(t *testing.T) {
	r := recorder{fail: "finding TF-PROBE-001"}
	err := Replay(bytes.NewReader(write(t, reporttest.Rich())), &r)
	want := "jsonout: replay findings[2]: handler refused"
	if err == nil || err.Error() != want {
		t.Errorf("Replay() error = %v, want %s", err, want)
	}
}

const (
	okRun       = `"run":{"command":"scan","started":"2025-01-02T03:04:05Z"}`
	okDoctorRun = `"run":{"command":"doctor","started":"2025-01-02T03:04:05Z"}`
	okSummary   = `"summary":{"read":1}`
)

func TestReadVerdicts(t *testing.T) {
	tests := []struct {
		name string
		in   string // the verdict member, or "" for none
		want finding.Verdict
	}{
		{name: "absent", in: "", want: ""},
		{name: "empty", in: `,"verdict":""`, want: ""},
		{name: "pass", in: `,"verdict":"pass"`, want: finding.VerdictPass},
		{name: "warn", in: `,"verdict":"warn"`, want: finding.VerdictWarn},
		{name: "fail", in: `,"verdict":"fail"`, want: finding.VerdictFail},
		{name: "unknown", in: `,"verdict":"unknown"`, want: finding.VerdictUnknown},
		{name: "any case", in: `,"verdict":"Unknown"`, want: finding.VerdictUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := `{"schema":"tlsfloor.doctor/v1",` + okDoctorRun + `,"findings":[{"rule_id":"A"` + tt.in + `}],` + okSummary + `}`
			_, findings, _, err := Read(strings.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			if len(findings) != 1 || findings[0].Verdict != tt.want {
				t.Errorf("findings = %+v, want one with verdict %q", findings, tt.want)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want string
	}{
		{name: "empty input", doc: "", want: "jsonout: document at offset 0: unexpected EOF"},
		{name: "not an object", doc: `[1]`, want: `jsonout: document at offset 0: want '{', found '['`},
		{name: "null", doc: `null`, want: `jsonout: document at offset 0: want '{', found null`},
		{name: "other schema", doc: `{"schema":"sarif-2.1.0"}`,
			want: `jsonout: schema at offset 9: unknown schema "sarif-2.1.0" (want "tlsfloor.<command>/v1")`},
		{name: "later version", doc: `{"schema":"tlsfloor.scan/v2"}`,
			want: `jsonout: schema at offset 9: unsupported schema version "tlsfloor.scan/v2" (want "tlsfloor.scan/v1")`},
		{name: "bad command in schema", doc: `{"schema":"tlsfloor.SCAN/v1"}`,
			want: `jsonout: schema at offset 9: unknown schema "tlsfloor.SCAN/v1" (want "tlsfloor.<command>/v1")`},
		{name: "schema not a string", doc: `{"schema":1}`,
			want: "jsonout: schema at offset 9: json: cannot unmarshal number into Go value of type string"},
		{name: "command mismatch", doc: `{"schema":"tlsfloor.probe/v1",` + okRun + `}`,
			want: `jsonout: run.command "scan" does not match schema "tlsfloor.probe/v1"`},
		{name: "missing summary", doc: `{"schema":"tlsfloor.scan/v1",` + okRun + `,"findings":[]}`,
			want: `jsonout: missing member "summary"`},
		{name: "missing findings", doc: `{"schema":"tlsfloor.scan/v1",` + okRun + `,` + okSummary + `}`,
			want: `jsonout: missing member "findings"`},
		{name: "missing schema", doc: `{` + okRun + `,"findings":[],` + okSummary + `}`,
			want: `jsonout: missing member "schema"`},
		{name: "findings null", doc: `{"schema":"tlsfloor.scan/v1",` + okRun + `,"findings":null}`,
			want: `jsonout: findings at offset 97: want '[', found null`},
		{name: "duplicate member", doc: `{"schema":"tlsfloor.scan/v1","schema":"tlsfloor.scan/v1"}`,
			want: `jsonout: schema at offset 28: duplicate member`},
		{name: "unknown severity", doc: `{"schema":"tlsfloor.scan/v1",` + okRun + `,"findings":[{"rule_id":"A","severity":"urgent"}]}`,
			want: `jsonout: findings[0] at offset 99: unknown severity "urgent" (want one of info, low, medium, high, critical)`},
		{name: "unknown verdict", doc: `{"schema":"tlsfloor.doctor/v1",` + okDoctorRun + `,"findings":[{"rule_id":"A","verdict":"skipped"}]}`,
			want: `jsonout: findings[0] at offset 103: unknown verdict "skipped" (want one of pass, warn, fail, unknown)`},
		{name: "verdict not a string", doc: `{"schema":"tlsfloor.doctor/v1",` + okDoctorRun + `,"findings":[{"rule_id":"A","verdict":true}]}`,
			want: `jsonout: findings[0] at offset 103: json: cannot unmarshal bool into Go struct field Finding.verdict of type finding.Verdict`},
		{name: "wrong type in finding", doc: `{"schema":"tlsfloor.scan/v1",` + okRun + `,"findings":[{"rule_id":"A","location":{"line":"3"}}]}`,
			want: `jsonout: findings[0] at offset 99: json: cannot unmarshal string into Go struct field Location.location.line of type int`},
		{name: "finding without rule", doc: `{"schema":"tlsfloor.scan/v1",` + okRun + `,"findings":[{}]}`,
			want: `jsonout: findings[0] at offset 99: missing rule_id`},
		{name: "bad time", doc: `{"schema":"tlsfloor.scan/v1","run":{"command":"scan","started":"yesterday"}}`,
			want: `jsonout: run at offset 34: parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"`},
		{name: "syntax error", doc: `{"schema":"tlsfloor.scan/v1",}`,
			want: `jsonout: document at offset 28: invalid character '}' looking for beginning of object key string`},
		{name: "truncated", doc: `{"schema":"tlsfloor.scan/v1",` + okRun,
			want: `jsonout: document at offset 86: unexpected EOF`},
		{name: "trailing data", doc: `{"schema":"tlsfloor.scan/v1",` + okRun + `,"findings":[],` + okSummary + `} {}`,
			want: `jsonout: end of document at offset 122: unexpected data after the document`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := Read(strings.NewReader(tt.doc))
			if err == nil || err.Error() != tt.want {
				t.Errorf("Read() error = %v\nwant %s", err, tt.want)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	for _, name := range []string{"rich.json", "empty.json", "mixed.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(findingsFirst))
	f.Add([]byte(schemaLast))
	f.Add([]byte(`{"schema":"tlsfloor.scan/v2"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		run, findings, summary, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		// Whatever Read accepts, Handler must write back and Read must
		// read again unchanged.
		c := reporttest.Case{Run: run, Findings: findings, Summary: summary}
		run2, findings2, summary2, err := Read(bytes.NewReader(write(t, c)))
		if err != nil {
			t.Fatalf("reading the rewritten document: %v", err)
		}
		got := reporttest.Case{Run: run2, Findings: findings2, Summary: summary2}
		if diff := cmp.Diff(c, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("rewrite mismatch (-first +second):\n%s", diff)
		}
	})
}
