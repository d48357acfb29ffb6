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
// proxy [--listen ADDR] [--allow PATTERN|CIDR]... [--mode enforce|audit] [--floor FLOOR] [--metrics ADDR] [--config FILE] [--resolve HOST:PORT:ADDR]... [--users-file FILE] [--tls-cert FILE --tls-key FILE [--client-ca FILE]] [--upgrade] [--max-conns N] [--drain-timeout D]
//
// Run an HTTP CONNECT egress proxy that reads every tunnel's ClientHello
// (reassembled across records, judged by its highest supported_versions
// entry) and the server's reply, and refuses a tunnel below --floor with a
// TLS protocol_version alert, or, with --mode audit, logs it and lets it
// through. Destinations must match --allow (repeatable; the default is the
// AWS domains of every partition, which any --allow replaces); names are
// resolved and checked at dial time, and loopback, private, link-local and
// other special-purpose addresses are refused unless an --allow CIDR covers
// them. It listens on 127.0.0.1:3128 unless told otherwise and is never an
// open proxy. --users-file requires Proxy-Authorization: Basic from its
// "name:password" lines. --tls-cert and --tls-key make it an HTTPS proxy
// (curl --proxy https://...), whose own listener accepts TLS 1.2 or later
// only; --client-ca then requires a client certificate from its CAs and
// logs the certificate's Subject CN, else its first subject alternative
// name, as the identity (with --users-file too, a client needs both).
// --upgrade lets clients that cannot speak TLS 1.2
// send plain-HTTP proxy requests that are sent upstream over TLS; those
// travel unencrypted between client and proxy, so only loopback clients may
// use it unless --upgrade-client names more. Each decision is one JSON line
// (log/slog) on standard error, message "proxy decision", with the fields
// client, identity, user, kind, destination, sni, sni_mismatch (the
// ClientHello names another host than CONNECT did; let through, and
// counted), offered_versions, offered_groups, negotiated_version, decision
// (allow, deny, would_deny), reason, detail, mode, bytes_up, bytes_down and
// duration_ms; --metrics serves Prometheus metrics at /metrics on a
// separate listener. A tunnel holds up to 6 file descriptors, so the
// default --max-conns 4096 needs about 24,600 open files: the proxy raises
// its soft RLIMIT_NOFILE up to the hard limit at start, and warns with the
// --max-conns that fits when that is not enough. --config reads the same
// settings from a YAML file:
//
//	listen: 127.0.0.1:3128
//	metrics: 127.0.0.1:9810
//	mode: enforce               # or audit
//	floor: "1.2"                # or "1.3", pq
//	allow: ["*.amazonaws.com", 10.20.0.0/16]
//	resolve: [sts.eu-west-1.amazonaws.com:443:10.20.1.5]
//	users_file: users.txt       # relative to this file
//	tls: {cert_file: proxy.pem, key_file: proxy-key.pem, client_ca_file: clients.pem}
//	upgrade: {enabled: false, clients: [10.1.0.0/16], ca_file: ca.pem}
//	limits: {max_conns: 4096, header_timeout: 10s, hello_timeout: 10s, idle_timeout: 5m, dial_timeout: 10s}
//	drain_timeout: 20s
//
// Unknown keys and bad values are errors naming the file and line. Flags
// given override the file. SIGHUP reloads the file, the users file and
// the TLS files; a file with any error is rejected whole, the error is logged, and the
// running settings stay. SIGTERM or SIGINT stops accepting and waits up to
// --drain-timeout for open tunnels, then exits 0. Settings weaker than the
// default (audit mode, upgrade mode, a non-loopback listener, an --allow
// CIDR over special-purpose addresses, a users or key file others can
// read) are
// warned about on standard error and in the log. An invalid configuration
// at start, or an address that cannot be listened on, exits 1.
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
// trail [--workers N] [--input KIND] [reporting flags] PATH|s3://bucket/prefix|-...
// trail --emit athena|lake [--since DAY] [--until DAY] [--table NAME] [--floor F] [-o FILE] [LOCATION|STORE]
//
// Read CloudTrail log files (.json.gz or .json, in the S3 key layout,
// organisation trails too; an S3 bucket as s3://bucket/prefix through the
// AWS SDK's default credential chain, with AWS_REGION and
// AWS_ENDPOINT_URL_S3 honoured and --s3-path-style for S3-compatible
// servers; or standard input with "-") and name every caller whose calls
// were recorded below --floor, grouped by account, principal, access key,
// source IP, VPC endpoint, user agent and service, with counts, first and
// last seen, sample event IDs, and the fix for the caller's stack read off
// its user agent. The report also gives the share of each TLS version per
// service and per day, and how much of each service CloudTrail's TLS
// logging covers. Records without a TLS version are counted by who made
// the call (AWS service events, AWS services, "AWS Internal", console-
// proxied calls, customer callers); each customer caller among them is
// listed with verdict unknown, since the logs cannot show it is at or
// above the floor. Those callers are grouped by account, principal, user
// agent and service, with the sessions of an assumed role as one
// principal, arn:aws:sts::ACCOUNT:assumed-role/ROLE/*. The text summary accounts for every record
// (duplicates, records without a TLS version by class, invalid records) and then for
// the files skipped (digest, insight, not CloudTrail, unreadable, each
// unreadable one named on standard error). On a terminal, progress is
// shown on standard error. Memory does not grow with the input: each
// record with an event ID leaves 36 bytes in a log that finds duplicates
// at the end; past 8 MiB the log moves to files under $TMPDIR (default
// /tmp), removed when the run ends, and a failure to write them stops the
// run.
//
// The JSON schema is "tlsfloor.trail/v1": each finding's details hold the
// caller (principal, key, source, user agent, parsed agent, counts,
// samples, fix) and the summary's details hold totals that reconcile
// (read = counted + duplicates + without a TLS version + skipped records,
// the last split by class),
// the files skipped, and the shares per service and per day. --format csv
// writes one row per caller, with a verdict column (fail below the floor,
// unknown without a version); --format html one self-contained page with a
// chart of the TLS version share per day and the caller table.
//
// --emit athena prints the Athena CREATE EXTERNAL TABLE for the trail's
// S3 location (partition projection on the delivery day) and the query
// that computes the same report; --emit lake prints that query for a
// CloudTrail Lake event data store. --since and --until bound the days
// (default: the 30 days up to today). trail reads the results those
// queries export (Athena's CSV; CloudTrail Lake's CSV or GetQueryResults
// JSON), told from their content or named with --input athena|lake, and
// reports as from the logs. An export made for a lower --floor than the
// one asked for is an error.
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
//		The report format: text (the default, for people), html (one
//		self-contained page, for people), or json, sarif or csv (machine
//		formats, for programs).
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
