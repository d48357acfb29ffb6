package platform

import (
	"fmt"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

func judgeSchannelTLS12(f *Facts, _ Floor) []Result {
	if !isWindows(f) || (f.OS.Build != 0 && f.OS.Build < build7SP1 && !isServer2008SP2(f.OS)) {
		return nil
	}
	subj := windowsSubject(f.OS)
	if f.Windows == nil {
		return registryUnknown(subj, schannelRoot+`\TLS 1.2\Client`)
	}
	en, dbd := f.Windows.schannelValues("TLS 1.2", "Client")
	evs := schannelEvidence("TLS 1.2", "Client", en, dbd)
	switch {
	case en != nil && *en == 0:
		return one(Fail, subj, `SCHANNEL disables the TLS 1.2 client: TLS 1.2\Client Enabled=0`, evs...)
	case f.OS.Build >= build8 && dbd != nil && *dbd != 0:
		return one(Fail, subj, fmt.Sprintf(`TLS 1.2 is taken out of the client default set: TLS 1.2\Client DisabledByDefault=%s`, dword(dbd)), evs...)
	}
	return one(Pass, subj, fmt.Sprintf(`TLS 1.2 client not disabled: Enabled is %s, DisabledByDefault is %s`, dword(en), dword(dbd)), evs...)
}

func judgeSchannelLegacy(f *Facts, _ Floor) []Result {
	if !isWindows(f) {
		return nil
	}
	subj := windowsSubject(f.OS)
	if f.Windows == nil {
		return registryUnknown(subj, schannelRoot+`\TLS 1.0\Client and \TLS 1.1\Client`)
	}
	var allowed []string
	var evs []finding.Evidence
	for _, p := range []string{"TLS 1.0", "TLS 1.1"} {
		en, dbd := f.Windows.schannelValues(p, "Client")
		evs = append(evs, schannelEvidence(p, "Client", en, dbd)...)
		if en == nil || *en != 0 {
			allowed = append(allowed, fmt.Sprintf(`%s\Client Enabled is %s`, p, dword(en)))
		}
	}
	if len(allowed) == 0 {
		return one(Pass, subj, `TLS 1.0 and TLS 1.1 clients disabled: Enabled=0 in both keys`, evs...)
	}
	msg := "legacy protocols allowed: " + strings.Join(allowed, "; ") + " (absent means the OS default, which enables them on Windows releases before their deprecation)"
	return one(Warn, subj, msg, evs...)
}

// WinHTTP keys (KB3140245), as NetFramework paths are spelled: from HKLM.
const (
	winHTTPKey      = `SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp`
	winHTTPKeyWow64 = `SOFTWARE\Wow6432Node\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp`
	winHTTPTLS12    = 0x800
)

// normKey lower-cases a registry path and drops a leading HKLM\ or
// HKEY_LOCAL_MACHINE\.
func normKey(p string) string {
	p = strings.ToLower(strings.TrimSpace(p))
	for _, pre := range []string{`hkey_local_machine\`, `hklm\`, `hklm:\`} {
		p = strings.TrimPrefix(p, pre)
	}
	return p
}

func judgeWinHTTP(f *Facts, _ Floor) []Result {
	if !isWindows(f) || (f.OS.Build != build7SP1 && f.OS.Build != build8) {
		return nil
	}
	subj := windowsSubject(f.OS)
	if f.Windows == nil {
		return registryUnknown(subj, `HKLM\`+winHTTPKey+` DefaultSecureProtocols`)
	}
	bad, evs := winHTTPProblems(f.Windows)
	if len(bad) > 0 {
		return one(Fail, subj, "WinHTTP default protocols exclude TLS 1.2: "+strings.Join(bad, "; "), evs...)
	}
	if f.Windows.Hotfixes != nil && !f.Windows.hasHotfix("KB3140245") {
		return one(Warn, subj, "DefaultSecureProtocols includes 0x800 but KB3140245, which makes WinHTTP read it, is not in the hotfix list (a later rollup may carry it: check)", evs...)
	}
	return one(Pass, subj, "DefaultSecureProtocols includes TLS 1.2 (0x800) in every WinHttp key read", evs...)
}

// winHTTPProblems lists the WinHttp keys whose DefaultSecureProtocols lack
// 0x800; the native key must exist.
func winHTTPProblems(w *Windows) (bad []string, evs []finding.Evidence) {
	native := false
	for _, k := range w.WinHTTP {
		p := normKey(k.Path)
		native = native || p == strings.ToLower(winHTTPKey)
		evs = append(evs, ev(`HKLM\`+strings.TrimPrefix(k.Path, `HKLM\`)+`\DefaultSecureProtocols`, dword(k.DefaultSecureProtocols)))
		if k.DefaultSecureProtocols == nil || *k.DefaultSecureProtocols&winHTTPTLS12 == 0 {
			bad = append(bad, fmt.Sprintf(`%s DefaultSecureProtocols is %s`, k.Path, dword(k.DefaultSecureProtocols)))
		}
	}
	if !native {
		bad = append(bad, `HKLM\`+winHTTPKey+` DefaultSecureProtocols is absent (the default excludes TLS 1.2 on this build)`)
	}
	return bad, evs
}

func judgeWindowsTLS13(f *Facts, _ Floor) []Result {
	if !isWindows(f) {
		return nil
	}
	subj, b := windowsSubject(f.OS), f.OS.Build
	switch {
	case b == 0:
		return one(Unknown, subj, `Windows build not collected: read CurrentBuildNumber under HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion`)
	case b < buildServer2022:
		return one(Fail, subj, fmt.Sprintf("build %d: Schannel has TLS 1.3 only from Windows Server 2022 (20348) and Windows 11 (22000)", b), buildEvidence(f.OS))
	case f.Windows == nil:
		return one(Pass, subj, fmt.Sprintf("build %d: Schannel supports TLS 1.3 (registry not read, so an override was not checked)", b), buildEvidence(f.OS))
	}
	en, dbd := f.Windows.schannelValues("TLS 1.3", "Client")
	evs := append(schannelEvidence("TLS 1.3", "Client", en, dbd), buildEvidence(f.OS))
	if en != nil && *en == 0 {
		return one(Fail, subj, `SCHANNEL disables the TLS 1.3 client: TLS 1.3\Client Enabled=0`, evs...)
	}
	return one(Pass, subj, fmt.Sprintf("build %d: Schannel supports TLS 1.3 and the TLS 1.3 client is not disabled", b), evs...)
}
