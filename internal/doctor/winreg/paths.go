package winreg

// Registry paths under HKEY_LOCAL_MACHINE that decide TLS on Windows,
// spelled as Microsoft's documents spell them. Lookups ignore case, so
// exports that write WOW6432Node match too.
const (
	pathCurrentVersion = `SOFTWARE\Microsoft\Windows NT\CurrentVersion`
	pathSelect         = `SYSTEM\Select`
	pathComputerName   = `Control\ComputerName\ComputerName` // under a control set
	pathProtocols      = `Control\SecurityProviders\SCHANNEL\Protocols`
	pathNDP4Full       = `SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full`
	pathNDP35          = `SOFTWARE\Microsoft\NET Framework Setup\NDP\v3.5`
	pathPackages       = `SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\Packages`
	currentControlSet  = `SYSTEM\CurrentControlSet`
)

// netFrameworkPaths are the four keys that carry SchUseStrongCrypto and
// SystemDefaultTlsVersions: .NET 4.x and 3.5, native and 32-bit on 64-bit
// Windows.
var netFrameworkPaths = []string{
	`SOFTWARE\Microsoft\.NETFramework\v4.0.30319`,
	`SOFTWARE\Wow6432Node\Microsoft\.NETFramework\v4.0.30319`,
	`SOFTWARE\Microsoft\.NETFramework\v2.0.50727`,
	`SOFTWARE\Wow6432Node\Microsoft\.NETFramework\v2.0.50727`,
}

// winHTTPPaths are the keys that carry WinHTTP's DefaultSecureProtocols,
// native and 32-bit on 64-bit Windows (KB3140245).
var winHTTPPaths = []string{
	`SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp`,
	`SOFTWARE\Wow6432Node\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp`,
}

// powerShellPaths are the Windows PowerShell engine keys: 1 for 2.0 (CLR
// 2.0), 3 for 3.0 to 5.1 (CLR 4.0).
var powerShellPaths = []string{
	`SOFTWARE\Microsoft\PowerShell\1\PowerShellEngine`,
	`SOFTWARE\Microsoft\PowerShell\3\PowerShellEngine`,
}

// branch is a part of HKEY_LOCAL_MACHINE that [Live] reads.
type branch struct {
	path string
	// tree reads the subkeys too, all levels down.
	tree bool
	// kbNames reads only the names of the subkeys, and only those that
	// name a KB article.
	kbNames bool
}

// branches lists what Live reads: every key [Facts] looks at.
func branches() []branch {
	list := []branch{
		{path: pathCurrentVersion},
		{path: pathSelect},
		{path: currentControlSet + `\` + pathComputerName},
		{path: currentControlSet + `\` + pathProtocols, tree: true},
		{path: pathNDP4Full},
		{path: pathNDP35},
		{path: pathPackages, kbNames: true},
	}
	for _, group := range [][]string{netFrameworkPaths, winHTTPPaths, powerShellPaths} {
		for _, p := range group {
			list = append(list, branch{path: p})
		}
	}
	return list
}
