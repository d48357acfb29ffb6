// Package snapshot writes and reads tlsfloor's machine snapshot: the
// facts about one machine's TLS stack ([platform.Facts]) saved as JSON, so
// that a machine can be judged somewhere else. `doctor --collect` writes
// one on a Windows machine, from the live registry; `doctor --from FILE`
// reads it, and judges it exactly as the live machine would be judged.
//
// # Format
//
// A snapshot is one UTF-8 JSON object. [Write] writes its members in this
// order with two-space indentation; readers must not depend on the order
// or the layout.
//
//	schema     string, "tlsfloor.snapshot/v1". The suffix is the version
//	           of this layout.
//	collected  string, the RFC 3339 time the facts were collected, such
//	           as "2026-03-14T09:26:53Z".
//	host       string, the machine's name as the collector saw it; may be
//	           empty.
//	facts      object, the facts ([platform.Facts] as JSON):
//	  host       string, optional: the machine's name from its own
//	             settings (on Windows the ComputerName).
//	  os         object: family ("windows", "linux", "darwin", ...), name,
//	             version, build, ubr, service_pack, server.
//	  windows    object, optional, on Windows: schannel (protocol, side,
//	             enabled, disabled_by_default), netframework (path,
//	             sch_use_strong_crypto, system_default_tls_versions),
//	             netframework4_release, netframework35, winhttp (path,
//	             default_secure_protocols), hotfixes (["KB3154518", ...]).
//	  openssl    object, optional: version, config_file, min_protocol,
//	             cipher_string, crypto_policy, policy_min_tls.
//	  runtimes   array, optional, of objects: name, version, path,
//	             settings (an object of strings).
//	  projects   array, optional, of objects: path, runtime, settings.
//
// A member that is absent or null is unknown, never a default: a registry
// value that does not exist on the machine is left out, and judged as the
// OS or framework default would be, and a fact the collector could not
// read is left out too, and judged as unknown. Registry DWORDs are
// numbers (1, 2560), not strings.
//
// An example, shortened:
//
//	{
//	  "schema": "tlsfloor.snapshot/v1",
//	  "collected": "2026-03-14T09:26:53Z",
//	  "host": "APP2008R2",
//	  "facts": {
//	    "os": {"family": "windows", "name": "Windows Server 2008 R2 Enterprise",
//	           "version": "6.1", "build": 7601, "service_pack": 1, "server": true},
//	    "windows": {
//	      "schannel": [{"protocol": "SSL 2.0", "side": "Client", "disabled_by_default": 1}],
//	      "netframework35": true,
//	      "hotfixes": ["KB3154518"]
//	    }
//	  }
//	}
//
// # Reading
//
// [Read] is strict, since a misspelt member would otherwise be read as an
// unknown fact and could turn a failing machine into a passing one. It
// rejects:
//
//   - a schema other than "tlsfloor.snapshot/v1", naming the version it
//     found when it is a later "tlsfloor.snapshot/vN";
//   - members it does not know, at any depth, by their path
//     ("facts.windows.schanel");
//   - values of the wrong type, such as a build given as a string;
//   - a missing schema, collected or facts member, and a collected time
//     that is not RFC 3339 or is the zero time;
//   - anything after the object.
//
// Errors name the file, the line and column when known, and the member:
// "snapshot: web01.json:12:9: facts.windows.schanel: unknown member".
//
// # Versions
//
// The version changes when a member is renamed, removed, or given another
// meaning, and when members are added: a v1 reader rejects members it
// does not know, so a snapshot must be read by a tlsfloor at least as new
// as the one that wrote it.
package snapshot
