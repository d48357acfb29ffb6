// Package cloudtrail reads AWS CloudTrail delivery files and aggregates the
// TLS versions their records report.
//
// A delivery file is one JSON object {"Records":[...]}, usually gzip
// compressed (.json.gz; decompressed with github.com/klauspost/compress).
// The decoder reads the JSON through a bounded buffer and keeps only the
// fields of Record; everything else (requestParameters, responseElements,
// resources, ...) is validated and skipped without being copied. It
// decodes as encoding/json decodes into Record (case-insensitive keys,
// last duplicate key wins, null leaves a field unchanged, invalid UTF-8
// becomes U+FFFD; see decoder), which differential and fuzz tests check.
// Unlike encoding/json's Decoder, it rejects data after the top-level
// object. Each record is first parsed from the buffer by a fast path; a
// record that does not fit yet is parsed again once more input is read,
// and anything unusual (malformed input, deep nesting, the end of input)
// falls back to a streaming scanner that finds the exact place of an
// error.
//
// Memory does not grow with the size of a file: the buffer grows to hold
// the largest record, up to Options.MaxRecordBytes (DefaultMaxRecordBytes,
// 4 MiB); a larger record is skipped and counted in Totals.Skipped.TooLarge.
//
// Scan walks files or directories laid out like the CloudTrail S3 bucket
// (AWSLogs/[o-orgid/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/...), skipping and
// counting digest and insight files. Options.Workers goroutines (default
// GOMAXPROCS) take files one at a time, largest first, each counting into
// its own Aggregator; the aggregates are merged at the end. Duplicate
// eventIDs are found across all files through one set shared by the
// workers, which check IDs in batches of up to 512 records (one lock per
// shard per batch). The report does not depend on the number of workers
// or the order of files: counts and time ranges are sums, minimums and
// maximums, and the sample eventIDs of a caller are its smallest. (This
// assumes, as CloudTrail's duplicates are, that records sharing an eventID
// are the same record.) A file that fails to decode is reported with its
// place (record index, byte offset) and the other files are still read.
// Options.Progress reports files and bytes done while Scan runs.
//
// Memory is bounded by the workers' buffers (each the largest record read,
// plus a 64 KiB read buffer, the gzip window and a batch of at most 1 MiB)
// and the aggregation state. Of that state, the set of seen eventIDs grows
// with the number of distinct records: 16 bytes of key per record (a GUID
// is stored in binary, any other ID as a 128-bit FNV hash) in open-addressed
// tables filled to between 3/8 and 3/4, so 21 to 43 bytes per record,
// roughly 3 GB per hundred million distinct records; scans larger than that
// should be split, for example by account or month. Callers below the floor and the per-service and per-day shares
// grow with the number of distinct callers, services and days, not with
// the number of records; so do the customer callers without a TLS version
// (Report.Unknown), which are grouped by account, principal, user agent
// and service only.
//
// A record without a TLS version is counted as NoDetails or EmptyVersion
// and again by the Class of its caller (ClassOf): an AWS service event,
// an AWS service, an "AWS Internal" or service-principal caller, a
// console-proxied call, or a customer caller, the one class whose TLS
// version is unknown rather than AWS's own and unlogged.
package cloudtrail
