package useragent

// Notes added to Agent.Unknowns.
const (
	notePCL              = "aws-sdk-dotnet-pcl runs on Xamarin.iOS or Xamarin.Android, where the project's HTTP handler (managed, NSUrlSession, AndroidClientHandler) decides TLS: check the project's handler settings"
	noteUnity            = "a Unity build's scripting runtime and Unity version decide TLS: check m_EditorVersion and scriptingRuntimeVersion in the project"
	noteTruncated        = "the agent is truncated (CloudTrail keeps 1 KB): trailing tokens are lost"
	noteFramework40      = "legacy .NET_Framework/4.0 stands for any .NET Framework from 4.0 to 4.8.1: check the application's TargetFramework or the NDP\\v4\\Full Release registry value"
	noteFrameworkUnknown = ".NET_Framework/Unknown: check the application's TargetFramework"
	noteRegistry         = "the agent carries no registry values or hotfixes: check SchUseStrongCrypto and SystemDefaultTlsVersions under the .NETFramework keys, the SCHANNEL TLS 1.2 Client keys, and updates such as KB3154518 on the host"
	notePSCore           = "PowerShellCore/7.-1 gives only the major version: check $PSVersionTable on the host"
	noteJava             = "the agent does not carry jdk.tls.client.protocols or jdk.tls.disabledAlgorithms: check the JVM's java.security and start-up flags"
	noteCLIv2            = "AWS CLI v2 bundles its own Python and OpenSSL: the host's OpenSSL does not decide its TLS"
	notePython           = "the agent does not carry the OpenSSL version Python links: check ssl.OPENSSL_VERSION on the host"
	noteGo               = "the agent does not carry GODEBUG or the go.mod go line: check the binary's build settings (go version -m)"
	noteBrowser          = "aws-sdk-js/2 with no platform token runs in a browser, whose TLS is the browser's"
	noteTerraform        = "Terraform's version token is the one vendored into the provider, not the installed CLI: upgrade the provider"
	note7601             = "build 7601 is Windows 7 SP1 or Windows Server 2008 R2 SP1: the agent does not say which"
	note9200             = "6.2.9200 is Windows 8 or Server 2012, or a newer Windows reported through the compatibility shim of an unmanifested application: check the host's real build"
)
