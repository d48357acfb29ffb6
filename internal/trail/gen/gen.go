// Package gen writes synthetic CloudTrail delivery files for tests and
// benchmarks: realistic records (every TLS version, SDK, CLI, PowerShell,
// .NET Framework, Java, Go and console user agents, records without
// tlsDetails, duplicated eventIDs) in the S3 key layout, gzip compressed.
// Output depends only on Config, so a seed reproduces a data set exactly.
package gen

import (
	"compress/gzip"
	"encoding/json"
	"fmt"

	"os"
	"path/filepath"
	"time"
)

// Config describes a data set.
type Config struct {
	// Seed makes the output reproducible.
	Seed uint64
	// Files is the number of delivery files.
	Files int
	// RecordsPerFile is the number of records in each file.
	RecordsPerFile int
	// OrgID, when set (e.g. "o-a1b2c3d4e5"), lays files out like an
	// organisation trail.
	OrgID string
	// DuplicatePercent is the share of records that repeat an earlier
	// record's eventID (and content); default 0.
	DuplicatePercent int
	// NoTLSPercent is the share of records without tlsDetails; default 0.
	NoTLSPercent int
	// Start is the first eventTime; zero means 2024-05-01T00:00:00Z.
	Start time.Time
	// Level is the gzip level; zero means gzip.DefaultCompression.
	Level int
	// RecordsPerFileMax, when above RecordsPerFile, makes file sizes vary:
	// each file holds between RecordsPerFile and RecordsPerFileMax
	// records, drawn log-uniformly (many small files, a few large), like
	// the delivery files of a busy account.
	RecordsPerFileMax int
	// Rich adds the details real records carry and the TLS report skips:
	// assumed-role sessions, request parameters and responses per API
	// (credentials, session policies as escaped JSON, filters with
	// non-ASCII values), resources and additionalEventData. Records then
	// average about 1.2 KB and gzip about 8.5 times, as measured on real
	// trails; without it they average about 0.9 KB and gzip about 11
	// times. Summary counts rich records the same way.
	Rich bool
}

// Summary is what was written, counted independently of any reader.
type Summary struct {
	// Files lists the paths written, sorted.
	Files []string
	// Records is the number of records written, duplicates included.
	Records int
	// Duplicates is the number of records repeating an earlier eventID.
	Duplicates int
	// NoDetails is the number of distinct records without tlsDetails.
	NoDetails int
	// EmptyVersion is the number of distinct records whose tlsDetails
	// has no tlsVersion.
	EmptyVersion int
	// WithoutByClass counts the NoDetails and EmptyVersion records by who
	// made the call: "aws_service_event", "aws_service", "aws_internal",
	// "console" or "customer".
	WithoutByClass map[string]int
	// ByVersion counts distinct records by tlsVersion.
	ByVersion map[string]int
	// BelowTLS12ByAgent counts distinct TLSv1 and TLSv1.1 records by
	// userAgent.
	BelowTLS12ByAgent map[string]int
	// RawBytes is the total size of the uncompressed JSON.
	RawBytes int64
	// GzBytes is the total size written.
	GzBytes int64
}

// Generate writes cfg.Files delivery files under dir and returns what they
// hold.
func Generate(dir string, cfg Config) (*Summary, error) {
	g := newGenerator(cfg)
	sum := &Summary{ByVersion: map[string]int{}, BelowTLS12ByAgent: map[string]int{}, WithoutByClass: map[string]int{}}
	for i := range cfg.Files {
		recs, when, acct, region := g.file(i, sum)
		path := filepath.Join(dir, Key(cfg.OrgID, acct, region, when, g.suffix()))
		raw, gz, err := writeFile(path, recs, cfg.Level)
		if err != nil {
			return nil, err
		}
		sum.Files = append(sum.Files, path)
		sum.RawBytes += raw
		sum.GzBytes += gz
	}
	return sum, nil
}

// Key returns the S3 key of a delivery file:
// AWSLogs/[org/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/
// ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHMMZ_SUFFIX.json.gz.
func Key(org, account, region string, t time.Time, suffix string) string {
	t = t.UTC()
	name := fmt.Sprintf("%s_CloudTrail_%s_%sZ_%s.json.gz", account, region, t.Format("20060102T1504"), suffix)
	parts := []string{"AWSLogs"}
	if org != "" {
		parts = append(parts, org)
	}
	parts = append(parts, account, "CloudTrail", region, t.Format("2006/01/02"), name)
	return filepath.Join(parts...)
}

// writeFile writes {"Records":[...]} gzip compressed and returns the raw
// and compressed sizes.
func writeFile(path string, recs []*record, level int) (raw, gz int64, err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return 0, 0, err
	}
	body, err := json.Marshal(struct {
		Records []*record `json:"Records"`
	}{recs})
	if err != nil {
		return 0, 0, err
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, 0, err
	}
	if level == 0 {
		level = gzip.DefaultCompression
	}
	zw, err := gzip.NewWriterLevel(f, level)
	if err != nil {
		f.Close()
		return 0, 0, err
	}
	_, err = zw.Write(body)
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	info, serr := f.Stat()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = serr
	}
	if err != nil {
		return 0, 0, err
	}
	return int64(len(body)), info.Size(), nil
}
