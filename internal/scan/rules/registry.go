// Package rules is the registry of scan rules: [All] lists every rule in
// one table, grouped by family, and each family lives in its own files
// (golang*.go for Go, ...).
//
// # IDs
//
// A rule ID is "TF-<FAMILY>-<NNN>": TF-GO-001, TF-DOTNET-001, TF-PS-001.
// IDs are stable: a rule that is withdrawn keeps its number, unused. New
// rules of a family take the next number.
//
// # Anchors
//
// Each rule names, in its Anchors, the words a file must contain for the
// rule to fire (the setting or API it looks up, not the value it
// judges), so that the engine drops the many files that mention none
// after one pass over their bytes. Rules that judge a file by what it
// lacks (go.mod without a go line, a listener without a policy) or whose
// readers report syntax errors (MSBuild, .NET configuration, Unity,
// Terraform, CloudFormation, Kubernetes) have no anchors for those
// kinds. An anchor that misses a form the rule reads loses recall, which
// the fixtures' corpus test reports.
//
// # Fixtures
//
// Every rule has fixtures under testdata/<family>/: real files of the
// kinds the rule reads, whose lines carry the findings expected on them
// (`// want "TF-GO-001"`, `# want ...`, `<!-- want ... -->`) and the safe
// forms beside them (`// ok "TF-GO-001"`). See package
// internal/scan/ruletest for the syntax.
package rules

import (
	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
	"slices"
)

// References of several rules.
const (
	refGoTLSConfig = "https://pkg.go.dev/crypto/tls#Config"
	refGoGodebug   = "https://go.dev/doc/godebug"
	refGoSuites    = "https://pkg.go.dev/crypto/tls#InsecureCipherSuites"
	refAWSGoV2HTTP = "https://pkg.go.dev/github.com/aws/aws-sdk-go-v2/aws/transport/http#pkg-variables"
	refGosecTLS    = "https://github.com/securego/gosec/blob/master/rules/tls.go"
)

// kinds lists file kinds, for the table.
func kinds(ks ...source.Kind) []source.Kind { return ks }

// refs lists references, for the table.
func refs(urls ...string) []string { return urls }

// godebugKinds are the files GODEBUG can be set in.
var godebugKinds = kinds(source.Go, source.GoMod, source.Dockerfile, source.EnvFile, source.Shell,
	source.YAML, source.Kubernetes, source.CloudFormation, source.JSON, source.Terraform)

// All returns every rule, family by family, in ID order within each. The
// slice is the caller's. Each family's table sits in the family's file;
// this is the one list of families.
func All() []source.Rule {
	return slices.Concat(
		goRules(),         // Go source, GODEBUG, go.mod, the AWS SDK for Go v2
		dotnetRules(),     // C#, app.config/web.config, MSBuild projects
		powershellRules(), // PowerShell scripts and modules
		xamarinRules(),    // Xamarin.Android, .iOS and .Mac project settings
		unityRules(),      // Unity project settings
		langsRules(),      // Java/Kotlin, Python, JavaScript/TypeScript, Ruby, PHP, curl/wget/openssl in scripts and Dockerfiles
		webserverRules(),  // nginx, HAProxy, Apache httpd, openssl.cnf
		iacRules(),        // Terraform, CloudFormation and Kubernetes manifests
	)
}

// goRules is the Go family's table.
func goRules() []source.Rule {
	return []source.Rule{
		// Go: crypto/tls settings in Go source, GODEBUG wherever it is set,
		// go.mod and the AWS SDK for Go v2 (golang*.go, testdata/go).
		{
			ID: "TF-GO-001", Title: "Go TLS MinVersion below TLS 1.2",
			Description: "A MinVersion of SSL 3.0, TLS 1.0 or TLS 1.1 lets the connection use a protocol version below the floor.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.Go),
			Fix:        "set MinVersion to tls.VersionTLS12 or tls.VersionTLS13, or leave it 0 (TLS 1.2 for clients since Go 1.18 and for servers since Go 1.22)",
			References: refs(refGoTLSConfig, refGosecTLS),
			Anchors:    words("MinVersion"),
			New:        newGoMinVersion,
		},
		{
			ID: "TF-GO-002", Title: "Go TLS MaxVersion below TLS 1.2",
			Description: "A MaxVersion of SSL 3.0, TLS 1.0 or TLS 1.1 caps the connection below the floor.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.Go),
			Fix:        "remove MaxVersion, or set it to tls.VersionTLS13",
			References: refs(refGoTLSConfig, refGosecTLS),
			Anchors:    words("MaxVersion"),
			New:        newGoMaxVersion,
		},
		{
			ID: "TF-GO-003", Title: "Go TLS certificate verification turned off",
			Description: "InsecureSkipVerify: true accepts any certificate for any name, so anyone on the path can read and change the traffic whatever the protocol version.",
			Severity:    finding.High, CWE: "295", Kinds: kinds(source.Go),
			Fix:        "remove InsecureSkipVerify; to trust a private CA, set RootCAs, or verify in VerifyConnection",
			References: refs(refGoTLSConfig, refGosecTLS),
			Anchors:    words("InsecureSkipVerify"),
			New:        newGoInsecureSkipVerify,
		},
		{
			ID: "TF-GO-004", Title: "Go TLS CipherSuites lists an insecure suite",
			Description: "Suites from tls.InsecureCipherSuites (RC4, 3DES, CBC with SHA-256) are weak even under TLS 1.2.",
			Severity:    finding.Medium, CWE: "327", Kinds: kinds(source.Go),
			Fix:        "remove the suite from CipherSuites, or leave CipherSuites nil for the crypto/tls defaults",
			References: refs(refGoSuites, refGoTLSConfig),
			Anchors:    words("CipherSuites"),
			New:        newGoCipherSuites,
		},
		{
			ID: "TF-GO-005", Title: "GODEBUG tls10server=1 lets Go servers accept TLS 1.0",
			Description: "tls10server=1 reverts crypto/tls servers to accepting TLS 1.0 and 1.1 when MinVersion is 0.",
			Severity:    finding.High, CWE: "327", Kinds: godebugKinds,
			PlatformEntry: "TF-PLAT-GO-TLS10SERVER",
			References:    refs(refGoGodebug),
			Anchors:       words(godebugWords...),
			New:           newGoTLS10Server,
		},
		{
			ID: "TF-GO-006", Title: "GODEBUG brings back weak TLS 1.2 suites or signatures",
			Description: "tlsrsakex=1 (RSA key exchange), tls3des=1 (3DES) and tlssha1=1 (SHA-1 signatures) bring back what crypto/tls removed from its defaults.",
			Severity:    finding.Medium, CWE: "327", Kinds: godebugKinds,
			PlatformEntry: "TF-PLAT-GO-WEAK-SUITES",
			References:    refs(refGoGodebug),
			Anchors:       words(godebugWords...),
			New:           newGoWeakSuites,
		},
		{
			ID: "TF-GO-007", Title: "GODEBUG turns off post-quantum key exchange",
			Description: "tlsmlkem=0 and tlssecpmlkem=0 remove the ML-KEM hybrid key exchanges; the connection still meets a TLS 1.2 floor but not a post-quantum one.",
			Severity:    finding.Low, CWE: "327", Kinds: godebugKinds,
			PlatformEntry: "TF-PLAT-GO-MLKEM",
			References:    refs(refGoGodebug),
			Anchors:       words(godebugWords...),
			New:           newGoMLKEM,
		},
		{
			ID: "TF-GO-008", Title: "Go GODEBUG defaults from before Go 1.22",
			Description: "A go.mod or go.work go line below 1.22 (or none), or a godebug default=go1.21, gives binaries the old defaults: tls10server=1, tlsrsakex=1 and later reverts.",
			Severity:    finding.Medium, CWE: "327", Kinds: kinds(source.GoMod, source.Go),
			PlatformEntry: "TF-PLAT-GO-GOMOD",
			References:    refs(refGoGodebug),
			Anchors:       source.Anchors{Words: []string{"go:debug"}, Always: kinds(source.GoMod)},
			New:           newGoLegacyDefaults,
		},
		{
			ID: "TF-GO-009", Title: "AWS SDK for Go v2 TLS floor lowered",
			Description: "Setting aws/transport/http.DefaultHTTPTransportTLSMinVersion below TLS 1.2 lowers the floor of every SDK client built afterwards.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.Go),
			Fix:        "remove the assignment (the SDK's default is TLS 1.2), or set it to tls.VersionTLS13",
			References: refs(refAWSGoV2HTTP),
			Anchors:    words(awsMinVersionVar),
			New:        newGoAWSMinVersion,
		},

		// Add a family here: a comment naming it and its files, then its
		// rules, numbered TF-<FAMILY>-001 up.
	}
}

// words lists a rule's anchor words, for the table: the rule runs only on
// files that hold one of them (see source.Anchors).
func words(ws ...string) source.Anchors { return source.Anchors{Words: ws} }

// godebugWords anchor the GODEBUG rules: the variable, a go.mod godebug
// line (any case matches) and a //go:debug directive.
var godebugWords = []string{"GODEBUG", "go:debug"}
