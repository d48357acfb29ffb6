package platform

func netfx(version string, kv ...string) Runtime { return rt(RuntimeNetFramework, version, kv...) }

var netfxCases = []entryCase{
	{id: "TF-PLAT-NETFX-VERSION", name: "4.8 on 2016", facts: with(winServer(14393, nil), netfx("4.8")), want: Pass},
	{id: "TF-PLAT-NETFX-VERSION", name: "installed 4.8 from Release", facts: winServer(17763, &Windows{NetFramework4Release: 528049}), want: Pass, msg: "4.8"},
	{id: "TF-PLAT-NETFX-VERSION", name: "target net472", facts: with(win(9600, nil), netfx("4.8", "TargetFramework", "net472")), want: Pass, msg: "4.7.2"},
	{id: "TF-PLAT-NETFX-VERSION", name: "4.0 has no TLS 1.2", facts: with(win(9600, nil), netfx("4.0")), want: Fail},
	{id: "TF-PLAT-NETFX-VERSION", name: "2.0 has no TLS 1.2", facts: with(win(9600, nil), netfx("", "TargetFramework", "v2.0")), want: Fail},
	{id: "TF-PLAT-NETFX-VERSION", name: "4.8 on Vista", facts: with(win(6001, nil), netfx("4.8")), want: Fail},
	{id: "TF-PLAT-NETFX-VERSION", name: "version unknown", facts: with(win(9600, nil), netfx("")), want: Unknown},
	{id: "TF-PLAT-NETFX-VERSION", name: "build unknown", facts: only(netfx("4.8")), want: Unknown},
	{id: "TF-PLAT-NETFX-VERSION", name: "4.5.2 is the registry's", facts: with(win(9600, nil), netfx("4.5.2")), want: notApplicable},
	{id: "TF-PLAT-NETFX-VERSION", name: "4.8 on 7 SP1 is WIN7's", facts: with(win(7601, nil), netfx("4.8")), want: notApplicable},
	{id: "TF-PLAT-NETFX-VERSION", name: "Linux", facts: linux(nil, netfx("4.8")), want: notApplicable},

	{id: "TF-PLAT-NETFX-REGISTRY", name: "all four keys", facts: with(win(9600, &Windows{NetFramework: netfxAllSet()}), netfx("4.5.2")), want: Pass},
	{id: "TF-PLAT-NETFX-REGISTRY", name: "keys missing", facts: with(win(9600, &Windows{NetFramework: netfxAllSet()[:2]}), netfx("4.5.2")), want: Fail, msg: `HKLM\SOFTWARE\Wow6432Node\Microsoft\.NETFramework\v2.0.50727 (key absent)`},
	{id: "TF-PLAT-NETFX-REGISTRY", name: "value 0", facts: with(win(9600, &Windows{NetFramework: []NetFrameworkKey{{Path: netfxKeys[0], SchUseStrongCrypto: u32(0), SystemDefaultTlsVersions: u32(1)}}}), netfx("4.6.2")), want: Fail, msg: `v4.0.30319\SchUseStrongCrypto is 0x00000000`},
	{id: "TF-PLAT-NETFX-REGISTRY", name: "3.5 note", facts: with(win(7601, &Windows{}), netfx("3.5")), want: Fail, msg: "explicit TLS value"},
	{id: "TF-PLAT-NETFX-REGISTRY", name: "installed 4.8, targets unknown", facts: win(9600, &Windows{NetFramework4Release: 528040}), want: Warn, msg: "3.5-4.6.2"},
	{id: "TF-PLAT-NETFX-REGISTRY", name: "registry not read", facts: with(win(9600, nil), netfx("4.5")), want: Unknown},
	{id: "TF-PLAT-NETFX-REGISTRY", name: "4.8 target", facts: with(win(9600, &Windows{}), netfx("4.8")), want: notApplicable},

	{id: "TF-PLAT-NETFX35-HOTFIX", name: "7 SP1 with KB3154518", facts: with(win(7601, &Windows{Hotfixes: []string{"KB3154518"}}), netfx("3.5")), want: Pass},
	{id: "TF-PLAT-NETFX35-HOTFIX", name: "7 SP1 without", facts: with(win(7601, &Windows{Hotfixes: []string{"KB1"}}), netfx("3.5")), want: Fail, msg: "KB3154518"},
	{id: "TF-PLAT-NETFX35-HOTFIX", name: "2012 R2", facts: with(winServer(9600, &Windows{Hotfixes: []string{}}), netfx("", "TargetFramework", "net35")), want: Fail, msg: "KB3154520"},
	{id: "TF-PLAT-NETFX35-HOTFIX", name: "2012", facts: with(winServer(9200, &Windows{Hotfixes: []string{"KB3154519"}}), netfx("3.5")), want: Pass},
	{id: "TF-PLAT-NETFX35-HOTFIX", name: "2008 SP2", facts: with(winServer(6002, &Windows{Hotfixes: []string{}}), netfx("3.5")), want: Fail, msg: "KB3154517"},
	{id: "TF-PLAT-NETFX35-HOTFIX", name: "2016 superseded", facts: with(winServer(14393, &Windows{Hotfixes: []string{}}), netfx("3.5")), want: Warn, msg: "KB3156421"},
	{id: "TF-PLAT-NETFX35-HOTFIX", name: "installed 3.5", facts: win(7601, &Windows{NetFramework35: true, Hotfixes: []string{}}), want: Warn},
	{id: "TF-PLAT-NETFX35-HOTFIX", name: "hotfixes not read", facts: with(win(7601, &Windows{}), netfx("3.5")), want: Unknown, msg: "hotfix list not collected; run Get-HotFix"},
	{id: "TF-PLAT-NETFX35-HOTFIX", name: "unlisted build", facts: with(win(19045, &Windows{Hotfixes: []string{}}), netfx("3.5")), want: Unknown},
	{id: "TF-PLAT-NETFX35-HOTFIX", name: "7 RTM", facts: with(win(7600, &Windows{}), netfx("3.5")), want: Fail},
	{id: "TF-PLAT-NETFX35-HOTFIX", name: "4.8", facts: with(win(7601, &Windows{}), netfx("4.8")), want: notApplicable},

	{id: "TF-PLAT-NETFX-WIN7", name: "opted in", facts: with(win(7601, &Windows{Schannel: tls12On()}), netfx("4.8")), want: Pass},
	{id: "TF-PLAT-NETFX-WIN7", name: "no keys", facts: with(win(7601, &Windows{}), netfx("4.6.2")), want: Fail},
	{id: "TF-PLAT-NETFX-WIN7", name: "3.5", facts: with(win(7601, &Windows{}), netfx("3.5")), want: notApplicable},
	{id: "TF-PLAT-NETFX-WIN7", name: "8.1", facts: with(win(9600, &Windows{}), netfx("4.8")), want: notApplicable},

	{id: "TF-PLAT-NETFX-AWSSDK", name: "4.5.2", facts: with(win(9600, nil), netfx("4.5.2")), want: Pass, msg: "never sets a floor"},
	{id: "TF-PLAT-NETFX-AWSSDK", name: "4.8", facts: with(win(9600, nil), netfx("4.8")), want: notApplicable},

	{id: "TF-PLAT-NETFX-TLS13", name: "4.8 on 2022", facts: with(winServer(20348, nil), netfx("4.8")), want: Pass},
	{id: "TF-PLAT-NETFX-TLS13", name: "4.8 on 2019", facts: with(winServer(17763, nil), netfx("4.8")), want: Fail},
	{id: "TF-PLAT-NETFX-TLS13", name: "3.5 on 11", facts: with(win(22621, nil), netfx("3.5")), want: Fail},
	{id: "TF-PLAT-NETFX-TLS13", name: "build unknown", facts: only(netfx("4.8")), want: Unknown},
}
