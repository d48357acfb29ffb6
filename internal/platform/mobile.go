package platform

import (
	"crypto/tls"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// Project properties and values (scan-identifiers.md sections 4 and 5).
const (
	androidHandler        = "Xamarin.Android.Net.AndroidClientHandler"
	androidMessageHandler = "Xamarin.Android.Net.AndroidMessageHandler"
	socketsHandler        = "System.Net.Http.SocketsHttpHandler"
	nsURLSessionHandler   = "NSUrlSessionHandler"
)

var mobileEntries = []Entry{
	{
		ID:          "TF-PLAT-XA-ANDROID-VERSION",
		Title:       "Xamarin.Android: minimum Android 5.0 (API level 21)",
		Platform:    "Xamarin.Android",
		Condition:   "Xamarin.Android and .NET for Android projects",
		Requirement: "the app requires Android 5.0 or later: minSdkVersion / SupportedOSPlatformVersion (API levels) 21 or higher",
		Remediation: "set <SupportedOSPlatformVersion>21</SupportedOSPlatformVersion> (.NET for Android) or android:minSdkVersion=\"21\" in AndroidManifest.xml (Xamarin.Android), or higher",
		Sources:     []string{srcSeed, srcXamarinTLS},
		Severity:    finding.Medium,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeAndroidVersion,
	},
	{
		ID:          "TF-PLAT-XA-ANDROID-HANDLER",
		Title:       "Xamarin.Android: HttpClient implementation is Android",
		Platform:    "Xamarin.Android",
		Condition:   "Xamarin.Android and .NET for Android projects",
		Requirement: "AndroidHttpClientHandlerType (or XA_HTTP_CLIENT_HANDLER_TYPE in an @(AndroidEnvironment) file) is the Android handler: " + androidHandler + " (Xamarin) or " + androidMessageHandler + " (.NET 6+, the default there)",
		Remediation: "Project Properties > Android Options > HttpClient implementation: Android, i.e. <AndroidHttpClientHandlerType>" + androidHandler + "</AndroidHttpClientHandlerType> (.NET 6+: " + androidMessageHandler + "), and remove any XA_HTTP_CLIENT_HANDLER_TYPE override",
		Sources:     []string{srcSeed, srcXamarinTLS},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeAndroidHandler,
	},
	{
		ID:          "TF-PLAT-XA-ANDROID-TLSPROVIDER",
		Title:       "Xamarin.Android: SSL/TLS implementation is Native TLS 1.2+",
		Platform:    "Xamarin.Android",
		Condition:   "Xamarin.Android projects (the property is ignored by .NET for Android)",
		Requirement: "AndroidTlsProvider is btls (BoringSSL, \"Native TLS 1.2+\"), not legacy (the managed provider without TLS 1.2)",
		Remediation: "Project Properties > Android Options > SSL/TLS implementation: Native TLS 1.2+, i.e. <AndroidTlsProvider>btls</AndroidTlsProvider>",
		Sources:     []string{srcSeed, srcXamarinTLS},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeAndroidTLSProvider,
	},
	{
		ID:          "TF-PLAT-XA-IOS-VERSION",
		Title:       "Xamarin.iOS: minimum iOS 7",
		Platform:    "Xamarin.iOS",
		Condition:   "Xamarin.iOS and .NET for iOS projects",
		Requirement: "the app requires iOS 7 or later (MinimumOSVersion / SupportedOSPlatformVersion)",
		Remediation: "set MinimumOSVersion in Info.plist (or <SupportedOSPlatformVersion>) to 7.0 or later; current toolchains need much later",
		Sources:     []string{srcSeed, srcXamarinTLS},
		Severity:    finding.Medium,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeIOSVersion,
	},
	{
		ID:          "TF-PLAT-XA-IOS-HANDLER",
		Title:       "Xamarin.iOS: HttpClient implementation is NSUrlSession",
		Platform:    "Xamarin.iOS",
		Condition:   "Xamarin.iOS projects",
		Requirement: "MtouchHttpClientHandler is NSUrlSessionHandler (Apple's stack), not the managed HttpClientHandler or CFNetworkHandler",
		Remediation: "Project Properties > iOS Build > HttpClient implementation: NSUrlSession, i.e. <MtouchHttpClientHandler>NSUrlSessionHandler</MtouchHttpClientHandler>, and no --http-message-handler= in MtouchExtraArgs",
		Sources:     []string{srcSeed, srcXamarinTLS, srcXIOSProps},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeIOSHandler,
	},
	{
		ID:          "TF-PLAT-XA-MAC-VERSION",
		Title:       "Xamarin.Mac: minimum macOS 10.9",
		Platform:    "Xamarin.Mac",
		Condition:   "Xamarin.Mac projects",
		Requirement: "the app requires macOS 10.9 or later (LSMinimumSystemVersion / SupportedOSPlatformVersion)",
		Remediation: "set LSMinimumSystemVersion in Info.plist (or <SupportedOSPlatformVersion>) to 10.9 or later",
		Sources:     []string{srcSeed, srcXamarinTLS},
		Severity:    finding.Medium,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeMacAppVersion,
	},
	{
		ID:          "TF-PLAT-XA-MAC-HANDLER",
		Title:       "Xamarin.Mac: HttpClient implementation is NSUrlSession",
		Platform:    "Xamarin.Mac",
		Condition:   "Xamarin.Mac projects",
		Requirement: "HttpClientHandler is NSUrlSessionHandler; the Xamarin.Mac template default is the managed HttpClientHandler",
		Remediation: "Project Options > Build > Mac Build > HttpClient implementation: NSUrlSession, i.e. <HttpClientHandler>NSUrlSessionHandler</HttpClientHandler>",
		Sources:     []string{srcSeed, srcXamarinTLS, srcXMacProps},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeMacHandler,
	},
	{
		ID:          "TF-PLAT-UNITY-VERSION",
		Title:       "Unity 2018.2 or later",
		Platform:    "Unity",
		Condition:   "Unity projects",
		Requirement: "the editor version (ProjectSettings/ProjectVersion.txt m_EditorVersion) is 2018.2 or later",
		Remediation: "upgrade the project to Unity 2018.2 or later (a supported LTS release)",
		Sources:     []string{srcSeed, srcUnityBlog},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeUnityVersion,
	},
	{
		ID:          "TF-PLAT-UNITY-RUNTIME",
		Title:       "Unity scripting runtime is .NET 4.x Equivalent",
		Platform:    "Unity",
		Condition:   "Unity projects",
		Requirement: "scriptingRuntimeVersion: 1 (.NET 4.x Equivalent, which brings TLS 1.2 to Mono and IL2CPP players), not 0 (legacy .NET 3.5)",
		Remediation: "Project Settings > Player > Configuration > Scripting Runtime Version: .NET 4.x Equivalent (ProjectSettings.asset scriptingRuntimeVersion: 1)",
		Sources:     []string{srcSeed, srcUnityUpg, srcUnityBlog, srcUnityRef},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeUnityRuntime,
	},
	{
		ID:          "TF-PLAT-BLAZOR-WASM",
		Title:       "Blazor WebAssembly: the browser does TLS",
		Platform:    "Blazor WebAssembly",
		Condition:   "Blazor WebAssembly applications",
		Requirement: "informational: HTTP goes through the browser, so TLS support is the browser's; every browser that runs WebAssembly had TLS 1.2 first",
		Remediation: "nothing to set in code; check the browser's documentation for its TLS versions",
		Sources:     []string{srcSeed, srcBlazor},
		Severity:    finding.Info,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeBlazor,
	},
}

// eachProject runs judge on every project of the runtime.
func eachProject(f *Facts, runtime string, judge func(p Project) []Result) []Result {
	var out []Result
	for _, p := range projects(f, runtime) {
		out = append(out, judge(p)...)
	}
	return out
}

// minVersion judges the first present key of p against min.
func minVersion(p Project, keys []string, min, what string) []Result {
	subj := projectSubject(p)
	k, v := firstSetting(p.Settings, keys...)
	switch {
	case v == "":
		return one(Unknown, subj, "minimum "+what+" not found: read "+strings.Join(keys, " or "))
	case !atLeast(v, min):
		return one(Fail, subj, k+" = "+v+": the app runs on "+what+" earlier than "+min, ev(k, v))
	}
	return one(Pass, subj, k+" = "+v+": "+what+" "+min+" or later", ev(k, v))
}

// dotnetMobile reports whether a project is .NET 6+ (TargetFramework
// "net8.0-android" and the like) rather than legacy Xamarin.
func dotnetMobile(p Project) bool {
	tf, _ := setting(p.Settings, "TargetFramework")
	return normalizeDotnet(tf) != "" && strings.Contains(tf, "-")
}

func judgeAndroidVersion(f *Facts, _ Floor) []Result {
	// SupportedOSPlatformVersion on .NET for Android and minSdkVersion are
	// API levels; 21 is Android 5.0.
	return eachProject(f, RuntimeXamarinAndroid, func(p Project) []Result {
		return minVersion(p, []string{"SupportedOSPlatformVersion", "AndroidMinSdkVersion", "minSdkVersion"}, "21", "Android API level")
	})
}

func judgeIOSVersion(f *Facts, _ Floor) []Result {
	return eachProject(f, RuntimeXamarinIOS, func(p Project) []Result {
		return minVersion(p, []string{"SupportedOSPlatformVersion", "MinimumOSVersion"}, "7", "iOS")
	})
}

func judgeMacAppVersion(f *Facts, _ Floor) []Result {
	return eachProject(f, RuntimeXamarinMac, func(p Project) []Result {
		return minVersion(p, []string{"SupportedOSPlatformVersion", "LSMinimumSystemVersion"}, "10.9", "macOS")
	})
}

// typeName strips an assembly qualification: "T, Mono.Android" → "T".
func typeName(s string) string {
	t, _, _ := strings.Cut(s, ",")
	return strings.TrimSpace(t)
}

func judgeAndroidHandler(f *Facts, _ Floor) []Result {
	return eachProject(f, RuntimeXamarinAndroid, func(p Project) []Result {
		subj := projectSubject(p)
		k, v := firstSetting(p.Settings, "XA_HTTP_CLIENT_HANDLER_TYPE", "AndroidHttpClientHandlerType")
		e := ev(k, v)
		switch t := typeName(v); {
		case t == androidHandler || t == androidMessageHandler:
			return one(Pass, subj, k+" = "+v+": the Android handler (Java TLS stack)", e)
		case t == socketsHandler:
			return one(Warn, subj, k+" = "+v+": TLS 1.2 on .NET 6+, but not the Android handler AWS names", e)
		case t != "":
			return one(Fail, subj, k+" = "+v+": the managed handler, not the Android one", e)
		case dotnetMobile(p):
			return one(Pass, subj, "AndroidHttpClientHandlerType unset: .NET for Android defaults to "+androidMessageHandler, ev("AndroidHttpClientHandlerType", "unset"))
		}
		return one(Fail, subj, "AndroidHttpClientHandlerType unset: Xamarin.Android defaults to the managed HttpClientHandler", ev("AndroidHttpClientHandlerType", "unset"))
	})
}

func judgeAndroidTLSProvider(f *Facts, _ Floor) []Result {
	return eachProject(f, RuntimeXamarinAndroid, func(p Project) []Result {
		if dotnetMobile(p) {
			return nil
		}
		subj := projectSubject(p)
		k, v := firstSetting(p.Settings, "XA_TLS_PROVIDER", "AndroidTlsProvider")
		switch strings.ToLower(v) {
		case "btls":
			return one(Pass, subj, k+" = btls: Native TLS 1.2+ (BoringSSL)", ev(k, v))
		case "legacy":
			return one(Fail, subj, k+" = legacy: the managed provider, which has no TLS 1.2", ev(k, v))
		}
		return one(Warn, subj, "AndroidTlsProvider is "+orUnset(v)+": btls on Xamarin.Android 7.3+, legacy on 7.1, so it depends on the toolchain", ev("AndroidTlsProvider", orUnset(v)))
	})
}

// orUnset returns v, or "unset" for "".
func orUnset(v string) string {
	if v == "" {
		return "unset"
	}
	return v
}

// appleHandler judges an NSUrlSession handler property; unsetStatus is
// the verdict when it is not set (the toolchain default).
func appleHandler(p Project, key string, unsetStatus Status, unsetMsg string) []Result {
	subj := projectSubject(p)
	v, _ := setting(p.Settings, key)
	switch {
	case strings.EqualFold(v, nsURLSessionHandler):
		return one(Pass, subj, key+" = NSUrlSessionHandler: Apple's TLS stack", ev(key, v))
	case v != "":
		return one(Fail, subj, key+" = "+v+": not NSUrlSessionHandler", ev(key, v))
	}
	return one(unsetStatus, subj, key+" unset: "+unsetMsg, ev(key, "unset"))
}

func judgeIOSHandler(f *Facts, _ Floor) []Result {
	return eachProject(f, RuntimeXamarinIOS, func(p Project) []Result {
		return appleHandler(p, "MtouchHttpClientHandler", Warn, "current Xamarin.iOS defaults to NSUrlSessionHandler, older mtouch to the managed HttpClientHandler; set it explicitly")
	})
}

func judgeMacHandler(f *Facts, _ Floor) []Result {
	return eachProject(f, RuntimeXamarinMac, func(p Project) []Result {
		return appleHandler(p, "HttpClientHandler", Fail, "Xamarin.Mac defaults to the managed HttpClientHandler")
	})
}
