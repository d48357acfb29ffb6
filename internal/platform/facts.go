package platform

// Facts describe one machine, or as much of one as a caller knows: doctor
// fills them from the live system or a snapshot, trail from a user agent,
// scan from a project file.
type Facts struct {
	// Host names the machine, for reports.
	Host string `json:"host,omitempty"`
	// OS is the operating system.
	OS OS `json:"os"`
	// OpenSSL is the system OpenSSL, if any.
	OpenSSL *OpenSSL `json:"openssl,omitempty"`
	// Windows holds the Windows registry and update facts.
	Windows *Windows `json:"windows,omitempty"`
	// Runtimes lists the language runtimes and tools found.
	Runtimes []Runtime `json:"runtimes,omitempty"`
	// Projects lists application settings that decide the TLS stack
	// (Xamarin handlers, Unity scripting runtime, target frameworks).
	Projects []Project `json:"projects,omitempty"`
}

// OS families, as runtime.GOOS spells them.
const (
	OSLinux   = "linux"
	OSDarwin  = "darwin"
	OSWindows = "windows"
	OSAndroid = "android"
	OSIOS     = "ios"
)

// OS identifies an operating system.
type OS struct {
	// Family is OSLinux, OSDarwin, OSWindows, OSAndroid or OSIOS.
	Family string `json:"family,omitempty"`
	// Name is the product name: "Debian GNU/Linux 12 (bookworm)",
	// "Windows Server 2008 R2 Enterprise", "macOS".
	Name string `json:"name,omitempty"`
	// Version is the product version: "12", "10.9.5", "6.1", "5.0".
	Version string `json:"version,omitempty"`
	// Build is the Windows build number (CurrentBuildNumber), 0 if unknown.
	Build int `json:"build,omitempty"`
	// UBR is the Windows update build revision, 0 if unknown.
	UBR int `json:"ubr,omitempty"`
	// ServicePack is the Windows service pack number (from CSDVersion).
	ServicePack int `json:"service_pack,omitempty"`
	// Server is true for Windows Server (InstallationType "Server").
	Server bool `json:"server,omitempty"`
}

// OpenSSL describes the system OpenSSL and the floor its configuration
// sets.
type OpenSSL struct {
	// Version is the version number as `openssl version` prints it:
	// "3.0.19", "1.0.1e".
	Version string `json:"version"`
	// ConfigFile is the configuration file read, if known.
	ConfigFile string `json:"config_file,omitempty"`
	// MinProtocol is the system_default section's MinProtocol ("TLSv1.2"),
	// or "" when the configuration sets none: then there is no floor.
	MinProtocol string `json:"min_protocol,omitempty"`
	// CipherString is the system_default CipherString, if set.
	CipherString string `json:"cipher_string,omitempty"`
	// CryptoPolicy is the RHEL/Fedora crypto-policy ("DEFAULT",
	// "LEGACY:AD-SUPPORT"), if the system has one.
	CryptoPolicy string `json:"crypto_policy,omitempty"`
	// PolicyMinTLS is the min_tls_version a crypto-policy module sets.
	PolicyMinTLS string `json:"policy_min_tls,omitempty"`
}

// Windows holds the registry values and updates that decide TLS on a
// Windows machine. A nil *uint32 is a value that is absent, which means the
// OS or framework default applies.
type Windows struct {
	// Schannel lists the SCHANNEL\Protocols\<P>\{Client,Server} keys found.
	Schannel []SchannelKey `json:"schannel,omitempty"`
	// NetFramework lists the four .NETFramework keys (section 3 of the
	// reference) that exist.
	NetFramework []NetFrameworkKey `json:"netframework,omitempty"`
	// NetFramework4Release is NDP\v4\Full Release, 0 if .NET Framework
	// 4.5+ is not installed or unknown.
	NetFramework4Release int `json:"netframework4_release,omitempty"`
	// NetFramework35 is true when NDP\v3.5 Install = 1.
	NetFramework35 bool `json:"netframework35,omitempty"`
	// WinHTTP lists the WinHttp keys with DefaultSecureProtocols.
	WinHTTP []WinHTTPKey `json:"winhttp,omitempty"`
	// Hotfixes lists installed updates ("KB3154518"); nil if unknown.
	Hotfixes []string `json:"hotfixes,omitempty"`
}

// SchannelKey is one SCHANNEL protocol key.
type SchannelKey struct {
	// Protocol is the key name: "SSL 3.0", "TLS 1.0", ... "TLS 1.3".
	Protocol string `json:"protocol"`
	// Side is "Client" or "Server".
	Side              string  `json:"side"`
	Enabled           *uint32 `json:"enabled,omitempty"`
	DisabledByDefault *uint32 `json:"disabled_by_default,omitempty"`
}

// NetFrameworkKey is one of the four registry keys that carry
// SchUseStrongCrypto and SystemDefaultTlsVersions.
type NetFrameworkKey struct {
	// Path is the key path from HKLM, as the reference spells it:
	// `SOFTWARE\Microsoft\.NETFramework\v4.0.30319`.
	Path                     string  `json:"path"`
	SchUseStrongCrypto       *uint32 `json:"sch_use_strong_crypto,omitempty"`
	SystemDefaultTlsVersions *uint32 `json:"system_default_tls_versions,omitempty"`
}

// WinHTTPKey is a WinHttp key with its DefaultSecureProtocols value.
type WinHTTPKey struct {
	Path                   string  `json:"path"`
	DefaultSecureProtocols *uint32 `json:"default_secure_protocols,omitempty"`
}

// Runtime names used in [Runtime.Name].
const (
	RuntimeGo             = "go"
	RuntimeJava           = "java"
	RuntimePython         = "python"
	RuntimeNode           = "node"
	RuntimeDotNet         = "dotnet"       // .NET Core / .NET 5+
	RuntimeNetFramework   = "netframework" // .NET Framework (the app's runtime)
	RuntimePowerShell     = "powershell"   // Windows PowerShell or PowerShell 6+
	RuntimeAWSCLI         = "aws-cli"      // AWS CLI
	RuntimeCurl           = "curl"         // curl and its TLS library
	RuntimeXamarinAndroid = "xamarin.android"
	RuntimeXamarinIOS     = "xamarin.ios"
	RuntimeXamarinMac     = "xamarin.mac"
	RuntimeUnity          = "unity"
	RuntimeBlazorWasm     = "blazor-wasm"
)

// Runtime is one language runtime or tool, with the settings that decide
// its TLS floor.
type Runtime struct {
	// Name is one of the Runtime* constants.
	Name string `json:"name"`
	// Version is the runtime's version: "1.26.8", "17.0.15", "3.11.7",
	// "20.20.2", "4.8" (.NET Framework), "5.1" (PowerShell).
	Version string `json:"version,omitempty"`
	// Path is where it was found.
	Path string `json:"path,omitempty"`
	// Settings are the values that lower or raise its TLS floor, by name:
	// "GODEBUG", "DefaultGODEBUG", "go.mod go", "NODE_OPTIONS",
	// "tls.DEFAULT_MIN_VERSION", "jdk.tls.disabledAlgorithms",
	// "ssl.minimum_version", "CLRVersion", "PSEdition", "TargetFramework".
	Settings map[string]string `json:"settings,omitempty"`
}

// Project is an application's build settings that choose its TLS stack.
type Project struct {
	// Path is the project file.
	Path string `json:"path"`
	// Runtime is the Runtime* constant the settings belong to.
	Runtime string `json:"runtime"`
	// Settings by property name: "AndroidHttpClientHandlerType",
	// "AndroidTlsProvider", "MtouchHttpClientHandler", "HttpClientHandler",
	// "m_EditorVersion", "scriptingRuntimeVersion", "TargetFramework",
	// "SupportedOSPlatformVersion".
	Settings map[string]string `json:"settings,omitempty"`
}
