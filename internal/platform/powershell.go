package platform

import (
	"crypto/tls"
	"fmt"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// The PowerShell entries do not restate the .NET rules: each says which
// rules apply (seed, "AWS Tools for PowerShell") and runs them on the same
// facts, with the runtime PowerShell is hosted on in place of the
// PowerShell runtime. The verdict is the worst of theirs.
var powershellEntries = []Entry{
	{
		ID:          "TF-PLAT-PS-DESKTOP-CLR2",
		Title:       "Windows PowerShell 2.0 (CLR 2.0): the .NET Framework 3.5 rules",
		Platform:    "PowerShell",
		Condition:   "Windows PowerShell running on .NET runtime 2.0 ($PSVersionTable.CLRVersion 2.0.50727; PowerShell 2.0)",
		Requirement: "what .NET Framework 3.5 needs: " + idNetfxRegistry + " and " + idNetfx35Hotfix,
		Remediation: "run the AWS Tools for PowerShell on Windows PowerShell 5.1 with .NET Framework 4.8, or on PowerShell 7; while on 2.0: " + netfxRegistryFix + ", and install the .NET 3.5 TLS 1.2 update for the Windows version (" + idNetfx35Hotfix + ")",
		Sources:     []string{srcSeed, srcAWSPS, srcDnTLS},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgePSDesktopCLR2,
	},
	{
		ID:          "TF-PLAT-PS-DESKTOP-CLR4",
		Title:       "Windows PowerShell 3.0-5.1 (CLR 4.0): the .NET Framework 4.x rules",
		Platform:    "PowerShell",
		Condition:   "Windows PowerShell running on .NET runtime 4.0 ($PSVersionTable.CLRVersion 4.0.30319; PowerShell 3.0-5.1)",
		Requirement: "what the installed .NET Framework 4.x needs: " + idNetfxVersion + ", " + idNetfxRegistry + " and " + idNetfxWin7,
		Remediation: "install .NET Framework 4.8 on Windows 8 / Server 2012 or later; " + netfxRegistryFix + "; on build 7601 " + schannelFix,
		Sources:     []string{srcSeed, srcAWSPS, srcDnTLS},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgePSDesktopCLR4,
	},
	{
		ID:          "TF-PLAT-PS-CORE",
		Title:       "PowerShell 6+ (.NET Core): the .NET Core rules",
		Platform:    "PowerShell",
		Condition:   "PowerShell 6.0 and later (PSEdition Core)",
		Requirement: "what the .NET Core it runs on needs: " + strings.Join([]string{idDotnetVersion, idDotnetWin7, idDotnetLinux, idDotnetMacOS}, ", "),
		Remediation: "upgrade to a supported PowerShell 7 (on .NET 8 or later); PowerShell 6.0 runs on .NET Core 2.0, which is earlier than 2.1",
		Sources:     []string{srcSeed, srcAWSPS},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgePSCore,
	},
}

// subRule is another entry's judge, run on a PowerShell host's runtime.
type subRule struct {
	id    string
	judge func(*Facts, Floor) []Result
}

// psEdition returns "Desktop" or "Core" from PSEdition, else from the
// version (Core from 6.0), "" when neither is known.
func psEdition(rt Runtime) string {
	if e, _ := setting(rt.Settings, "PSEdition"); e != "" {
		return e
	}
	switch {
	case rt.Version == "":
		return ""
	case atLeast(rt.Version, "6"):
		return "Core"
	}
	return "Desktop"
}

// psCLR returns the CLR major version ("2" or "4") of Windows PowerShell,
// from CLRVersion, else from the PowerShell version: 2.0 on CLR 2.0,
// 3.0-5.1 on CLR 4.0 (platform-matrix.md section 17; the mapping is
// marked unverified there).
func psCLR(rt Runtime) string {
	if c, _ := setting(rt.Settings, "CLRVersion"); c != "" {
		major, _, _ := strings.Cut(c, ".")
		return major
	}
	switch {
	case rt.Version == "":
		return ""
	case atLeast(rt.Version, "3"):
		return "4"
	}
	return "2"
}

// eachPS runs judge on every PowerShell runtime of the given edition and,
// for Desktop, CLR major version.
func eachPS(f *Facts, edition, clr string, judge func(rt Runtime) []Result) []Result {
	var out []Result
	for _, rt := range runtimes(f, RuntimePowerShell) {
		if !strings.EqualFold(psEdition(rt), edition) || (clr != "" && psCLR(rt) != clr) {
			continue
		}
		out = append(out, judge(rt)...)
	}
	return out
}

func judgePSDesktopCLR2(f *Facts, _ Floor) []Result {
	return eachPS(f, "Desktop", "2", func(rt Runtime) []Result {
		host := Runtime{Name: RuntimeNetFramework, Version: "3.5", Path: rt.Path}
		return psVia(f, rt, host, "the .NET Framework 3.5 rules", []subRule{
			{idNetfxRegistry, judgeNetfxRegistry}, {idNetfx35Hotfix, judgeNetfx35Hotfix},
		})
	})
}

func judgePSDesktopCLR4(f *Facts, _ Floor) []Result {
	return eachPS(f, "Desktop", "4", func(rt Runtime) []Result {
		v := ""
		if f.Windows != nil {
			v = NetFrameworkVersion(f.Windows.NetFramework4Release)
		}
		// Which target powershell.exe itself opts into is unverified, so
		// the installed 4.x version stands for it.
		host := Runtime{Name: RuntimeNetFramework, Version: v, Path: rt.Path}
		return psVia(f, rt, host, "the .NET Framework 4.x rules", []subRule{
			{idNetfxVersion, judgeNetfxVersion}, {idNetfxRegistry, judgeNetfxRegistry}, {idNetfxWin7, judgeNetfxWin7},
		})
	})
}

func judgePSCore(f *Facts, _ Floor) []Result {
	return eachPS(f, "Core", "", func(rt Runtime) []Result {
		host := Runtime{Name: RuntimeDotNet, Version: psDotnet(rt), Path: rt.Path}
		return psVia(f, rt, host, "the .NET Core rules", []subRule{
			{idDotnetVersion, judgeDotnetVersion}, {idDotnetWin7, judgeDotnetWin7},
			{idDotnetLinux, judgeDotnetLinux}, {idDotnetMacOS, judgeDotnetMac},
		})
	})
}

// psDotnetVersions maps PowerShell 6+ releases to the .NET they run on
// (from the PowerShell release notes; unverified here).
var psDotnetVersions = map[string]string{
	"6.0": "2.0", "6.1": "2.1", "6.2": "2.1", "7.0": "3.1", "7.1": "5.0",
	"7.2": "6.0", "7.3": "7.0", "7.4": "8.0", "7.5": "9.0",
}

// psDotnet returns the .NET version PowerShell 6+ runs on: from its
// TargetFramework setting (the seed's FrameworkName command), else from
// its version.
func psDotnet(rt Runtime) string {
	if tf, _ := setting(rt.Settings, "TargetFramework"); tf != "" {
		return normalizeDotnet(tf)
	}
	parts := strings.SplitN(rt.Version, ".", 3)
	if len(parts) < 2 {
		return ""
	}
	return psDotnetVersions[parts[0]+"."+parts[1]]
}

// psVia runs rules on f with host standing for the PowerShell runtime ps,
// and folds their results into one: the worst status, each rule's verdict
// in the message, all evidence.
func psVia(f *Facts, ps, host Runtime, rules string, subs []subRule) []Result {
	g := *f
	g.Runtimes = []Runtime{host}
	evs := []finding.Evidence{ev("PSEdition", psEdition(ps)), ev("host runtime", label(host.Name)+" "+host.Version)}
	var all []Result
	var parts []string
	for _, s := range subs {
		for _, r := range s.judge(&g, Floor{}) {
			all = append(all, r)
			parts = append(parts, fmt.Sprintf("%s %s (%s)", s.id, r.Status, r.Message))
			evs = append(evs, r.Evidence...)
		}
	}
	subj := "PowerShell " + ps.Version
	if ps.Path != "" {
		subj += " at " + ps.Path
	}
	if len(all) == 0 {
		return one(Unknown, subj, rules+" apply, but none could be judged on these facts", evs...)
	}
	hostName := strings.TrimSpace(label(host.Name) + " " + host.Version)
	msg := fmt.Sprintf("%s edition: %s apply to %s: %s", psEdition(ps), rules, hostName, strings.Join(parts, "; "))
	return one(worst(all), subj, msg, evs...)
}
