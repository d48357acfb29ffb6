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
// "tlsfloor.trail/v1". Each finding (rule TF-TRAIL-CALLER) is one caller;
// its details object ([CallerDetails]) has
//
//	account           string: recipientAccountId, else userIdentity.accountId.
//	principal_arn     string: userIdentity.arn.
//	principal_type    string: userIdentity.type ("IAMUser", "AssumedRole", ...).
//	access_key_id     string: userIdentity.accessKeyId.
//	source_ip         string: sourceIPAddress.
//	vpc_endpoint      string: vpcEndpointId.
//	user_agent        string: userAgent as recorded.
//	event_source      string: the service called ("sts.amazonaws.com").
//	calls             number: distinct calls below the floor.
//	tls_versions      object: those calls by tlsVersion ({"TLSv1": 3}).
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
//	  without_tls    object {total, no_details, empty_version}: distinct
//	                 records without a tlsDetails field, or with one but
//	                 no tlsVersion.
//	  skipped_records  elements of "Records" that were not a record
//	                 object with the expected field types, or too large.
//	  too_large      the part of skipped_records larger than the record
//	                 size limit.
//	  reconciles     boolean: read == counted + duplicates +
//	                 without_tls.total + skipped_records. Always true
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
// A share has key, records (distinct records), without_tls (those without
// a version), tls_versions (counts by tlsVersion; TLSv1, TLSv1.1, TLSv1.2
// and TLSv1.3 always present) and percent (each version's share of the
// records with a version, in percent, two decimals).
//
// The summary's skipped list counts records (duplicate event ID, no
// tlsDetails, empty tlsVersion, invalid record, too large) and, with unit
// "files",
// files (unreadable, digest, insight, not CloudTrail).
//
// # CSV
//
// [NewCSV] writes one row per caller instead of the generic finding
// columns; see its documentation for the columns.
package trail
