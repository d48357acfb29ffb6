// Package cloudtrail reads AWS CloudTrail delivery files and aggregates the
// TLS versions their records report.
//
// A delivery file is one JSON object {"Records":[...]}, usually gzip
// compressed (.json.gz). The reader decodes it token by token with
// encoding/json, so only one record is held at a time, and each record is
// projected onto Record, which keeps only the fields the TLS report needs.
//
// Scan walks files or directories laid out like the CloudTrail S3 bucket
// (AWSLogs/[o-orgid/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/...), skipping and
// counting digest and insight files. Files are decoded in parallel and merged
// in path order, so a report does not depend on scheduling. A file that fails
// to decode is reported with its place (record index, byte offset) and the
// other files are still read.
//
// Duplicate eventIDs are counted once. The set of seen IDs holds 16 bytes of
// key per distinct record (a GUID is stored in binary, any other ID as a
// 128-bit FNV hash), about 40 bytes per record with map overhead: roughly
// 4 GB per hundred million distinct records. Scans larger than that should
// be split, for example by account or month.
package cloudtrail
