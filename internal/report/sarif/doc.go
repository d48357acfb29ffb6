// Package sarif writes a run as a SARIF 2.1.0 log, in the subset GitHub
// code scanning reads. It is a batch format: findings are collected as they
// arrive and the whole log is written in End.
//
// # Mapping
//
// The log has "$schema" https://json.schemastore.org/sarif-2.1.0.json,
// "version" 2.1.0 and exactly one run:
//
//	run.tool.driver           name "tlsfloor", informationUri the project
//	                          page; semanticVersion is Run.ToolVersion
//	                          without a leading "v" when that is a semantic
//	                          version, otherwise version is Run.ToolVersion
//	                          as it is (neither when it is empty).
//	run.tool.driver.rules     one reportingDescriptor per rule, sorted by
//	                          id: every Run.Rules entry (the first of
//	                          duplicate ids wins), plus one made from the
//	                          first written finding of each rule id that
//	                          Run.Rules does not list (its title,
//	                          severity, remediation and references);
//	                          passes are not written, see Verdicts.
//	run.invocations[0]        executionSuccessful true, startTimeUtc from
//	                          Run.Started, and one note in
//	                          toolExecutionNotifications per Summary.Skipped
//	                          reason, so that skipped input is not silent.
//	run.automationDetails.id  "tlsfloor/<command>/".
//	run.originalUriBaseIds    %SRCROOT% as a file URI ending in "/", when
//	                          Run.Root is set (made absolute first).
//	run.results               one result per finding that did not pass,
//	                          in order; [] when there are none.
//
// Each rule (reportingDescriptor) carries:
//
//	id                          Rule.ID
//	name                        Rule.Title in CamelCase ("SecurityProtocol
//	                            pins TLS 1.0" is SecurityProtocolPinsTLS10),
//	                            or the id's letters and digits.
//	shortDescription.text       Rule.Title
//	fullDescription.text        Rule.Description, else the title
//	help.text, help.markdown    Rule.Help (else the full description), the
//	                            CWE and the references
//	helpUri                     the first reference that is an absolute
//	                            http or https URL
//	defaultConfiguration.level  from Rule.Severity, as for results
//	properties.tags             "security", "CWE-<n>" when Rule.CWE is set,
//	                            then Rule.Tags, without duplicates
//	properties.precision        "high": tlsfloor does not yet record a
//	                            precision per rule
//	properties.security-severity
//	                            critical "9.5", high "8.0", medium "5.5",
//	                            low "3.0"; left out for info rules
//
// Each result carries:
//
//	ruleId, ruleIndex    Finding.RuleID and its index in driver.rules
//	kind                 from the finding's verdict (Finding.Outcome):
//	                     left out for fail, and for a finding without a
//	                     verdict, so that it takes its default "fail";
//	                     "review" for warn; "open" for unknown
//	level                for a fail, from the severity: critical and
//	                     high "error", medium "warning", low and info
//	                     "note". For any other kind "none", as SARIF
//	                     2.1.0 §3.27.10 requires when kind (§3.27.9) is
//	                     not "fail"
//	message.text         Finding.Message (its first sentence), then one line
//	                     per evidence item "name: value", then
//	                     "Fix: " and Finding.Remediation
//	locations[0]         for a file finding, physicalLocation with
//	                     artifactLocation.uri the path as a URI reference
//	                     (uriBaseId %SRCROOT%) or, for an absolute path, a
//	                     file URI; region holds startLine, startColumn,
//	                     endLine and endColumn that are known (> 0), and the
//	                     snippet. No region without a line. For a target
//	                     finding, logicalLocations[0] with name the target
//	                     and kind "resource". No locations otherwise.
//	partialFingerprints  "tlsfloor/v1": the hex SHA-256 of the rule id, the
//	                     path and the trimmed snippet (or the target, or the
//	                     message when there is neither), then ":" and the
//	                     occurrence of that hash in the run, counting from
//	                     1. This is tlsfloor's own stable key; it does not
//	                     follow GitHub's primaryLocationLineHash algorithm,
//	                     and does not change when lines move.
//	suppressions         for a suppressed finding, one suppression: kind
//	                     "inSource" for inline suppressions, "external"
//	                     for any other kind, and the justification.
//
// # Verdicts
//
// A finding whose verdict is pass (doctor reports every check it ran) has
// no result: SARIF consumers such as GitHub code scanning show each result
// as an alert, and a check that passed is not one. Passes stay in the JSON
// and text formats. Warn and unknown findings are written, with kind
// "review" and "open" and level "none", so that a consumer that reads
// kind can tell them from failures.
//
// GitHub code scanning anchors alerts to files. Results with only a
// logical location (probe, trail) are valid SARIF but GitHub may not show
// them; the JSON and text formats do.
package sarif
