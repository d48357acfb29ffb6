package rules

import (
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// awsMinVersionVar is the AWS SDK for Go v2 global that sets the floor of
// every HTTP client the SDK builds (aws/transport/http, client.go).
const awsMinVersionVar = "DefaultHTTPTransportTLSMinVersion"

// goAWSMinVersion reports assignments to the SDK's
// DefaultHTTPTransportTLSMinVersion, through any import name of its
// package, of a version below TLS 1.2.
type goAWSMinVersion struct{}

func newGoAWSMinVersion() source.Checker { return goAWSMinVersion{} }

// Check implements source.Checker.
func (goAWSMinVersion) Check(f *source.File) ([]source.Match, error) {
	g := parseGo(f)
	var ms []source.Match
	for _, s := range g.sets {
		if s.field != awsMinVersionVar || !g.isPkg(s.recv, awsHTTPPath) {
			continue
		}
		if m, ok := g.versionMatch(s, "every AWS SDK client built afterwards can use %s"); ok {
			ms = append(ms, m)
		}
	}
	return ms, g.parseError()
}
