// Package trail turns a CloudTrail report (internal/trail/cloudtrail) into
// findings: one per caller still calling AWS below the floor, named by
// account, principal, source and user agent, with the fix for its stack
// from the knowledge base (internal/platform), read off its user agent
// (internal/trail/useragent). It also lays the report out for machines:
// the details of the JSON document and a CSV table of callers.
//
// # JSON document
//
// trail writes the common document (internal/report/jsonout) with schema
// "tlsfloor.trail/v1". Each finding of rule TF-TRAIL-CALLER (verdict
// fail) is one caller below the floor; each of rule TF-TRAIL-UNKNOWN
// (verdict unknown, severity medium), listed after them, is one customer
// caller whose records have no TLS version, so that it cannot be shown to
// be at or above the floor (callers that AWS operates are counted in
// without_tls, not listed); these are grouped by account, principal, user
// agent and event source only, so access_key_id, source_ip and
// vpc_endpoint are absent. The details object ([CallerDetails]) of
// either has
//
//	account           string: recipientAccountId, else userIdentity.accountId.
//	principal_arn     string: userIdentity.arn.
//	principal_type    string: userIdentity.type ("IAMUser", "AssumedRole", ...).
//	access_key_id     string: userIdentity.accessKeyId.
//	source_ip         string: sourceIPAddress.
//	vpc_endpoint      string: vpcEndpointId.
//	user_agent        string: userAgent as recorded.
//	event_source      string: the service called ("sts.amazonaws.com").
//	calls             number: distinct calls below the floor (TF-TRAIL-UNKNOWN:
//	                  distinct calls without a TLS version).
//	tls_versions      object: those calls by tlsVersion ({"TLSv1": 3});
//	                  empty for TF-TRAIL-UNKNOWN.
//	without_tls       number, TF-TRAIL-UNKNOWN only: equal to calls.
//	first_seen        string: RFC 3339, earliest eventTime; absent if none parsed.
//	last_seen         string: RFC 3339, latest eventTime.
//	sample_event_ids  array of strings: up to three eventIDs. A scan of
//	                  log files keeps the first read; Athena and Lake
//	                  exports the earliest by eventTime.
//	agent             object: what the user agent tells ([AgentDetails]):
//	                  family, sdk, sdk_version, runtime, runtime_version,
//	                  os, os_version, tool, exec_env, truncated, and
//	                  unknowns (what it cannot tell, and what to check).
//	fix               string: the remediation, as the finding's.
//
// Members other than calls, tls_versions, agent.family and fix are left
// out when empty. The summary's details object ([RunDetails]) has
//
//	input          string: "cloudtrail" (log files), "athena" or "lake"
//	               (result exports of the queries trail --emit prints).
//	floor          string: the lowest tlsVersion not reported ("TLSv1.2").
//	totals         object, records unless named:
//	  files          number of files or streams decoded.
//	  read           records read from "Records" arrays (or counted by
//	                 the query).
//	  counted        distinct records with a tlsVersion.
//	  duplicates     records whose eventID was seen before.
//	  without_tls    object: distinct records without a TLS version.
//	                 total; no_details (no tlsDetails field) and
//	                 empty_version (tlsDetails without tlsVersion), which
//	                 add up to total; by_class, the same records again by
//	                 who made the call, the first that holds of
//	                   aws_service_event  eventType "AwsServiceEvent";
//	                   aws_service        userIdentity.type "AWSService",
//	                                      or userIdentity.invokedBy set;
//	                   aws_internal       userAgent or sourceIPAddress a
//	                                      service principal (ends in
//	                                      ".amazonaws.com") or starting
//	                                      with "AWS Internal";
//	                   console            sessionCredentialFromConsole
//	                                      "true" (console-proxied);
//	                   customer           anything else: TLS version
//	                                      unknown, each caller a
//	                                      TF-TRAIL-UNKNOWN finding;
//	                 all five always present, adding up to total;
//	                 aws_operated, the first four together, and customer.
//	                 CloudTrail logs tlsDetails for about half of the
//	                 services and never for AWS-operated callers
//	                 (cloudtrail-event-reference-record-contents.html and
//	                 cloudtrail-supported-tls-details.html in the
//	                 CloudTrail User Guide).
//	  skipped_records  elements of "Records" that were not a record
//	                 object with the expected field types, or too large.
//	  too_large      the part of skipped_records larger than the record
//	                 size limit.
//	  reconciles     boolean: read == counted + duplicates +
//	                 without_tls.total + skipped_records, and
//	                 by_class adds up to without_tls.total. Always true
//	                 unless the tool has a bug; a consumer can check it.
//	files_skipped  object {digest, insight, not_cloudtrail, unreadable}:
//	               files not read, or read only up to an error.
//	unreadable     array, optional: {file, record, offset, error} for each
//	               file that failed; record is the index in "Records"
//	               (-1 outside it) and offset the byte in the
//	               uncompressed JSON.
//	by_service     array, by key: one [Share] per eventSource.
//	by_day         array, oldest first: one [Share] per UTC day (key
//	               YYYY-MM-DD; "" for records without a parsable time).
//
// A share has key, records (distinct records), with_tls and without_tls
// (those with and without a version, adding up to records),
// coverage_percent (with_tls of records, in percent, two decimals: per
// service, how much of it CloudTrail's TLS logging covers), tls_versions
// (counts by tlsVersion; TLSv1, TLSv1.1, TLSv1.2 and TLSv1.3 always
// present) and percent (each version's share of the records with a
// version, in percent, two decimals).
//
// Members are only ever added to schema tlsfloor.trail/v1, never removed
// or changed in meaning.
//
// The summary's skipped list counts records (duplicate event ID; no TLS
// version, by class: "no TLS version: AWS service event", "...: AWS
// service", "...: AWS internal", "...: console", "...: customer caller";
// invalid record; too large) and, with unit "files", files (unreadable,
// digest, insight, not CloudTrail).
//
// # CSV
//
// [NewCSV] writes one row per caller (below the floor, then without a TLS
// version) instead of the generic finding columns; see its documentation
// for the columns. The counts by class are in the JSON document only.
package trail
