package finding

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestParseVerdict(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Verdict
		wantErr string
	}{
		{name: "fail", in: "fail", want: VerdictFail},
		{name: "warn", in: "warn", want: VerdictWarn},
		{name: "pass", in: "pass", want: VerdictPass},
		{name: "unknown", in: "unknown", want: VerdictUnknown},
		{name: "any case", in: "PaSs", want: VerdictPass},
		{name: "other word", in: "maybe", wantErr: `unknown verdict "maybe" (want one of pass, warn, fail, unknown)`},
		{name: "empty", in: "", wantErr: `unknown verdict "" (want one of pass, warn, fail, unknown)`},
		{name: "padded", in: " pass", wantErr: `unknown verdict " pass" (want one of pass, warn, fail, unknown)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseVerdict(tt.in)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Errorf("ParseVerdict(%q) error = %v, want %s", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseVerdict(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestVerdictJSON(t *testing.T) {
	tests := []struct {
		name     string
		in       string // a finding as JSON
		want     Verdict
		wantErr  string
		wantBack string // the finding written again
	}{
		{name: "absent", in: `{"rule_id":"R"}`, want: "", wantBack: `{"rule_id":"R","severity":"info","title":"","message":""}`},
		{name: "empty", in: `{"rule_id":"R","verdict":""}`, want: "", wantBack: `{"rule_id":"R","severity":"info","title":"","message":""}`},
		{name: "pass", in: `{"rule_id":"R","verdict":"pass"}`, want: VerdictPass,
			wantBack: `{"rule_id":"R","severity":"info","verdict":"pass","title":"","message":""}`},
		{name: "upper case", in: `{"rule_id":"R","verdict":"WARN"}`, want: VerdictWarn,
			wantBack: `{"rule_id":"R","severity":"info","verdict":"warn","title":"","message":""}`},
		{name: "unknown word", in: `{"rule_id":"R","verdict":"skipped"}`,
			wantErr: `unknown verdict "skipped" (want one of pass, warn, fail, unknown)`},
		{name: "not a string", in: `{"rule_id":"R","verdict":1}`,
			wantErr: "json: cannot unmarshal number into Go struct field Finding.verdict of type finding.Verdict"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f Finding
			err := json.Unmarshal([]byte(tt.in), &f)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Errorf("Unmarshal error = %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil || f.Verdict != tt.want {
				t.Fatalf("Unmarshal: verdict %q, error %v; want %q", f.Verdict, err, tt.want)
			}
			back, err := json.Marshal(f)
			if err != nil || string(back) != tt.wantBack {
				t.Errorf("Marshal = %s, %v; want %s", back, err, tt.wantBack)
			}
		})
	}
}

func TestVerdictMarshalInvalid(t *testing.T) {
	_, err := json.Marshal(Finding{RuleID: "R", Verdict: "maybe"})
	want := `json: error calling MarshalText for type finding.Verdict: invalid verdict "maybe"`
	if err == nil || err.Error() != want {
		t.Errorf("Marshal error = %v, want %s", err, want)
	}
}

func TestOutcome(t *testing.T) {
	tests := []struct {
		name    string
		verdict Verdict
		want    Verdict
	}{
		{name: "zero is fail", verdict: "", want: VerdictFail},
		{name: "fail", verdict: VerdictFail, want: VerdictFail},
		{name: "warn", verdict: VerdictWarn, want: VerdictWarn},
		{name: "pass", verdict: VerdictPass, want: VerdictPass},
		{name: "unknown", verdict: VerdictUnknown, want: VerdictUnknown},
		{name: "invalid is fail", verdict: "maybe", want: VerdictFail},
		{name: "wrong case is fail", verdict: "Pass", want: VerdictFail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (Finding{Verdict: tt.verdict}).Outcome(); got != tt.want {
				t.Errorf("Outcome() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestVerdicts(t *testing.T) {
	want := []Verdict{VerdictPass, VerdictWarn, VerdictFail, VerdictUnknown}
	got := Verdicts()
	if !slices.Equal(got, want) {
		t.Errorf("Verdicts() = %q, want %q", got, want)
	}
	got[0] = "changed"
	if Verdicts()[0] != VerdictPass {
		t.Error("Verdicts() shares its backing array with the caller")
	}
}

func TestWorse(t *testing.T) {
	tests := []struct {
		a, b, want Verdict
	}{
		{a: VerdictPass, b: VerdictWarn, want: VerdictWarn},
		{a: VerdictUnknown, b: VerdictWarn, want: VerdictUnknown},
		{a: VerdictUnknown, b: VerdictFail, want: VerdictFail},
		{a: VerdictPass, b: "", want: VerdictFail},
		{a: VerdictPass, b: VerdictPass, want: VerdictPass},
	}
	for _, tt := range tests {
		if got := Worse(tt.a, tt.b); got != tt.want {
			t.Errorf("Worse(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
		if got := Worse(tt.b, tt.a); got != tt.want {
			t.Errorf("Worse(%q, %q) = %q, want %q", tt.b, tt.a, got, tt.want)
		}
	}
}
