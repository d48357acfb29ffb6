package rules

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/scan/ruletest"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// langsFamilies are the fixture folders of the language and web server rules.
var langsFamilies = []string{"langs", "webserver"}

// langsFamilyRules returns the rules of those families.
func langsFamilyRules() []source.Rule {
	return slices.Concat(langsRules(), webserverRules())
}

// TestLangsFixtures runs the two families' rules alone on their fixtures.
func TestLangsFixtures(t *testing.T) {
	for _, fam := range langsFamilies {
		t.Run(fam, func(t *testing.T) {
			ruletest.Run(t, filepath.Join("testdata", fam), langsFamilyRules())
		})
	}
}

// TestApacheProtocols checks the SSLProtocol evaluation.
func TestApacheProtocols(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"all", "-SSLv3"}, []string{"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"}},
		{[]string{"-all", "+TLSv1.2"}, []string{"TLSv1.2"}},
		{[]string{"TLSv1.2", "TLSv1"}, []string{"TLSv1"}},
		{[]string{"+TLSv1.2", "+TLSv1.3"}, []string{"TLSv1.2", "TLSv1.3"}},
	}
	for _, tt := range tests {
		set := apacheProtocols(tt.args)
		var got []string
		for _, p := range apacheAll {
			if set[p] {
				got = append(got, p)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("apacheProtocols(%q) = %q, want %q", tt.args, got, tt.want)
		}
	}
}

// TestCurlCluster checks short option clusters.
func TestCurlCluster(t *testing.T) {
	tests := []struct {
		in       string
		down     string
		insecure bool
	}{
		{"k", "", true}, {"fsSLk", "", true}, {"sS1", "1", false}, {"ok", "", false}, {"3k", "3", true}, {"H1", "", false},
	}
	for _, tt := range tests {
		if d, in := curlCluster(tt.in); d != tt.down || in != tt.insecure {
			t.Errorf("curlCluster(%q) = %q, %v; want %q, %v", tt.in, d, in, tt.down, tt.insecure)
		}
	}
}
