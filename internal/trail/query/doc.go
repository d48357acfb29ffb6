// Package query takes tlsfloor trail beyond one machine: it prints the SQL
// that computes trail's report where the logs already are (Amazon Athena
// over the trail's S3 bucket, or a CloudTrail Lake event data store), and
// reads the exported results back into the same report a scan of the log
// files gives (internal/trail/cloudtrail.Report).
//
// # Queries
//
// [AthenaTable] is the CREATE EXTERNAL TABLE of the Athena User Guide for
// CloudTrail logs with partition projection on the delivery day
// (https://docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table-partition-projection.html).
// [AthenaQuery] and [LakeQuery] are one grouping query in Trino SQL, the
// dialect of Athena engine v3 and CloudTrail Lake
// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/query-limitations.html);
// they differ in the FROM target, the time filter (the projected
// "timestamp" partition for Athena, eventTime for Lake) and column
// spellings. The query deduplicates eventIDs with row_number(), then
// returns, in one result with the columns of [Columns]:
//
//	kind 'caller'   one row per caller below the floor: account
//	                (recipientAccountId, else userIdentity.accountId),
//	                principal ARN and type, access key, source IP, VPC
//	                endpoint, user agent, event source; calls and calls
//	                per version (sslv3, tlsv1 (TLSv1 and TLSv1.0),
//	                tlsv1_1, tlsv1_2), first_seen, last_seen and up to
//	                three sample eventIDs, the earliest by eventTime.
//	kind 'unknown'  one row per customer caller of records without a TLS
//	                version (caller_class 'customer'), grouped by account,
//	                principal (an assumed role's sessions as ROLE/*, the
//	                rule of cloudtrail.FoldSession), principal type, user
//	                agent and event source, and sampled as callers are;
//	                calls, no_details and empty_version.
//	kind 'without'  records without a TLS version per caller_class, the
//	                class cloudtrail.ClassOf gives (a CASE over eventType,
//	                userIdentity.type and invokedBy, userAgent,
//	                sourceIPAddress and sessionCredentialFromConsole).
//	kind 'service'  distinct records per event_source and tls_version
//	                ("" when the record has none).
//	kind 'day'      the same per UTC day (the first ten characters of
//	                eventTime).
//	kind 'totals'   calls = records read, duplicates, no_details (no
//	                tlsDetails) and empty_version (tlsDetails without a
//	                tlsVersion).
//
// # Exports
//
// A [Builder] reads exports: Athena's CSV result file (a header row, values
// in double quotes, NULL as an empty field), a CloudTrail Lake result as
// CSV, or CloudTrail Lake's GetQueryResults JSON (QueryResultRows: each
// row a list of one-member objects; several pages one after the other or
// in an array are read too); gzip-compressed or not. The report is the
// scan's, with these differences, which the tests check: Totals.Files
// counts exports, not log files; samples are the earliest by eventTime
// rather than the first read; and the spellings TLSv1 and TLSv1.0 are
// counted together as TLSv1. Invalid records that a scan would count as
// skipped are invisible to the engines; duplicates across several exports
// cannot be seen.
//
// An export must hold the totals row, its service rows must count the
// same records as the totals, its without rows the records without a TLS
// version and its unknown rows the customer ones (an export of an older
// query, without the caller_class column, is refused), and its callers
// must cover the report's
// floor: an export made with --floor 1.2 read at --floor 1.3 lacks the
// TLS 1.2 callers and fails with [ErrFloorNotCovered] instead of giving a
// short list.
package query
