package useragent

import (
	"regexp"
	"strings"
)

// spacedWindows is the older .NET template's OS value, with spaces.
var spacedWindows = regexp.MustCompile(`OS/Microsoft Windows( NT)? [0-9.]+( Service Pack [0-9]+)?`)

// Runtime names used in [Agent.Runtime].
const (
	RuntimeNetFramework = ".NET Framework"
	RuntimeNetCore      = ".NET Core"
	RuntimeJava         = "Java"
	RuntimePython       = "Python"
	RuntimeGo           = "Go"
	RuntimeNode         = "Node.js"
	RuntimeRuby         = "Ruby"
	RuntimePHP          = "PHP"
	RuntimeBrowser      = "browser"
)

// Families named in [Agent.Family].
const (
	FamilyNet        = "aws-sdk-net"     // AWS SDK for .NET, every base name
	FamilyPowerShell = "powershell"      // AWS Tools for PowerShell
	FamilyJava       = "aws-sdk-java"    // AWS SDK for Java 1.x
	FamilyJavaV2     = "aws-sdk-java-v2" // AWS SDK for Java 2.x
	FamilyBoto3      = "boto3"           // boto3
	FamilyBotocore   = "botocore"        // botocore used directly
	FamilyCLI        = "aws-cli"         // AWS CLI v1 and v2
	FamilyGo         = "aws-sdk-go"      // AWS SDK for Go v1
	FamilyGoV2       = "aws-sdk-go-v2"   // AWS SDK for Go v2, pre-GA included
	FamilyJS         = "aws-sdk-js"      // AWS SDK for JavaScript v2
	FamilyJSV3       = "aws-sdk-js-v3"   // AWS SDK for JavaScript v3
	FamilyRuby       = "aws-sdk-ruby"    // AWS SDK for Ruby v2 and v3
	FamilyPHP        = "aws-sdk-php"     // AWS SDK for PHP
	FamilyConsole    = "console"         // the AWS console and sign-in
	FamilyService    = "aws-service"     // AWS-operated callers: AWS Internal, service principals
	FamilyTerraform  = "terraform"       // Terraform's AWS providers
	FamilyUnknown    = "unknown"         // anything else
)

// TruncateLimit is the length at which CloudTrail cuts a user agent.
const TruncateLimit = 1024

// Agent is what a user agent says about its caller. Empty fields are
// unknown.
type Agent struct {
	// Raw is the user agent as recorded.
	Raw string
	// Family is one of the Family* constants.
	Family string
	// SDK is the SDK's own name token: "aws-sdk-dotnet-45", "Boto3",
	// "aws-sdk-go", "AWSPowerShell"; for Terraform, the SDK underneath.
	SDK string
	// SDKVersion is the SDK's version as written.
	SDKVersion string
	// Core is the core library, "name/version": "aws-sdk-dotnet-core/3.3.17.4",
	// "botocore/1.31.0".
	Core string
	// Runtime is one of the Runtime* constants.
	Runtime string
	// RuntimeVersion is the runtime's version as written: "4.8.04084",
	// "1.8.0_252", "3.11.7", "1.19.3", "18.17.0".
	RuntimeVersion string
	// CLRVersion is the .NET_Runtime value: "4.0" (CLR 4) or "2.0" (CLR 2).
	CLRVersion string
	// OS is "windows", "linux", "macos", "android", "ios", "unix" or "other".
	OS string
	// OSVersion is the OS version as written: "6.1.7601", "5.10.247".
	OSVersion string
	// OSBuild is the Windows build number (7601), 0 if unknown.
	OSBuild int
	// ServicePack is the Windows service pack number, 0 if none or unknown.
	ServicePack int
	// Server is true when the agent names a Windows Server edition.
	Server bool
	// ExecEnv is the exec-env value: "AWS_Lambda_python3.12", "CloudShell".
	ExecEnv string
	// Tool lists the tools around the SDK, "name/version" separated by
	// spaces: "Terraform/1.1.2 terraform-provider-aws/3.76.1",
	// "AWSPowerShell/3.3.563.1 WindowsPowerShell/5.1".
	Tool string
	// Truncated is true when the agent was cut short.
	Truncated bool
	// Unknowns says what the agent cannot tell and what to check instead.
	Unknowns []string
}

// Parse reads a user agent. It never fails: an agent it does not know has
// Family "unknown" and keeps the raw string.
func Parse(ua string) Agent {
	a := Agent{Raw: ua, Family: FamilyUnknown}
	a.Truncated = isTruncated(ua)
	s := normalize(ua)
	if fam := serviceFamily(s); fam != "" {
		a.Family = fam
		return a.finish()
	}
	toks := tokenize(s)
	if i, f, ok := findFamily(toks); ok {
		a.Family, a.SDK = f.family, toks[i].name
		a.SDKVersion, _, _ = strings.Cut(toks[i].value, "/")
		f.parse(&a, toks, i)
		parseUA2(&a, toks)
	}
	parseWrappers(&a, toks)
	if a.Family == FamilyUnknown {
		parseOther(&a, toks)
	}
	return a.finish()
}

// finish adds the unknowns every agent shares.
func (a Agent) finish() Agent {
	if a.Truncated {
		a.note(noteTruncated)
	}
	return a
}

// note adds an unknown once.
func (a *Agent) note(s string) {
	for _, u := range a.Unknowns {
		if u == s {
			return
		}
	}
	a.Unknowns = append(a.Unknowns, s)
}

// addTool appends a "name/version" token to Tool once.
func (a *Agent) addTool(t string) {
	if t == "" {
		return
	}
	for _, f := range strings.Fields(a.Tool) {
		if f == t {
			return
		}
	}
	if a.Tool != "" {
		a.Tool += " "
	}
	a.Tool += t
}

// setRuntime sets the runtime unless one is known.
func (a *Agent) setRuntime(name, version string) {
	if a.Runtime == "" {
		a.Runtime, a.RuntimeVersion = name, version
	} else if a.Runtime == name && a.RuntimeVersion == "" {
		a.RuntimeVersion = version
	}
}

// isTruncated reports an agent at CloudTrail's limit or with an unclosed
// bracket or parenthesis.
func isTruncated(ua string) bool {
	if len(ua) >= TruncateLimit {
		return true
	}
	return strings.Count(ua, "(") > strings.Count(ua, ")") ||
		(strings.HasPrefix(ua, "[") && !strings.HasSuffix(ua, "]"))
}

// normalize trims the S3 "[…]" wrapper and joins the older .NET template's
// spaced names.
func normalize(ua string) string {
	s := strings.TrimSpace(ua)
	s = strings.TrimPrefix(s, "[")
	s = strings.TrimSuffix(s, "]")
	s = strings.ReplaceAll(s, ".NET Runtime/", ".NET_Runtime/")
	s = strings.ReplaceAll(s, ".NET Framework/", ".NET_Framework/")
	s = spacedWindows.ReplaceAllStringFunc(s, func(m string) string { return strings.ReplaceAll(m, " ", "_") })
	return strings.TrimSpace(s)
}

// token is one space-separated word: name/value, with the "(…)" comment
// that follows it.
type token struct {
	raw, name, value, comment string
}

// tokenize splits an agent into tokens, attaching "(…)" comments to the
// token before them and dropping the ", " joiner's comma.
func tokenize(s string) []token {
	var out []token
	fields := strings.Fields(s)
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		if strings.HasPrefix(f, "(") {
			c := f
			for !strings.Contains(c, ")") && i+1 < len(fields) {
				i++
				c += " " + fields[i]
			}
			c = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSuffix(c, ","), "("), ")")
			if len(out) > 0 && out[len(out)-1].comment == "" {
				out[len(out)-1].comment = c
			}
			continue
		}
		f = strings.TrimSuffix(f, ",")
		name, value, _ := strings.Cut(f, "/")
		out = append(out, token{raw: f, name: name, value: value})
	}
	return out
}

// sub splits a UA 2.x value "name#version" or "name/version".
func sub(v string) (name, version string) {
	if n, ver, ok := strings.Cut(v, "#"); ok {
		return n, ver
	}
	n, ver, _ := strings.Cut(v, "/")
	return n, ver
}

// major is the first dotted component of a version.
func major(v string) string {
	m, _, _ := strings.Cut(v, ".")
	return m
}
