package platform

// Sources the entries cite: the primary documents (AWS, Microsoft,
// OpenSSL, Apple, Oracle, the Go project) each fact was checked against.
const (
	srcSeed        = "https://docs.aws.amazon.com/sdk-for-net/v3/developer-guide/enforcing-tls.html"
	srcAWSNetV4    = "https://docs.aws.amazon.com/sdk-for-net/v4/developer-guide/enforcing-tls.html"
	srcAWSBlogNet  = "https://aws.amazon.com/blogs/developer/upgrade-aws-sdk-for-net-for-latest-tls-protocols/"
	srcAWSNetSPM   = "https://github.com/aws/aws-sdk-net/blob/481cb1f9db5616c38dd8e763e1f0be91d08d0eb0/sdk/src/Core/Amazon.Runtime/Pipeline/HttpHandler/_bcl/AmazonSecurityProtocolManager.cs"
	srcAWSPS       = "https://docs.aws.amazon.com/powershell/latest/userguide/"
	srcDnTLS       = "https://learn.microsoft.com/dotnet/framework/network-programming/tls"
	srcWSReg       = "https://learn.microsoft.com/windows-server/security/tls/tls-registry-settings"
	srcWSRegTLS12  = "https://docs.microsoft.com/en-us/windows-server/security/tls/tls-registry-settings#tls-12"
	srcMSRelease   = "https://learn.microsoft.com/dotnet/framework/install/how-to-determine-which-versions-are-installed"
	srcKB3140245   = "https://support.microsoft.com/help/3140245"
	srcKB3156421   = "https://support.microsoft.com/kb/3156421"
	srcKB3154520   = "https://support.microsoft.com/kb/3154520"
	srcKB3154519   = "https://support.microsoft.com/kb/3154519"
	srcKB3154518   = "https://support.microsoft.com/kb/3154518"
	srcKB3154517   = "https://support.microsoft.com/kb/3154517"
	srcKB4019276   = "https://support.microsoft.com/help/4019276"
	srcDotnet10SSL = "https://learn.microsoft.com/dotnet/core/compatibility/cryptography/10.0/openssl-version-requirement"
	srcRT40746     = "https://github.com/dotnet/runtime/pull/40746"
	srcDotnetAnn21 = "https://github.com/dotnet/announcements/issues/21"
	srcDotnetMac   = "https://docs.microsoft.com/en-us/dotnet/core/install/dependencies?tabs=netcore21&pivots=os-macos"

	// srcSchannelProtocols is the Schannel protocol support table: TLS 1.2
	// on by default from Windows 8 / Server 2012, disabled by default on
	// 7 / 2008 R2 and 2008 SP2; TLS 1.3 from Windows 11 and Server 2022
	// ("enabling TLS 1.3 on earlier versions of Windows is not a safe
	// system configuration"), checked against the page.
	srcSchannelProtocols = "https://learn.microsoft.com/windows/win32/secauthn/protocols-in-tls-ssl--schannel-ssp-"

	srcOpenSSLChanges = "https://www.openssl.org/news/changelog.html#x35"
	srcUbuntuOpenSSL  = "https://documentation.ubuntu.com/server/explanation/crypto/openssl/"
	srcCryptoPolicies = "https://www.mankier.com/8/update-crypto-policies"
	// srcOpenSSL35 and srcOpenSSLMLKEM: OpenSSL 3.5.0 (2025-04-08) adds
	// ML-KEM and makes X25519MLKEM768 a default TLS key share; checked
	// against the 3.5.0 release notes and the EVP_KEM-ML-KEM manual page
	// ("This functionality was added in OpenSSL 3.5").
	srcOpenSSL35    = "https://github.com/openssl/openssl/releases/tag/openssl-3.5.0"
	srcOpenSSLMLKEM = "https://docs.openssl.org/3.6/man7/EVP_KEM-ML-KEM/"

	srcAppleHT202854 = "https://support.apple.com/en-us/HT202854"
	srcAppleTLS      = "https://support.apple.com/guide/security/sec100a75d12"

	srcXamarinTLS = "https://docs.microsoft.com/en-us/xamarin/cross-platform/app-fundamentals/transport-layer-security"
	srcXMacProps  = "https://github.com/xamarin/xamarin-macios/blob/12d38e23899929e7bdd8db2938c5c150f030bae8/msbuild/Xamarin.Mac.Common.props"
	srcXIOSProps  = "https://github.com/xamarin/xamarin-macios/blob/12d38e23899929e7bdd8db2938c5c150f030bae8/msbuild/Xamarin.Shared/Xamarin.iOS.Common.props"
	srcUnityUpg   = "https://docs.unity3d.com/2019.1/Documentation/Manual/ScriptingRuntimeUpgrade.html"
	srcUnityBlog  = "https://blogs.unity3d.com/2018/07/11/scripting-runtime-improvements-in-unity-2018-2/"
	srcUnityRef   = "https://github.com/Unity-Technologies/UnityCsReference/blob/d253e09acffc9803eb9d7cd77f4768d38860d66e/Editor/Mono/PlayerSettings.bindings.cs"
	srcBlazor     = "https://docs.microsoft.com/en-us/aspnet/core/blazor/supported-platforms"

	srcGo118     = "https://go.dev/doc/go1.18#tls10"
	srcGoDebug   = "https://go.dev/doc/godebug"
	srcGoCommon  = "https://github.com/golang/go/blob/go1.26.8/src/crypto/tls/common.go"
	srcGoDefault = "https://github.com/golang/go/blob/go1.26.8/src/crypto/tls/defaults.go"
	// srcGoTLS13 is the issue that made TLS 1.3 opt-in (GODEBUG=tls13=1)
	// in Go 1.12 and default in Go 1.13.
	srcGoTLS13 = "https://github.com/golang/go/issues/30055"

	srcJDK8254713 = "https://bugs.java.com/bugdatabase/view_bug?bug_id=8254713"
	srcJDK17Sec   = "https://github.com/openjdk/jdk17u/blob/master/src/java.base/share/conf/security/java.security"
	srcJDK8245485 = "https://bugs.java.com/bugdatabase/view_bug?bug_id=8245485" // 8u261 TLS 1.3, client default off; checked against the page
	srcJEP332     = "https://openjdk.org/jeps/332"                              // TLS 1.3 in JDK 11
	srcJDK8TLS12  = "https://blogs.oracle.com/java-platform-group/jdk-8-will-use-tls-12-as-default"
	srcPySSL      = "https://docs.python.org/3/library/ssl.html"
	srcAWSPy      = "https://docs.aws.amazon.com/sdk-for-python/v1/guide/security-transport.md"
	srcNodeTLS    = "https://nodejs.org/api/tls.html"
	srcNodeCLI    = "https://nodejs.org/api/cli.html"
)
