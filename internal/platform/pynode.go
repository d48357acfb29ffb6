package platform

import (
	"crypto/tls"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

var pyNodeEntries = []Entry{
	{
		ID:          "TF-PLAT-PY-MINVERSION",
		Title:       "Python ssl default context minimum_version is TLS 1.2 or higher",
		Platform:    "Python",
		Condition:   "Python runtimes (botocore uses urllib3 and ssl; the SDK picks no version)",
		Requirement: "ssl.create_default_context().minimum_version is TLSv1_2 (771) or TLSv1_3; TLSv1 (769), TLSv1_1 (770), SSLv3 and MINIMUM_SUPPORTED let it go lower",
		Remediation: "remove code that sets ctx.minimum_version = ssl.TLSVersion.TLSv1 / TLSv1_1, uses PROTOCOL_TLSv1 or clears OP_NO_TLSv1; set ctx.minimum_version = ssl.TLSVersion.TLSv1_2, and set the OpenSSL MinProtocol (TF-PLAT-OPENSSL-MINPROTOCOL)",
		Sources:     []string{srcPySSL, srcAWSPy},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgePyMinVersion,
	},
	{
		ID:          "TF-PLAT-PY-VERSION",
		Title:       "Python 3.10 or later (TLS 1.2 minimum by default)",
		Platform:    "Python",
		Condition:   "Python runtimes",
		Requirement: "Python 3.10 or later, whose default context has a TLS 1.2 minimum (the 3.10 release is unverified)",
		Remediation: "upgrade to a supported Python 3 release",
		Sources:     []string{srcPySSL},
		Severity:    finding.Medium,
		MinFloor:    tls.VersionTLS12,
		judge:       judgePyVersion,
	},
	{
		ID:          "TF-PLAT-NODE-MINVERSION",
		Title:       "Node.js tls.DEFAULT_MIN_VERSION is TLSv1.2 or higher",
		Platform:    "Node.js",
		Condition:   "Node.js runtimes",
		Requirement: "tls.DEFAULT_MIN_VERSION is 'TLSv1.2' (the default) or 'TLSv1.3'",
		Remediation: "remove assignments of tls.DEFAULT_MIN_VERSION = 'TLSv1' / 'TLSv1.1' and the --tls-min-v1.0 / --tls-min-v1.1 flags",
		Sources:     []string{srcNodeTLS, srcNodeCLI},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeNodeMinVersion,
	},
	{
		ID:          "TF-PLAT-NODE-OPTIONS",
		Title:       "NODE_OPTIONS does not lower the TLS minimum",
		Platform:    "Node.js",
		Condition:   "Node.js runtimes",
		Requirement: "NODE_OPTIONS has no --tls-min-v1.0 or --tls-min-v1.1 (the lowest minimum given wins); --openssl-legacy-provider brings back legacy algorithms",
		Remediation: "remove --tls-min-v1.0, --tls-min-v1.1 and --openssl-legacy-provider from NODE_OPTIONS (environment, package.json scripts, Dockerfiles, CI files)",
		Sources:     []string{srcNodeCLI},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeNodeOptions,
	},
	{
		ID:          "TF-PLAT-NODE-VERSION",
		Title:       "Node.js 11.4 or later",
		Platform:    "Node.js",
		Condition:   "Node.js runtimes",
		Requirement: "Node.js 11.4 or later, which has tls.DEFAULT_MIN_VERSION with a TLSv1.2 default",
		Remediation: "upgrade to a supported Node.js LTS release",
		Sources:     []string{srcNodeTLS},
		Severity:    finding.Medium,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeNodeVersion,
	},
}

// eachRuntime runs judge on every runtime with the name.
func eachRuntime(f *Facts, name string, judge func(rt Runtime, subj string) []Result) []Result {
	var out []Result
	for _, rt := range runtimes(f, name) {
		out = append(out, judge(rt, runtimeSubject(rt))...)
	}
	return out
}

// minSetting judges a runtime setting that names a minimum TLS version;
// extra maps spellings parseTLSVersion does not know to a status.
func minSetting(rt Runtime, subj, key string, extra map[string]Status) []Result {
	v, ok := setting(rt.Settings, key)
	e := ev(key, v)
	name := strings.TrimPrefix(strings.ToUpper(v), "TLSVERSION.")
	ver, known := parseTLSVersion(v)
	switch s, special := extra[name]; {
	case !ok || v == "":
		return one(Unknown, subj, key+" not collected")
	case special:
		return one(s, subj, key+" = "+v, e)
	case !known:
		return one(Unknown, subj, key+" = "+v+" is not a version this check knows", e)
	case ver < tls.VersionTLS12:
		return one(Fail, subj, key+" = "+v+": connections may use "+versionName(ver), e)
	}
	return one(Pass, subj, key+" = "+v+": the minimum is "+versionName(ver), e)
}

func judgePyMinVersion(f *Facts, _ Floor) []Result {
	// MINIMUM_SUPPORTED (-2) is whatever OpenSSL allows; MAXIMUM_SUPPORTED
	// (-1) is the highest version (py-ssl).
	extra := map[string]Status{"MINIMUM_SUPPORTED": Fail, "-2": Fail, "MAXIMUM_SUPPORTED": Pass, "-1": Pass}
	return eachRuntime(f, RuntimePython, func(rt Runtime, subj string) []Result {
		return minSetting(rt, subj, "ssl.minimum_version", extra)
	})
}

// versionAtLeast judges a runtime version: below min is below.
func versionAtLeast(rt Runtime, subj, min string, below Status, belowMsg, passMsg string) []Result {
	v := strings.TrimPrefix(rt.Version, "v")
	switch {
	case v == "":
		return one(Unknown, subj, label(rt.Name)+" version not collected")
	case !atLeast(v, min):
		return one(below, subj, label(rt.Name)+" "+v+": "+belowMsg, ev("version", v))
	}
	return one(Pass, subj, label(rt.Name)+" "+v+": "+passMsg, ev("version", v))
}

func judgePyVersion(f *Facts, _ Floor) []Result {
	// The 3.10 threshold is marked [unverified] in platform-matrix.md
	// section 13; on 3.11 the minimum was measured as TLSv1_2 (py-ssl).
	return eachRuntime(f, RuntimePython, func(rt Runtime, subj string) []Result {
		return versionAtLeast(rt, subj, "3.10", Warn, "the default context's minimum is not TLS 1.2 before 3.10 (unverified)", "the default context's minimum is TLS 1.2")
	})
}

func judgeNodeMinVersion(f *Facts, _ Floor) []Result {
	return eachRuntime(f, RuntimeNode, func(rt Runtime, subj string) []Result {
		return minSetting(rt, subj, "tls.DEFAULT_MIN_VERSION", nil)
	})
}

func judgeNodeOptions(f *Facts, _ Floor) []Result {
	return eachRuntime(f, RuntimeNode, func(rt Runtime, subj string) []Result {
		opts, _ := setting(rt.Settings, "NODE_OPTIONS")
		e := ev("NODE_OPTIONS", opts)
		var lower, legacy []string
		for _, o := range strings.Fields(opts) {
			flag, _, _ := strings.Cut(o, "=")
			switch flag {
			case "--tls-min-v1.0", "--tls-min-v1.1":
				lower = append(lower, flag)
			case "--openssl-legacy-provider":
				legacy = append(legacy, flag)
			}
		}
		switch {
		case len(lower) > 0:
			return one(Fail, subj, "NODE_OPTIONS "+strings.Join(lower, " ")+" lowers the TLS minimum below 1.2", e)
		case len(legacy) > 0:
			return one(Warn, subj, "NODE_OPTIONS --openssl-legacy-provider brings back legacy algorithms", e)
		case opts == "":
			return one(Pass, subj, "NODE_OPTIONS is not set")
		}
		return one(Pass, subj, "NODE_OPTIONS does not lower the TLS minimum", e)
	})
}

func judgeNodeVersion(f *Facts, _ Floor) []Result {
	return eachRuntime(f, RuntimeNode, func(rt Runtime, subj string) []Result {
		return versionAtLeast(rt, subj, "11.4", Warn, "no tls.DEFAULT_MIN_VERSION before 11.4; TLS 1.0 is allowed by default", "tls.DEFAULT_MIN_VERSION defaults to TLSv1.2")
	})
}
