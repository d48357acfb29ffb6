package rules

import (
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/lex"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// Sources the .NET, PowerShell, Xamarin and Unity rules cite: the primary
// documents (AWS, Microsoft, Unity) each value was checked against.
const (
	dotnetRefAWSTLS       = "https://docs.aws.amazon.com/sdk-for-net/v3/developer-guide/enforcing-tls.html"
	dotnetRefTLS          = "https://learn.microsoft.com/dotnet/framework/network-programming/tls"
	dotnetRefProtocolType = "https://learn.microsoft.com/dotnet/api/system.net.securityprotocoltype"
	dotnetRefAnalyzers    = "https://github.com/dotnet/roslyn-analyzers/blob/d45048f958379c63acfc716136a5e2466f21c5d4/src/NetAnalyzers/Microsoft.CodeAnalysis.NetAnalyzers.md"
	dotnetRefDevSkimTLS   = "https://github.com/microsoft/DevSkim/tree/a452aa506f80928b611c4c7bfe306b8115821aae/rules/default/security/TLS"
	dotnetRefDevSkimCert  = "https://github.com/microsoft/DevSkim/blob/a452aa506f80928b611c4c7bfe306b8115821aae/rules/default/security/cryptography/certificate.json"
	// dotnetRefAcceptAny documents the HttpClientHandler property "that
	// always returns true"; checked against the page.
	dotnetRefAcceptAny = "https://learn.microsoft.com/dotnet/api/system.net.http.httpclienthandler.dangerousacceptanyservercertificatevalidator"
	dotnetRefBlazor    = "https://docs.microsoft.com/en-us/aspnet/core/blazor/supported-platforms"
)

// dotnetRules returns the rules for C# code, .NET configuration files
// and MSBuild projects.
func dotnetRules() []source.Rule {
	return []source.Rule{
		{
			ID:          "TF-DOTNET-001",
			Title:       "ServicePointManager.SecurityProtocol enables SSL 3.0, TLS 1.0 or TLS 1.1",
			Description: "Assigning SecurityProtocolType.Ssl3, Tls or Tls11 (by name, by number or in a bitwise OR) to ServicePointManager.SecurityProtocol lets every HttpWebRequest, WebClient and AWS SDK call of the process offer a protocol below TLS 1.2, and overrides the operating system's choice and the AppContext switches.",
			Severity:    finding.High,
			CWE:         "327",
			Kinds:       []source.Kind{source.CSharp},
			Fix:         "remove the assignment so the OS chooses (SecurityProtocolType.SystemDefault, .NET Framework 4.7 or later); where a value must be set, use SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13",
			References:  []string{dotnetRefTLS, dotnetRefProtocolType, dotnetRefAWSTLS, dotnetRefAnalyzers},
			Anchors:     words("ServicePointManager"),
			New:         dotnetNew(dotnetCheckSecurityProtocol),
		},
		{
			ID:          "TF-DOTNET-002",
			Title:       "SslProtocols allows SSL 2.0, SSL 3.0, TLS 1.0 or TLS 1.1",
			Description: "HttpClientHandler.SslProtocols, SslClientAuthenticationOptions.EnabledSslProtocols, SslStream.AuthenticateAsClient/AsServer and WCF sslProtocols set with Ssl2, Ssl3, Tls, Tls11 or Default (Ssl3 | Tls) let the connection use a protocol below TLS 1.2; Default even prevents TLS 1.2.",
			Severity:    finding.High,
			CWE:         "327",
			Kinds:       []source.Kind{source.CSharp, source.DotNetConfig},
			Fix:         "leave SslProtocols at SslProtocols.None (the OS default) or use SslProtocols.Tls12 | SslProtocols.Tls13",
			References:  []string{dotnetRefTLS, dotnetRefAnalyzers, dotnetRefDevSkimTLS},
			Anchors:     source.Anchors{Words: []string{"SslProtocols", "SecurityProtocolType"}, Always: kinds(source.DotNetConfig)},
			New:         dotnetNew(dotnetCheckSslProtocols),
		},
		{
			ID:          "TF-DOTNET-003",
			Title:       "Certificate validation callback accepts every certificate",
			Description: "A ServerCertificateValidationCallback, ServerCertificateCustomValidationCallback or RemoteCertificateValidationCallback that always returns true (also given to new SslStream), HttpClientHandler.DangerousAcceptAnyServerCertificateValidator, an ICertificatePolicy or Unity CertificateHandler whose check always returns true turns off server authentication: anyone on the path can read and change traffic to AWS whatever the TLS version.",
			Severity:    finding.Critical,
			CWE:         "295",
			Kinds:       []source.Kind{source.CSharp},
			Fix:         "remove the callback; to trust a private CA, validate the chain against that CA in the callback and return false otherwise",
			References:  []string{dotnetRefTLS, dotnetRefAcceptAny, dotnetRefAnalyzers, dotnetRefDevSkimCert},
			Anchors:     words("ValidationCallback", dotnetAcceptAny, "CertificatePolicy", "SslStream", "ValidateCertificate"),
			New:         dotnetNew(dotnetCheckCallbacks),
		},
		{
			ID:          "TF-DOTNET-004",
			Title:       "AppContext.SetSwitch turns off strong crypto or OS-default TLS versions",
			Description: "AppContext.SetSwitch(\"Switch.System.Net.DontEnableSchUseStrongCrypto\", true), Switch.System.Net.DontEnableSystemDefaultTlsVersions, Switch.System.ServiceModel.DisableUsingServicePointManagerSecurityProtocols or Switch.System.ServiceModel.DontEnableSystemDefaultTlsVersions set to true make .NET Framework pick old protocols instead of the OS default.",
			Severity:    finding.High,
			CWE:         "327",
			Kinds:       []source.Kind{source.CSharp},
			Fix:         "remove the SetSwitch call, or set the switch to false",
			References:  []string{dotnetRefTLS, dotnetRefAnalyzers, dotnetRefDevSkimTLS},
			Anchors:     words("SetSwitch"),
			New:         dotnetNew(dotnetCheckSetSwitch),
		},
		{
			ID:          "TF-DOTNET-010",
			Title:       "AppContextSwitchOverrides turns off strong crypto or OS-default TLS versions",
			Description: "<AppContextSwitchOverrides value=\"…=true\"> in app.config or web.config with one of the four TLS switches set to true makes .NET Framework pick old protocols instead of the OS default.",
			Severity:    finding.High,
			CWE:         "327",
			Kinds:       []source.Kind{source.DotNetConfig},
			Fix:         "set the switch to false (Switch.System.Net.DontEnableSchUseStrongCrypto=false;Switch.System.Net.DontEnableSystemDefaultTlsVersions=false) or remove it",
			References:  []string{dotnetRefTLS, dotnetRefDevSkimTLS},
			New:         dotnetNew(dotnetCheckSwitchOverrides),
		},
		{
			ID:            "TF-DOTNET-011",
			Title:         "Configuration targets .NET Framework below 4.7",
			Description:   "<httpRuntime targetFramework> or <supportedRuntime sku> below 4.7 (or only the 2.0 runtime) keeps the framework's own protocol defaults instead of the OS's: SSL 3.0 and TLS 1.0 for targets below 4.6.",
			Severity:      finding.High,
			CWE:           "327",
			Kinds:         []source.Kind{source.DotNetConfig},
			PlatformEntry: "TF-PLAT-NETFX-VERSION",
			References:    []string{dotnetRefTLS, dotnetRefAWSTLS},
			New:           dotnetNew(dotnetCheckConfigTarget),
		},
		{
			ID:            "TF-DOTNET-020",
			Title:         "Project targets .NET Framework below 4.7",
			Description:   "A project whose TargetFrameworkVersion (v2.0-v4.6.2) or TargetFramework (net20-net462) is below 4.7 does not leave the protocol to the OS: TLS 1.2 then depends on registry settings, and versions 2.0-4.0 have none.",
			Severity:      finding.High,
			CWE:           "327",
			Kinds:         []source.Kind{source.MSBuild},
			PlatformEntry: "TF-PLAT-NETFX-VERSION",
			References:    []string{dotnetRefTLS, dotnetRefAWSTLS},
			New:           dotnetNew(dotnetCheckFrameworkTarget),
		},
		{
			ID:            "TF-DOTNET-021",
			Title:         "Project targets .NET Core below 2.1",
			Description:   "The AWS SDK for .NET guide asks for .NET Core 2.1 or later; netcoreapp1.x and netcoreapp2.0 are out of support and predate the TLS handling it relies on.",
			Severity:      finding.High,
			CWE:           "327",
			Kinds:         []source.Kind{source.MSBuild},
			PlatformEntry: "TF-PLAT-DOTNET-VERSION",
			References:    []string{dotnetRefAWSTLS},
			New:           dotnetNew(dotnetCheckCoreTarget),
		},
		{
			ID:            "TF-DOTNET-022",
			Title:         "Blazor WebAssembly: the browser decides the TLS version",
			Description:   "Informational, verdict pass: a Blazor WebAssembly project sends HTTP through the browser, so the browser does TLS; every WebAssembly-capable browser had TLS 1.2 first. Nothing in the project can lower it.",
			Severity:      finding.Info,
			CWE:           "327",
			Kinds:         []source.Kind{source.MSBuild},
			PlatformEntry: "TF-PLAT-BLAZOR-WASM",
			References:    []string{dotnetRefAWSTLS, dotnetRefBlazor},
			New:           dotnetNew(dotnetCheckBlazor),
		},
	}
}

// dotnetCheck adapts a function to source.Checker. The functions keep no
// state, so one value serves every worker.
type dotnetCheck func(f *source.File) ([]source.Match, error)

// Check runs the function.
func (c dotnetCheck) Check(f *source.File) ([]source.Match, error) { return c(f) }

// dotnetNew returns a Rule.New for a checking function.
func dotnetNew(c dotnetCheck) func() source.Checker {
	return func() source.Checker { return c }
}

// dotnetSnippetMax bounds a snippet's length in bytes.
const dotnetSnippetMax = 200

// dotnetMatch builds a match from the start of first to the end of last.
func dotnetMatch(lines lex.Lines, first, last lex.Token, msg string, ev ...finding.Evidence) source.Match {
	return source.Match{
		Line: first.Line, Column: first.Col, EndLine: last.EndLine, EndColumn: last.EndCol,
		Snippet: dotnetSnippet(lines, first.Line), Message: msg, Evidence: ev,
	}
}

// dotnetMatchPos builds a match at a line and column, for formats read
// without tokens (XML, YAML).
func dotnetMatchPos(lines lex.Lines, line, col int, msg string, ev ...finding.Evidence) source.Match {
	return source.Match{Line: line, Column: col, Snippet: dotnetSnippet(lines, line), Message: msg, Evidence: ev}
}

// dotnetSnippet returns a line's text, trimmed and cut to
// dotnetSnippetMax bytes.
func dotnetSnippet(lines lex.Lines, line int) string {
	s := strings.TrimSpace(lines.Text(line))
	if len(s) > dotnetSnippetMax {
		s = strings.ToValidUTF8(s[:dotnetSnippetMax], "") + "…"
	}
	return s
}

// dotnetSource returns the code of tokens [i, end) of s: their texts,
// with one space wherever the source separates two of them (by blanks,
// line breaks or a comment).
func dotnetSource(s *lex.Stream, i, end int) string {
	var b strings.Builder
	for k := max(i, 0); k < end && k < s.Len(); k++ {
		if k > i && s.Tok(k-1).End() < s.Tok(k).Offset {
			b.WriteByte(' ')
		}
		b.WriteString(s.Tok(k).Text)
	}
	return b.String()
}

// dotnetEv builds one piece of evidence.
func dotnetEv(name, value string) finding.Evidence {
	return finding.Evidence{Name: name, Value: value}
}
