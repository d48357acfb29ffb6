package platform

import (
	"crypto/tls"
	"testing"
)

func TestCompareVersions(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{name: "equal", a: "1.26.8", b: "1.26.8", want: 0},
		{name: "numeric not lexical", a: "1.10", b: "1.9", want: 1},
		{name: "trailing zeros", a: "1.0", b: "1.0.0", want: 0},
		{name: "OpenSSL letter after plain", a: "1.0.1e", b: "1.0.1", want: 1},
		{name: "OpenSSL letters", a: "1.0.1e", b: "1.0.1t", want: -1},
		{name: "OpenSSL 1.0.0t before 1.0.1", a: "1.0.0t", b: "1.0.1", want: -1},
		{name: "OpenSSL 1.1.1w vs 3.0.2", a: "1.1.1w", b: "3.0.2", want: -1},
		{name: "Java update", a: "8u292", b: "8u291", want: 1},
		{name: "Java update vs plain", a: "8u292", b: "8", want: 1},
		{name: "Java 17", a: "17.0.15", b: "17.0.9", want: 1},
		{name: "Unity final", a: "2018.2.0f1", b: "2018.2", want: 1},
		{name: "Unity older", a: "2018.1.9f2", b: "2018.2", want: -1},
		{name: "Unity revisions", a: "2018.2.0f2", b: "2018.2.0f1", want: 1},
		{name: "release candidate before release", a: "1.22rc1", b: "1.22", want: -1},
		{name: "beta before release", a: "3.5.0-beta1", b: "3.5.0", want: -1},
		{name: "go prefix", a: "go1.26.8", b: "1.18", want: 1},
		{name: "v prefix", a: "v20.20.2", b: "11.4", want: 1},
		{name: "leading zeros", a: "1.010", b: "1.10", want: 0},
		{name: "long numbers", a: "1.123456789012345678901", b: "1.99", want: 1},
		{name: "empty before anything", a: "", b: "0.1", want: -1},
		{name: "both empty", a: "", b: "", want: 0},
		{name: "case", a: "1.0.1E", b: "1.0.1e", want: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CompareVersions(tt.a, tt.b); got != tt.want {
				t.Errorf("CompareVersions(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := CompareVersions(tt.b, tt.a); got != -tt.want {
				t.Errorf("CompareVersions(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
			}
		})
	}
}

func TestNetFrameworkVersion(t *testing.T) {
	tests := []struct {
		release int
		want    string
	}{
		{release: 0, want: ""},
		{release: 378388, want: ""},
		{release: 378389, want: "4.5"},
		{release: 378675, want: "4.5.1"},
		{release: 379893, want: "4.5.2"},
		{release: 393295, want: "4.6"},
		{release: 394254, want: "4.6.1"},
		{release: 394802, want: "4.6.2"},
		{release: 460797, want: "4.6.2"},
		{release: 460798, want: "4.7"},
		{release: 461308, want: "4.7.1"},
		{release: 461808, want: "4.7.2"},
		{release: 528039, want: "4.7.2"},
		{release: 528040, want: "4.8"},
		{release: 528049, want: "4.8"},
		{release: 533319, want: "4.8"},
		{release: 533320, want: "4.8.1"},
		{release: 999999, want: "4.8.1"},
	}
	for _, tt := range tests {
		if got := NetFrameworkVersion(tt.release); got != tt.want {
			t.Errorf("NetFrameworkVersion(%d) = %q, want %q", tt.release, got, tt.want)
		}
	}
}

func TestWindowsName(t *testing.T) {
	tests := []struct {
		build  int
		server bool
		want   string
	}{
		{build: 7601, server: false, want: "Windows 7 SP1"},
		{build: 7601, server: true, want: "Windows Server 2008 R2 SP1"},
		{build: 6002, server: true, want: "Windows Server 2008 SP2"},
		{build: 6002, server: false, want: "Windows Vista SP2"},
		{build: 9200, server: true, want: "Windows Server 2012"},
		{build: 9600, server: false, want: "Windows 8.1"},
		{build: 14393, server: true, want: "Windows Server 2016"},
		{build: 17763, server: true, want: "Windows Server 2019"},
		{build: 20348, server: true, want: "Windows Server 2022"},
		{build: 22000, server: false, want: "Windows 11 21H2"},
		{build: 26100, server: true, want: "Windows Server 2025"},
		{build: 12345, server: false, want: "Windows build 12345"},
		{build: 0, server: false, want: "Windows"},
	}
	for _, tt := range tests {
		if got := WindowsName(tt.build, tt.server); got != tt.want {
			t.Errorf("WindowsName(%d, %v) = %q, want %q", tt.build, tt.server, got, tt.want)
		}
	}
}

func TestJavaVersion(t *testing.T) {
	tests := []struct {
		in            string
		major, update int
		ok            bool
	}{
		{in: "1.8.0_292", major: 8, update: 292, ok: true},
		{in: "1.8.0_292-b10", major: 8, update: 292, ok: true},
		{in: "8u291", major: 8, update: 291, ok: true},
		{in: "11.0.11+9", major: 11, update: 11, ok: true},
		{in: "17.0.15+6-Ubuntu-0ubuntu1", major: 17, update: 15, ok: true},
		{in: "21", major: 21, update: 0, ok: true},
		{in: "1.7.0_80", major: 7, update: 80, ok: true},
		{in: "", ok: false},
		{in: "openjdk", ok: false},
	}
	for _, tt := range tests {
		major, update, ok := javaVersion(tt.in)
		if major != tt.major || update != tt.update || ok != tt.ok {
			t.Errorf("javaVersion(%q) = %d, %d, %v; want %d, %d, %v", tt.in, major, update, ok, tt.major, tt.update, tt.ok)
		}
	}
}

func TestNormalizeFrameworks(t *testing.T) {
	tests := []struct {
		in, framework, dotnet string
	}{
		{in: "net472", framework: "4.7.2", dotnet: ""},
		{in: "net35", framework: "3.5", dotnet: ""},
		{in: "v4.5.2", framework: "4.5.2", dotnet: ""},
		{in: ".NETFramework,Version=v4.8", framework: "4.8", dotnet: ""},
		{in: "4.8", framework: "4.8", dotnet: ""},
		{in: "net8.0", framework: "", dotnet: "8.0"},
		{in: "net8.0-android", framework: "", dotnet: "8.0"},
		{in: "netcoreapp2.0", framework: "", dotnet: "2.0"},
		{in: ".NETCoreApp,Version=v2.1", framework: "", dotnet: "2.1"},
		{in: "netstandard2.0", framework: "", dotnet: ""},
	}
	for _, tt := range tests {
		if got := normalizeFramework(tt.in); got != tt.framework {
			t.Errorf("normalizeFramework(%q) = %q, want %q", tt.in, got, tt.framework)
		}
		if got := normalizeDotnet(tt.in); got != tt.dotnet {
			t.Errorf("normalizeDotnet(%q) = %q, want %q", tt.in, got, tt.dotnet)
		}
	}
}

func TestParseTLSVersion(t *testing.T) {
	tests := []struct {
		in   string
		want uint16
		ok   bool
	}{
		{in: "TLSv1.2", want: tls.VersionTLS12, ok: true},
		{in: "TLSv1", want: tls.VersionTLS10, ok: true},
		{in: "TLS1.0", want: tls.VersionTLS10, ok: true},
		{in: "TLSv1_1", want: tls.VersionTLS11, ok: true},
		{in: "TLSVersion.TLSv1_3", want: tls.VersionTLS13, ok: true},
		{in: "771", want: tls.VersionTLS12, ok: true},
		{in: "SSLv3", want: 0x0300, ok: true},
		{in: "None", ok: false},
		{in: "", ok: false},
	}
	for _, tt := range tests {
		got, ok := parseTLSVersion(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseTLSVersion(%q) = %#x, %v; want %#x, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
