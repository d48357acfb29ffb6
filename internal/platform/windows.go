package platform

import (
	"crypto/tls"
	"fmt"
	"strconv"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// schannelRoot is the key under which SCHANNEL protocol keys live (ws-reg).
const schannelRoot = `HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols`

// schannelFix is the registry change that enables the TLS 1.2 client on
// builds where it is off by default (ws-reg, dn-tls).
const schannelFix = `create ` + schannelRoot + `\TLS 1.2\Client with DWORD DisabledByDefault=0 and DWORD Enabled=1, then restart Windows (` + srcWSRegTLS12 + `)`

var windowsEntries = []Entry{
	{
		ID:          "TF-PLAT-WIN-OS",
		Title:       "Windows version supports TLS 1.2",
		Platform:    "Windows",
		Condition:   "any Windows machine",
		Requirement: "TLS 1.2 is on by default from Windows 8 / Server 2012 (build 9200); 7 SP1 / 2008 R2 SP1 (7601) and Server 2008 SP2 (6002) support it after configuration; Vista, 7 RTM and older cannot use it",
		Remediation: "upgrade the operating system to Windows 8 / Server 2012 or later (a supported release); on Windows 7 or Server 2008 R2 RTM install Service Pack 1 and apply " + schannelFix,
		Sources:     []string{srcSeed, srcSchannelProtocols, srcDnTLS},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeWindowsOS,
	},
	{
		ID:          "TF-PLAT-WIN7-SCHANNEL",
		Title:       "Windows 7 SP1 / Server 2008 R2 SP1: TLS 1.2 client enabled in SCHANNEL",
		Platform:    "Windows",
		Condition:   "Windows 7 SP1 or Server 2008 R2 SP1 (build 7601)",
		Requirement: `SCHANNEL\Protocols\TLS 1.2\Client has DisabledByDefault=0 and Enabled≠0; absent values are the OS default, which on build 7601 is not enabled`,
		Remediation: schannelFix,
		Sources:     []string{srcSeed, srcWSRegTLS12, srcDnTLS, srcSchannelProtocols},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeWin7Schannel,
	},
	{
		ID:          "TF-PLAT-WIN2008SP2-KB4019276",
		Title:       "Windows Server 2008 SP2: KB4019276 installed and TLS 1.2 client enabled",
		Platform:    "Windows",
		Condition:   "Windows Server 2008 SP2 (build 6002; the build number is unverified)",
		Requirement: "update KB4019276 adds TLS 1.1 and 1.2 to Schannel, disabled by default; the TLS 1.2 Client key must then enable it",
		Remediation: "install KB4019276 (" + srcKB4019276 + "), then " + schannelFix,
		Sources:     []string{srcDnTLS, srcKB4019276, srcSchannelProtocols},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeWin2008SP2,
	},
	{
		ID:          "TF-PLAT-WIN-SCHANNEL-TLS12",
		Title:       "SCHANNEL does not disable the TLS 1.2 client",
		Platform:    "Windows",
		Condition:   "any Windows build with TLS 1.2 (7601 and later)",
		Requirement: `SCHANNEL\Protocols\TLS 1.2\Client Enabled is absent or not 0; on build 9200 and later DisabledByDefault is absent or 0`,
		Remediation: `set ` + schannelRoot + `\TLS 1.2\Client DWORD Enabled=1 and DWORD DisabledByDefault=0 (or delete both values to return to the OS default on build 9200 and later), then restart Windows (` + srcWSRegTLS12 + `)`,
		Sources:     []string{srcWSReg, srcDnTLS},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeSchannelTLS12,
	},
	{
		ID:          "TF-PLAT-WIN-SCHANNEL-LEGACY",
		Title:       "SCHANNEL still allows the TLS 1.0 and TLS 1.1 clients",
		Platform:    "Windows",
		Condition:   "any Windows machine",
		Requirement: `SCHANNEL\Protocols\TLS 1.0\Client and TLS 1.1\Client have Enabled=0, so nothing on the machine can fall back below TLS 1.2`,
		Remediation: `set DWORD Enabled=0 and DWORD DisabledByDefault=1 under ` + schannelRoot + `\TLS 1.0\Client and ` + schannelRoot + `\TLS 1.1\Client, then restart Windows (` + srcWSReg + `); test applications first, since anything that can only speak TLS 1.0/1.1 stops working`,
		Sources:     []string{srcWSReg, srcDnTLS},
		Severity:    finding.Medium,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeSchannelLegacy,
	},
	{
		ID:          "TF-PLAT-WIN-WINHTTP",
		Title:       "WinHTTP DefaultSecureProtocols includes TLS 1.2 (KB3140245)",
		Platform:    "Windows",
		Condition:   "Windows 7 SP1 / Server 2008 R2 SP1 (7601) or Windows 8 / Server 2012 (9200)",
		Requirement: "WinHTTP applications that use the default secure protocols get TLS 1.2 only with KB3140245 and DefaultSecureProtocols including 0x800 in every WinHttp key",
		Remediation: `install KB3140245 (` + srcKB3140245 + `) and set DWORD DefaultSecureProtocols=0x00000800 (TLS 1.2; 0x00000A00 adds TLS 1.1) under HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp and, on 64-bit Windows, HKLM\SOFTWARE\Wow6432Node\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp`,
		Sources:     []string{srcKB3140245},
		Severity:    finding.Medium,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeWinHTTP,
	},
	{
		ID:          "TF-PLAT-WIN-TLS13",
		Title:       "Windows Schannel supports TLS 1.3",
		Platform:    "Windows",
		Condition:   "any Windows machine, under a TLS 1.3 floor",
		Requirement: `Schannel has TLS 1.3 only from Windows Server 2022 (build 20348) and Windows 11 (22000); SCHANNEL\Protocols\TLS 1.3\Client must not set Enabled=0`,
		Remediation: "move the workload to Windows Server 2022 / Windows 11 or later (enabling TLS 1.3 on earlier Windows is not a safe configuration), and delete or set to 1 " + schannelRoot + `\TLS 1.3\Client Enabled`,
		Sources:     []string{srcSchannelProtocols, srcWSReg},
		Severity:    finding.Medium,
		MinFloor:    tls.VersionTLS13,
		judge:       judgeWindowsTLS13,
	},
}

// schannel returns the SCHANNEL key for protocol and side, nil if absent.
func (w *Windows) schannel(protocol, side string) *SchannelKey {
	for i, k := range w.Schannel {
		if strings.EqualFold(k.Protocol, protocol) && strings.EqualFold(k.Side, side) {
			return &w.Schannel[i]
		}
	}
	return nil
}

// schannelValues returns a key's Enabled and DisabledByDefault, nil when
// the key or the value is absent.
func (w *Windows) schannelValues(protocol, side string) (enabled, disabledByDefault *uint32) {
	if k := w.schannel(protocol, side); k != nil {
		return k.Enabled, k.DisabledByDefault
	}
	return nil, nil
}

// schannelEvidence records a key's two values.
func schannelEvidence(protocol, side string, enabled, dbd *uint32) []finding.Evidence {
	p := schannelRoot + `\` + protocol + `\` + side
	return []finding.Evidence{ev(p+`\Enabled`, dword(enabled)), ev(p+`\DisabledByDefault`, dword(dbd))}
}

// buildEvidence records the Windows build.
func buildEvidence(os OS) finding.Evidence {
	return ev("CurrentBuildNumber", strconv.Itoa(os.Build))
}

// registryUnknown is the result for a registry that was not read.
func registryUnknown(subject, what string) []Result {
	return one(Unknown, subject, "Windows registry not collected: read "+what)
}

// isServer2008SP2 reports builds 6002/6003 on a server.
func isServer2008SP2(os OS) bool {
	return os.Server && (os.Build == buildVistaSP2 || os.Build == buildVistaSP2+1)
}

func judgeWindowsOS(f *Facts, _ Floor) []Result {
	if !isWindows(f) {
		return nil
	}
	subj, b := windowsSubject(f.OS), f.OS.Build
	e := buildEvidence(f.OS)
	switch {
	case b == 0:
		return one(Unknown, subj, `Windows build not collected: read CurrentBuildNumber under HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion`)
	case b >= build8:
		return one(Pass, subj, fmt.Sprintf("build %d: TLS 1.2 is on by default in Schannel", b), e)
	case b == build7SP1:
		return one(Pass, subj, "build 7601 supports TLS 1.2 but does not enable it by default; TF-PLAT-WIN7-SCHANNEL judges the registry", e)
	case isServer2008SP2(f.OS):
		return one(Pass, subj, "Server 2008 SP2 supports TLS 1.2 with KB4019276; TF-PLAT-WIN2008SP2-KB4019276 judges it", e)
	}
	return one(Fail, subj, fmt.Sprintf("build %d has no TLS 1.2 in Schannel: upgrade the operating system", b), e)
}

func judgeWin7Schannel(f *Facts, _ Floor) []Result {
	if !isWindows(f) || f.OS.Build != build7SP1 {
		return nil
	}
	return tls12ClientOptIn(f, windowsSubject(f.OS), "")
}

// tls12ClientOptIn judges the TLS 1.2 Client key on a build where TLS 1.2
// is off by default: DisabledByDefault must be 0 and Enabled present and
// not 0. A nil Windows is Unknown; a Windows with no such key is a Fail,
// since absent values are the OS default. prefix starts the message.
func tls12ClientOptIn(f *Facts, subject, prefix string) []Result {
	if f.Windows == nil {
		return registryUnknown(subject, schannelRoot+`\TLS 1.2\Client`)
	}
	en, dbd := f.Windows.schannelValues("TLS 1.2", "Client")
	evs := append(schannelEvidence("TLS 1.2", "Client", en, dbd), buildEvidence(f.OS))
	switch {
	case dbd == nil || *dbd != 0:
		return one(Fail, subject, prefix+fmt.Sprintf(`TLS 1.2 is not in the client default set: TLS 1.2\Client DisabledByDefault is %s (absent means the OS default, which is off on build %d)`, dword(dbd), f.OS.Build), evs...)
	case en == nil || *en == 0:
		return one(Fail, subject, prefix+fmt.Sprintf(`TLS 1.2 client is not enabled: TLS 1.2\Client Enabled is %s (absent means the OS default, which is off on build %d)`, dword(en), f.OS.Build), evs...)
	}
	return one(Pass, subject, prefix+fmt.Sprintf(`TLS 1.2 client enabled: DisabledByDefault=0, Enabled=%s`, dword(en)), evs...)
}

func judgeWin2008SP2(f *Facts, _ Floor) []Result {
	if !isWindows(f) || !isServer2008SP2(f.OS) {
		return nil
	}
	subj := windowsSubject(f.OS)
	if f.Windows == nil || f.Windows.Hotfixes == nil {
		return one(Unknown, subj, "hotfix list not collected; run Get-HotFix")
	}
	if !f.Windows.hasHotfix("KB4019276") {
		return one(Fail, subj, "KB4019276 is not installed: Schannel on Server 2008 SP2 has no TLS 1.2 without it", ev("Hotfixes", strings.Join(f.Windows.Hotfixes, ",")))
	}
	return tls12ClientOptIn(f, subj, "KB4019276 installed; ")
}

// hasHotfix reports whether the update is in the hotfix list.
func (w *Windows) hasHotfix(kb string) bool {
	for _, h := range w.Hotfixes {
		if strings.EqualFold(strings.TrimSpace(h), kb) {
			return true
		}
	}
	return false
}
