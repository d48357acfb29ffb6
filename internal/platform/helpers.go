package platform

import (
	"crypto/tls"
	"fmt"
	"strconv"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// ev builds one piece of evidence.
func ev(name, value string) finding.Evidence {
	return finding.Evidence{Name: name, Value: value}
}

// res builds a result; Evaluate adds the entry.
func res(s Status, subject, msg string, evidence ...finding.Evidence) Result {
	return Result{Status: s, Subject: subject, Message: msg, Evidence: evidence}
}

// one wraps a single result as a judge's return value.
func one(s Status, subject, msg string, evidence ...finding.Evidence) []Result {
	return []Result{res(s, subject, msg, evidence...)}
}

// runtimeLabels are the names results use for Runtime* constants.
var runtimeLabels = map[string]string{
	RuntimeGo: "Go", RuntimeJava: "Java", RuntimePython: "Python", RuntimeNode: "Node.js",
	RuntimeDotNet: ".NET", RuntimeNetFramework: ".NET Framework", RuntimePowerShell: "PowerShell",
	RuntimeXamarinAndroid: "Xamarin.Android", RuntimeXamarinIOS: "Xamarin.iOS",
	RuntimeXamarinMac: "Xamarin.Mac", RuntimeUnity: "Unity", RuntimeBlazorWasm: "Blazor WebAssembly",
}

// label names a runtime constant for people.
func label(name string) string {
	if l, ok := runtimeLabels[name]; ok {
		return l
	}
	return name
}

// runtimes returns the runtimes with the given name, in order.
func runtimes(f *Facts, name string) []Runtime {
	var out []Runtime
	for _, rt := range f.Runtimes {
		if rt.Name == name {
			out = append(out, rt)
		}
	}
	return out
}

// runtimeSubject names a runtime: "Java 17.0.15 at /usr/bin/java".
func runtimeSubject(rt Runtime) string {
	s := label(rt.Name)
	if rt.Version != "" {
		s += " " + rt.Version
	}
	if rt.Path != "" {
		s += " at " + rt.Path
	}
	return s
}

// projects returns the projects for the given runtime, in order.
func projects(f *Facts, runtime string) []Project {
	var out []Project
	for _, p := range f.Projects {
		if p.Runtime == runtime {
			out = append(out, p)
		}
	}
	return out
}

// projectSubject names a project: "Xamarin.iOS project App.iOS.csproj".
func projectSubject(p Project) string {
	return label(p.Runtime) + " project " + p.Path
}

// setting returns a setting and whether it is present.
func setting(m map[string]string, key string) (string, bool) {
	v, ok := m[key]
	return strings.TrimSpace(v), ok
}

// firstSetting returns the first of the keys that is present and not
// empty, with its key.
func firstSetting(m map[string]string, keys ...string) (key, value string) {
	for _, k := range keys {
		if v, ok := setting(m, k); ok && v != "" {
			return k, v
		}
	}
	return "", ""
}

// dword formats a registry DWORD: "0x00000800 (2048)" or "absent".
func dword(p *uint32) string {
	if p == nil {
		return "absent"
	}
	return fmt.Sprintf("0x%08X (%d)", *p, *p)
}

// tlsNames maps normalised protocol names, as OpenSSL ("TLSv1.2"),
// crypto-policies ("TLS1.2"), Python ("TLSv1_2", 771), Node ("TLSv1.2")
// and Java ("TLSv1.2") spell them, to versions. 0x0300 is SSL 3.0.
var tlsNames = map[string]uint16{
	"ssl3": 0x0300, "ssl3.0": 0x0300, "tls1": tls.VersionTLS10, "tls1.0": tls.VersionTLS10,
	"tls1.1": tls.VersionTLS11, "tls1.2": tls.VersionTLS12, "tls1.3": tls.VersionTLS13,
	"768": 0x0300, "769": tls.VersionTLS10, "770": tls.VersionTLS11, "771": tls.VersionTLS12, "772": tls.VersionTLS13,
}

// parseTLSVersion reads a protocol version name in any of the spellings
// of tlsNames, with an optional "TLSVersion." prefix.
func parseTLSVersion(name string) (uint16, bool) {
	s := strings.ToLower(strings.TrimSpace(name))
	s = strings.TrimPrefix(s, "tlsversion.")
	s = strings.NewReplacer("v", "", "_", ".", " ", "").Replace(s)
	v, ok := tlsNames[s]
	return v, ok
}

// versionName names a protocol version, including SSL 3.0.
func versionName(v uint16) string {
	if v == 0x0300 {
		return "SSL 3.0"
	}
	return tls.VersionName(v)
}

// statusRank orders statuses from best to worst for aggregation: an
// Unknown outranks a Warn, since it may hide a Fail.
var statusRank = map[Status]int{Pass: 0, Warn: 1, Unknown: 2, Fail: 3}

// worst returns the worst status of the results, Pass for none.
func worst(rs []Result) Status {
	w := Pass
	for _, r := range rs {
		if statusRank[r.Status] > statusRank[w] {
			w = r.Status
		}
	}
	return w
}

// isWindows reports whether the facts describe a Windows machine: the
// family says so, or it is unset and Windows facts are present.
func isWindows(f *Facts) bool {
	if f.OS.Family != "" {
		return f.OS.Family == OSWindows
	}
	return f.Windows != nil || f.OS.Build > 0
}

// atoi parses a decimal integer, reporting failure.
func atoi(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	return n, err == nil
}
