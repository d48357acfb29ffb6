package rules

import (
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// Sources of the Xamarin rules (scan-identifiers.md section 4,
// platform-matrix.md section 19).
const (
	xaRefTLS      = "https://docs.microsoft.com/en-us/xamarin/cross-platform/app-fundamentals/transport-layer-security"
	xaRefMacProps = "https://github.com/xamarin/xamarin-macios/blob/12d38e23899929e7bdd8db2938c5c150f030bae8/msbuild/Xamarin.Mac.Common.props"
	xaRefIOSProps = "https://github.com/xamarin/xamarin-macios/blob/12d38e23899929e7bdd8db2938c5c150f030bae8/msbuild/Xamarin.Shared/Xamarin.iOS.Common.props"
)

// Handler and provider values (scan-identifiers.md section 4).
const (
	xaAndroidHandler = "Xamarin.Android.Net.AndroidClientHandler"
	xaMessageHandler = "Xamarin.Android.Net.AndroidMessageHandler"
	xaSocketsHandler = "System.Net.Http.SocketsHttpHandler"
	xaNSURLSession   = "NSUrlSessionHandler"
)

// xamarinRules returns the rules for Xamarin and .NET mobile project
// settings.
func xamarinRules() []source.Rule {
	return []source.Rule{
		{
			ID:            "TF-XA-001",
			Title:         "Xamarin.Android SSL/TLS implementation is not Native TLS 1.2+",
			Description:   "AndroidTlsProvider legacy is the managed provider, which has no TLS 1.2; left unset, the toolchain decides (btls from Xamarin.Android 7.3, legacy on 7.1).",
			Severity:      finding.High,
			CWE:           "327",
			Kinds:         []source.Kind{source.MSBuild},
			PlatformEntry: "TF-PLAT-XA-ANDROID-TLSPROVIDER",
			References:    []string{dotnetRefAWSTLS, xaRefTLS},
			New:           dotnetNew(xaCheckTLSProvider),
		},
		{
			ID:            "TF-XA-002",
			Title:         "Xamarin.Android HttpClient implementation is not the Android handler",
			Description:   "AndroidHttpClientHandlerType other than the Android handler (AndroidClientHandler, or AndroidMessageHandler on .NET), or unset in a Xamarin.Android project where the default is the managed HttpClientHandler, does not use the Java TLS stack AWS asks for.",
			Severity:      finding.High,
			CWE:           "327",
			Kinds:         []source.Kind{source.MSBuild},
			PlatformEntry: "TF-PLAT-XA-ANDROID-HANDLER",
			References:    []string{dotnetRefAWSTLS, xaRefTLS},
			New:           dotnetNew(xaCheckAndroidHandler),
		},
		{
			ID:            "TF-XA-003",
			Title:         "Xamarin.iOS HttpClient implementation is not NSUrlSession",
			Description:   "MtouchHttpClientHandler (or --http-message-handler= in MtouchExtraArgs) other than NSUrlSessionHandler does not use Apple's TLS stack; left unset, older toolchains used the managed HttpClientHandler.",
			Severity:      finding.High,
			CWE:           "327",
			Kinds:         []source.Kind{source.MSBuild},
			PlatformEntry: "TF-PLAT-XA-IOS-HANDLER",
			References:    []string{dotnetRefAWSTLS, xaRefTLS, xaRefIOSProps},
			New:           dotnetNew(xaCheckIOSHandler),
		},
		{
			ID:            "TF-XA-004",
			Title:         "Xamarin.Mac HttpClient implementation is not NSUrlSession",
			Description:   "HttpClientHandler (or --http-message-handler= in MonoBundlingExtraArgs) other than NSUrlSessionHandler, or unset where Xamarin.Mac defaults to the managed HttpClientHandler, does not use Apple's TLS stack.",
			Severity:      finding.High,
			CWE:           "327",
			Kinds:         []source.Kind{source.MSBuild},
			PlatformEntry: "TF-PLAT-XA-MAC-HANDLER",
			References:    []string{dotnetRefAWSTLS, xaRefTLS, xaRefMacProps},
			New:           dotnetNew(xaCheckMacHandler),
		},
	}
}

// legacyOnly reports whether the project builds the platform with legacy
// Xamarin and not with .NET.
func (p *dotnetProject) legacyOnly(pl string) bool { return p.legacy[pl] && !p.modern[pl] }

// settings returns the elements with the given name.
func (p *dotnetProject) settings(name string) []*dotnetElem {
	var out []*dotnetElem
	for i := range p.elems {
		if p.elems[i].name == name {
			out = append(out, &p.elems[i])
		}
	}
	return out
}

// unsetMatch reports a property left unset, at the <Project> element.
func (p *dotnetProject) unsetMatch(msg string, v finding.Verdict, prop string) source.Match {
	line, col := 1, 1
	if len(p.elems) > 0 {
		line, col = p.elems[0].line, p.elems[0].col
	}
	m := dotnetMatchPos(p.lines, line, col, msg, dotnetEv(prop, "unset"))
	m.Verdict = v
	return m
}

// valueMatch reports a property's value at its text.
func (p *dotnetProject) valueMatch(e *dotnetElem, msg string, v finding.Verdict) source.Match {
	m := dotnetMatchPos(p.lines, e.textLine, e.textCol, msg, dotnetEv(e.name, e.text))
	m.Verdict = v
	return m
}

// xaCheckTLSProvider judges AndroidTlsProvider in Xamarin.Android
// projects (.NET for Android ignores it).
func xaCheckTLSProvider(f *source.File) ([]source.Match, error) {
	p, err := dotnetReadProject(f.Content)
	if !p.legacyOnly("android") {
		return nil, err
	}
	var out []source.Match
	set := p.settings("AndroidTlsProvider")
	for _, e := range set {
		switch strings.ToLower(e.text) {
		case "btls":
		case "legacy":
			out = append(out, p.valueMatch(e, "AndroidTlsProvider legacy is the managed provider, which has no TLS 1.2", ""))
		default:
			out = append(out, p.valueMatch(e, "AndroidTlsProvider is "+xaOrEmpty(e.text)+": btls on Xamarin.Android 7.3+, legacy on 7.1, so it depends on the toolchain; set btls", finding.VerdictWarn))
		}
	}
	if len(set) == 0 {
		out = append(out, p.unsetMatch("AndroidTlsProvider is unset: btls on Xamarin.Android 7.3+, legacy on 7.1, so it depends on the toolchain; set btls", finding.VerdictWarn, "AndroidTlsProvider"))
	}
	return out, err
}

// xaOrEmpty quotes a value, or says it is empty.
func xaOrEmpty(v string) string {
	if v == "" {
		return "empty"
	}
	return `"` + v + `"`
}

// xaTypeName strips an assembly qualification: "T, Mono.Android" → "T".
func xaTypeName(s string) string {
	t, _, _ := strings.Cut(s, ",")
	return strings.TrimSpace(t)
}

// xaCheckAndroidHandler judges AndroidHttpClientHandlerType.
func xaCheckAndroidHandler(f *source.File) ([]source.Match, error) {
	p, err := dotnetReadProject(f.Content)
	if !p.legacy["android"] && !p.modern["android"] {
		return nil, err
	}
	var out []source.Match
	set := p.settings("AndroidHttpClientHandlerType")
	for _, e := range set {
		switch t := xaTypeName(e.text); {
		case t == xaAndroidHandler || t == xaMessageHandler || strings.Contains(t, "$("):
		case t == xaSocketsHandler:
			out = append(out, p.valueMatch(e, "AndroidHttpClientHandlerType is "+t+": TLS 1.2 on .NET 6+, but not the Android handler AWS names", finding.VerdictWarn))
		default:
			out = append(out, p.valueMatch(e, "AndroidHttpClientHandlerType is "+xaOrEmpty(e.text)+", not the Android handler ("+xaAndroidHandler+" or "+xaMessageHandler+")", ""))
		}
	}
	if len(set) == 0 && p.legacyOnly("android") {
		out = append(out, p.unsetMatch("AndroidHttpClientHandlerType is unset: Xamarin.Android then uses the managed HttpClientHandler", "", "AndroidHttpClientHandlerType"))
	}
	return out, err
}

// xaCheckIOSHandler judges MtouchHttpClientHandler and MtouchExtraArgs.
func xaCheckIOSHandler(f *source.File) ([]source.Match, error) {
	p, err := dotnetReadProject(f.Content)
	if !p.legacy["ios"] && !p.modern["ios"] {
		return nil, err
	}
	out, set := p.appleHandler("MtouchHttpClientHandler", "MtouchExtraArgs")
	if !set && p.legacyOnly("ios") {
		out = append(out, p.unsetMatch("MtouchHttpClientHandler is unset: current Xamarin.iOS defaults to NSUrlSessionHandler, older mtouch to the managed HttpClientHandler; set it explicitly", finding.VerdictWarn, "MtouchHttpClientHandler"))
	}
	return out, err
}

// xaCheckMacHandler judges HttpClientHandler and MonoBundlingExtraArgs
// in Xamarin.Mac projects.
func xaCheckMacHandler(f *source.File) ([]source.Match, error) {
	p, err := dotnetReadProject(f.Content)
	if !p.legacy["mac"] && !p.modern["mac"] {
		return nil, err
	}
	out, set := p.appleHandler("HttpClientHandler", "MonoBundlingExtraArgs")
	if !set && p.legacyOnly("mac") {
		out = append(out, p.unsetMatch("HttpClientHandler is unset: Xamarin.Mac defaults to the managed HttpClientHandler", "", "HttpClientHandler"))
	}
	return out, err
}

// appleHandler judges a handler property and the --http-message-handler=
// option of an extra-arguments property; set reports whether either named
// a handler.
func (p *dotnetProject) appleHandler(prop, extra string) (out []source.Match, set bool) {
	for _, e := range p.settings(prop) {
		set = true
		if v := strings.TrimSpace(e.text); !strings.EqualFold(v, xaNSURLSession) && !strings.Contains(v, "$(") {
			out = append(out, p.valueMatch(e, prop+" is "+xaOrEmpty(v)+", not NSUrlSessionHandler: Apple's TLS stack is not used", ""))
		}
	}
	for _, e := range p.settings(extra) {
		v, ok := xaExtraHandler(e.text)
		if !ok {
			continue
		}
		set = true
		if !strings.EqualFold(v, xaNSURLSession) {
			out = append(out, p.valueMatch(e, extra+" passes --http-message-handler="+v+", not NSUrlSessionHandler: Apple's TLS stack is not used", ""))
		}
	}
	return out, set
}

// xaExtraHandler finds --http-message-handler=X in extra arguments.
func xaExtraHandler(args string) (string, bool) {
	for _, a := range strings.Fields(args) {
		if v, ok := strings.CutPrefix(strings.Trim(a, `"'`), "--http-message-handler="); ok {
			return v, true
		}
	}
	return "", false
}
