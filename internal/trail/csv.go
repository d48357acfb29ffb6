package trail

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// csvHeader names the caller table's columns.
var csvHeader = []string{
	"account", "principal_arn", "principal_type", "access_key_id", "source_ip",
	"vpc_endpoint", "user_agent", "event_source", "calls", "tls_versions",
	"first_seen", "last_seen", "sample_event_ids", "sdk", "sdk_version",
	"runtime", "runtime_version", "os", "os_version", "fix", "verdict",
}

// CSVHandler writes trail's callers as CSV (RFC 4180). It implements
// finding.Handler.
type CSVHandler struct {
	w *csv.Writer
	n int
}

// NewCSV returns a handler that writes one row per caller finding to w,
// under a header row with the columns
//
//	account, principal_arn, principal_type, access_key_id, source_ip,
//	vpc_endpoint, user_agent, event_source, calls, tls_versions,
//	first_seen, last_seen, sample_event_ids, sdk, sdk_version, runtime,
//	runtime_version, os, os_version, fix, verdict
//
// as in the JSON details ([CallerDetails]); tls_versions is
// "TLSv1=3 TLSv1.1=1" and sample_event_ids are separated by spaces.
// verdict is "fail" for a caller below the floor and "unknown" for a
// customer caller whose records have no TLS version (calls counts those
// records, and tls_versions is empty). A
// cell that starts with "=", "+", "-", "@", a tab or a carriage return is
// prefixed with a single quote, so that a spreadsheet does not run a user
// agent as a formula. The summary is not written: use the json format for
// the totals.
func NewCSV(w io.Writer) *CSVHandler {
	return &CSVHandler{w: csv.NewWriter(w)}
}

// Start writes the header row.
func (h *CSVHandler) Start(finding.Run) error {
	return h.write(csvHeader)
}

// Finding writes the row of one caller. A finding without caller details
// is an error: it did not come from trail.
func (h *CSVHandler) Finding(f finding.Finding) error {
	h.n++
	var d CallerDetails
	if err := json.Unmarshal(f.Details, &d); err != nil {
		return fmt.Errorf("csv: finding %d (%s) has no caller details: %w", h.n, f.Target, err)
	}
	return h.write(append(csvRow(d), string(f.Outcome())))
}

// End writes nothing: the summary is not part of the CSV.
func (h *CSVHandler) End(finding.Summary) error { return nil }

func (h *CSVHandler) write(rec []string) error {
	if err := h.w.Write(rec); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	h.w.Flush()
	if err := h.w.Error(); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	return nil
}

func csvRow(d CallerDetails) []string {
	row := []string{
		d.Account, d.PrincipalARN, d.PrincipalType, d.AccessKeyID, d.SourceIP,
		d.VPCEndpoint, d.UserAgent, d.EventSource, strconv.Itoa(d.Calls), VersionCounts(d.TLSVersions),
		d.FirstSeen, d.LastSeen, strings.Join(d.SampleEventIDs, " "), d.Agent.SDK, d.Agent.SDKVersion,
		d.Agent.Runtime, d.Agent.RuntimeVersion, d.Agent.OS, d.Agent.OSVersion, d.Fix,
	}
	for i := range row {
		row[i] = spreadsheetSafe(row[i])
	}
	return row
}

// VersionCounts formats counts by version as "TLSv1=3 TLSv1.1=1", in
// version order.
func VersionCounts(vs map[string]int) string {
	parts := make([]string, 0, len(vs))
	for _, v := range slices.Sorted(maps.Keys(vs)) {
		parts = append(parts, fmt.Sprintf("%s=%d", v, vs[v]))
	}
	return strings.Join(parts, " ")
}

// spreadsheetSafe prefixes s with a single quote when a spreadsheet would
// read it as a formula.
func spreadsheetSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
