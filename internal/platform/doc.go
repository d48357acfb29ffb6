// Package platform is tlsfloor's knowledge base: the matrix of what each
// stack needs to reach TLS 1.2 toward AWS (from the AWS SDK for .NET guide
// "Enforcing TLS 1.2" and the Microsoft, OpenSSL, Apple, Unity, Java, Python,
// Node.js and Go documents it leads to), as data. doctor, scan and trail
// all judge through it, so a fact lives in one place.
//
// # Entries
//
// Each [Entry] is one row: a platform under a condition, the requirement,
// the exact remediation, its sources, a severity, and the lowest [Floor]
// it is judged for. [Entries] lists them in table order and [Lookup] finds
// one by ID; [Rules] describes them as report rules.
//
// # Evaluating
//
// Callers describe what they know in [Facts] and call [Evaluate] with a
// [Floor]. Every entry that applies to the facts and the floor gives one
// [Result] per subject (a machine, a runtime, a project), in table order
// and then in the order of the facts. TLS 1.2 entries apply to every
// floor; TLS 1.3 entries only when the floor is TLS 1.3; post-quantum
// entries only when the floor asks for post-quantum.
//
// # Unknown
//
// Anything left zero in Facts is unknown, and a check whose facts are
// unknown reports [Unknown] rather than a guess: the message says what to
// collect (a registry value, the hotfix list, a version). Unknown is never
// a pass. Absence inside collected facts is different: a Windows registry
// that was read but has no SCHANNEL key means the OS default applies,
// which is judged like any other value. Settings that are normally unset
// (GODEBUG, NODE_OPTIONS, jdk.tls.client.protocols) count as unset when
// absent; settings that always have a value (jdk.tls.disabledAlgorithms,
// ssl.minimum_version, tls.DEFAULT_MIN_VERSION) are Unknown when absent.
package platform
