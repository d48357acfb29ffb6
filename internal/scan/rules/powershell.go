package rules

import (
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/lex"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// Sources of the PowerShell rules (scan-identifiers.md section 6).
const (
	psRefAWSTools = "https://docs.aws.amazon.com/powershell/latest/userguide/"
	// psRefWebSslProtocol lists -SslProtocol's values (Default, Tls,
	// Tls11, Tls12, Tls13); checked against the page.
	psRefWebSslProtocol = "https://learn.microsoft.com/dotnet/api/microsoft.powershell.commands.websslprotocol"
)

// powershellRules returns the rules for PowerShell scripts and modules.
func powershellRules() []source.Rule {
	return []source.Rule{
		{
			ID:          "TF-PS-001",
			Title:       "[Net.ServicePointManager]::SecurityProtocol enables SSL 3.0, TLS 1.0 or TLS 1.1",
			Description: "Setting SecurityProtocol to Ssl3, Tls or Tls11 (by [Net.SecurityProtocolType]::Name, by number, in a string such as \"tls12, tls11\", or with -bor or +) lets Windows PowerShell and the AWS Tools for PowerShell calls it makes offer a protocol below TLS 1.2.",
			Severity:    finding.High,
			CWE:         "327",
			Kinds:       []source.Kind{source.PowerShell},
			Fix:         "set [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12 (-bor [Net.SecurityProtocolType]::Tls13 where available), or leave it to the OS on .NET Framework 4.7+",
			References:  []string{dotnetRefAWSTLS, dotnetRefTLS, dotnetRefProtocolType, dotnetRefDevSkimTLS},
			Anchors:     words("ServicePointManager"),
			New:         dotnetNew(psCheckSecurityProtocol),
		},
		{
			ID:          "TF-PS-002",
			Title:       "Invoke-WebRequest/Invoke-RestMethod -SslProtocol allows TLS 1.0 or TLS 1.1",
			Description: "-SslProtocol Tls or Tls11 (PowerShell 6+), directly or through a splatted hashtable, pins the request to a protocol below TLS 1.2.",
			Severity:    finding.High,
			CWE:         "327",
			Kinds:       []source.Kind{source.PowerShell},
			Fix:         "drop -SslProtocol so the OS decides, or pass -SslProtocol Tls12 (or Tls12,Tls13)",
			References:  []string{dotnetRefAWSTLS, psRefWebSslProtocol},
			Anchors:     words("-Ssl", "SslProtocol"),
			New:         dotnetNew(psCheckSslProtocol),
		},
		{
			ID:          "TF-PS-003",
			Title:       "-SkipCertificateCheck turns off certificate validation",
			Description: "-SkipCertificateCheck (or a SkipCertificateCheck splat or $PSDefaultParameterValues entry) accepts any server certificate, so anyone on the path can read and change the traffic whatever the TLS version.",
			Severity:    finding.High,
			CWE:         "295",
			Kinds:       []source.Kind{source.PowerShell},
			Fix:         "remove -SkipCertificateCheck; trust a private CA by adding it to the certificate store instead",
			References:  []string{psRefAWSTools, dotnetRefDevSkimCert},
			Anchors:     words("-SkipC", "SkipCertificateCheck"),
			New:         dotnetNew(psCheckSkipCertificateCheck),
		},
		{
			ID:          "TF-PS-004",
			Title:       "Certificate validation callback or policy accepts every certificate",
			Description: "ServerCertificateValidationCallback = { $true }, HttpClientHandler's DangerousAcceptAnyServerCertificateValidator, or a CertificatePolicy whose CheckValidationResult (in this script's Add-Type source) returns true turns off server authentication.",
			Severity:    finding.Critical,
			CWE:         "295",
			Kinds:       []source.Kind{source.PowerShell},
			Fix:         "remove the callback or policy; trust a private CA by adding it to the certificate store instead",
			References:  []string{dotnetRefTLS, dotnetRefDevSkimCert},
			Anchors:     words("ValidationCallback", dotnetAcceptAny, "CertificatePolicy"),
			New:         dotnetNew(psCheckCallbacks),
		},
		{
			ID:          "TF-PS-005",
			Title:       "[AppContext]::SetSwitch turns off strong crypto or OS-default TLS versions",
			Description: "[AppContext]::SetSwitch('Switch.System.Net.DontEnableSchUseStrongCrypto', $true) and the other three TLS switches set to $true make .NET Framework pick old protocols for the session.",
			Severity:    finding.High,
			CWE:         "327",
			Kinds:       []source.Kind{source.PowerShell},
			Fix:         "remove the SetSwitch call, or pass $false",
			References:  []string{dotnetRefTLS, dotnetRefDevSkimTLS},
			Anchors:     words("SetSwitch"),
			New:         dotnetNew(psCheckSetSwitch),
		},
	}
}

// psCode is one PowerShell file as the checks read it.
type psCode struct {
	f     *source.File
	s     *lex.Stream
	lines lex.Lines
	web   []bool // see webArgs; made on first use
	trust *bool  // see embeddedAcceptAll; found on first use
}

// psRead tokenizes a PowerShell file.
func psRead(f *source.File) *psCode {
	return &psCode{f: f, s: lex.NewStream(lex.PowerShell, f.Content), lines: lex.NewLines(f.Content)}
}

// psStops end a PowerShell statement besides line breaks.
var psStops = []string{";", "|", "&&", "||"}

// staticMember finds "Type] :: Member" for each i where token i is the
// type's last name, and calls fn with i and the member's index.
func (c *psCode) staticMember(typ, member string, fn func(i, m int)) {
	for i := c.s.Index(0, typ, "]", "::", member); i >= 0; i = c.s.Index(i+1, typ, "]", "::", member) {
		fn(i, i+3)
	}
}

// typeStart returns the '[' that opens the type literal ending at i.
func (c *psCode) typeStart(i int) int {
	if open := c.s.Enclosing(i); open >= 0 && c.s.Is(open, "[") {
		return open
	}
	return i
}

// psCheckSecurityProtocol finds [Net.ServicePointManager]::SecurityProtocol
// assignments that enable a legacy protocol.
func psCheckSecurityProtocol(f *source.File) ([]source.Match, error) {
	c := psRead(f)
	var out []source.Match
	c.staticMember("ServicePointManager", "SecurityProtocol", func(i, m int) {
		op := m + 1
		if !c.s.Is(op, "=") && !c.s.Is(op, "+=") {
			return
		}
		end := c.s.End(op+1, true, psStops...)
		v := dotnetEvalProto(c.s, op+1, end, dotnetSecurityProtocolType, false)
		bad := v.lo & dotnetLegacyBits
		if bad == 0 {
			return
		}
		expr := dotnetSource(c.s, op+1, end)
		msg := "[Net.ServicePointManager]::SecurityProtocol " + c.s.Tok(op).Text + " " + expr + " enables " + dotnetBitNames(bad, dotnetLegacy)
		out = append(out, dotnetMatch(c.lines, c.s.Tok(c.typeStart(i)), c.s.Tok(end-1), msg,
			dotnetEv("SecurityProtocol", expr), dotnetEv("decoded", dotnetDecode(v.lo)), dotnetEv("below TLS 1.2", dotnetBitNames(bad, dotnetLegacy))))
	})
	return out, nil
}

// psCheckSetSwitch finds [AppContext]::SetSwitch('<bad switch>', $true).
func psCheckSetSwitch(f *source.File) ([]source.Match, error) {
	c := psRead(f)
	var out []source.Match
	c.staticMember("AppContext", "SetSwitch", func(i, m int) {
		args := dotnetArgs(c.s, m+1)
		if !c.s.Is(m+1, "(") || len(args) != 2 || args[0][1]-args[0][0] != 1 || args[1][1]-args[1][0] != 1 || !c.s.Is(args[1][0], "$true") {
			return
		}
		name := c.s.Tok(args[0][0])
		sw, ok := dotnetBadSwitch(lex.Value(lex.PowerShell, name))
		if name.Kind != lex.String || !ok {
			return
		}
		out = append(out, dotnetMatch(c.lines, c.s.Tok(c.typeStart(i)), c.s.Tok(c.s.Close(m+1)),
			"[AppContext]::SetSwitch sets "+sw.name+" to $true: "+sw.effect, dotnetEv(sw.name, "$true")))
	})
	return out, nil
}

// psCallbackProperties hold certificate validation delegates.
var psCallbackProperties = []string{"ServerCertificateValidationCallback", "ServerCertificateCustomValidationCallback", "RemoteCertificateValidationCallback"}

// psCheckCallbacks finds callbacks and policies that accept every
// certificate.
func psCheckCallbacks(f *source.File) ([]source.Match, error) {
	c := psRead(f)
	var out []source.Match
	for i := 0; i < c.s.Len(); i++ {
		t := c.s.Tok(i)
		switch {
		case t.Kind != lex.Ident || !c.s.Is(i-1, "::") && !c.s.Is(i-1, "."):
		case c.s.Equal(t.Text, dotnetAcceptAny):
			out = append(out, dotnetMatch(c.lines, t, t, "HttpClientHandler::"+dotnetAcceptAny+" accepts every server certificate"))
		case c.isCallbackProperty(t.Text) && c.s.Is(i+1, "="):
			end := c.s.End(i+2, true, psStops...)
			if c.scriptBlockTrue(i+2, end) {
				out = append(out, dotnetMatch(c.lines, t, c.s.Tok(end-1), t.Text+" is set to a script block that returns $true: every certificate is accepted",
					dotnetEv(t.Text, dotnetSource(c.s, i+2, end))))
			}
		case c.s.Equal(t.Text, "CertificatePolicy") && c.s.Is(i+1, "=") && c.embeddedAcceptAll():
			end := c.s.End(i+2, true, psStops...)
			out = append(out, dotnetMatch(c.lines, t, c.s.Tok(end-1), "CertificatePolicy is set, and the C# source in this script has a CheckValidationResult that always returns true: every certificate is accepted",
				dotnetEv("CertificatePolicy", dotnetSource(c.s, i+2, end))))
		}
	}
	return out, nil
}

// isCallbackProperty reports whether name is a callback property.
func (c *psCode) isCallbackProperty(name string) bool {
	for _, p := range psCallbackProperties {
		if c.s.Equal(name, p) {
			return true
		}
	}
	return false
}

// scriptBlockTrue reports whether tokens [i, end) are a script block,
// possibly cast ([…]{…}), whose body after any param(…) block is only
// $true (with return or ';').
func (c *psCode) scriptBlockTrue(i, end int) bool {
	for c.s.Is(i, "[") && c.s.Close(i) > 0 {
		i = c.s.Close(i) + 1
	}
	if !c.s.Is(i, "{") || c.s.Close(i) != end-1 {
		return false
	}
	k := i + 1
	if c.s.Is(k, "param") && c.s.Is(k+1, "(") {
		k = c.s.Close(k+1) + 1
	}
	values := 0
	for ; k > 0 && k < end-1; k++ {
		switch {
		case c.s.Is(k, ";") || c.s.Is(k, "return"):
		case c.s.Is(k, "$true"):
			values++
		default:
			return false
		}
	}
	return values == 1
}

// embeddedAcceptAll reports whether a string in this script (the source
// given to Add-Type) declares CheckValidationResult returning only true.
func (c *psCode) embeddedAcceptAll() bool {
	if c.trust == nil {
		found := false
		for _, t := range c.s.Toks {
			v := lex.Value(lex.PowerShell, t)
			if t.Kind == lex.String && strings.Contains(v, "CheckValidationResult") &&
				dotnetReadCode(&source.File{Content: []byte(v), Kind: source.CSharp}).acceptAllPolicy() {
				found = true
				break
			}
		}
		c.trust = &found
	}
	return *c.trust
}
