package useragent

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tlsfloor/tlsfloor/internal/platform"
)

func TestFacts(t *testing.T) {
	clr := func(v string) map[string]string { return map[string]string{"CLRVersion": v} }
	win7 := platform.OS{Family: platform.OSWindows, Version: "6.1", Build: 7601, ServicePack: 1}
	tests := []struct {
		name string
		ua   string
		want platform.Facts
	}{
		{"dotnet-35 on Windows 7 SP1",
			"aws-sdk-dotnet-35/3.3.1.0 aws-sdk-dotnet-core/3.3.1.0 .NET_Runtime/2.0 .NET_Framework/3.5 OS/Microsoft_Windows_NT_6.1.7601_Service_Pack_1 ClientSync",
			platform.Facts{OS: win7, Runtimes: []platform.Runtime{{Name: platform.RuntimeNetFramework, Version: "3.5", Settings: clr("2.0")}}}},
		{"dotnet-45 legacy 4.0 leaves the version unknown",
			"aws-sdk-dotnet-45/3.3.110.50 aws-sdk-dotnet-core/3.3.104.38 .NET_Runtime/4.0 .NET_Framework/4.0 OS/Microsoft_Windows_NT_6.1.7601_Service_Pack_1 ClientSync",
			platform.Facts{OS: win7, Runtimes: []platform.Runtime{{Name: platform.RuntimeNetFramework, Settings: clr("4.0")}}}},
		{"UA 2.0 reports the release",
			"aws-sdk-net/3.7.400.1 ua/2.0 os/windows#6.1.7601.65536 md/.NET_Framework#4.8.04084",
			platform.Facts{OS: win7, Runtimes: []platform.Runtime{{Name: platform.RuntimeNetFramework, Version: "4.8"}}}},
		{"coreclr file version is not a product version",
			"aws-sdk-dotnet-coreclr/3.3.5.0 aws-sdk-dotnet-core/3.3.17.4 .NET_Core/4.6.26614.01 OS/Microsoft_Windows_10.0.15063 ClientAsync",
			platform.Facts{OS: platform.OS{Family: platform.OSWindows, Version: "10.0", Build: 15063}, Runtimes: []platform.Runtime{{Name: platform.RuntimeDotNet}}}},
		{"PowerShell desktop",
			"AWSPowerShell/3.3.563.1 .NET_Runtime/4.0 .NET_Framework/4.0 OS/Microsoft_Windows_NT_6.3.9600.0 WindowsPowerShell/5.1 ClientSync",
			platform.Facts{OS: platform.OS{Family: platform.OSWindows, Version: "6.3", Build: 9600}, Runtimes: []platform.Runtime{
				{Name: platform.RuntimeNetFramework, Settings: clr("4.0")},
				{Name: platform.RuntimePowerShell, Version: "5.1", Settings: map[string]string{"PSEdition": "Desktop"}},
			}}},
		{"PowerShell core",
			"AWSPowerShell.Common/4.1.90.0 .NET_Core/6.0.5 OS/Unix_5.10.223 PowerShellCore/7.-1 ClientAsync",
			platform.Facts{OS: platform.OS{Version: "5.10.223"}, Runtimes: []platform.Runtime{
				{Name: platform.RuntimeDotNet, Version: "6.0.5"},
				{Name: platform.RuntimePowerShell, Version: "7", Settings: map[string]string{"PSEdition": "Core"}},
			}}},
		{"Java on Windows Server",
			"aws-sdk-java/1.11.415 Windows_Server_2008_R2/6.1 Java_HotSpot(TM)_64-Bit_Server_VM/25.181-b13 java/1.8.0_181",
			platform.Facts{OS: platform.OS{Family: platform.OSWindows, Version: "6.1", Server: true}, Runtimes: []platform.Runtime{{Name: platform.RuntimeJava, Version: "1.8.0_181"}}}},
		{"AWS CLI v1 uses the host Python",
			"aws-cli/1.3.23 Python/2.7.6 Linux/2.6.18-164.el5",
			platform.Facts{OS: platform.OS{Family: platform.OSLinux, Version: "2.6.18-164.el5"}, Runtimes: []platform.Runtime{
				{Name: platform.RuntimePython, Version: "2.7.6"}, {Name: platform.RuntimeAWSCLI, Version: "1.3.23"},
			}}},
		{"AWS CLI v2 bundles Python",
			"aws-cli/2.2.5 Python/3.8.8 Linux/4.14.232 exec-env/CloudShell exe/x86_64.amzn.2",
			platform.Facts{OS: platform.OS{Family: platform.OSLinux, Version: "4.14.232"}, Runtimes: []platform.Runtime{{Name: platform.RuntimeAWSCLI, Version: "2.2.5"}}}},
		{"Go v1 on macOS",
			"aws-sdk-go/1.5.8 (go1.7.3; darwin; amd64)",
			platform.Facts{OS: platform.OS{Family: platform.OSDarwin}, Runtimes: []platform.Runtime{{Name: platform.RuntimeGo, Version: "1.7.3"}}}},
		{"Node.js",
			"aws-sdk-nodejs/2.1692.0 linux/v18.17.0 exec-env/AWS_Lambda_nodejs18.x",
			platform.Facts{OS: platform.OS{Family: platform.OSLinux}, Runtimes: []platform.Runtime{{Name: platform.RuntimeNode, Version: "18.17.0"}}}},
		{"boto3 Python",
			"Boto3/1.9.201 Python/2.7.16 Linux/4.14.133 Botocore/1.12.201",
			platform.Facts{OS: platform.OS{Family: platform.OSLinux, Version: "4.14.133"}, Runtimes: []platform.Runtime{{Name: platform.RuntimePython, Version: "2.7.16"}}}},
		{"console has no facts", "console.amazonaws.com", platform.Facts{}},
		{"garbage has no facts", "((( ////", platform.Facts{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Parse(tc.ua).Facts(), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Facts(%q) mismatch (-want +got):\n%s", tc.ua, diff)
			}
		})
	}
}

// TestFactsReachKnowledgeBase checks that a .NET 3.5 client on Windows 7
// SP1 reaches the entries about KB3154518 and the registry.
func TestFactsReachKnowledgeBase(t *testing.T) {
	a := Parse("aws-sdk-dotnet-35/3.3.1.0 aws-sdk-dotnet-core/3.3.1.0 .NET_Runtime/2.0 .NET_Framework/3.5 OS/Microsoft_Windows_NT_6.1.7601_Service_Pack_1 ClientSync")
	got := map[string]bool{}
	for _, r := range platform.Evaluate(a.Facts(), platform.Floor{}) {
		got[r.Entry.ID] = true
	}
	for _, id := range []string{"TF-PLAT-NETFX35-HOTFIX", "TF-PLAT-NETFX-REGISTRY"} {
		if !got[id] {
			t.Errorf("Evaluate gave no result for %s; got %v", id, got)
		}
	}
}
