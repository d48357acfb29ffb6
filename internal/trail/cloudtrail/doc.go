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
// error. The fast path finds where strings end in a bitmap of the buffer
// marking '"', '\\', control characters and bytes >= 0x80, built 64 bytes
// at a time with AVX2 on amd64 CPUs that have it (elsewhere, or with the
// purego build tag, it reads strings a word at a time), and recognizes a
// key by comparing its text, with the colon and the value's first byte,
// with the two keys that last followed the previous key.
//
// Memory does not grow with the size of a file: the buffer grows to hold
// the largest record, up to Options.MaxRecordBytes (DefaultMaxRecordBytes,
// 4 MiB); a larger record is skipped and counted in Totals.Skipped.TooLarge.
//
// Scan walks files or directories laid out like the CloudTrail S3 bucket
// (AWSLogs/[o-orgid/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/...), skipping and
// counting digest and insight files. Options.Workers goroutines (default
// GOMAXPROCS) take files one at a time, largest first, each counting into
// its own Aggregator; the aggregates are merged at the end. The report
// does not depend on the number of workers
// or the order of files: counts and time ranges are sums, minimums and
// maximums, and the sample eventIDs of a caller are its smallest. A file
// that fails to decode is reported with its place (record index, byte
// offset) and the other files are still read. Options.Progress reports
// files and bytes done while Scan runs.
//
// Duplicate eventIDs are found without holding every eventID in memory.
// Each record is counted as soon as it is decoded, and its eventID goes
// into a log shared by the workers (in batches of 512, one lock per
// batch), with a 36-byte entry that says what the record added: which
// total, version, service and day rows and caller. The log is split into
// 256 partitions by a hash of the eventID. When the report is made, the
// workers read the partitions, one each at a time, and every entry whose
// eventID came earlier is subtracted again and counted in
// Totals.Duplicates. (This assumes, as CloudTrail's duplicates are, that
// records sharing an eventID are the same record: the earlier one's time
// range and sample eventIDs stand for both.) Up to Options.IDMemory
// (DefaultIDMemory, 8 MiB, about 230,000 records) the log stays in memory;
// past it, the partitions are appended to temporary files in
// Options.TempDir and read back one per worker, and a partition file
// larger than the worker's share of IDMemory is split again by further
// bits of the hash. A failure to write those files fails the scan.
//
// Memory is bounded by the workers' buffers (each the largest record read,
// plus a quarter of that for the fast path's bitmap, a 64 KiB read buffer
// and the gzip window), the eventID log (IDMemory, and as much while it is
// read back) and the aggregation state: callers below the floor and the
// per-service and per-day shares grow with the number of distinct callers,
// services and days, not with the number of records; so do the customer
// callers without a TLS version (Report.Unknown), which are grouped by
// account, principal (an assumed role's sessions as one, see FoldSession),
// user agent and service only. The disk holds 36 bytes
// per record with an eventID while a scan runs.
//
// A record without a TLS version is counted as NoDetails or EmptyVersion
// and again by the Class of its caller (ClassOf): an AWS service event,
// an AWS service, an "AWS Internal" or service-principal caller, a
// console-proxied call, or a customer caller, the one class whose TLS
// version is unknown rather than AWS's own and unlogged.
package cloudtrail
