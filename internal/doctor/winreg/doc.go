// Package winreg reads Windows registry exports, the .reg files that
// reg.exe and regedit write, and turns the keys that decide TLS on a
// Windows machine into [platform.Facts]. On Windows, [Live] reads the same
// keys from the running machine, so a live machine and an exported one
// are judged by the same code.
//
// # Exports
//
// [Parse] reads the format as reg.exe export writes it: UTF-16LE with a
// byte order mark and CR LF line ends, starting with the line
// "Windows Registry Editor Version 5.00". It also reads UTF-8, with or
// without a byte order mark, and the older "REGEDIT4" header. It reads:
//
//	[HKEY_LOCAL_MACHINE\...]   a key; HKLM and the other short root names too
//	[-HKEY_LOCAL_MACHINE\...]  a key deletion: skipped, with a note
//	"Name"="text"              REG_SZ, with \\ and \" escaped
//	@="text"                   the key's default value
//	"Name"=dword:0000000a      REG_DWORD
//	"Name"=hex:01,02           REG_BINARY
//	"Name"=hex(N):01,02        type N: hex(2) REG_EXPAND_SZ and hex(7)
//	                           REG_MULTI_SZ in UTF-16LE, hex(b) REG_QWORD
//	"Name"=-                   a value deletion: skipped, with a note
//	; text                     a comment
//
// Hex data may continue over several lines, each ending in a backslash.
// In REGEDIT4 files hex string data is one byte a character; Parse widens
// it to UTF-16 as the registry stores it. Exports joined with copy or cat
// may repeat the header and byte order mark between them.
//
// Anything else fails the whole parse with a [*SyntaxError] that names
// the input and the line, such as
//
//	reg: fleet/web01.reg:17: malformed dword "xyz"
//
// as does UTF-16 input with an odd number of bytes, which is a truncated
// file.
//
// Registry paths and value names are compared without regard to case, as
// Windows compares them: [Export.Key] finds
// `HKLM\SOFTWARE\WOW6432Node\...` in an export that spells it
// `HKEY_LOCAL_MACHINE\SOFTWARE\Wow6432Node\...`. [Merge] joins the exports
// of one machine, one file per exported branch, into one.
//
// # Facts
//
// [Facts] reads the Windows version from
// HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion, the SCHANNEL protocol
// keys, the four .NETFramework keys with SchUseStrongCrypto and
// SystemDefaultTlsVersions, the .NET Framework 4.5+ Release and 3.5
// Install values, WinHTTP's DefaultSecureProtocols, the Windows
// PowerShell engines and the ComputerName. What an export does not hold
// stays unknown.
package winreg
