package useragent

import (
	"strings"
)

// familyParser reads the tokens of one family; i is the SDK token.
type familyParser struct {
	prefix string // lower-case name prefix of the SDK token
	family string
	parse  func(a *Agent, toks []token, i int)
}

// families maps SDK token prefixes to parsers, most specific first.
var families = []familyParser{
	{"awspowershell", FamilyPowerShell, parseDotNet},
	{"aws-sdk-dotnet", FamilyNet, parseDotNet},
	{"aws-sdk-net", FamilyNet, parseDotNet},
	{"aws-sdk-unity", FamilyNet, parseDotNet},
	{"aws-sdk-java", FamilyJava, parseJava},
	{"boto3", FamilyBoto3, parsePython},
	{"botocore", FamilyBotocore, parsePython},
	{"aws-cli", FamilyCLI, parsePython},
	{"aws-sdk-go-v2", FamilyGoV2, parseGo},
	{"aws-sdk-go", FamilyGo, parseGo},
	{"aws-sdk-nodejs", FamilyJS, parseJS},
	{"aws-sdk-js", FamilyJS, parseJS},
	{"aws-sdk-ruby", FamilyRuby, parseRuby},
	{"aws-sdk-php", FamilyPHP, parsePHP},
}

// findFamily finds the first token naming a known SDK.
func findFamily(toks []token) (int, familyParser, bool) {
	for i, t := range toks {
		if t.value == "" {
			continue
		}
		n := strings.ToLower(t.name)
		for _, f := range families {
			if n == f.prefix || strings.HasPrefix(n, f.prefix+"-") || strings.HasPrefix(n, f.prefix+".") || (strings.HasPrefix(n, f.prefix) && isDigits(n[len(f.prefix):])) {
				return i, f, true
			}
		}
	}
	return 0, familyParser{}, false
}

// parseDotNet reads the AWS SDK for .NET and AWS Tools for PowerShell
// legacy tokens; the UA 2.0 tokens are left to parseUA2.
func parseDotNet(a *Agent, toks []token, i int) {
	if a.Family == FamilyPowerShell {
		a.addTool(toks[i].raw)
	}
	var framework string
	for _, t := range toks[i+1:] {
		switch t.name {
		case "aws-sdk-dotnet-core", "aws-sdk-core":
			a.Core = t.raw
		case ".NET_Runtime":
			a.CLRVersion = strings.TrimSuffix(t.value, "Unknown")
		case ".NET_Framework":
			framework = t.value
		case ".NET_Core":
			a.setRuntime(RuntimeNetCore, t.value)
		case "OS":
			parseDotNetOS(a, t.value)
		case "WindowsPowerShell", "PowerShellCore":
			a.addTool(t.raw)
		}
	}
	dotNetFramework(a, framework)
}

// dotNetFramework reads a legacy .NET_Framework value and CLR version.
func dotNetFramework(a *Agent, fw string) {
	switch {
	case a.Runtime != "":
	case fw == "4.0" || (fw == "" && a.CLRVersion == "4.0"):
		a.setRuntime(RuntimeNetFramework, "")
		a.note(noteFramework40)
	case fw == "3.5" || fw == "3.0" || fw == "2.0" || a.CLRVersion == "2.0" || strings.HasSuffix(strings.ToLower(a.SDK), "-35"):
		a.setRuntime(RuntimeNetFramework, "3.5")
	case fw == "Unknown":
		a.note(noteFrameworkUnknown)
	}
}

// dotNetNotes adds what a .NET agent never carries.
func dotNetNotes(a *Agent) {
	if a.OS == "windows" || a.Runtime == RuntimeNetFramework {
		a.note(noteRegistry)
	}
	if a.Runtime == RuntimeNetCore && major(a.RuntimeVersion) == "4" {
		a.note(".NET_Core/" + a.RuntimeVersion + " is a System.Runtime file version (.NET Core 1.x or 2.x), not the product version: check the application's TargetFramework")
	}
	sdk := strings.ToLower(a.SDK)
	if strings.HasSuffix(sdk, "-pcl") {
		a.note(notePCL)
	}
	if strings.Contains(sdk, "unity") {
		a.note(noteUnity)
	}
	if strings.Contains(a.Tool, "PowerShellCore/7.-1") {
		a.note(notePSCore)
	}
}

// parseDotNetOS reads OS/Microsoft_Windows_NT_6.1.7601_Service_Pack_1,
// OS/Microsoft_Windows_10.0.15063 and OS/Unix_4.14.0.0.
func parseDotNetOS(a *Agent, v string) {
	w := strings.ReplaceAll(v, "_", " ")
	if strings.HasPrefix(w, "Microsoft Windows") {
		parseWindowsText(a, w)
		return
	}
	name, ver, _ := strings.Cut(v, "_")
	a.OS, a.OSVersion = osName(name), ver
}

// parseJava reads the v1 and pre-UA-2.0 v2 tokens: <os.name>/<os.version>,
// <vm.name>/<vm.version>, java/<version>.
func parseJava(a *Agent, toks []token, i int) {
	if major(a.SDKVersion) == "2" {
		a.Family = FamilyJavaV2
	}
	for j, t := range toks[i+1:] {
		n := strings.ToLower(t.name)
		switch {
		case n == "java":
			a.setRuntime(RuntimeJava, t.value)
		case j == 0 && t.value != "" && !isUA2Prefix(n):
			parseJavaOS(a, t.name, t.value)
		case strings.Contains(n, "_vm") && t.value != "":
			if _, jv, ok := strings.Cut(t.value, "/"); ok {
				a.setRuntime(RuntimeJava, jv)
			}
		}
	}
	a.note(noteJava)
}

// parseJavaOS reads os.name/os.version: "Windows_Server_2008_R2/6.1",
// "Linux/4.14.173", "Mac_OS_X/10.15.7".
func parseJavaOS(a *Agent, name, ver string) {
	w := strings.ReplaceAll(name, "_", " ")
	a.OS, a.OSVersion = osName(w), ver
	a.Server = strings.HasPrefix(w, "Windows Server")
}

// parsePython reads boto3, botocore and AWS CLI legacy tokens:
// Python/<v> <system>/<release> botocore/<v>.
func parsePython(a *Agent, toks []token, i int) {
	for j, t := range toks[i+1:] {
		n := strings.ToLower(t.name)
		switch {
		case n == "python":
			a.setRuntime(RuntimePython, t.value)
		case n == "botocore" && t.value != "":
			a.Core = "botocore/" + t.value
		case n == "md" && strings.HasPrefix(strings.ToLower(t.value), "botocore#"):
			_, v := sub(t.value)
			a.Core = "botocore/" + v
		case j == 1 && a.Runtime == RuntimePython && t.value != "" && !isUA2Prefix(n):
			a.OS, a.OSVersion = osName(t.name), t.value
		}
	}
	pythonNotes(a)
}

// pythonNotes says where the Python TLS stack comes from.
func pythonNotes(a *Agent) {
	if a.Family == FamilyCLI && major(a.SDKVersion) == "2" {
		a.note(noteCLIv2)
		return
	}
	a.note(notePython)
}

// parseGo reads Go v1 "(go1.7.3; darwin; amd64)" and v2 pre-GA
// "GOOS/linux GOARCH/amd64 GO/go1.14"; the UA 2.x tokens are left to
// parseUA2.
func parseGo(a *Agent, toks []token, i int) {
	if major(a.SDKVersion) == "2" {
		a.Family = FamilyGoV2
	}
	if c := toks[i].comment; c != "" {
		parts := strings.Split(c, ";")
		if v, ok := strings.CutPrefix(strings.TrimSpace(parts[0]), "go"); ok {
			a.setRuntime(RuntimeGo, v)
		}
		if len(parts) > 2 { // a cut comment may hold half an OS name
			a.OS = osName(strings.TrimSpace(parts[1]))
		}
	}
	for _, t := range toks[i+1:] {
		switch t.name {
		case "GO":
			a.setRuntime(RuntimeGo, strings.TrimPrefix(t.value, "go"))
		case "GOOS":
			a.OS = osName(t.value)
		}
	}
	a.note(noteGo)
}

// parseJS reads JS v2 "aws-sdk-nodejs/2.x linux/v18.17.0" and routes
// aws-sdk-js/3.x to v3; the UA 2.x tokens are left to parseUA2.
func parseJS(a *Agent, toks []token, i int) {
	if major(a.SDKVersion) == "3" {
		a.Family = FamilyJSV3
	}
	if i+1 < len(toks) {
		t := toks[i+1]
		if v, ok := strings.CutPrefix(t.value, "v"); ok && !isUA2Prefix(t.name) {
			a.OS = osName(t.name)
			a.setRuntime(RuntimeNode, v)
		}
	}
	if strings.EqualFold(a.SDK, "aws-sdk-js") && a.Family == FamilyJS && len(toks) == i+1 {
		a.setRuntime(RuntimeBrowser, "")
		a.note(noteBrowser)
	}
}

// parseRuby reads the pre-UA-2.0 Ruby form:
// <RUBY_ENGINE>/<RUBY_VERSION> <RUBY_PLATFORM> <gem>/<ver>.
func parseRuby(a *Agent, toks []token, i int) {
	for j, t := range toks[i+1:] {
		switch {
		case j == 0 && (t.name == "ruby" || t.name == "jruby"):
			a.setRuntime(RuntimeRuby, t.value)
		case j == 1 && t.value == "" && a.Runtime == RuntimeRuby:
			a.OS = rubyPlatformOS(t.name)
		}
	}
}

// rubyPlatformOS maps RUBY_PLATFORM ("x86_64-linux", "x64-mingw32",
// "x86_64-darwin19") to an OS.
func rubyPlatformOS(p string) string {
	switch {
	case strings.Contains(p, "linux"):
		return "linux"
	case strings.Contains(p, "darwin"):
		return "macos"
	case strings.Contains(p, "mingw"), strings.Contains(p, "mswin"):
		return "windows"
	}
	return "other"
}

// parsePHP reads OS/Linux#<kernel> or OS/Linux/<kernel>.
func parsePHP(a *Agent, toks []token, i int) {
	for _, t := range toks[i+1:] {
		if t.name == "OS" {
			n, v := sub(t.value)
			a.OS, a.OSVersion = osName(n), v
		}
	}
}

// ua2Prefixes are the SDK UA 2.x token prefixes.
var ua2Prefixes = map[string]bool{"ua": true, "os": true, "lang": true, "md": true, "api": true, "cfg": true, "exec-env": true, "app": true, "m": true, "lib": true, "ft": true}

// isUA2Prefix reports a UA 2.x prefix.
func isUA2Prefix(name string) bool { return ua2Prefixes[name] }

// parseUA2 reads the UA 2.x tokens shared by every SDK: os/, lang/, md/
// runtime tokens, exec-env/, app/ and lib/.
func parseUA2(a *Agent, toks []token) {
	for _, t := range toks {
		n, v := sub(t.value)
		switch t.name {
		case "os":
			if a.OS == "" || a.OSVersion == "" {
				parseOSToken(a, n, v)
			}
		case "lang":
			parseLang(a, n, v)
		case "md":
			parseMetadata(a, n, v)
		case "exec-env":
			a.ExecEnv = t.value
		case "app", "lib":
			a.addTool(n + "/" + v)
		}
	}
	if a.Family == FamilyNet || a.Family == FamilyPowerShell {
		if a.Runtime == "" && a.CLRVersion != "" && !hasToken(toks, ".NET_Framework") {
			dotNetFramework(a, "")
		}
		dotNetNotes(a)
	}
}

// parseOSToken reads os/<name>#<version>.
func parseOSToken(a *Agent, name, ver string) {
	a.OS, a.OSVersion = osName(name), ver
	if a.OS == "windows" {
		parseWindowsVersion(a, ver)
	}
}

// parseLang reads lang/<name>#<version>.
func parseLang(a *Agent, name, ver string) {
	switch strings.ToLower(name) {
	case "python":
		a.setRuntime(RuntimePython, ver)
	case "java":
		a.setRuntime(RuntimeJava, ver)
	case "go":
		a.setRuntime(RuntimeGo, ver)
	case "ruby", "jruby":
		a.setRuntime(RuntimeRuby, ver)
	case "php":
		a.setRuntime(RuntimePHP, ver)
	case ".net_runtime":
		a.CLRVersion = ver
	case ".net_core":
		a.setRuntime(RuntimeNetCore, ver)
	}
}

// parseMetadata reads the md/ tokens that name a runtime, the core or the
// OS: md/nodejs#, md/.NET_Framework#, md/.NET_Core#, md/aws-sdk-dotnet-core#,
// md/GOOS#.
func parseMetadata(a *Agent, name, ver string) {
	switch strings.ToLower(name) {
	case "nodejs":
		a.setRuntime(RuntimeNode, ver)
	case ".net_framework":
		a.Runtime, a.RuntimeVersion = RuntimeNetFramework, ver
		a.Unknowns = dropFrameworkNote(a.Unknowns)
	case ".net_core", ".net":
		a.setRuntime(RuntimeNetCore, ver)
	case "aws-sdk-dotnet-core":
		a.Core = name + "/" + ver
	case "goos":
		if a.OS == "" {
			a.OS = osName(ver)
		}
	}
}

// dropFrameworkNote removes the legacy 4.0 note once the real release is
// known.
func dropFrameworkNote(us []string) []string {
	var out []string
	for _, u := range us {
		if !strings.HasPrefix(u, "legacy .NET_Framework/4.0") {
			out = append(out, u)
		}
	}
	return out
}

// wrapperTools are tokens that name a tool around the SDK.
var wrapperTools = []string{"terraform", "hashicorp-terraform-exec", "terraform-provider-", "aws-cdk", "jsii-runtime", "crossplane-provider-", "sdt"}

// parseWrappers records tool tokens and turns Terraform callers into the
// terraform family.
func parseWrappers(a *Agent, toks []token) {
	for _, t := range toks {
		n := strings.ToLower(t.name)
		if t.value == "" {
			continue
		}
		for _, w := range wrapperTools {
			if n == w || (strings.HasSuffix(w, "-") && strings.HasPrefix(n, w)) {
				a.addTool(t.raw)
			}
		}
		if n == "terraform" {
			a.Family = FamilyTerraform
			a.note(noteTerraform)
		}
	}
}

// serviceFamily classifies console and AWS-operated callers; "" if the
// agent is neither.
func serviceFamily(s string) string {
	l := strings.ToLower(s)
	switch {
	case strings.Contains(l, "console"), l == "signin.amazonaws.com":
		return FamilyConsole
	case strings.HasPrefix(l, "aws internal"), strings.HasPrefix(l, "amazon internal"),
		strings.Contains(l, "aws-internal/"), strings.HasPrefix(l, "coral/"),
		!strings.ContainsAny(l, " /") && strings.HasSuffix(l, ".amazonaws.com"),
		strings.HasPrefix(l, "awscloudtrail"):
		return FamilyService
	}
	return ""
}

// parseOther reads what it can from an unknown agent: a "(Java/x)" comment
// (Apache-HttpClient) or UA 2.x tokens after a replaced name.
func parseOther(a *Agent, toks []token) {
	for _, t := range toks {
		if jv, ok := strings.CutPrefix(t.comment, "Java/"); ok {
			a.setRuntime(RuntimeJava, jv)
		}
	}
	parseUA2(a, toks)
}

// hasToken reports a token with the given name.
func hasToken(toks []token, name string) bool {
	for _, t := range toks {
		if t.name == name {
			return true
		}
	}
	return false
}

// isDigits reports a non-empty string of ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
