package platform

import (
	"fmt"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// eachFramework runs judge on every .NET Framework subject and collects
// the results; judge returns nil to skip a subject.
func eachFramework(f *Facts, judge func(s fwSubject) []Result) []Result {
	var out []Result
	for _, s := range frameworkSubjects(f) {
		out = append(out, judge(s)...)
	}
	return out
}

// fwUnknownVersion is the result for a framework whose version is unknown.
func fwUnknownVersion(s fwSubject) []Result {
	return one(Unknown, s.name, ".NET Framework version not known: read the application's TargetFramework or the NDP Release value")
}

func judgeNetfxVersion(f *Facts, _ Floor) []Result {
	return eachFramework(f, func(s fwSubject) []Result {
		v, b := s.version, f.OS.Build
		evs := []finding.Evidence{ev(".NET Framework", v), buildEvidence(f.OS)}
		switch {
		case v == "":
			return fwUnknownVersion(s)
		case fwNoTLS12(v):
			return one(Fail, s.name, fmt.Sprintf(".NET Framework %s has no TLS 1.2", v), evs[0])
		case !atLeast(v, "4.7"), b == build7SP1, isServer2008SP2(f.OS):
			return nil // TF-PLAT-NETFX-REGISTRY, -WIN7 or the Windows entries judge these
		case b == 0:
			return one(Unknown, s.name, ".NET Framework "+v+" leaves the protocol to the OS, but the Windows build was not collected")
		case b < build8:
			return one(Fail, s.name, fmt.Sprintf(".NET Framework %s leaves the protocol to the OS, and build %d has no TLS 1.2", v, b), evs...)
		}
		return one(Pass, s.name, fmt.Sprintf(".NET Framework %s on build %d: the OS chooses, and uses TLS 1.2", v, b), evs...)
	})
}

func judgeNetfxRegistry(f *Facts, _ Floor) []Result {
	return eachFramework(f, func(s fwSubject) []Result {
		if !fwLegacy(s.version) && !(s.installed && s.version != "") {
			return nil
		}
		if f.Windows == nil {
			return registryUnknown(s.name, "SchUseStrongCrypto and SystemDefaultTlsVersions in the four .NETFramework keys")
		}
		bad, evs := netfxKeyProblems(f.Windows)
		if len(bad) == 0 {
			return one(Pass, s.name, "SchUseStrongCrypto=1 and SystemDefaultTlsVersions=1 in all four .NETFramework keys", evs...)
		}
		msg := "not set to 1: " + strings.Join(bad, "; ")
		if fw35(s.version) {
			msg += " (.NET 3.5 honours SchUseStrongCrypto only when the application sets an explicit TLS value)"
		}
		if s.installed {
			return one(Warn, s.name, "applications that target 3.5-4.6.2 on this runtime do not let the OS choose TLS 1.2: "+msg, evs...)
		}
		return one(Fail, s.name, ".NET Framework "+s.version+" does not let the OS choose TLS 1.2: "+msg, evs...)
	})
}

// netfxKeyProblems lists, by path, the values of the four .NETFramework
// keys that are absent or not 1.
func netfxKeyProblems(w *Windows) (bad []string, evs []finding.Evidence) {
	for _, path := range netfxKeys {
		k := w.netfxKey(path)
		if k == nil {
			bad = append(bad, `HKLM\`+path+` (key absent)`)
			evs = append(evs, ev(`HKLM\`+path, "absent"))
			continue
		}
		for _, v := range []struct {
			name string
			val  *uint32
		}{{"SchUseStrongCrypto", k.SchUseStrongCrypto}, {"SystemDefaultTlsVersions", k.SystemDefaultTlsVersions}} {
			evs = append(evs, ev(`HKLM\`+path+`\`+v.name, dword(v.val)))
			if v.val == nil || *v.val != 1 {
				bad = append(bad, fmt.Sprintf(`HKLM\%s\%s is %s`, path, v.name, dword(v.val)))
			}
		}
	}
	return bad, evs
}

// netfxKey returns the .NETFramework key with the path, nil if absent.
func (w *Windows) netfxKey(path string) *NetFrameworkKey {
	for i, k := range w.NetFramework {
		if normKey(k.Path) == strings.ToLower(path) {
			return &w.NetFramework[i]
		}
	}
	return nil
}

// hotfix35 maps builds to the update that lets .NET 3.5 use TLS 1.2
// (seed; dn-tls for Vista SP2 / 2008 SP2).
var hotfix35 = map[int]string{
	6002: "KB3154517", 6003: "KB3154517", 7601: "KB3154518", 9200: "KB3154519",
	9600: "KB3154520", 10586: "KB3156421", 14393: "KB3156421",
}

func judgeNetfx35Hotfix(f *Facts, _ Floor) []Result {
	return eachFramework(f, func(s fwSubject) []Result {
		if !fw35(s.version) {
			return nil
		}
		return netfx35Hotfix(f, s)
	})
}

// netfx35Hotfix judges the .NET 3.5 TLS 1.2 update for one subject.
func netfx35Hotfix(f *Facts, s fwSubject) []Result {
	b := f.OS.Build
	kb, listed := hotfix35[b]
	switch {
	case b == 0:
		return one(Unknown, s.name, "Windows build not collected, so the .NET 3.5 TLS 1.2 update cannot be chosen")
	case !listed && b < build7SP1:
		return one(Fail, s.name, fmt.Sprintf("no .NET 3.5 TLS 1.2 update exists for build %d: upgrade the operating system", b), buildEvidence(f.OS))
	case !listed:
		return one(Unknown, s.name, fmt.Sprintf("no .NET 3.5 TLS 1.2 update is listed for build %d: check that ServicePointManager.SecurityProtocol accepts 3072 (0xC00)", b), buildEvidence(f.OS))
	case f.Windows == nil || f.Windows.Hotfixes == nil:
		return one(Unknown, s.name, "hotfix list not collected; run Get-HotFix (looking for "+kb+")", buildEvidence(f.OS))
	}
	evs := []finding.Evidence{buildEvidence(f.OS), ev("Hotfixes", strings.Join(f.Windows.Hotfixes, ","))}
	switch {
	case f.Windows.hasHotfix(kb):
		return one(Pass, s.name, kb+" is installed: .NET 3.5 accepts TLS 1.2", evs...)
	case kb == "KB3156421" || s.installed:
		return one(Warn, s.name, kb+" is not in the hotfix list (on Windows 10 a later cumulative update supersedes it; check the build's UBR)", evs...)
	}
	return one(Fail, s.name, kb+" is not installed: .NET 3.5 cannot use TLS 1.2 on this build", evs...)
}

func judgeNetfxWin7(f *Facts, _ Floor) []Result {
	if f.OS.Build != build7SP1 {
		return nil
	}
	return eachFramework(f, func(s fwSubject) []Result {
		if !atLeast(s.version, "4.5") {
			return nil
		}
		return tls12ClientOptIn(f, s.name+" on "+windowsSubject(f.OS), "")
	})
}

func judgeNetfxAWSSDK(f *Facts, _ Floor) []Result {
	return eachFramework(f, func(s fwSubject) []Result {
		if !fwLegacy(s.version) {
			return nil
		}
		return one(Pass, s.name, ".NET Framework "+s.version+": the AWS SDK for .NET ORs TLS 1.1 and 1.2 (0x300|0xC00) into ServicePointManager.SecurityProtocol; it widens the set and never sets a floor, so SSL 3.0 and TLS 1.0 stay allowed", ev(".NET Framework", s.version))
	})
}

func judgeNetfxTLS13(f *Facts, _ Floor) []Result {
	return eachFramework(f, func(s fwSubject) []Result {
		v, b := s.version, f.OS.Build
		evs := []finding.Evidence{ev(".NET Framework", v), buildEvidence(f.OS)}
		switch {
		case v == "":
			return fwUnknownVersion(s)
		case !atLeast(v, "4.6.2"):
			return one(Fail, s.name, ".NET Framework "+v+" stops at TLS 1.2 on every Windows", evs...)
		case b == 0:
			return one(Unknown, s.name, "Windows build not collected: TLS 1.3 needs build 20348 or later")
		case b < buildServer2022:
			return one(Fail, s.name, fmt.Sprintf(".NET Framework %s on build %d: Schannel has no TLS 1.3 before Windows Server 2022 / Windows 11", v, b), evs...)
		}
		return one(Pass, s.name, fmt.Sprintf(".NET Framework %s on build %d can use TLS 1.3", v, b), evs...)
	})
}
