package sarif

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

func TestLevels(t *testing.T) {
	tests := []struct {
		severity finding.Severity
		level    string
		score    string
	}{
		{severity: finding.Critical, level: "error", score: "9.5"},
		{severity: finding.High, level: "error", score: "8.0"},
		{severity: finding.Medium, level: "warning", score: "5.5"},
		{severity: finding.Low, level: "note", score: "3.0"},
		{severity: finding.Info, level: "note", score: ""},
	}
	for _, tt := range tests {
		t.Run(tt.severity.String(), func(t *testing.T) {
			if got := level(tt.severity); got != tt.level {
				t.Errorf("level() = %q, want %q", got, tt.level)
			}
			if got := securitySeverity(tt.severity); got != tt.score {
				t.Errorf("securitySeverity() = %q, want %q", got, tt.score)
			}
		})
	}
}

func TestKindAndLevel(t *testing.T) {
	tests := []struct {
		name     string
		verdict  finding.Verdict
		severity finding.Severity
		kind     string
		level    string
	}{
		{name: "no verdict", verdict: "", severity: finding.High, kind: "", level: "error"},
		{name: "fail", verdict: finding.VerdictFail, severity: finding.Medium, kind: "", level: "warning"},
		{name: "invalid verdict is fail", verdict: "maybe", severity: finding.Low, kind: "", level: "note"},
		{name: "warn", verdict: finding.VerdictWarn, severity: finding.Critical, kind: "review", level: "none"},
		{name: "unknown", verdict: finding.VerdictUnknown, severity: finding.High, kind: "open", level: "none"},
		{name: "unknown info", verdict: finding.VerdictUnknown, severity: finding.Info, kind: "open", level: "none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newResult(finding.Finding{RuleID: "R", Severity: tt.severity, Verdict: tt.verdict}, "p")
			if r.Kind != tt.kind || r.Level != tt.level {
				t.Errorf("kind %q, level %q; want %q, %q", r.Kind, r.Level, tt.kind, tt.level)
			}
		})
	}
}

func TestNewDriverVersion(t *testing.T) {
	tests := []struct {
		name     string
		version  string
		wantSem  string
		wantVers string
	}{
		{name: "tag", version: "v1.4.0", wantSem: "1.4.0"},
		{name: "plain", version: "1.4.0", wantSem: "1.4.0"},
		{name: "pre-release and build", version: "v2.0.0-rc.1+g1234", wantSem: "2.0.0-rc.1+g1234"},
		{name: "devel", version: "(devel)", wantVers: "(devel)"},
		{name: "two parts", version: "v1.4", wantVers: "v1.4"},
		{name: "leading zero", version: "v01.4.0", wantVers: "v01.4.0"},
		{name: "empty pre-release", version: "1.4.0-", wantVers: "1.4.0-"},
		{name: "pseudo-version", version: "v0.0.0-20250102030405-abcdef123456", wantSem: "0.0.0-20250102030405-abcdef123456"},
		{name: "empty", version: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDriver(tt.version, nil)
			if d.SemanticVersion != tt.wantSem || d.Version != tt.wantVers {
				t.Errorf("semanticVersion %q, version %q; want %q, %q", d.SemanticVersion, d.Version, tt.wantSem, tt.wantVers)
			}
		})
	}
}

func TestRuleName(t *testing.T) {
	tests := []struct {
		name string
		rule finding.Rule
		want string
	}{
		{name: "title", rule: finding.Rule{ID: "X", Title: "SecurityProtocol pins TLS 1.0"}, want: "SecurityProtocolPinsTLS10"},
		{name: "punctuation", rule: finding.Rule{ID: "X", Title: "curl --tlsv1.0 in a script"}, want: "CurlTlsv10InAScript"},
		{name: "no title", rule: finding.Rule{ID: "TF-DOTNET-001"}, want: "TFDOTNET001"},
		{name: "non-ascii", rule: finding.Rule{ID: "X", Title: "évite TLS"}, want: "ÉviteTLS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ruleName(tt.rule); got != tt.want {
				t.Errorf("ruleName() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTags(t *testing.T) {
	tests := []struct {
		name string
		rule finding.Rule
		want []string
	}{
		{name: "none", rule: finding.Rule{}, want: []string{"security"}},
		{name: "cwe", rule: finding.Rule{CWE: "327"}, want: []string{"security", "CWE-327"}},
		{name: "prefixed cwe", rule: finding.Rule{CWE: "cwe-326"}, want: []string{"security", "CWE-326"}},
		{name: "duplicates dropped", rule: finding.Rule{CWE: "327", Tags: []string{"security", "java", "CWE-327", "java", ""}},
			want: []string{"security", "CWE-327", "java"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tags(tt.rule)); diff != "" {
				t.Errorf("tags() (-want +got):\n%s", diff)
			}
		})
	}
}

func TestArtifact(t *testing.T) {
	tests := []struct {
		path string
		want artifactLocation
	}{
		{path: "src/Program.cs", want: artifactLocation{URI: "src/Program.cs", URIBaseID: srcRoot}},
		{path: "docs/my notes#1.md", want: artifactLocation{URI: "docs/my%20notes%231.md", URIBaseID: srcRoot}},
		{path: "a:b/c.go", want: artifactLocation{URI: "./a:b/c.go", URIBaseID: srcRoot}},
		{path: "src/naïve.go", want: artifactLocation{URI: "src/na%C3%AFve.go", URIBaseID: srcRoot}},
		{path: "/etc/ssl/openssl.cnf", want: artifactLocation{URI: "file:///etc/ssl/openssl.cnf"}},
		{path: "C:/Windows/win.ini", want: artifactLocation{URI: "file:///C:/Windows/win.ini"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if got := artifact(tt.path); got != tt.want {
				t.Errorf("artifact(%q) = %+v, want %+v", tt.path, got, tt.want)
			}
		})
	}
}

func TestBaseIDs(t *testing.T) {
	tests := []struct {
		root string
		want map[string]artifactLocation
	}{
		{root: "", want: nil},
		{root: "/home/dev/app", want: map[string]artifactLocation{srcRoot: {URI: "file:///home/dev/app/"}}},
		{root: "/home/dev/app/", want: map[string]artifactLocation{srcRoot: {URI: "file:///home/dev/app/"}}},
		{root: "/", want: map[string]artifactLocation{srcRoot: {URI: "file:///"}}},
	}
	for _, tt := range tests {
		t.Run(tt.root, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, baseIDs(tt.root)); diff != "" {
				t.Errorf("baseIDs(%q) (-want +got):\n%s", tt.root, diff)
			}
		})
	}
}

func TestPhysical(t *testing.T) {
	tests := []struct {
		name string
		loc  finding.Location
		want *region
	}{
		{name: "no line", loc: finding.Location{Path: "a", Column: 4}, want: nil},
		{name: "line only", loc: finding.Location{Path: "a", Line: 2}, want: &region{StartLine: 2}},
		{name: "full", loc: finding.Location{Path: "a", Line: 2, Column: 3, EndLine: 4, EndColumn: 5, Snippet: "x"},
			want: &region{StartLine: 2, StartColumn: 3, EndLine: 4, EndColumn: 5, Snippet: &message{Text: "x"}}},
		{name: "end before start", loc: finding.Location{Path: "a", Line: 5, EndLine: 4}, want: &region{StartLine: 5}},
		{name: "negative columns", loc: finding.Location{Path: "a", Line: 5, Column: -1, EndColumn: -2}, want: &region{StartLine: 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, physical(tt.loc).Region); diff != "" {
				t.Errorf("region (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFingerprint(t *testing.T) {
	base := finding.Finding{RuleID: "R", Message: "m", Location: &finding.Location{Path: "a.cs", Line: 3, Snippet: "x = Tls;"}}
	moved := base
	moved.Location = &finding.Location{Path: "a.cs", Line: 30, Column: 9, Snippet: "    x = Tls;  "}
	otherSnippet := base
	otherSnippet.Location = &finding.Location{Path: "a.cs", Line: 3, Snippet: "x = Tls11;"}
	otherRule := base
	otherRule.RuleID = "S"
	otherFile := base
	otherFile.Location = &finding.Location{Path: "b.cs", Line: 3, Snippet: "x = Tls;"}
	target := finding.Finding{RuleID: "R", Target: "h:443", Message: "m"}
	otherTarget := finding.Finding{RuleID: "R", Target: "g:443", Message: "m"}

	if fingerprint(base) != fingerprint(moved) {
		t.Error("fingerprint changes when the line moves or is re-indented")
	}
	for name, f := range map[string]finding.Finding{
		"snippet": otherSnippet, "rule": otherRule, "file": otherFile, "target": target,
	} {
		if fingerprint(f) == fingerprint(base) {
			t.Errorf("fingerprint does not change with the %s", name)
		}
	}
	if fingerprint(target) == fingerprint(otherTarget) {
		t.Error("fingerprint does not change with the target")
	}
}

func TestSuppressions(t *testing.T) {
	tests := []struct {
		name string
		in   *finding.Suppression
		want []suppression
	}{
		{name: "none", in: nil, want: nil},
		{name: "inline", in: &finding.Suppression{Kind: "inline", Justification: "j"}, want: []suppression{{Kind: "inSource", Justification: "j"}}},
		{name: "config", in: &finding.Suppression{Kind: "config", Justification: "j"}, want: []suppression{{Kind: "external", Justification: "j"}}},
		{name: "other", in: &finding.Suppression{Kind: "baseline"}, want: []suppression{{Kind: "external"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, suppressions(tt.in)); diff != "" {
				t.Errorf("suppressions() (-want +got):\n%s", diff)
			}
		})
	}
}
