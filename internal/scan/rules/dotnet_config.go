package rules

import (
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/platform"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// dotnetCheckSwitchOverrides finds <AppContextSwitchOverrides value="…">
// entries that set a TLS switch to true.
func dotnetCheckSwitchOverrides(f *source.File) ([]source.Match, error) {
	x, err := dotnetParseXML(f.Content)
	var out []source.Match
	for i := range x.elems {
		e := &x.elems[i]
		a, ok := e.attr("value")
		if e.name != "AppContextSwitchOverrides" || !ok {
			continue
		}
		if bad := dotnetBadOverrides(a.value); len(bad) > 0 {
			var names []string
			for _, sw := range bad {
				names = append(names, sw.name+" ("+sw.effect+")")
			}
			msg := "AppContextSwitchOverrides sets " + strings.Join(names, "; ") + " to true"
			out = append(out, dotnetMatchPos(x.lines, a.line, a.col, msg, dotnetEv("AppContextSwitchOverrides", a.value)))
		}
	}
	return out, err
}

// dotnetBadOverrides returns the TLS switches "A=true;B=false" sets to
// true.
func dotnetBadOverrides(value string) []dotnetSwitch {
	var bad []dotnetSwitch
	for _, pair := range strings.Split(value, ";") {
		name, v, _ := strings.Cut(pair, "=")
		if sw, ok := dotnetBadSwitch(name); ok && strings.EqualFold(strings.TrimSpace(v), "true") {
			bad = append(bad, sw)
		}
	}
	return bad
}

// dotnetCheckConfigTarget finds configuration that targets .NET Framework
// below 4.7: <httpRuntime targetFramework>, <supportedRuntime sku>, and a
// file whose only supported runtime is 2.0.
func dotnetCheckConfigTarget(f *source.File) ([]source.Match, error) {
	x, err := dotnetParseXML(f.Content)
	var out []source.Match
	var clr2 []dotnetAttr
	clr4 := false
	for i := range x.elems {
		e := &x.elems[i]
		switch e.name {
		case "httpRuntime":
			if a, ok := e.attr("targetFramework"); ok && dotnetBelow47(a.value) {
				out = append(out, dotnetMatchPos(x.lines, a.line, a.col,
					"httpRuntime targetFramework=\""+a.value+"\" is below 4.7: "+dotnetTargetEffect(a.value), dotnetEv("targetFramework", a.value)))
			}
		case "supportedRuntime":
			if a, ok := e.attr("sku"); ok {
				if v := dotnetSkuVersion(a.value); v != "" && dotnetBelow47(v) {
					out = append(out, dotnetMatchPos(x.lines, a.line, a.col,
						"supportedRuntime sku=\""+a.value+"\" targets .NET Framework "+v+", below 4.7: "+dotnetTargetEffect(v), dotnetEv("sku", a.value)))
				}
			}
			if a, ok := e.attr("version"); ok {
				clr4 = clr4 || strings.HasPrefix(a.value, "v4")
				if strings.HasPrefix(a.value, "v2") {
					clr2 = append(clr2, a)
				}
			}
		}
	}
	if !clr4 {
		for _, a := range clr2 {
			out = append(out, dotnetMatchPos(x.lines, a.line, a.col,
				"supportedRuntime version=\""+a.value+"\" is the only runtime: the application runs on .NET Framework 3.5, "+dotnetTargetEffect("3.5"), dotnetEv("supportedRuntime", a.value)))
		}
	}
	return out, err
}

// dotnetBelow47 reports whether a .NET Framework version ("4.5", "v4.6.2")
// is below 4.7.
func dotnetBelow47(v string) bool {
	v = strings.TrimPrefix(strings.TrimSpace(v), "v")
	return v != "" && v[0] >= '0' && v[0] <= '9' && platform.CompareVersions(v, "4.7") < 0
}

// dotnetTargetEffect says what a target below 4.7 means for TLS
// (platform-matrix.md section 1).
func dotnetTargetEffect(v string) string {
	v = strings.TrimPrefix(v, "v")
	switch {
	case platform.CompareVersions(v, "3.5") < 0 || strings.HasPrefix(v, "4.0"):
		return "this framework has no TLS 1.2 at all"
	case platform.CompareVersions(v, "4.6") < 0:
		return "the framework defaults to SSL 3.0 and TLS 1.0; TLS 1.2 needs SchUseStrongCrypto and SystemDefaultTlsVersions in the registry"
	}
	return "the framework, not the OS, picks the versions (TLS 1.0-1.2); set Switch.System.Net.DontEnableSystemDefaultTlsVersions=false or retarget"
}

// dotnetSkuVersion returns the version of a ".NETFramework,Version=v4.5"
// sku, or "".
func dotnetSkuVersion(sku string) string {
	id, rest, _ := strings.Cut(sku, ",")
	if !strings.EqualFold(strings.TrimSpace(id), ".NETFramework") {
		return ""
	}
	for _, part := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(part, "=")
		if strings.EqualFold(strings.TrimSpace(k), "Version") {
			return strings.TrimPrefix(strings.TrimSpace(v), "v")
		}
	}
	return ""
}

// dotnetCheckConfigSslProtocols finds WCF sslProtocols attributes
// (<transport sslProtocols>, <sslStreamSecurity sslProtocols>) that allow
// a protocol below TLS 1.2.
func dotnetCheckConfigSslProtocols(f *source.File) ([]source.Match, error) {
	x, err := dotnetParseXML(f.Content)
	var out []source.Match
	for i := range x.elems {
		a, ok := x.elems[i].attr("sslProtocols")
		if !ok {
			continue
		}
		v, known := dotnetNames(a.value, dotnetSslProtocols)
		if bad := v & dotnetLegacyBits; known && bad != 0 {
			msg := "<" + x.elems[i].name + " sslProtocols=\"" + a.value + "\"> allows " + dotnetBitNames(bad, dotnetLegacy)
			out = append(out, dotnetMatchPos(x.lines, a.line, a.col, msg,
				dotnetEv("sslProtocols", a.value), dotnetEv("below TLS 1.2", dotnetBitNames(bad, dotnetLegacy))))
		}
	}
	return out, err
}
