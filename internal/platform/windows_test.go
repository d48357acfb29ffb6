package platform

import "crypto/tls"

var tls12Floor = &Floor{Version: tls.VersionTLS12}

var windowsCases = []entryCase{
	{id: "TF-PLAT-WIN-OS", name: "8.1 on by default", facts: win(9600, nil), want: Pass},
	{id: "TF-PLAT-WIN-OS", name: "7 SP1 supported", facts: win(7601, nil), want: Pass, msg: "TF-PLAT-WIN7-SCHANNEL"},
	{id: "TF-PLAT-WIN-OS", name: "2008 SP2 server supported", facts: winServer(6002, nil), want: Pass, msg: "KB4019276"},
	{id: "TF-PLAT-WIN-OS", name: "7 RTM", facts: win(7600, nil), want: Fail, msg: "upgrade"},
	{id: "TF-PLAT-WIN-OS", name: "Vista SP2", facts: win(6002, nil), want: Fail},
	{id: "TF-PLAT-WIN-OS", name: "build unknown", facts: Facts{OS: OS{Family: OSWindows}}, want: Unknown},
	{id: "TF-PLAT-WIN-OS", name: "Linux", facts: linux(nil), want: notApplicable},

	{id: "TF-PLAT-WIN7-SCHANNEL", name: "opted in", facts: win(7601, &Windows{Schannel: tls12On()}), want: Pass},
	{id: "TF-PLAT-WIN7-SCHANNEL", name: "no keys: OS default", facts: win(7601, &Windows{}), want: Fail, msg: "absent means the OS default"},
	{id: "TF-PLAT-WIN7-SCHANNEL", name: "Enabled absent", facts: win(7601, &Windows{Schannel: []SchannelKey{key("TLS 1.2", nil, u32(0))}}), want: Fail, msg: "Enabled is absent"},
	{id: "TF-PLAT-WIN7-SCHANNEL", name: "DisabledByDefault 1", facts: win(7601, &Windows{Schannel: []SchannelKey{key("TLS 1.2", u32(1), u32(1))}}), want: Fail},
	{id: "TF-PLAT-WIN7-SCHANNEL", name: "Enabled 0", facts: win(7601, &Windows{Schannel: []SchannelKey{key("TLS 1.2", u32(0), u32(0))}}), want: Fail},
	{id: "TF-PLAT-WIN7-SCHANNEL", name: "registry not read", facts: win(7601, nil), want: Unknown, msg: "registry not collected"},
	{id: "TF-PLAT-WIN7-SCHANNEL", name: "8.1", facts: win(9600, &Windows{}), want: notApplicable},

	{id: "TF-PLAT-WIN2008SP2-KB4019276", name: "hotfixes not read", facts: winServer(6002, &Windows{}), want: Unknown, msg: "run Get-HotFix"},
	{id: "TF-PLAT-WIN2008SP2-KB4019276", name: "KB missing", facts: winServer(6002, &Windows{Hotfixes: []string{"KB123"}}), want: Fail},
	{id: "TF-PLAT-WIN2008SP2-KB4019276", name: "KB and keys", facts: winServer(6002, &Windows{Hotfixes: []string{"KB4019276"}, Schannel: tls12On()}), want: Pass},
	{id: "TF-PLAT-WIN2008SP2-KB4019276", name: "KB without keys", facts: winServer(6002, &Windows{Hotfixes: []string{"kb4019276"}}), want: Fail, msg: "KB4019276 installed"},
	{id: "TF-PLAT-WIN2008SP2-KB4019276", name: "Vista", facts: win(6002, &Windows{}), want: notApplicable},

	{id: "TF-PLAT-WIN-SCHANNEL-TLS12", name: "no keys on 8.1", facts: win(9600, &Windows{}), want: Pass},
	{id: "TF-PLAT-WIN-SCHANNEL-TLS12", name: "Enabled 0 on 2019", facts: winServer(17763, &Windows{Schannel: []SchannelKey{key("TLS 1.2", u32(0), nil)}}), want: Fail, msg: "Enabled=0"},
	{id: "TF-PLAT-WIN-SCHANNEL-TLS12", name: "DisabledByDefault 1 on 8.1", facts: win(9600, &Windows{Schannel: []SchannelKey{key("TLS 1.2", nil, u32(1))}}), want: Fail, msg: "default set"},
	{id: "TF-PLAT-WIN-SCHANNEL-TLS12", name: "Enabled 0 on 7 SP1", facts: win(7601, &Windows{Schannel: []SchannelKey{key("TLS 1.2", u32(0), u32(0))}}), want: Fail},
	{id: "TF-PLAT-WIN-SCHANNEL-TLS12", name: "registry not read", facts: win(9600, nil), want: Unknown},
	{id: "TF-PLAT-WIN-SCHANNEL-TLS12", name: "7 RTM", facts: win(7600, &Windows{}), want: notApplicable},

	{id: "TF-PLAT-WIN-SCHANNEL-LEGACY", name: "OS default", facts: win(17763, &Windows{}), want: Warn, msg: `TLS 1.0\Client Enabled is absent`},
	{id: "TF-PLAT-WIN-SCHANNEL-LEGACY", name: "TLS 1.1 left", facts: win(17763, &Windows{Schannel: []SchannelKey{key("TLS 1.0", u32(0), u32(1))}}), want: Warn, msg: "TLS 1.1"},
	{id: "TF-PLAT-WIN-SCHANNEL-LEGACY", name: "both disabled", facts: win(17763, &Windows{Schannel: []SchannelKey{key("TLS 1.0", u32(0), u32(1)), key("TLS 1.1", u32(0), u32(1))}}), want: Pass},
	{id: "TF-PLAT-WIN-SCHANNEL-LEGACY", name: "registry not read", facts: win(17763, nil), want: Unknown},

	{id: "TF-PLAT-WIN-WINHTTP", name: "value absent", facts: win(7601, &Windows{}), want: Fail, msg: "absent"},
	{id: "TF-PLAT-WIN-WINHTTP", name: "TLS 1.1 and 1.2", facts: win(7601, &Windows{WinHTTP: []WinHTTPKey{{Path: winHTTPKey, DefaultSecureProtocols: u32(0xA00)}}}), want: Pass},
	{id: "TF-PLAT-WIN-WINHTTP", name: "32-bit key lacks 0x800", facts: winServer(9200, &Windows{WinHTTP: []WinHTTPKey{{Path: winHTTPKey, DefaultSecureProtocols: u32(0x800)}, {Path: winHTTPKeyWow64, DefaultSecureProtocols: u32(0x280)}}}), want: Fail, msg: "Wow6432Node"},
	{id: "TF-PLAT-WIN-WINHTTP", name: "KB3140245 not listed", facts: win(7601, &Windows{WinHTTP: []WinHTTPKey{{Path: `HKLM\` + winHTTPKey, DefaultSecureProtocols: u32(0x800)}}, Hotfixes: []string{}}), want: Warn, msg: "KB3140245"},
	{id: "TF-PLAT-WIN-WINHTTP", name: "KB3140245 listed", facts: win(7601, &Windows{WinHTTP: []WinHTTPKey{{Path: winHTTPKey, DefaultSecureProtocols: u32(0x800)}}, Hotfixes: []string{"KB3140245"}}), want: Pass},
	{id: "TF-PLAT-WIN-WINHTTP", name: "registry not read", facts: win(7601, nil), want: Unknown},
	{id: "TF-PLAT-WIN-WINHTTP", name: "8.1", facts: win(9600, &Windows{}), want: notApplicable},

	{id: "TF-PLAT-WIN-TLS13", name: "Server 2022", facts: winServer(20348, &Windows{}), want: Pass},
	{id: "TF-PLAT-WIN-TLS13", name: "Windows 11 registry not read", facts: win(22621, nil), want: Pass},
	{id: "TF-PLAT-WIN-TLS13", name: "Server 2019", facts: winServer(17763, nil), want: Fail, msg: "20348"},
	{id: "TF-PLAT-WIN-TLS13", name: "TLS 1.3 disabled", facts: win(26100, &Windows{Schannel: []SchannelKey{key("TLS 1.3", u32(0), nil)}}), want: Fail},
	{id: "TF-PLAT-WIN-TLS13", name: "build unknown", facts: Facts{OS: OS{Family: OSWindows}}, want: Unknown},
	{id: "TF-PLAT-WIN-TLS13", name: "TLS 1.2 floor", facts: winServer(17763, nil), floor: tls12Floor, want: notApplicable},
}
