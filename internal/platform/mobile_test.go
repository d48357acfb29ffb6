package platform

var mobileCases = []entryCase{
	{id: "TF-PLAT-XA-ANDROID-VERSION", name: "API 21", facts: proj(RuntimeXamarinAndroid, "SupportedOSPlatformVersion", "21"), want: Pass},
	{id: "TF-PLAT-XA-ANDROID-VERSION", name: "API 19", facts: proj(RuntimeXamarinAndroid, "minSdkVersion", "19"), want: Fail},
	{id: "TF-PLAT-XA-ANDROID-VERSION", name: "not found", facts: proj(RuntimeXamarinAndroid), want: Unknown},
	{id: "TF-PLAT-XA-ANDROID-VERSION", name: "no project", facts: proj(RuntimeXamarinIOS), want: notApplicable},

	{id: "TF-PLAT-XA-ANDROID-HANDLER", name: "AndroidClientHandler", facts: proj(RuntimeXamarinAndroid, "AndroidHttpClientHandlerType", androidHandler), want: Pass},
	{id: "TF-PLAT-XA-ANDROID-HANDLER", name: "AndroidMessageHandler qualified", facts: proj(RuntimeXamarinAndroid, "AndroidHttpClientHandlerType", androidMessageHandler+", Mono.Android"), want: Pass},
	{id: "TF-PLAT-XA-ANDROID-HANDLER", name: "SocketsHttpHandler", facts: proj(RuntimeXamarinAndroid, "AndroidHttpClientHandlerType", "System.Net.Http.SocketsHttpHandler, System.Net.Http"), want: Warn},
	{id: "TF-PLAT-XA-ANDROID-HANDLER", name: "managed", facts: proj(RuntimeXamarinAndroid, "AndroidHttpClientHandlerType", "System.Net.Http.HttpClientHandler, System.Net.Http"), want: Fail},
	{id: "TF-PLAT-XA-ANDROID-HANDLER", name: "environment override", facts: proj(RuntimeXamarinAndroid, "AndroidHttpClientHandlerType", androidHandler, "XA_HTTP_CLIENT_HANDLER_TYPE", "System.Net.Http.HttpClientHandler"), want: Fail, msg: "XA_HTTP_CLIENT_HANDLER_TYPE"},
	{id: "TF-PLAT-XA-ANDROID-HANDLER", name: "unset legacy", facts: proj(RuntimeXamarinAndroid), want: Fail},
	{id: "TF-PLAT-XA-ANDROID-HANDLER", name: "unset .NET 8", facts: proj(RuntimeXamarinAndroid, "TargetFramework", "net8.0-android"), want: Pass},

	{id: "TF-PLAT-XA-ANDROID-TLSPROVIDER", name: "btls", facts: proj(RuntimeXamarinAndroid, "AndroidTlsProvider", "btls"), want: Pass},
	{id: "TF-PLAT-XA-ANDROID-TLSPROVIDER", name: "legacy", facts: proj(RuntimeXamarinAndroid, "AndroidTlsProvider", "legacy"), want: Fail},
	{id: "TF-PLAT-XA-ANDROID-TLSPROVIDER", name: "unset", facts: proj(RuntimeXamarinAndroid), want: Warn},
	{id: "TF-PLAT-XA-ANDROID-TLSPROVIDER", name: ".NET 8 ignores it", facts: proj(RuntimeXamarinAndroid, "TargetFramework", "net8.0-android", "AndroidTlsProvider", "legacy"), want: notApplicable},

	{id: "TF-PLAT-XA-IOS-VERSION", name: "11.0", facts: proj(RuntimeXamarinIOS, "MinimumOSVersion", "11.0"), want: Pass},
	{id: "TF-PLAT-XA-IOS-VERSION", name: "6.1", facts: proj(RuntimeXamarinIOS, "MinimumOSVersion", "6.1"), want: Fail},

	{id: "TF-PLAT-XA-IOS-HANDLER", name: "NSUrlSession", facts: proj(RuntimeXamarinIOS, "MtouchHttpClientHandler", "NSUrlSessionHandler"), want: Pass},
	{id: "TF-PLAT-XA-IOS-HANDLER", name: "CFNetwork", facts: proj(RuntimeXamarinIOS, "MtouchHttpClientHandler", "CFNetworkHandler"), want: Fail},
	{id: "TF-PLAT-XA-IOS-HANDLER", name: "unset", facts: proj(RuntimeXamarinIOS), want: Warn},

	{id: "TF-PLAT-XA-MAC-VERSION", name: "10.15", facts: proj(RuntimeXamarinMac, "LSMinimumSystemVersion", "10.15"), want: Pass},
	{id: "TF-PLAT-XA-MAC-VERSION", name: "10.8", facts: proj(RuntimeXamarinMac, "LSMinimumSystemVersion", "10.8"), want: Fail},

	{id: "TF-PLAT-XA-MAC-HANDLER", name: "NSUrlSession", facts: proj(RuntimeXamarinMac, "HttpClientHandler", "NSUrlSessionHandler"), want: Pass},
	{id: "TF-PLAT-XA-MAC-HANDLER", name: "managed", facts: proj(RuntimeXamarinMac, "HttpClientHandler", "HttpClientHandler"), want: Fail},
	{id: "TF-PLAT-XA-MAC-HANDLER", name: "unset", facts: proj(RuntimeXamarinMac), want: Fail, msg: "defaults to the managed"},

	{id: "TF-PLAT-UNITY-VERSION", name: "2018.2.0f2", facts: proj(RuntimeUnity, "m_EditorVersion", "2018.2.0f2"), want: Pass},
	{id: "TF-PLAT-UNITY-VERSION", name: "2019.4.40f1", facts: proj(RuntimeUnity, "m_EditorVersion", "2019.4.40f1"), want: Pass},
	{id: "TF-PLAT-UNITY-VERSION", name: "2018.1.9f2", facts: proj(RuntimeUnity, "m_EditorVersion", "2018.1.9f2"), want: Fail},
	{id: "TF-PLAT-UNITY-VERSION", name: "not found", facts: proj(RuntimeUnity), want: Unknown},

	{id: "TF-PLAT-UNITY-RUNTIME", name: ".NET 4.x", facts: proj(RuntimeUnity, "scriptingRuntimeVersion", "1"), want: Pass},
	{id: "TF-PLAT-UNITY-RUNTIME", name: "legacy", facts: proj(RuntimeUnity, "scriptingRuntimeVersion", "0"), want: Fail},
	{id: "TF-PLAT-UNITY-RUNTIME", name: "absent", facts: proj(RuntimeUnity), want: Unknown},

	{id: "TF-PLAT-BLAZOR-WASM", name: "project", facts: proj(RuntimeBlazorWasm), want: Pass, msg: "the browser decides"},
	{id: "TF-PLAT-BLAZOR-WASM", name: "runtime", facts: only(rt(RuntimeBlazorWasm, "8.0")), want: Pass},
	{id: "TF-PLAT-BLAZOR-WASM", name: "none", facts: proj(RuntimeUnity), want: notApplicable},
}
