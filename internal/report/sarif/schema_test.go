package sarif

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/report/reporttest"
)

// schemaFile is the OASIS SARIF 2.1.0 schema (errata 01), unchanged.
const schemaFile = "testdata/sarif-schema-2.1.0.json"

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	s, err := c.Compile(schemaFile)
	if err != nil {
		t.Fatalf("compiling %s: %v", schemaFile, err)
	}
	return s
}

// instance decodes a log as the validator wants it.
func instance(t *testing.T, b []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSchemaValid(t *testing.T) {
	s := compileSchema(t)
	for _, c := range cases() {
		t.Run(c.Name, func(t *testing.T) {
			validate(t, s, write(t, c))
		})
	}
}

// validate checks a log against the schema and against the rules of the
// specification that the schema cannot express.
func validate(t *testing.T, s *jsonschema.Schema, b []byte) {
	t.Helper()
	if err := s.Validate(instance(t, b)); err != nil {
		t.Errorf("log does not validate:\n%v", err)
	}
	var log map[string]any
	if err := json.Unmarshal(b, &log); err != nil {
		t.Fatal(err)
	}
	if err := kindLevelErr(log); err != nil {
		t.Error(err)
	}
}

// kindLevelErr checks SARIF 2.1.0 §3.27.10, which the schema cannot: when
// a result's kind (§3.27.9) is present and not "fail", its level, if
// present, is "none".
func kindLevelErr(log map[string]any) error {
	for i, r := range runOf(log)["results"].([]any) {
		res := r.(map[string]any)
		kind, hasKind := res["kind"]
		level, hasLevel := res["level"]
		if hasKind && kind != "fail" && hasLevel && level != "none" {
			return fmt.Errorf("results[%d]: kind %v with level %v, want level none (§3.27.10)", i, kind, level)
		}
	}
	return nil
}

// TestSchemaVerdicts writes one finding of each verdict at each severity
// and checks every log against the schema and §3.27.10.
func TestSchemaVerdicts(t *testing.T) {
	s := compileSchema(t)
	verdicts := append([]finding.Verdict{""}, finding.Verdicts()...)
	for _, v := range verdicts {
		for sev := finding.Info; sev <= finding.Critical; sev++ {
			t.Run(fmt.Sprintf("%q/%s", v, sev), func(t *testing.T) {
				validate(t, s, write(t, oneFinding(finding.Finding{
					RuleID: "TF-X-001", Severity: sev, Verdict: v, Title: "t", Message: "m",
					Location: &finding.Location{Path: "a.cnf", Line: 1},
				})))
			})
		}
	}
}

// oneFinding is a doctor run that reports f and nothing else.
func oneFinding(f finding.Finding) reporttest.Case {
	return reporttest.Case{
		Name:     "one",
		Run:      finding.Run{Command: "doctor", Floor: "TLS 1.2", Started: reporttest.Started()},
		Findings: []finding.Finding{f},
		Summary:  finding.Summary{Unit: "components", Read: 1, Findings: 1},
	}
}

// TestKindLevelCheck checks that kindLevelErr rejects what §3.27.10
// forbids, so that validate cannot pass by accepting anything.
func TestKindLevelCheck(t *testing.T) {
	tests := []struct {
		name    string
		result  map[string]any
		wantErr bool
	}{
		{name: "no kind", result: map[string]any{"level": "error"}},
		{name: "fail with level", result: map[string]any{"kind": "fail", "level": "error"}},
		{name: "review with none", result: map[string]any{"kind": "review", "level": "none"}},
		{name: "open without level", result: map[string]any{"kind": "open"}},
		{name: "review with warning", result: map[string]any{"kind": "review", "level": "warning"}, wantErr: true},
		{name: "open with error", result: map[string]any{"kind": "open", "level": "error"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log := map[string]any{"runs": []any{map[string]any{"results": []any{tt.result}}}}
			if err := kindLevelErr(log); (err != nil) != tt.wantErr {
				t.Errorf("kindLevelErr() = %v, want error %v", err, tt.wantErr)
			}
		})
	}
}

// TestSchemaRejects checks that the validator does reject logs that break
// the schema, so that TestSchemaValid cannot pass by accepting anything.
func TestSchemaRejects(t *testing.T) {
	s := compileSchema(t)
	tests := []struct {
		name  string
		spoil func(log map[string]any)
	}{
		{name: "unknown level", spoil: func(l map[string]any) { firstResult(l)["level"] = "fatal" }},
		{name: "no version", spoil: func(l map[string]any) { delete(l, "version") }},
		{name: "zero start line", spoil: func(l map[string]any) { firstRegion(l)["startLine"] = 0 }},
		{name: "suppression kind", spoil: func(l map[string]any) {
			firstResult(l)["suppressions"] = []any{map[string]any{"kind": "inline"}}
		}},
		{name: "unknown property", spoil: func(l map[string]any) { firstResult(l)["severity"] = "high" }},
		{name: "relative information uri", spoil: func(l map[string]any) {
			runOf(l)["tool"].(map[string]any)["driver"].(map[string]any)["informationUri"] = "tlsfloor"
		}},
		{name: "message without text", spoil: func(l map[string]any) { firstResult(l)["message"] = map[string]any{} }},
		{name: "verdict word as kind", spoil: func(l map[string]any) { firstResult(l)["kind"] = "warn" }},
		{name: "unknown as kind", spoil: func(l map[string]any) { firstResult(l)["kind"] = "unknown" }},
	}
	good := write(t, cases()[0])
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log map[string]any
			if err := json.Unmarshal(good, &log); err != nil {
				t.Fatal(err)
			}
			tt.spoil(log)
			b, err := json.Marshal(log)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Validate(instance(t, b)); err == nil {
				t.Error("broken log validates")
			}
		})
	}
}

func runOf(l map[string]any) map[string]any {
	return l["runs"].([]any)[0].(map[string]any)
}

func firstResult(l map[string]any) map[string]any {
	return runOf(l)["results"].([]any)[0].(map[string]any)
}

func firstRegion(l map[string]any) map[string]any {
	loc := firstResult(l)["locations"].([]any)[0].(map[string]any)
	return loc["physicalLocation"].(map[string]any)["region"].(map[string]any)
}

// TestSchemaFile checks that the stored schema is whole: valid JSON with
// the OASIS id and every definition the writer's output uses.
func TestSchemaFile(t *testing.T) {
	b, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		ID          string                     `json:"id"`
		Definitions map[string]json.RawMessage `json:"definitions"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("%s is not JSON: %v", schemaFile, err)
	}
	const wantID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if s.ID != wantID || len(b) != 112768 || len(s.Definitions) != 52 {
		t.Errorf("%s: id %q, %d bytes, %d definitions; want %q, 112768 bytes, 52 definitions",
			schemaFile, s.ID, len(b), len(s.Definitions), wantID)
	}
}
