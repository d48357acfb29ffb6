package platform

import (
	"crypto/tls"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

var appleEntries = []Entry{
	{
		ID:          "TF-PLAT-MACOS-VERSION",
		Title:       "macOS 10.9 Mavericks or later (TLS 1.2)",
		Platform:    "macOS",
		Condition:   "any macOS machine",
		Requirement: "TLS 1.2 is supported from OS X 10.9 Mavericks",
		Remediation: "upgrade macOS to a supported release (10.9 is the minimum for TLS 1.2; .NET 2.1+ needs newer)",
		Sources:     []string{srcSeed, srcAppleHT202854, srcDotnetMac},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeMacOSVersion,
	},
	{
		ID:          "TF-PLAT-MACOS-TLS13",
		Title:       "macOS NSURLSession / Network.framework use TLS 1.3",
		Platform:    "macOS",
		Condition:   "any macOS machine, under a TLS 1.3 floor",
		Requirement: "TLS 1.3 is on by default for Network.framework and NSURLSession from iOS 12.2; macOS 10.14.4 as its equivalent is unverified; SecureTransport clients cannot use TLS 1.3 on any release",
		Remediation: "upgrade macOS to a supported release, and move clients off SecureTransport to NSURLSession or Network.framework",
		Sources:     []string{srcAppleTLS},
		Severity:    finding.Medium,
		MinFloor:    tls.VersionTLS13,
		judge:       judgeMacOSTLS13,
	},
}

// macOSAtLeast judges the macOS version against min.
func macOSAtLeast(f *Facts, min, feature string) []Result {
	if f.OS.Family != OSDarwin {
		return nil
	}
	v := f.OS.Version
	subj := "macOS " + v
	switch {
	case v == "":
		return one(Unknown, "macOS", "macOS version not collected: run sw_vers -productVersion")
	case !atLeast(v, min):
		return one(Fail, subj, "macOS "+v+" is earlier than "+min+": no "+feature, ev("ProductVersion", v))
	}
	return one(Pass, subj, "macOS "+v+" has "+feature, ev("ProductVersion", v))
}

func judgeMacOSVersion(f *Facts, _ Floor) []Result {
	return macOSAtLeast(f, "10.9", "TLS 1.2")
}

func judgeMacOSTLS13(f *Facts, _ Floor) []Result {
	return macOSAtLeast(f, "10.14.4", "TLS 1.3 in NSURLSession and Network.framework (not SecureTransport)")
}
