package platform

func dotnet(version string, kv ...string) Runtime { return rt(RuntimeDotNet, version, kv...) }

func pwsh(version string, kv ...string) Runtime { return rt(RuntimePowerShell, version, kv...) }

var dotnetCases = []entryCase{
	{id: "TF-PLAT-DOTNET-VERSION", name: "8.0", facts: only(dotnet("8.0.11")), want: Pass},
	{id: "TF-PLAT-DOTNET-VERSION", name: "2.0", facts: only(dotnet("2.0.9")), want: Fail, msg: "earlier than 2.1"},
	{id: "TF-PLAT-DOTNET-VERSION", name: "from TargetFramework", facts: only(dotnet("", "TargetFramework", "net8.0")), want: Pass},
	{id: "TF-PLAT-DOTNET-VERSION", name: "netcoreapp1.1", facts: only(dotnet("", "TargetFramework", "netcoreapp1.1")), want: Fail},
	{id: "TF-PLAT-DOTNET-VERSION", name: "unknown", facts: only(dotnet("")), want: Unknown},

	{id: "TF-PLAT-DOTNET-WIN7", name: "opted in", facts: with(win(7601, &Windows{Schannel: tls12On()}), dotnet("3.1.32")), want: Pass},
	{id: "TF-PLAT-DOTNET-WIN7", name: "no keys", facts: with(win(7601, &Windows{}), dotnet("3.1.32")), want: Fail},
	{id: "TF-PLAT-DOTNET-WIN7", name: "2019", facts: with(win(17763, &Windows{}), dotnet("8.0.11")), want: notApplicable},

	{id: "TF-PLAT-DOTNET-LINUX-OPENSSL", name: "OpenSSL 3", facts: linux(ossl("3.0.19", ""), dotnet("8.0.11")), want: Pass},
	{id: "TF-PLAT-DOTNET-LINUX-OPENSSL", name: "OpenSSL 0.9.8", facts: linux(ossl("0.9.8zh", ""), dotnet("2.1.30")), want: Fail},
	{id: "TF-PLAT-DOTNET-LINUX-OPENSSL", name: ".NET 10 on 1.1.0", facts: linux(ossl("1.1.0l", ""), dotnet("10.0.1")), want: Fail, msg: "1.1.1"},
	{id: "TF-PLAT-DOTNET-LINUX-OPENSSL", name: "OpenSSL not read", facts: linux(nil, dotnet("8.0.11")), want: Unknown},
	{id: "TF-PLAT-DOTNET-LINUX-OPENSSL", name: "macOS", facts: mac("14.5", nil, dotnet("8.0.11")), want: notApplicable},

	{id: "TF-PLAT-DOTNET-MACOS", name: "8.0 on Apple TLS", facts: mac("14.5", nil, dotnet("8.0.11")), want: Pass},
	{id: "TF-PLAT-DOTNET-MACOS", name: "1.0 with OpenSSL 1.0.2", facts: mac("10.12", ossl("1.0.2u", ""), dotnet("1.0.4")), want: Pass},
	{id: "TF-PLAT-DOTNET-MACOS", name: "1.0 with OpenSSL 0.9.8", facts: mac("10.12", ossl("0.9.8zh", ""), dotnet("1.0.4")), want: Fail},
	{id: "TF-PLAT-DOTNET-MACOS", name: "1.0 without OpenSSL", facts: mac("10.12", nil, dotnet("1.0.4")), want: Unknown},
	{id: "TF-PLAT-DOTNET-MACOS", name: "Linux", facts: linux(nil, dotnet("8.0.11")), want: notApplicable},

	{id: "TF-PLAT-DOTNET-TLS13", name: "Linux 8.0 on OpenSSL 3", facts: linux(ossl("3.0.19", ""), dotnet("8.0.11")), want: Pass},
	{id: "TF-PLAT-DOTNET-TLS13", name: "Linux 2.1 on OpenSSL 1.1.0", facts: linux(ossl("1.1.0l", ""), dotnet("2.1.30")), want: Fail},
	{id: "TF-PLAT-DOTNET-TLS13", name: "Server 2022", facts: with(winServer(20348, nil), dotnet("8.0.11")), want: Pass},
	{id: "TF-PLAT-DOTNET-TLS13", name: "Server 2019", facts: with(winServer(17763, nil), dotnet("8.0.11")), want: Fail},
	{id: "TF-PLAT-DOTNET-TLS13", name: "macOS unverified", facts: mac("14.5", nil, dotnet("8.0.11")), want: Unknown},
}

var powershellCases = []entryCase{
	{id: "TF-PLAT-PS-DESKTOP-CLR2", name: "7 SP1 bare", facts: with(win(7601, &Windows{Hotfixes: []string{}}), pwsh("2.0", "PSEdition", "Desktop", "CLRVersion", "2.0.50727.8806")), want: Fail, msg: "TF-PLAT-NETFX35-HOTFIX fail"},
	{id: "TF-PLAT-PS-DESKTOP-CLR2", name: "7 SP1 patched", facts: with(win(7601, &Windows{Hotfixes: []string{"KB3154518"}, NetFramework: netfxAllSet()}), pwsh("2.0")), want: Pass, msg: "the .NET Framework 3.5 rules apply"},
	{id: "TF-PLAT-PS-DESKTOP-CLR2", name: "hotfixes not read", facts: with(win(7601, &Windows{NetFramework: netfxAllSet()}), pwsh("2.0")), want: Unknown},
	{id: "TF-PLAT-PS-DESKTOP-CLR2", name: "5.1 is CLR 4", facts: with(win(7601, &Windows{}), pwsh("5.1")), want: notApplicable},

	{id: "TF-PLAT-PS-DESKTOP-CLR4", name: "5.1 on 4.8, 2016", facts: with(winServer(14393, &Windows{NetFramework4Release: 528040}), pwsh("5.1", "PSEdition", "Desktop", "CLRVersion", "4.0.30319.42000")), want: Pass, msg: "TF-PLAT-NETFX-VERSION pass"},
	{id: "TF-PLAT-PS-DESKTOP-CLR4", name: "5.1 on 4.5.2 without registry", facts: with(winServer(9600, &Windows{NetFramework4Release: 379893}), pwsh("5.1")), want: Fail, msg: "TF-PLAT-NETFX-REGISTRY fail"},
	{id: "TF-PLAT-PS-DESKTOP-CLR4", name: "4.0 on 7 SP1 without SCHANNEL", facts: with(win(7601, &Windows{NetFramework4Release: 528040}), pwsh("4.0")), want: Fail, msg: "TF-PLAT-NETFX-WIN7 fail"},
	{id: "TF-PLAT-PS-DESKTOP-CLR4", name: "registry not read", facts: with(win(9600, nil), pwsh("5.1")), want: Unknown},
	{id: "TF-PLAT-PS-DESKTOP-CLR4", name: "Core", facts: with(win(9600, nil), pwsh("7.4.6", "PSEdition", "Core")), want: notApplicable},

	{id: "TF-PLAT-PS-CORE", name: "6.0 on .NET Core 2.0", facts: linux(ossl("3.0.19", ""), pwsh("6.0.5", "PSEdition", "Core")), want: Fail, msg: "TF-PLAT-DOTNET-VERSION fail"},
	{id: "TF-PLAT-PS-CORE", name: "7.4 on Linux", facts: linux(ossl("3.0.19", ""), pwsh("7.4.6", "PSEdition", "Core")), want: Pass, msg: "TF-PLAT-DOTNET-LINUX-OPENSSL pass"},
	{id: "TF-PLAT-PS-CORE", name: "FrameworkName", facts: only(pwsh("7.9.0", "PSEdition", "Core", "TargetFramework", ".NETCoreApp,Version=v10.0")), want: Pass, msg: ".NET 10.0"},
	{id: "TF-PLAT-PS-CORE", name: "7.4 on 7 SP1", facts: with(win(7601, &Windows{}), pwsh("7.4.6")), want: Fail, msg: "TF-PLAT-DOTNET-WIN7 fail"},
	{id: "TF-PLAT-PS-CORE", name: "unknown .NET", facts: only(pwsh("7.9.0", "PSEdition", "Core")), want: Unknown},
	{id: "TF-PLAT-PS-CORE", name: "Desktop", facts: only(pwsh("5.1", "PSEdition", "Desktop")), want: notApplicable},
}
