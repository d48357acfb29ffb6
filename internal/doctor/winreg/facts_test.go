package winreg

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tlsfloor/tlsfloor/internal/platform"
)

func TestFactsInline(t *testing.T) {
	tests := []struct {
		name string
		reg  string
		want platform.Facts
	}{
		{
			name: "nothing known",
			reg:  `[HKEY_LOCAL_MACHINE\SOFTWARE\Vendor]`,
			want: platform.Facts{OS: platform.OS{Family: "windows"}},
		},
		{
			name: "abbreviated root and odd case",
			reg: `[HKLM\system\currentcontrolset\control\securityproviders\schannel\protocols\TLS 1.2\CLIENT]
"enabled"=dword:00000001
[hklm\SOFTWARE\WOW6432NODE\Microsoft\.NETFramework\v4.0.30319]
"schusestrongcrypto"=dword:00000001`,
			want: platform.Facts{OS: platform.OS{Family: "windows"}, Windows: &platform.Windows{
				Schannel:     []platform.SchannelKey{{Protocol: "TLS 1.2", Side: "Client", Enabled: u32(1)}},
				NetFramework: []platform.NetFrameworkKey{{Path: netfx4Wow, SchUseStrongCrypto: u32(1)}},
			}},
		},
		{
			name: "offline SYSTEM hive uses the control set Select names",
			reg: `[HKEY_LOCAL_MACHINE\SYSTEM\Select]
"Current"=dword:00000002
[HKEY_LOCAL_MACHINE\SYSTEM\ControlSet001\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.0\Client]
"Enabled"=dword:00000000
[HKEY_LOCAL_MACHINE\SYSTEM\ControlSet002\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.0\Client]
"Enabled"=dword:00000001
[HKEY_LOCAL_MACHINE\SYSTEM\ControlSet002\Control\ComputerName\ComputerName]
"ComputerName"="OFFLINE"`,
			want: platform.Facts{Host: "OFFLINE", OS: platform.OS{Family: "windows"}, Windows: &platform.Windows{
				Schannel: []platform.SchannelKey{{Protocol: "TLS 1.0", Side: "Client", Enabled: u32(1)}},
			}},
		},
		{
			name: "keys that are not protocol sides are ignored",
			reg: `[HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2]
"Enabled"=dword:00000001
[HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client\Extra]
"Enabled"=dword:00000001`,
			want: platform.Facts{OS: platform.OS{Family: "windows"}, Windows: &platform.Windows{}},
		},
		{
			name: "CurrentBuild when CurrentBuildNumber is missing",
			reg: `[HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion]
"CurrentBuild"="22631"
"CurrentMajorVersionNumber"=dword:0000000a
"CurrentMinorVersionNumber"=dword:00000000
"UBR"=dword:00000fd6
"InstallationType"="Client"`,
			want: platform.Facts{OS: platform.OS{Family: "windows", Version: "10.0", Build: 22631, UBR: 4054}},
		},
		{
			name: "servicing packages without KB articles",
			reg: `[HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\Packages]
[HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\Packages\Package_for_RollupFix~31bf3856ad364e35~amd64~~17763.1879.1.7]`,
			want: platform.Facts{OS: platform.OS{Family: "windows"}, Windows: &platform.Windows{Hotfixes: []string{}}},
		},
		{
			name: "NET Framework 3.5 key with Install 0",
			reg: `[HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\NET Framework Setup\NDP\v3.5]
"Install"=dword:00000000
"Version"="3.5.30729.4926"`,
			want: platform.Facts{OS: platform.OS{Family: "windows"}, Windows: &platform.Windows{}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Facts(parseString(t, tt.reg))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Facts mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFactsErrors(t *testing.T) {
	tests := []struct {
		name string
		reg  string
		want string
	}{
		{
			name: "Enabled as a string",
			reg: `[HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client]
"Enabled"="1"`,
			want: `reg: inline.reg: HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client value "Enabled" is REG_SZ of 4 bytes, want REG_DWORD`,
		},
		{
			name: "DWORD of the wrong size",
			reg: `[HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\.NETFramework\v4.0.30319]
"SchUseStrongCrypto"=hex(4):01,00`,
			want: `reg: inline.reg: HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\.NETFramework\v4.0.30319 value "SchUseStrongCrypto" is REG_DWORD of 2 bytes, want REG_DWORD`,
		},
		{
			name: "build that is not a number",
			reg: `[HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion]
"CurrentBuildNumber"="76o1"`,
			want: `reg: inline.reg: HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion value "CurrentBuildNumber" "76o1" is not a build number`,
		},
		{
			name: "ProductName as a DWORD",
			reg: `[HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion]
"ProductName"=dword:00000001`,
			want: `reg: inline.reg: HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion value "ProductName" is REG_DWORD, want REG_SZ`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Facts(parseString(t, tt.reg))
			if err == nil || err.Error() != tt.want {
				t.Errorf("error = %v\nwant    %s", err, tt.want)
			}
		})
	}
}

func TestFactsNil(t *testing.T) {
	if _, err := Facts(nil); err == nil {
		t.Error("Facts(nil) succeeded")
	}
}

// parseFile parses a file in testdata, failing the test on error.
func parseFile(t *testing.T, name string) *Export {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	e, err := Parse(name, f)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// parseString parses an export body given without its header as
// "inline.reg", failing the test on error.
func parseString(t *testing.T, body string) *Export {
	t.Helper()
	e, err := Parse("inline.reg", strings.NewReader(header5+"\n\n"+body+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	return e
}
