// Tlsfloor reports what talks to AWS below a TLS floor: TLS 1.2 unless
// asked for more.
//
// Usage:
//
//	tlsfloor <command> [flags] [arguments]
//	tlsfloor help [command]
//	tlsfloor <command> -h
//
// Flags follow the command. "tlsfloor", "tlsfloor -h" and "tlsfloor help"
// print the list of commands; "tlsfloor help <command>" and
// "tlsfloor <command> -h" print a command's usage, flags and an example.
// Help that was asked for goes to standard output. Everything else tlsfloor
// says to the user goes to standard error, one message a line, each line
// starting with one of these prefixes:
//
//	tlsfloor:
//	tlsfloor: error:
//	tlsfloor: warning:
//	tlsfloor: hint:
//
// An error is printed once, followed by any hints about it.
//
// # Commands
//
// doctor [--handshake] [--binary FILE]... [reporting flags]
//
// Check the machine doctor runs on against tlsfloor's knowledge base of
// what each stack needs for TLS 1.2 and later: the operating system (on
// Windows: SCHANNEL, .NET Framework, WinHTTP and update registry values),
// the system OpenSSL and the floor its configuration sets ("no protocol
// floor" when none is set), and each runtime on PATH (go, java, python3,
// node, dotnet, pwsh, aws, curl) with the settings that lower its floor.
// --binary reads a Go binary's recorded DefaultGODEBUG. Every check reports
// pass, warn, fail or unknown, with the fix; a fact that cannot be read is
// unknown, never a pass. --handshake also starts servers on 127.0.0.1
// limited to TLS 1.0, 1.1, 1.2, 1.3 and a post-quantum hybrid group, and
// reports what each client on PATH really negotiates with them.
//
// doctor --collect [-o FILE]
//
// Write this machine's facts as a JSON snapshot ("tlsfloor.snapshot/v1")
// for a later --from, on another machine.
//
// doctor --from [reporting flags] FILE|DIR...
//
// Judge snapshots and "reg export" files (UTF-16 or UTF-8), one machine
// per file or directory, each with a machine verdict. Files that cannot be
// read are reported with their line and counted; the others are judged.
//
// probe [-f FILE]... [--resolve HOST:PORT:ADDR]... [--starttls PROTO] [--ca FILE] [--aws-service S --aws-region R] [reporting flags] [TARGET...]
//
// Connect to each target and learn from the server's own answers which
// versions (SSL 3.0 to TLS 1.3) it accepts and how it refuses the others,
// its cipher suites per version in its order, its key exchange groups
// (post-quantum hybrids included) and its certificate chain; judge each
// endpoint against --floor. Targets are host, host:port, https:// URLs,
// IPv6 addresses, smtp://, postgres:// and mysql:// (STARTTLS), lines of -f
// files, standard input ("-"), and AWS endpoint names expanded from
// --aws-service and --aws-region. The JSON document
// ("tlsfloor.probe/v1") carries each endpoint's full result as the
// details of its finding: target, address, accepted_versions, refused,
// cipher_suites, groups, certificate, below_floor. --fail-on below-floor
// exits 3 when an endpoint accepts less than the floor.
//
// scan [--exclude GLOB]... [--baseline FILE] [--include-vendor] [--max-size SIZE] [reporting flags] [PATH...]
//
// Find every setting that lowers the TLS floor in the files under each
// PATH (default "."): protocol versions, certificate checks, cipher suites
// and GODEBUG settings in code, project files and infrastructure as code.
// "scan --rules" lists the rules (ID, severity, title) and exits 0. Files
// that .gitignore files ignore, --exclude globs (.gitignore syntax),
// vendor/, node_modules/, third_party/, bower_components/ and .terraform/
// (unless --include-vendor), .git/, binary files and files over --max-size
// (default 10MB) are skipped, and the summary counts each reason;
// unreadable and too large files are also named on standard error.
// Symbolic links are not followed. A comment that starts with
//
//	tlsfloor:ignore TF-GO-001 -- reason
//
// on a finding's line or the line above, in any comment syntax, suppresses
// it; without a reason it suppresses nothing and is reported as
// TF-SCAN-SUPPRESS. With --baseline FILE, an earlier "scan --format json"
// report, findings it holds (same rule, file and line text) are not
// reported again. The JSON schema is "tlsfloor.scan/v1"; SARIF carries
// every rule with its CWE. scan judges against TLS 1.2 only: --floor 1.3
// and pq are usage errors.
//
// trail [--workers N] [reporting flags] PATH...
//
// Read CloudTrail log files (.json.gz or .json, in the S3 key layout,
// organisation trails too, or standard input with "-") and name every
// caller whose calls were recorded below --floor, grouped by account,
// principal, access key, source IP, VPC endpoint, user agent and service,
// with counts, first and last seen, sample event IDs, and the fix for the
// caller's stack read off its user agent. The summary accounts for every
// record: duplicates, records without tlsDetails, invalid records, and
// unreadable, digest and insight files.
//
// version [-json]
//
// Print the tlsfloor version; the source revision, its time and whether the
// tree was modified, when the build recorded them; the Go version; and the
// operating system and architecture. With -json, print the same as one JSON
// object:
//
//	{
//	  "schema": "tlsfloor.version/v1",
//	  "version": "...",
//	  "revision": "...",
//	  "time": "...",
//	  "modified": false,
//	  "go_version": "...",
//	  "os": "...",
//	  "arch": "..."
//	}
//
// revision, time and modified are left out when the build did not record
// them.
//
// help [command]
//
// Print the list of commands, or the usage of one command.
//
// # Reporting flags
//
// Commands that report findings share these flags:
//
//	--format FORMAT
//		The report format: text (the default, for people), or json,
//		sarif or csv (machine formats, for programs).
//	-o FILE
//		Write the report to FILE instead of standard output. The file is
//		replaced only when the report is complete; a run that fails
//		leaves an earlier file as it was. "-" means standard output.
//	--fail-on LEVEL
//		Exit 3 when an unsuppressed finding is at or above LEVEL: none,
//		info, low, medium, high or critical. A command may accept more
//		words, listed in its help. Without the flag, text reports fail
//		on low and machine formats on none.
//	--floor FLOOR
//		The floor verdicts are judged against: 1.2 (the default), 1.3,
//		or pq for TLS 1.3 with a post-quantum key exchange. tls1.2,
//		tls1.3 and post-quantum are accepted too.
//
// Suppressed findings are reported, marked as suppressed, and never fail a
// run.
//
// # Exit codes
//
//	0  success: no unsuppressed finding at the --fail-on level
//	1  error at run time
//	2  usage error: an unknown command or flag, or a bad flag value
//	3  findings at or above the --fail-on level
//
// In the text format, any unsuppressed finding of severity low or above
// exits 3. The machine formats json, sarif and csv exit 0 on findings
// unless --fail-on is given. Commands that report every check they ran,
// such as doctor, give each a verdict: warn and fail count at their
// severity, while pass and unknown (could not be verified) never exit 3.
package main
