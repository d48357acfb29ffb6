package sarif

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
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
			if err := s.Validate(instance(t, write(t, c))); err != nil {
				t.Errorf("log does not validate:\n%v", err)
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
