package platform

import (
	"crypto/tls"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// netfxKeys are the four keys that carry SchUseStrongCrypto and
// SystemDefaultTlsVersions (dn-tls; platform-matrix.md section 3), from
// HKLM as NetFrameworkKey.Path spells them.
var netfxKeys = []string{
	`SOFTWARE\Microsoft\.NETFramework\v4.0.30319`,
	`SOFTWARE\Wow6432Node\Microsoft\.NETFramework\v4.0.30319`,
	`SOFTWARE\Microsoft\.NETFramework\v2.0.50727`,
	`SOFTWARE\Wow6432Node\Microsoft\.NETFramework\v2.0.50727`,
}

const netfxRegistryFix = `set DWORD SchUseStrongCrypto=1 and DWORD SystemDefaultTlsVersions=1 in all four keys HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319, HKLM\SOFTWARE\Wow6432Node\Microsoft\.NETFramework\v4.0.30319, HKLM\SOFTWARE\Microsoft\.NETFramework\v2.0.50727 and HKLM\SOFTWARE\Wow6432Node\Microsoft\.NETFramework\v2.0.50727 (as Microsoft's sample .reg does), then restart the applications; or retarget the application to .NET Framework 4.8 (4.7 or later lets the OS choose); on a 4.6-4.6.2 target the AppContext switch Switch.System.Net.DontEnableSystemDefaultTlsVersions=false also works`

// IDs the PowerShell entries judge through.
const (
	idNetfxVersion  = "TF-PLAT-NETFX-VERSION"
	idNetfxRegistry = "TF-PLAT-NETFX-REGISTRY"
	idNetfx35Hotfix = "TF-PLAT-NETFX35-HOTFIX"
	idNetfxWin7     = "TF-PLAT-NETFX-WIN7"
)

var netfxEntries = []Entry{
	{
		ID:          idNetfxVersion,
		Title:       ".NET Framework 4.7+ on Windows 8 / Server 2012+ uses the OS default (TLS 1.2)",
		Platform:    ".NET Framework",
		Condition:   ".NET Framework applications on Windows",
		Requirement: "a 4.7 or later target on build 9200 or later leaves the protocol to the OS, which uses TLS 1.2; 2.0, 3.0 and 4.0 have no TLS 1.2 at all (3.5-4.6.2 targets: see TF-PLAT-NETFX-REGISTRY)",
		Remediation: "retarget and run the application on .NET Framework 4.8 (4.7 or later) on Windows 8 / Server 2012 or later, and do not set ServicePointManager.SecurityProtocol in code",
		Sources:     []string{srcSeed, srcDnTLS, srcMSRelease},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeNetfxVersion,
	},
	{
		ID:          idNetfxRegistry,
		Title:       ".NET Framework 3.5-4.6.2: SchUseStrongCrypto and SystemDefaultTlsVersions set in all four keys",
		Platform:    ".NET Framework",
		Condition:   "applications that target .NET Framework 3.5 through 4.6.2, or an installed runtime whose applications' targets are unknown",
		Requirement: "SchUseStrongCrypto=1 and SystemDefaultTlsVersions=1 in the four .NETFramework keys, so the framework uses strong crypto and lets the OS pick TLS 1.2",
		Remediation: netfxRegistryFix,
		Sources:     []string{srcSeed, srcDnTLS},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeNetfxRegistry,
	},
	{
		ID:          idNetfx35Hotfix,
		Title:       ".NET Framework 3.5: the TLS 1.2 update for this Windows version is installed",
		Platform:    ".NET Framework",
		Condition:   "applications on .NET Framework 3.5 (CLR 2.0)",
		Requirement: "the OS-specific update that lets .NET 3.5 use TLS 1.1/1.2: KB3156421 (Windows 10 1511 / Server 2016, builds 10586/14393), KB3154520 (8.1 / 2012 R2, 9600), KB3154519 (Server 2012, 9200), KB3154518 (7 SP1 / 2008 R2 SP1, 7601), KB3154517 (Vista SP2 / 2008 SP2, 6002)",
		Remediation: "install the update for this Windows version: KB3156421 " + srcKB3156421 + ", KB3154520 " + srcKB3154520 + ", KB3154519 " + srcKB3154519 + ", KB3154518 " + srcKB3154518 + ", KB3154517 " + srcKB3154517 + "; better, retarget to .NET Framework 4.8",
		Sources:     []string{srcSeed, srcDnTLS, srcKB3156421, srcKB3154520, srcKB3154519, srcKB3154518, srcKB3154517},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeNetfx35Hotfix,
	},
	{
		ID:          idNetfxWin7,
		Title:       ".NET Framework 4.x on Windows 7 SP1 / Server 2008 R2 SP1: TLS 1.2 enabled in SCHANNEL",
		Platform:    ".NET Framework",
		Condition:   ".NET Framework 4.5 or later on build 7601",
		Requirement: `SCHANNEL\Protocols\TLS 1.2\Client has DisabledByDefault=0 and Enabled≠0; newer Windows has it on by default`,
		Remediation: schannelFix,
		Sources:     []string{srcSeed, srcWSRegTLS12, srcSchannelProtocols},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeNetfxWin7,
	},
	{
		ID:          "TF-PLAT-NETFX-AWSSDK",
		Title:       "AWS SDK for .NET adds TLS 1.1 and 1.2 on .NET Framework 3.5-4.6.2 but sets no floor",
		Platform:    ".NET Framework",
		Condition:   "applications that target .NET Framework 3.5 through 4.6.2 and use the AWS SDK for .NET",
		Requirement: "informational: AmazonSecurityProtocolManager ORs Tls11|Tls12 (0x300|0xC00) into ServicePointManager.SecurityProtocol when it is not SystemDefault; SSL 3.0 and TLS 1.0 stay enabled, and on .NET 3.5 without the hotfix it logs NotSupportedException and carries on",
		Remediation: "use AWSSDK.Core 3.3.22.0 or later for the widening, and rely on TF-PLAT-NETFX-REGISTRY and TF-PLAT-NETFX35-HOTFIX for the floor",
		Sources:     []string{srcSeed, srcAWSNetSPM, srcAWSBlogNet},
		Severity:    finding.Info,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeNetfxAWSSDK,
	},
	{
		ID:          "TF-PLAT-NETFX-TLS13",
		Title:       ".NET Framework can use TLS 1.3",
		Platform:    ".NET Framework",
		Condition:   ".NET Framework applications, under a TLS 1.3 floor",
		Requirement: "a 4.6.2 or later target on Windows 11 / Server 2022 (build 20348+); 3.5 targets and earlier Windows stop at TLS 1.2",
		Remediation: "retarget to .NET Framework 4.8 and run on Windows Server 2022 / Windows 11 or later, or move the application to .NET 8+",
		Sources:     []string{srcDnTLS, srcSchannelProtocols},
		Severity:    finding.Medium,
		MinFloor:    tls.VersionTLS13,
		judge:       judgeNetfxTLS13,
	},
}

// fwSubject is one .NET Framework judged: an application's runtime (from
// Runtimes) or, when none is listed, the runtime installed on the machine.
type fwSubject struct {
	name      string
	version   string // "4.8", "3.5"; "" if unknown
	installed bool   // the installed runtime: application targets unknown
}

// frameworkSubjects lists the .NET Frameworks the facts describe.
func frameworkSubjects(f *Facts) []fwSubject {
	if f.OS.Family != "" && f.OS.Family != OSWindows {
		return nil
	}
	var out []fwSubject
	for _, rt := range runtimes(f, RuntimeNetFramework) {
		out = append(out, fwSubject{name: runtimeSubject(rt), version: frameworkVersion(rt)})
	}
	if len(out) > 0 || f.Windows == nil {
		return out
	}
	if v := NetFrameworkVersion(f.Windows.NetFramework4Release); v != "" {
		out = append(out, fwSubject{name: "installed .NET Framework " + v, version: v, installed: true})
	}
	if f.Windows.NetFramework35 {
		out = append(out, fwSubject{name: "installed .NET Framework 3.5", version: "3.5", installed: true})
	}
	return out
}

// frameworkVersion is the runtime's target (TargetFramework setting) or,
// failing that, its version, as "4.7.2".
func frameworkVersion(rt Runtime) string {
	if tf, ok := setting(rt.Settings, "TargetFramework"); ok && tf != "" {
		return normalizeFramework(tf)
	}
	return normalizeFramework(rt.Version)
}

// normalizeFramework turns "net472", "v4.7.2", ".NETFramework,Version=v4.7.2"
// and "4.7.2" into "4.7.2". .NET Core and .NET 5+ monikers ("net8.0",
// ".NETCoreApp,Version=v8.0") give "".
func normalizeFramework(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if name, after, ok := strings.Cut(s, ",version="); ok {
		if name != ".netframework" {
			return ""
		}
		s = after
	}
	s = strings.TrimPrefix(s, "v")
	digits, ok := strings.CutPrefix(s, "net")
	if !ok {
		return s
	}
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return ""
	}
	return strings.Join(strings.Split(digits, ""), ".")
}

// Framework version classes.
func fwNoTLS12(v string) bool {
	return v != "" && (!atLeast(v, "3.5") || (atLeast(v, "4.0") && !atLeast(v, "4.5")))
}
func fw35(v string) bool     { return atLeast(v, "3.5") && !atLeast(v, "4.0") }
func fwLegacy(v string) bool { return fw35(v) || (atLeast(v, "4.5") && !atLeast(v, "4.7")) }
