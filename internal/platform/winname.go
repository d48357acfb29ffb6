package platform

import "fmt"

// Windows build numbers the knowledge base turns on.
const (
	buildVistaSP2   = 6002  // Windows Vista SP2 / Server 2008 SP2
	build7RTM       = 7600  // Windows 7 / Server 2008 R2
	build7SP1       = 7601  // Windows 7 SP1 / Server 2008 R2 SP1
	build8          = 9200  // Windows 8 / Server 2012
	build81         = 9600  // Windows 8.1 / Server 2012 R2
	build10v1511    = 10586 // Windows 10 1511
	build10v1607    = 14393 // Windows 10 1607 / Server 2016
	buildServer2022 = 20348 // Windows Server 2022
	build11         = 22000 // Windows 11 21H2
)

// windowsNames maps a build to its client and server names. The builds in
// platform-matrix.md section 7 are marked [unverified, well-known] there;
// the Windows 10 feature updates between 1607 and 22H2 and the builds
// before 7600 are from the same public lists and equally unverified.
var windowsNames = map[int][2]string{
	2600:  {"Windows XP", "Windows XP"},
	3790:  {"Windows XP x64", "Windows Server 2003"},
	6000:  {"Windows Vista", "Windows Vista"},
	6001:  {"Windows Vista SP1", "Windows Server 2008"},
	6002:  {"Windows Vista SP2", "Windows Server 2008 SP2"},
	6003:  {"Windows Vista SP2", "Windows Server 2008 SP2"},
	7600:  {"Windows 7", "Windows Server 2008 R2"},
	7601:  {"Windows 7 SP1", "Windows Server 2008 R2 SP1"},
	9200:  {"Windows 8", "Windows Server 2012"},
	9600:  {"Windows 8.1", "Windows Server 2012 R2"},
	10240: {"Windows 10 1507", "Windows 10 1507"},
	10586: {"Windows 10 1511", "Windows 10 1511"},
	14393: {"Windows 10 1607", "Windows Server 2016"},
	15063: {"Windows 10 1703", "Windows 10 1703"},
	16299: {"Windows 10 1709", "Windows Server 1709"},
	17134: {"Windows 10 1803", "Windows Server 1803"},
	17763: {"Windows 10 1809", "Windows Server 2019"},
	18362: {"Windows 10 1903", "Windows Server 1903"},
	18363: {"Windows 10 1909", "Windows Server 1909"},
	19041: {"Windows 10 2004", "Windows Server 2004"},
	19042: {"Windows 10 20H2", "Windows Server 20H2"},
	19043: {"Windows 10 21H1", "Windows 10 21H1"},
	19044: {"Windows 10 21H2", "Windows 10 21H2"},
	19045: {"Windows 10 22H2", "Windows 10 22H2"},
	20348: {"Windows Server 2022", "Windows Server 2022"},
	22000: {"Windows 11 21H2", "Windows 11 21H2"},
	22621: {"Windows 11 22H2", "Windows 11 22H2"},
	22631: {"Windows 11 23H2", "Windows 11 23H2"},
	26100: {"Windows 11 24H2", "Windows Server 2025"},
}

// WindowsName returns the product name of a Windows build, the server
// name when server is true: 7601 gives "Windows 7 SP1" or "Windows Server
// 2008 R2 SP1". An unlisted build gives "Windows build N"; 0 gives
// "Windows".
func WindowsName(build int, server bool) string {
	names, ok := windowsNames[build]
	switch {
	case build == 0:
		return "Windows"
	case !ok:
		return fmt.Sprintf("Windows build %d", build)
	case server:
		return names[1]
	}
	return names[0]
}

// windowsSubject names the machine for a result: "Windows Server 2008 R2
// SP1 (build 7601)".
func windowsSubject(os OS) string {
	if os.Build == 0 {
		return "Windows (build unknown)"
	}
	return fmt.Sprintf("%s (build %d)", WindowsName(os.Build, os.Server), os.Build)
}
