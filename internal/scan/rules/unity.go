package rules

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/platform"
	"github.com/tlsfloor/tlsfloor/internal/scan/lex"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// Sources of the Unity rules (scan-identifiers.md section 5,
// platform-matrix.md section 19).
const (
	unityRefUpgrade = "https://docs.unity3d.com/2019.1/Documentation/Manual/ScriptingRuntimeUpgrade.html"
	unityRefBlog    = "https://blogs.unity3d.com/2018/07/11/scripting-runtime-improvements-in-unity-2018-2/"
	unityRefPlayer  = "https://github.com/Unity-Technologies/UnityCsReference/blob/d253e09acffc9803eb9d7cd77f4768d38860d66e/Editor/Mono/PlayerSettings.bindings.cs"
	unityRefSerial  = "https://docs.unity3d.com/Manual/class-EditorManager.html"
)

// unityMinEditor is the first editor with the .NET 4.x Equivalent
// runtime that brings TLS 1.2 (the AWS SDK for .NET guide).
const unityMinEditor = "2018.2"

// unityRules returns the rules for Unity project settings and editor
// scripts.
func unityRules() []source.Rule {
	return []source.Rule{
		{
			ID:            "TF-UNITY-001",
			Title:         "Unity editor version is below 2018.2",
			Description:   "ProjectSettings/ProjectVersion.txt names an editor older than 2018.2, which has no .NET 4.x Equivalent runtime with TLS 1.2 for Mono and IL2CPP players.",
			Severity:      finding.High,
			CWE:           "327",
			Kinds:         []source.Kind{source.UnityVersion},
			PlatformEntry: "TF-PLAT-UNITY-VERSION",
			References:    []string{dotnetRefAWSTLS, unityRefBlog},
			New:           dotnetNew(unityCheckVersion),
		},
		{
			ID:            "TF-UNITY-002",
			Title:         "Unity scripting runtime is legacy .NET 3.5",
			Description:   "scriptingRuntimeVersion: 0 in ProjectSettings.asset selects the legacy .NET 3.5 runtime, without TLS 1.2. A binary ProjectSettings.asset cannot be read and is reported as unknown, never as a pass.",
			Severity:      finding.High,
			CWE:           "327",
			Kinds:         []source.Kind{source.UnitySettings},
			PlatformEntry: "TF-PLAT-UNITY-RUNTIME",
			References:    []string{dotnetRefAWSTLS, unityRefUpgrade, unityRefPlayer, unityRefSerial},
			New:           dotnetNew(unityCheckRuntime),
		},
		{
			ID:            "TF-UNITY-003",
			Title:         "Unity API compatibility level is a legacy .NET 2.0 profile",
			Description:   "apiCompatibilityLevel (or an apiCompatibilityLevelPerPlatform entry) 1 (NET_2_0) or 2 (NET_2_0_Subset) is a profile of the legacy .NET 3.5 runtime. A binary ProjectSettings.asset is reported as unknown.",
			Severity:      finding.Medium,
			CWE:           "327",
			Kinds:         []source.Kind{source.UnitySettings},
			PlatformEntry: "TF-PLAT-UNITY-RUNTIME",
			References:    []string{unityRefUpgrade, unityRefPlayer, unityRefSerial},
			New:           dotnetNew(unityCheckAPILevel),
		},
		{
			ID:            "TF-UNITY-004",
			Title:         "Unity editor script selects the legacy runtime or a .NET 2.0 profile",
			Description:   "An editor script that sets PlayerSettings.scriptingRuntimeVersion to ScriptingRuntimeVersion.Legacy, or the API compatibility level to NET_2_0 or NET_2_0_Subset, switches builds back to the legacy .NET 3.5 runtime, without TLS 1.2.",
			Severity:      finding.High,
			CWE:           "327",
			Kinds:         []source.Kind{source.CSharp},
			PlatformEntry: "TF-PLAT-UNITY-RUNTIME",
			References:    []string{unityRefUpgrade, unityRefPlayer},
			Anchors:       words("PlayerSettings"),
			New:           dotnetNew(unityCheckEditorScript),
		},
	}
}

// unityLine is one "key: value" line of a Unity YAML file.
type unityLine struct {
	line, col  int // of the value (of the key when the value is empty)
	indent     int
	key, value string
}

// unityLines reads "key: value" lines, dropping YAML comments (" #…").
func unityLines(content []byte) []unityLine {
	var out []unityLine
	for n, text := range strings.Split(string(content), "\n") {
		text = strings.TrimSuffix(text, "\r")
		body := strings.TrimLeft(text, " ")
		key, value, ok := strings.Cut(body, ":")
		if !ok || strings.HasPrefix(body, "#") || strings.HasPrefix(body, "%") {
			continue
		}
		if i := strings.Index(value, " #"); i >= 0 {
			value = value[:i]
		}
		l := unityLine{line: n + 1, indent: len(text) - len(body), key: strings.TrimSpace(key), value: strings.TrimSpace(value)}
		l.col = l.indent + 1
		if l.value != "" {
			l.col = len(text) - len(strings.TrimLeft(text[l.indent+len(key)+1:], " ")) + 1
		}
		out = append(out, l)
	}
	return out
}

// unityCheckVersion judges m_EditorVersion in ProjectVersion.txt.
func unityCheckVersion(f *source.File) ([]source.Match, error) {
	lines := lex.NewLines(f.Content)
	for _, l := range unityLines(f.Content) {
		if l.key != "m_EditorVersion" {
			continue
		}
		if l.value == "" || l.value[0] < '0' || l.value[0] > '9' {
			break
		}
		if platform.CompareVersions(l.value, unityMinEditor) >= 0 {
			return nil, nil
		}
		return []source.Match{dotnetMatchPos(lines, l.line, l.col,
			"m_EditorVersion "+l.value+" is below "+unityMinEditor+": no .NET 4.x Equivalent runtime with TLS 1.2", dotnetEv("m_EditorVersion", l.value))}, nil
	}
	m := dotnetMatchPos(lines, 1, 1, "no readable m_EditorVersion in ProjectVersion.txt: cannot verify the editor version")
	m.Verdict = finding.VerdictUnknown
	return []source.Match{m}, nil
}

// unityBinary reports whether a ProjectSettings.asset is not YAML text:
// Unity writes binary assets under "Force Binary" or "Mixed"
// serialization.
func unityBinary(content []byte) bool {
	head := content[:min(len(content), 8192)]
	if bytes.HasPrefix(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), []byte("%YAML")) {
		return false
	}
	return bytes.IndexByte(head, 0) >= 0 || !utf8.Valid(head[:len(head)-min(len(head), 3)])
}

// unityHeaderVersion finds the editor version a binary SerializedFile
// names in its header ("2017.4.40f1" followed by a NUL byte).
var unityHeaderVersion = regexp.MustCompile(`([0-9]{1,4}\.[0-9]+\.[0-9]+[abfpx][0-9]+)\x00`)

// unityUnknownBinary is the match for a binary ProjectSettings.asset:
// unknown, never a pass, with the editor version of the header as
// evidence when there is one.
func unityUnknownBinary(content []byte, what string) []source.Match {
	m := source.Match{
		Line: 1, Column: 1, Verdict: finding.VerdictUnknown, Snippet: "(binary ProjectSettings.asset)",
		Message: "ProjectSettings.asset is binary (Asset Serialization is Force Binary or Mixed): cannot verify " + what + "; switch to Force Text or check Player settings by hand",
	}
	if v := unityHeaderVersion.FindSubmatch(content[:min(len(content), 256)]); v != nil {
		m.Evidence = []finding.Evidence{dotnetEv("editor version in the header", string(v[1]))}
	}
	return []source.Match{m}
}

// unityCheckRuntime judges scriptingRuntimeVersion in ProjectSettings.asset.
func unityCheckRuntime(f *source.File) ([]source.Match, error) {
	if unityBinary(f.Content) {
		return unityUnknownBinary(f.Content, "the scripting runtime"), nil
	}
	lines := lex.NewLines(f.Content)
	where := 1 // the PlayerSettings line, for a missing key
	for _, l := range unityLines(f.Content) {
		switch {
		case l.key == "PlayerSettings" && l.indent == 0:
			where = l.line
		case l.key == "scriptingRuntimeVersion":
			return unityRuntimeValue(lines, l), nil
		}
	}
	m := dotnetMatchPos(lines, where, 1, "scriptingRuntimeVersion not found in ProjectSettings.asset (editors before the 4.x option have none): check Player > Scripting Runtime Version")
	m.Verdict = finding.VerdictUnknown
	return []source.Match{m}, nil
}

// unityRuntimeValue judges one scriptingRuntimeVersion line.
func unityRuntimeValue(lines lex.Lines, l unityLine) []source.Match {
	switch l.value {
	case "1":
		return nil
	case "0":
		return []source.Match{dotnetMatchPos(lines, l.line, l.col,
			"scriptingRuntimeVersion: 0 is the legacy .NET 3.5 runtime, without TLS 1.2", dotnetEv("scriptingRuntimeVersion", "0"))}
	}
	m := dotnetMatchPos(lines, l.line, l.col, "scriptingRuntimeVersion: "+l.value+" is not a value this check knows", dotnetEv("scriptingRuntimeVersion", l.value))
	m.Verdict = finding.VerdictUnknown
	return []source.Match{m}
}

// unityLegacyLevels are the API compatibility levels of the legacy
// runtime only (ApiCompatibilityLevel in PlayerSettings.bindings.cs).
var unityLegacyLevels = map[string]string{"1": "NET_2_0", "2": "NET_2_0_Subset"}

// unityCheckAPILevel judges apiCompatibilityLevel and the entries of
// apiCompatibilityLevelPerPlatform.
func unityCheckAPILevel(f *source.File) ([]source.Match, error) {
	if unityBinary(f.Content) {
		return unityUnknownBinary(f.Content, "the API compatibility level"), nil
	}
	lines := lex.NewLines(f.Content)
	var out []source.Match
	perPlatform := -1 // indent of the apiCompatibilityLevelPerPlatform key while inside it
	for _, l := range unityLines(f.Content) {
		switch {
		case l.key == "apiCompatibilityLevelPerPlatform":
			perPlatform = l.indent
			out = append(out, unityInlineLevels(lines, l)...)
			continue
		case perPlatform >= 0 && l.indent <= perPlatform:
			perPlatform = -1
		}
		name, legacy := unityLegacyLevels[l.value]
		switch {
		case !legacy:
		case l.key == "apiCompatibilityLevel":
			out = append(out, dotnetMatchPos(lines, l.line, l.col, "apiCompatibilityLevel: "+l.value+" ("+name+") is a legacy .NET 3.5 profile", dotnetEv("apiCompatibilityLevel", l.value)))
		case perPlatform >= 0:
			out = append(out, dotnetMatchPos(lines, l.line, l.col, "apiCompatibilityLevelPerPlatform "+l.key+": "+l.value+" ("+name+") is a legacy .NET 3.5 profile", dotnetEv("apiCompatibilityLevelPerPlatform."+l.key, l.value)))
		}
	}
	return out, nil
}

// unityInlineLevels judges a flow mapping "apiCompatibilityLevelPerPlatform:
// {Standalone: 1, iOS: 2}".
func unityInlineLevels(lines lex.Lines, l unityLine) []source.Match {
	body, ok := strings.CutPrefix(l.value, "{")
	if !ok {
		return nil
	}
	var legacy []string
	for _, pair := range strings.Split(strings.TrimSuffix(body, "}"), ",") {
		k, v, _ := strings.Cut(pair, ":")
		if name, bad := unityLegacyLevels[strings.TrimSpace(v)]; bad {
			legacy = append(legacy, strings.TrimSpace(k)+": "+name)
		}
	}
	if legacy == nil {
		return nil
	}
	return []source.Match{dotnetMatchPos(lines, l.line, l.col, "apiCompatibilityLevelPerPlatform sets a legacy .NET 3.5 profile: "+strings.Join(legacy, ", "), dotnetEv("apiCompatibilityLevelPerPlatform", l.value))}
}

// unityLegacyNames are the enum members an editor script may set that
// mean the legacy runtime.
var unityLegacyNames = map[string]string{
	"ScriptingRuntimeVersion.Legacy":       "the legacy .NET 3.5 scripting runtime",
	"ApiCompatibilityLevel.NET_2_0":        "the legacy .NET 2.0 API profile",
	"ApiCompatibilityLevel.NET_2_0_Subset": "the legacy .NET 2.0 Subset API profile",
}

// unityCheckEditorScript finds PlayerSettings assignments and
// SetApiCompatibilityLevel calls that select the legacy runtime.
func unityCheckEditorScript(f *source.File) ([]source.Match, error) {
	c := dotnetReadCode(f)
	var out []source.Match
	for i := c.s.Index(0, "PlayerSettings", "."); i >= 0; i = c.s.Index(i+1, "PlayerSettings", ".") {
		member := c.s.Tok(i + 2).Text
		var from, end int
		switch {
		case (member == "scriptingRuntimeVersion" || member == "apiCompatibilityLevel") && c.s.Is(i+3, "="):
			from, end = i+4, c.end(i+4, ";")
		case member == "SetApiCompatibilityLevel" && c.s.Close(i+3) > 0:
			from, end = i+4, c.s.Close(i+3)
		default:
			continue
		}
		if what := c.unityLegacyValue(from, end); what != "" {
			out = append(out, dotnetMatch(c.lines, c.s.Tok(i), c.s.Tok(max(end-1, i)), "PlayerSettings."+member+" selects "+what+", without TLS 1.2",
				dotnetEv("PlayerSettings."+member, dotnetSource(c.s, from, end))))
		}
	}
	return out, nil
}

// unityLegacyValue returns what a legacy enum member in tokens [i, end)
// selects, or "".
func (c *dotnetCode) unityLegacyValue(i, end int) string {
	for k := i; k+2 < end; k++ {
		if what, ok := unityLegacyNames[c.s.Tok(k).Text+"."+c.s.Tok(k+2).Text]; ok && c.s.Is(k+1, ".") {
			return what
		}
	}
	return ""
}
