// Package jsonout writes and reads tlsfloor's versioned JSON document. The
// document is the protocol between tlsfloor and other programs: every other
// format can be made from it, and [Replay] does so by feeding a saved
// document to any [finding.Handler].
//
// # Document
//
// One run is one JSON object. [Handler] writes its members in this order,
// with two-space indentation; readers must not depend on the order or the
// layout.
//
//	schema    string, "tlsfloor.<command>/v1", such as "tlsfloor.scan/v1".
//	          <command> is the run's command: lower-case letters, digits
//	          and dashes, starting with a letter. The suffix is the version
//	          of this layout.
//	tool      object: the program that wrote the document.
//	  name      string, always "tlsfloor".
//	  version   string, the tlsfloor version, such as "v1.4.0"; may be
//	            empty or a development marker such as "(devel)".
//	run       object: the invocation (finding.Run).
//	  command       string, the same <command> as in schema.
//	  tool_version  string, as tool.version.
//	  floor         string, the policy verdicts are judged against, such
//	                as "TLS 1.2".
//	  root          string, optional: the directory that relative
//	                location paths start from.
//	  rules         array, optional: every rule that can appear in the
//	                run (finding.Rule), each an object with
//	    id            string, such as "TF-DOTNET-001".
//	    title         string, one line.
//	    description   string, optional.
//	    severity      string: "info", "low", "medium", "high" or "critical".
//	    help          string, optional: the remediation in general form.
//	    cwe           string, optional: the CWE number without prefix.
//	    tags          array of strings, optional.
//	    references    array of URL strings, optional.
//	  started       string, RFC 3339 time the run began.
//	findings  array, never null, possibly empty: one object per finding
//	          (finding.Finding), in the order they were reported:
//	  rule_id      string, the id of a rule in run.rules (or of a rule not
//	               listed there).
//	  severity     string, as for rules; may differ from the rule's.
//	  verdict      string, optional: how the check came out, "pass",
//	               "warn", "fail" or "unknown" (could not be verified;
//	               never a pass). Absent means "fail": a finding is
//	               something below the floor unless it says otherwise.
//	               Commands that report every check they ran, such as
//	               doctor, set it. Readers must read an absent
//	               verdict as "fail".
//	  title        string, the rule's title.
//	  message      string, what was found in this instance.
//	  location     object, optional, for findings in a file:
//	    path         string, slash-separated, relative to run.root when the
//	                 file is under it, absolute otherwise.
//	    line         number, optional, 1-based.
//	    column       number, optional, 1-based.
//	    end_line     number, optional.
//	    end_column   number, optional.
//	    snippet      string, optional: the matched text, one line.
//	  target       string, optional, for findings that are not in a file:
//	               an endpoint ("s3.amazonaws.com:443"), a machine, an ARN.
//	  evidence     array, optional, of objects {name, value}, both strings.
//	  remediation  string, optional.
//	  references   array of URL strings, optional.
//	  suppression  object, optional, present when the finding is
//	               suppressed (it is still reported):
//	    kind           string: "inline" (a source comment) or "config".
//	    justification  string.
//	  details      object, optional: the command's full record behind the
//	               finding, whose layout each command documents as part
//	               of its schema (probe: one endpoint's result, with
//	               target, address, accepted_versions, refused,
//	               cipher_suites, groups, certificate, below_floor).
//	summary   object: how much the run read and skipped (finding.Summary).
//	  unit        string, what was counted: "files", "endpoints", "records".
//	  read        number of units examined.
//	  skipped     array, optional, of objects {reason string, count
//	              number, unit string}; unit is present only when the
//	              count is not in the summary's unit (trail reads records
//	              but skips whole files: unit "files").
//	  findings    number of findings, suppressed ones included.
//	  suppressed  number of findings with a suppression.
//	  details     object, optional: the command's run-level record, whose
//	              layout each command documents as part of its schema
//	              (trail: totals, TLS version shares per service and per
//	              day, records without tlsDetails; see internal/trail).
//
// Optional members are left out when empty or zero. Numbers are integers.
//
// # Streaming
//
// [Handler] writes everything up to the opening bracket of findings in
// Start, each finding as it arrives, and closes the array and writes the
// summary in End, so its memory does not grow with the number of findings.
// The output is valid JSON only once End has returned.
//
// # Versions
//
// Within v1, members may be added; readers ignore members they do not know.
// Removing or renaming a member, or changing its meaning, makes v2. [Read]
// and [Replay] accept only "tlsfloor.<command>/v1" and report any other
// schema by name.
//
// The finding members verdict and details, and the summary members
// details and skipped[].unit, were added this way, within v1. details is
// optional and only adds data; unit is absent for every skip counted in
// the summary's unit, as all were before it. verdict: it is
// optional, and its absence means what every v1 finding meant before it,
// a fail. Documents written before it read as they did; a reader that does
// not know it sees pass, warn and unknown checks as findings, which errs
// towards failing, never towards passing. [Read] and [Replay] accept the
// four verdict words in any case, read an empty string as absent, and
// report any other value as an error.
package jsonout
