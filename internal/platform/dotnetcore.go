package platform

import (
	"crypto/tls"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// IDs the PowerShell entries judge through.
const (
	idDotnetVersion = "TF-PLAT-DOTNET-VERSION"
	idDotnetWin7    = "TF-PLAT-DOTNET-WIN7"
	idDotnetLinux   = "TF-PLAT-DOTNET-LINUX-OPENSSL"
	idDotnetMacOS   = "TF-PLAT-DOTNET-MACOS"
)

var dotnetEntries = []Entry{
	{
		ID:          idDotnetVersion,
		Title:       ".NET Core 2.1 or later",
		Platform:    ".NET Core / .NET",
		Condition:   ".NET Core and .NET 5+ applications",
		Requirement: ".NET Core 2.1 or later, which leaves the protocol to the OS; the AWS SDK for .NET offers no override there",
		Remediation: "upgrade to a supported .NET (8.0 or later); at the very least to .NET Core 2.1",
		Sources:     []string{srcSeed, srcAWSNetV4},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeDotnetVersion,
	},
	{
		ID:          idDotnetWin7,
		Title:       ".NET Core on Windows 7 SP1 / Server 2008 R2 SP1: TLS 1.2 enabled in SCHANNEL",
		Platform:    ".NET Core / .NET",
		Condition:   ".NET Core on build 7601",
		Requirement: `SCHANNEL\Protocols\TLS 1.2\Client has DisabledByDefault=0 and Enabled≠0`,
		Remediation: schannelFix,
		Sources:     []string{srcSeed, srcWSRegTLS12},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeDotnetWin7,
	},
	{
		ID:          idDotnetLinux,
		Title:       ".NET Core on Linux: OpenSSL 1.0.1 or later",
		Platform:    ".NET Core / .NET",
		Condition:   ".NET Core on Linux",
		Requirement: ".NET on Linux uses the system OpenSSL, which has TLS 1.2 from 1.0.1; .NET 10 needs OpenSSL 1.1.1 or later",
		Remediation: "install the distribution's current OpenSSL (`openssl version` must print 1.0.1 or later; 3.x recommended), and set its floor (TF-PLAT-OPENSSL-MINPROTOCOL)",
		Sources:     []string{srcSeed, srcOpenSSLChanges, srcRT40746, srcDotnet10SSL},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeDotnetLinux,
	},
	{
		ID:          idDotnetMacOS,
		Title:       ".NET Core on macOS: 2.1+ (Apple TLS) or, on 1.x, OpenSSL 1.0.1+",
		Platform:    ".NET Core / .NET",
		Condition:   ".NET Core on macOS",
		Requirement: ".NET Core 2.1 and later use Apple's TLS stack with TLS 1.2 on by default; .NET Core 1.0 uses a separately installed OpenSSL, which must be 1.0.1 or later",
		Remediation: "upgrade to a supported .NET (8.0 or later) on a macOS release it supports; while on .NET Core 1.x install OpenSSL 1.0.1 or later",
		Sources:     []string{srcSeed, srcDotnetMac, srcDotnetAnn21, srcOpenSSLChanges},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeDotnetMac,
	},
	{
		ID:          "TF-PLAT-DOTNET-TLS13",
		Title:       ".NET Core can use TLS 1.3",
		Platform:    ".NET Core / .NET",
		Condition:   ".NET Core and .NET 5+, under a TLS 1.3 floor",
		Requirement: "on Windows, Schannel with TLS 1.3 (build 20348+); on Linux, .NET Core 3.0+ with OpenSSL 1.1.1+ (the 3.0 threshold is unverified); on macOS it depends on Apple's stack (unverified)",
		Remediation: "run on Windows Server 2022 / Windows 11 or later, or on Linux with OpenSSL 1.1.1+ and .NET 8+",
		Sources:     []string{srcSchannelProtocols, srcOpenSSLChanges, srcDotnet10SSL, srcAppleTLS},
		Severity:    finding.Medium,
		MinFloor:    tls.VersionTLS13,
		judge:       judgeDotnetTLS13,
	},
}

// dotnetVersion is the runtime's version or, failing that, the version
// its TargetFramework names.
func dotnetVersion(rt Runtime) string {
	if rt.Version != "" {
		return rt.Version
	}
	tf, _ := setting(rt.Settings, "TargetFramework")
	return normalizeDotnet(tf)
}

// normalizeDotnet turns "netcoreapp2.0", "net8.0", "net8.0-android" and
// ".NETCoreApp,Version=v2.0" into "2.0", "8.0", "8.0", "2.0"; anything
// else gives "".
func normalizeDotnet(tf string) string {
	s := strings.ToLower(strings.TrimSpace(tf))
	if name, after, ok := strings.Cut(s, ",version=v"); ok {
		if name == ".netcoreapp" {
			return after
		}
		return ""
	}
	s, _, _ = strings.Cut(s, "-")
	for _, pre := range []string{"netcoreapp", "net"} {
		if v, ok := strings.CutPrefix(s, pre); ok && strings.Contains(v, ".") && v[0] >= '0' && v[0] <= '9' {
			return v
		}
	}
	return ""
}

// eachDotnet runs judge on every .NET Core runtime.
func eachDotnet(f *Facts, judge func(rt Runtime, v string) []Result) []Result {
	var out []Result
	for _, rt := range runtimes(f, RuntimeDotNet) {
		out = append(out, judge(rt, dotnetVersion(rt))...)
	}
	return out
}

func judgeDotnetVersion(f *Facts, _ Floor) []Result {
	return eachDotnet(f, func(rt Runtime, v string) []Result {
		subj := runtimeSubject(rt)
		switch {
		case v == "":
			return one(Unknown, subj, ".NET version not known: run dotnet --list-runtimes or read TargetFramework")
		case !atLeast(v, "2.1"):
			return one(Fail, subj, ".NET Core "+v+" is earlier than 2.1: upgrade", ev(".NET", v))
		}
		return one(Pass, subj, ".NET "+v+" leaves the protocol to the OS", ev(".NET", v))
	})
}

func judgeDotnetWin7(f *Facts, _ Floor) []Result {
	if !isWindows(f) || f.OS.Build != build7SP1 {
		return nil
	}
	return eachDotnet(f, func(rt Runtime, _ string) []Result {
		return tls12ClientOptIn(f, runtimeSubject(rt)+" on "+windowsSubject(f.OS), "")
	})
}

func judgeDotnetLinux(f *Facts, _ Floor) []Result {
	if f.OS.Family != OSLinux {
		return nil
	}
	return eachDotnet(f, func(rt Runtime, v string) []Result {
		subj := runtimeSubject(rt)
		if f.OpenSSL == nil || f.OpenSSL.Version == "" {
			return one(Unknown, subj, "OpenSSL version not collected: run openssl version")
		}
		o := f.OpenSSL.Version
		evs := []finding.Evidence{ev(".NET", v), ev("OpenSSL", o)}
		switch {
		case !atLeast(o, "1.0.1"):
			return one(Fail, subj, "OpenSSL "+o+" is earlier than 1.0.1 and has no TLS 1.2", evs...)
		case atLeast(v, "10") && !atLeast(o, "1.1.1"):
			return one(Fail, subj, ".NET "+v+" needs OpenSSL 1.1.1 or later; found "+o, evs...)
		}
		return one(Pass, subj, "OpenSSL "+o+" supports TLS 1.2; its configured floor is judged by TF-PLAT-OPENSSL-MINPROTOCOL", evs...)
	})
}

func judgeDotnetMac(f *Facts, _ Floor) []Result {
	if f.OS.Family != OSDarwin {
		return nil
	}
	return eachDotnet(f, func(rt Runtime, v string) []Result {
		subj := runtimeSubject(rt)
		switch {
		case v == "":
			return one(Unknown, subj, ".NET version not known: run dotnet --list-runtimes")
		case atLeast(v, "2.1"):
			return one(Pass, subj, ".NET "+v+" on macOS uses Apple's TLS stack, with TLS 1.2 on by default", ev(".NET", v))
		case f.OpenSSL == nil || f.OpenSSL.Version == "":
			return one(Unknown, subj, ".NET Core "+v+" on macOS needs a separately installed OpenSSL, which was not found: run openssl version", ev(".NET", v))
		case !atLeast(f.OpenSSL.Version, "1.0.1"):
			return one(Fail, subj, ".NET Core "+v+" uses OpenSSL "+f.OpenSSL.Version+", which has no TLS 1.2", ev(".NET", v), ev("OpenSSL", f.OpenSSL.Version))
		}
		return one(Pass, subj, ".NET Core "+v+" uses OpenSSL "+f.OpenSSL.Version+", which supports TLS 1.2", ev(".NET", v), ev("OpenSSL", f.OpenSSL.Version))
	})
}

func judgeDotnetTLS13(f *Facts, _ Floor) []Result {
	return eachDotnet(f, func(rt Runtime, v string) []Result {
		subj := runtimeSubject(rt)
		switch {
		case isWindows(f):
			return windowsTLS13For(f, subj)
		case f.OS.Family == OSLinux:
			return dotnetLinuxTLS13(f, subj, v)
		case f.OS.Family == OSDarwin:
			// Apple's SecureTransport cannot do TLS 1.3 (apple-tls); which
			// Apple API .NET uses is not verified.
			return one(Unknown, subj, ".NET on macOS: TLS 1.3 depends on the Apple TLS API .NET uses (unverified); test a TLS 1.3-only endpoint")
		}
		return one(Unknown, subj, "operating system not known: TLS 1.3 support depends on it")
	})
}

// windowsTLS13For judges Schannel TLS 1.3 for a runtime on Windows.
func windowsTLS13For(f *Facts, subject string) []Result {
	rs := judgeWindowsTLS13(f, Floor{})
	for i := range rs {
		rs[i].Subject = subject + " on " + rs[i].Subject
	}
	return rs
}

// dotnetLinuxTLS13 judges .NET on Linux: .NET Core 3.0+ with OpenSSL
// 1.1.1+ (the 3.0 threshold is a secondary summary, unverified).
func dotnetLinuxTLS13(f *Facts, subj, v string) []Result {
	if f.OpenSSL == nil || f.OpenSSL.Version == "" || v == "" {
		return one(Unknown, subj, ".NET or OpenSSL version not collected")
	}
	o := f.OpenSSL.Version
	evs := []finding.Evidence{ev(".NET", v), ev("OpenSSL", o)}
	if !atLeast(v, "3.0") || !atLeast(o, "1.1.1") {
		return one(Fail, subj, ".NET "+v+" with OpenSSL "+o+": TLS 1.3 needs .NET Core 3.0+ and OpenSSL 1.1.1+", evs...)
	}
	return one(Pass, subj, ".NET "+v+" with OpenSSL "+o+" can use TLS 1.3", evs...)
}
