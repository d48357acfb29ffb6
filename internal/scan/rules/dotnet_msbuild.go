package rules

import (
	"regexp"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/platform"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// dotnetProject is an MSBuild project with what the rules need to know
// about its flavour.
type dotnetProject struct {
	*dotnetXML
	// legacy and modern hold the mobile platforms ("android", "ios",
	// "mac") the project builds for: legacy Xamarin (project type GUIDs,
	// Xamarin imports, TargetFrameworkIdentifier) and SDK-style .NET
	// (net8.0-android, …).
	legacy, modern map[string]bool
	// unity is set for projects Unity generates.
	unity bool
	// otherFramework is set when TargetFrameworkIdentifier names something
	// other than .NETFramework, so TargetFrameworkVersion is not a .NET
	// Framework version (Xamarin.iOS v1.0, MonoAndroid v9.0, …).
	otherFramework bool
}

// mobile reports whether the project builds for any mobile platform.
func (p *dotnetProject) mobile() bool { return len(p.legacy)+len(p.modern) > 0 }

// Project type GUIDs and import names that mark a flavour.
var (
	dotnetFlavourGUIDs = map[string]string{
		"{EFBA0AD7-5A72-4C68-AF49-83D382785DCF}": "android",
		"{10368E6C-D01B-4462-8E8B-01FC667A7035}": "android", // Android bindings
		"{FEACFBD2-3405-455C-9665-78FE426C6842}": "ios",
		"{EE2C853D-36AF-4FDB-B1AD-8E90477E2198}": "ios", // iOS bindings
		"{A3F8F2AB-B479-4A4A-A458-A89E7DC349F1}": "mac",
		"{810C163F-4746-4721-8B8E-88A3673A62EA}": "mac", // Mac bindings
		"{E097FAD1-6243-4DAD-9C02-E9B9EFC3FFC1}": "unity",
	}
	dotnetFlavourImports = map[string]string{
		"Xamarin.Android.CSharp.targets": "android", "Novell.MonoDroid.CSharp.targets": "android",
		"Xamarin.iOS.CSharp.targets": "ios", "Xamarin.Mac.CSharp.targets": "mac",
	}
	dotnetFlavourIdentifiers = map[string]string{
		"monoandroid": "android", "xamarin.ios": "ios", "xamarin.tvos": "ios", "xamarin.mac": "mac",
	}
	dotnetFlavourSuffixes = map[string]string{
		"-android": "android", "-ios": "ios", "-tvos": "ios", "-maccatalyst": "ios", "-macos": "mac",
	}
)

// dotnetReadProject parses a project and works out its flavour.
func dotnetReadProject(content []byte) (*dotnetProject, error) {
	x, err := dotnetParseXML(content)
	p := &dotnetProject{dotnetXML: x, legacy: map[string]bool{}, modern: map[string]bool{}}
	for i := range x.elems {
		p.note(&x.elems[i])
	}
	return p, err
}

// note records what one element says about the flavour.
func (p *dotnetProject) note(e *dotnetElem) {
	switch e.name {
	case "ProjectTypeGuids":
		for _, g := range strings.Split(strings.ToUpper(e.text), ";") {
			p.flavour(dotnetFlavourGUIDs[strings.TrimSpace(g)], false)
		}
	case "Import":
		if a, ok := e.attr("Project"); ok {
			for name, fl := range dotnetFlavourImports {
				if strings.HasSuffix(a.value, name) {
					p.flavour(fl, false)
				}
			}
		}
	case "TargetFrameworkIdentifier":
		p.otherFramework = p.otherFramework || !strings.EqualFold(e.text, ".NETFramework")
		p.flavour(dotnetFlavourIdentifiers[strings.ToLower(e.text)], false)
	case "AndroidApplication":
		p.flavour("android", false)
	case "TargetFramework", "TargetFrameworks":
		for _, tfm := range dotnetTFMs(e.text) {
			for suffix, fl := range dotnetFlavourSuffixes {
				if strings.Contains(tfm, suffix) {
					p.flavour(fl, true)
				}
			}
		}
	}
}

// flavour records a platform; "" records nothing.
func (p *dotnetProject) flavour(fl string, modern bool) {
	switch {
	case fl == "":
	case fl == "unity":
		p.unity = true
	case modern:
		p.modern[fl] = true
	default:
		p.legacy[fl] = true
	}
}

// dotnetTFMs splits a TargetFramework(s) value into lower-case monikers,
// skipping ones built from MSBuild properties.
func dotnetTFMs(text string) []string {
	var out []string
	for _, t := range strings.Split(text, ";") {
		t = strings.ToLower(strings.TrimSpace(t))
		if t != "" && !strings.Contains(t, "$(") {
			out = append(out, t)
		}
	}
	return out
}

// dotnetNetfxTFM matches .NET Framework monikers: net11, net20, net35,
// net40, net403, net45 … net481.
var dotnetNetfxTFM = regexp.MustCompile(`^net([1-4])([0-9])([0-9]?)$`)

// dotnetNetfxVersion returns the version of a .NET Framework moniker
// ("net462" → "4.6.2"), or "".
func dotnetNetfxVersion(tfm string) string {
	m := dotnetNetfxTFM.FindStringSubmatch(tfm)
	if m == nil {
		return ""
	}
	v := m[1] + "." + m[2]
	if m[3] != "" {
		v += "." + m[3]
	}
	return v
}

// dotnetCheckFrameworkTarget finds .NET Framework targets below 4.7.
func dotnetCheckFrameworkTarget(f *source.File) ([]source.Match, error) {
	p, err := dotnetReadProject(f.Content)
	var out []source.Match
	for i := range p.elems {
		e := &p.elems[i]
		switch e.name {
		case "TargetFrameworkVersion":
			if !p.mobile() && !p.unity && !p.otherFramework && dotnetBelow47(e.text) {
				out = append(out, p.targetMatch(e, e.text, strings.TrimPrefix(e.text, "v")))
			}
		case "TargetFramework", "TargetFrameworks":
			for _, tfm := range dotnetTFMs(e.text) {
				if v := dotnetNetfxVersion(tfm); v != "" && dotnetBelow47(v) {
					out = append(out, p.targetMatch(e, tfm, v))
				}
			}
		}
	}
	return out, err
}

// targetMatch reports a .NET Framework target below 4.7 at e's text.
func (p *dotnetProject) targetMatch(e *dotnetElem, value, version string) source.Match {
	msg := e.name + " " + value + " targets .NET Framework " + version + ", below 4.7: " + dotnetTargetEffect(version)
	return dotnetMatchPos(p.lines, e.textLine, e.textCol, msg, dotnetEv(e.name, e.text))
}

// dotnetCoreTFM matches netcoreappX.Y.
var dotnetCoreTFM = regexp.MustCompile(`^netcoreapp([0-9]+\.[0-9]+)$`)

// dotnetCheckCoreTarget finds .NET Core targets below 2.1.
func dotnetCheckCoreTarget(f *source.File) ([]source.Match, error) {
	p, err := dotnetReadProject(f.Content)
	var out []source.Match
	for i := range p.elems {
		e := &p.elems[i]
		if e.name != "TargetFramework" && e.name != "TargetFrameworks" {
			continue
		}
		for _, tfm := range dotnetTFMs(e.text) {
			m := dotnetCoreTFM.FindStringSubmatch(tfm)
			if m != nil && platform.CompareVersions(m[1], "2.1") < 0 {
				msg := e.name + " " + tfm + " is .NET Core " + m[1] + ", below 2.1: out of support, and the AWS SDK for .NET asks for 2.1 or later"
				out = append(out, dotnetMatchPos(p.lines, e.textLine, e.textCol, msg, dotnetEv(e.name, e.text)))
			}
		}
	}
	return out, err
}

// dotnetBlazorSdk is the SDK of Blazor WebAssembly projects.
const dotnetBlazorSdk = "Microsoft.NET.Sdk.BlazorWebAssembly"

// dotnetCheckBlazor notes Blazor WebAssembly projects: the browser does
// TLS, so the verdict is pass.
func dotnetCheckBlazor(f *source.File) ([]source.Match, error) {
	x, err := dotnetParseXML(f.Content)
	var out []source.Match
	for i := range x.elems {
		e := &x.elems[i]
		a, ok := e.attr("Sdk")
		if e.name == "Sdk" {
			a, ok = e.attr("Name")
		}
		if !ok || !strings.EqualFold(strings.TrimSpace(strings.Split(a.value, "/")[0]), dotnetBlazorSdk) {
			continue
		}
		m := dotnetMatchPos(x.lines, a.line, a.col,
			"Blazor WebAssembly project: HTTP goes through the browser, which decides the TLS version (every WebAssembly-capable browser had TLS 1.2 first); nothing to enforce in code",
			dotnetEv("Sdk", a.value))
		m.Verdict = finding.VerdictPass
		out = append(out, m)
	}
	return out, err
}
