package winreg

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tlsfloor/tlsfloor/internal/platform"
)

// Paths of the keys as Facts reports them.
const (
	netfx4    = `SOFTWARE\Microsoft\.NETFramework\v4.0.30319`
	netfx4Wow = `SOFTWARE\Wow6432Node\Microsoft\.NETFramework\v4.0.30319`
	netfx2    = `SOFTWARE\Microsoft\.NETFramework\v2.0.50727`
	netfx2Wow = `SOFTWARE\Wow6432Node\Microsoft\.NETFramework\v2.0.50727`
	winHTTP   = `SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp`
	winHTTPW  = `SOFTWARE\Wow6432Node\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp`
	ndp4Path  = `HKLM\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full`
	ndp35Path = `HKLM\SOFTWARE\Microsoft\NET Framework Setup\NDP\v3.5`
)

func u32(n uint32) *uint32 { return &n }

// Facts that several fixtures share.
var (
	ssl2Default = platform.SchannelKey{Protocol: "SSL 2.0", Side: "Client", DisabledByDefault: u32(1)}
	tls11Client = platform.SchannelKey{Protocol: "TLS 1.1", Side: "Client", Enabled: u32(1), DisabledByDefault: u32(0)}
	tls12Client = platform.SchannelKey{Protocol: "TLS 1.2", Side: "Client", Enabled: u32(1), DisabledByDefault: u32(0)}
	tls12Server = platform.SchannelKey{Protocol: "TLS 1.2", Side: "Server", Enabled: u32(1), DisabledByDefault: u32(0)}
	win7SP1     = platform.OS{Family: "windows", Name: "Windows 7 Enterprise", Version: "6.1", Build: 7601, ServicePack: 1}
	srv2012R2   = platform.OS{Family: "windows", Name: "Windows Server 2012 R2 Standard", Version: "6.3", Build: 9600, Server: true}
	net35       = platform.Runtime{Name: "netframework", Version: "3.5.30729.4926", Path: ndp35Path, Settings: map[string]string{"SP": "1"}}
	net452      = platform.Runtime{Name: "netframework", Version: "4.5.51209", Path: ndp4Path, Settings: map[string]string{"Release": "379893"}}
	noNetFxKeys = []platform.NetFrameworkKey{{Path: netfx4}, {Path: netfx4Wow}, {Path: netfx2}, {Path: netfx2Wow}}
)

// fixtureFacts maps each fixture in testdata to the facts it must give.
var fixtureFacts = []struct {
	file string
	want platform.Facts
}{
	{
		file: "win7sp1-default.reg",
		want: platform.Facts{
			Host:    "WIN7-PC01",
			OS:      platform.OS{Family: "windows", Name: "Windows 7 Professional", Version: "6.1", Build: 7601, ServicePack: 1},
			Windows: &platform.Windows{Schannel: []platform.SchannelKey{ssl2Default}},
		},
	},
	{
		file: "win7sp1-tls12.reg",
		want: platform.Facts{
			Host:    "WIN7-PC02",
			OS:      win7SP1,
			Windows: &platform.Windows{Schannel: []platform.SchannelKey{ssl2Default, tls12Client, tls12Server}},
		},
	},
	{
		file: "srv2008r2sp1-net35.reg",
		want: platform.Facts{
			Host: "APP2008R2",
			OS: platform.OS{Family: "windows", Name: "Windows Server 2008 R2 Enterprise", Version: "6.1",
				Build: 7601, ServicePack: 1, Server: true},
			Windows: &platform.Windows{
				Schannel:       []platform.SchannelKey{ssl2Default},
				NetFramework:   []platform.NetFrameworkKey{{Path: netfx2}, {Path: netfx2Wow}},
				NetFramework35: true,
			},
			Runtimes: []platform.Runtime{
				{Name: "netframework", Version: "3.5.30729.5420", Path: ndp35Path, Settings: map[string]string{"SP": "1"}},
				{Name: "powershell", Version: "2.0", Path: `HKLM\SOFTWARE\Microsoft\PowerShell\1\PowerShellEngine`,
					Settings: map[string]string{"PSEdition": "Desktop", "CLRVersion": "2.0.50727"}},
			},
		},
	},
	{
		file: "srv2012-net35.reg",
		want: platform.Facts{
			Host: "FILE2012",
			OS:   platform.OS{Family: "windows", Name: "Windows Server 2012 Standard", Version: "6.2", Build: 9200, Server: true},
			Windows: &platform.Windows{
				Schannel:       []platform.SchannelKey{ssl2Default},
				NetFramework:   []platform.NetFrameworkKey{{Path: netfx2}, {Path: netfx2Wow}},
				NetFramework35: true,
			},
			Runtimes: []platform.Runtime{net35},
		},
	},
	{
		file: "win81-net35-kb3154520.reg",
		want: platform.Facts{
			Host: "WIN81-PC03",
			OS:   platform.OS{Family: "windows", Name: "Windows 8.1 Pro", Version: "6.3", Build: 9600},
			Windows: &platform.Windows{
				Schannel:       []platform.SchannelKey{ssl2Default},
				NetFramework35: true,
				Hotfixes:       []string{"KB2919355", "KB3154520"},
			},
			Runtimes: []platform.Runtime{net35},
		},
	},
	{
		file: "win10-1511-net35.reg",
		want: platform.Facts{
			Host:    "WIN10-1511",
			OS:      platform.OS{Family: "windows", Name: "Windows 10 Pro", Version: "10.0", Build: 10586, UBR: 1176},
			Windows: &platform.Windows{Schannel: []platform.SchannelKey{ssl2Default}, NetFramework4Release: 394254, NetFramework35: true},
			Runtimes: []platform.Runtime{
				{Name: "netframework", Version: "4.6.01055", Path: ndp4Path, Settings: map[string]string{"Release": "394254"}},
				net35,
			},
		},
	},
	{
		file: "srv2016-net35.reg",
		want: platform.Facts{
			Host: "CORE2016",
			OS: platform.OS{Family: "windows", Name: "Windows Server 2016 Datacenter", Version: "10.0",
				Build: 14393, UBR: 3384, Server: true},
			Windows: &platform.Windows{NetFramework4Release: 394802, NetFramework35: true},
			Runtimes: []platform.Runtime{
				{Name: "netframework", Version: "4.6.01586", Path: ndp4Path, Settings: map[string]string{"Release": "394802"}},
				net35,
			},
		},
	},
	{
		file: "srv2019-net48.reg",
		want: srv2019Facts,
	},
	{
		file: "srv2012r2-net452.reg",
		want: platform.Facts{
			Host: "APP2012R2A",
			OS:   srv2012R2,
			Windows: &platform.Windows{
				Schannel:             []platform.SchannelKey{ssl2Default},
				NetFramework:         noNetFxKeys,
				NetFramework4Release: 379893,
				NetFramework35:       true,
			},
			Runtimes: []platform.Runtime{net452, net35},
		},
	},
	{
		file: "srv2012r2-net452-strong.reg",
		want: platform.Facts{
			Host: "APP2012R2B",
			OS:   srv2012R2,
			Windows: &platform.Windows{
				Schannel: []platform.SchannelKey{ssl2Default},
				NetFramework: []platform.NetFrameworkKey{
					{Path: netfx4, SchUseStrongCrypto: u32(1), SystemDefaultTlsVersions: u32(1)},
					{Path: netfx4Wow, SchUseStrongCrypto: u32(1), SystemDefaultTlsVersions: u32(1)},
					{Path: netfx2, SchUseStrongCrypto: u32(1), SystemDefaultTlsVersions: u32(1)},
					{Path: netfx2Wow, SchUseStrongCrypto: u32(1), SystemDefaultTlsVersions: u32(1)},
				},
				NetFramework4Release: 379893,
				NetFramework35:       true,
			},
			Runtimes: []platform.Runtime{net452, net35},
		},
	},
	{
		file: "srv2016-tls10-client.reg",
		want: platform.Facts{
			Host: "LEGACY2016",
			OS: platform.OS{Family: "windows", Name: "Windows Server 2016 Standard", Version: "10.0",
				Build: 14393, UBR: 3384, Server: true},
			Windows: &platform.Windows{Schannel: []platform.SchannelKey{
				{Protocol: "TLS 1.0", Side: "Client", Enabled: u32(1), DisabledByDefault: u32(0)},
				{Protocol: "TLS 1.0", Side: "Server", Enabled: u32(0), DisabledByDefault: u32(1)},
				{Protocol: "TLS 1.2", Side: "Client", Enabled: u32(0xFFFFFFFF), DisabledByDefault: u32(0)},
			}},
		},
	},
	{
		file: "win7sp1-winhttp-a00.reg",
		want: platform.Facts{
			Host: "WIN7-PC04",
			OS:   win7SP1,
			Windows: &platform.Windows{
				Schannel: []platform.SchannelKey{ssl2Default, tls11Client, tls12Client, tls12Server},
				WinHTTP: []platform.WinHTTPKey{
					{Path: winHTTP, DefaultSecureProtocols: u32(0xA00)},
					{Path: winHTTPW, DefaultSecureProtocols: u32(0xA00)},
				},
			},
		},
	},
	{
		file: "win7sp1-winhttp-80.reg",
		want: platform.Facts{
			Host: "WIN7-PC05",
			OS:   win7SP1,
			Windows: &platform.Windows{
				Schannel: []platform.SchannelKey{ssl2Default, tls11Client, tls12Client, tls12Server},
				WinHTTP:  []platform.WinHTTPKey{{Path: winHTTP, DefaultSecureProtocols: u32(0x80)}, {Path: winHTTPW}},
			},
		},
	},
}

var srv2019Facts = platform.Facts{
	Host: "WEB2019",
	OS: platform.OS{Family: "windows", Name: "Windows Server 2019 Standard", Version: "10.0",
		Build: 17763, UBR: 1879, Server: true},
	Windows: &platform.Windows{NetFramework: noNetFxKeys, NetFramework4Release: 528049},
	Runtimes: []platform.Runtime{
		{Name: "netframework", Version: "4.8.03761", Path: ndp4Path, Settings: map[string]string{"Release": "528049"}},
		{Name: "powershell", Version: "5.1.17763.1", Path: `HKLM\SOFTWARE\Microsoft\PowerShell\3\PowerShellEngine`,
			Settings: map[string]string{"PSEdition": "Desktop", "CLRVersion": "4.0.30319"}},
	},
}

func TestFactsFixtures(t *testing.T) {
	for _, tt := range fixtureFacts {
		t.Run(tt.file, func(t *testing.T) {
			got, err := Facts(parseFile(t, filepath.Join("testdata", tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Facts mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFixturesCovered makes sure every fixture has expected facts.
func TestFixturesCovered(t *testing.T) {
	files, err := filepath.Glob("testdata/*.reg")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, tt := range fixtureFacts {
		listed[tt.file] = true
	}
	for _, f := range files {
		if !listed[filepath.Base(f)] {
			t.Errorf("%s has no expected facts in fixtureFacts", f)
		}
	}
}

// TestFactsMergedSplit reads the Server 2019 machine from one file per
// branch, as reg.exe exports them, and expects what the single file gives.
func TestFactsMergedSplit(t *testing.T) {
	files, err := filepath.Glob("testdata/srv2019-net48-split/*.reg")
	if err != nil || len(files) != 5 {
		t.Fatalf("split fixtures: %v, %v", files, err)
	}
	var exports []*Export
	for _, f := range files {
		exports = append(exports, parseFile(t, f))
	}
	got, err := Facts(Merge(exports...))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(srv2019Facts, got); diff != "" {
		t.Errorf("Facts mismatch (-want +got):\n%s", diff)
	}
}
