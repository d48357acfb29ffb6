package query

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/trail/cloudtrail"
)

// Input words: where records or results come from.
const (
	InputCloudTrail = "cloudtrail" // CloudTrail delivery files
	InputAthena     = "athena"     // Athena CSV result of AthenaQuery
	InputLake       = "lake"       // CloudTrail Lake result of LakeQuery, CSV or JSON
)

// ErrFloorNotCovered reports an export made for a higher floor than the
// one asked for: callers between the two are not in it.
var ErrFloorNotCovered = errors.New("the export does not cover the floor")

// Builder turns result exports of the grouping query into a report, the
// one a scan of the same records gives.
type Builder struct {
	floor   uint16
	samples int
	files   int
	input   string
	totals  []int // read, duplicates, no details, empty version
	rows    int
	callers map[cloudtrail.CallerKey]*cloudtrail.Caller
	unknown map[cloudtrail.CallerKey]*cloudtrail.Caller // customer callers without a TLS version
	classes cloudtrail.ClassCounts
	service map[string]map[string]int
	day     map[string]map[string]int
}

// NewBuilder returns a Builder for a report at floor (zero means
// cloudtrail.DefaultFloor) keeping up to samples eventIDs per caller
// (zero means 3).
func NewBuilder(floor uint16, samples int) *Builder {
	if floor == 0 {
		floor = cloudtrail.DefaultFloor
	}
	if samples <= 0 {
		samples = 3
	}
	return &Builder{
		floor: floor, samples: samples,
		callers: map[cloudtrail.CallerKey]*cloudtrail.Caller{},
		unknown: map[cloudtrail.CallerKey]*cloudtrail.Caller{},
		service: map[string]map[string]int{}, day: map[string]map[string]int{},
	}
}

// Input returns the kind of the exports read: InputAthena for CSV (unless
// told InputLake), InputLake for CloudTrail Lake JSON.
func (b *Builder) Input() string { return b.input }

// Add reads one export from r; name is used in errors. input is
// InputAthena, InputLake or "" to tell from the content: JSON is a
// CloudTrail Lake GetQueryResults response, anything else CSV with the
// query's columns. Gzip-compressed exports are read too.
func (b *Builder) Add(r io.Reader, name, input string) error {
	br, err := unwrap(r)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	first, _ := firstByte(br)
	isJSON := first == '{' || first == '['
	switch {
	case input == InputAthena && isJSON:
		return fmt.Errorf("%s: JSON, not the CSV result Athena writes", name)
	case isJSON:
		input = InputLake
		err = b.readLakeJSON(br, name)
	default:
		if input == "" {
			input = InputAthena
		}
		err = b.readCSV(br, name)
	}
	if err != nil {
		return err
	}
	if b.input == "" || b.input == input {
		b.input = input
	} else {
		b.input = input + "+" + b.input
	}
	b.files++
	return nil
}

// unwrap decompresses gzip and drops a UTF-8 byte order mark.
func unwrap(r io.Reader) (*bufio.Reader, error) {
	br := bufio.NewReader(r)
	if magic, err := br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		br = bufio.NewReader(gzipErrors{zr})
	}
	if bom, err := br.Peek(3); err == nil && bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	return br, nil
}

// gzipErrors says that a read error came from decompression.
type gzipErrors struct{ r io.Reader }

func (g gzipErrors) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("gzip: %w", err)
	}
	return n, err
}

// firstByte returns the first byte that is not white space, unread.
func firstByte(br *bufio.Reader) (byte, error) {
	for {
		c, err := br.ReadByte()
		if err != nil {
			return 0, err
		}
		if !strings.ContainsRune(" \t\r\n", rune(c)) {
			return c, br.UnreadByte()
		}
	}
}

// readCSV reads a header row naming every column of Columns (in any
// order, any case) and the rows under it.
func (b *Builder) readCSV(r io.Reader, name string) error {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%s: header: %w", name, emptyIsEOF(err))
	}
	index, err := columnIndex(header)
	if err != nil {
		return fmt.Errorf("%s: header: %w", name, err)
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		row := make(map[string]string, len(Columns))
		for col, i := range index {
			row[col] = rec[i]
		}
		if err := b.addRow(row); err != nil {
			return fmt.Errorf("%s: line %d: %w", name, line, err)
		}
	}
}

func emptyIsEOF(err error) error {
	if err == io.EOF {
		return errors.New("empty file, not a query result")
	}
	return err
}

// columnIndex maps each of Columns to its position in header.
func columnIndex(header []string) (map[string]int, error) {
	index := map[string]int{}
	for i, h := range header {
		index[strings.ToLower(strings.TrimSpace(h))] = i
	}
	var missing []string
	out := map[string]int{}
	for _, c := range Columns {
		i, ok := index[c]
		if !ok {
			missing = append(missing, c)
			continue
		}
		out[c] = i
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("no column %s: not a result of the query tlsfloor trail --emit prints", strings.Join(missing, ", "))
	}
	return out, nil
}

// lakeResult is a CloudTrail Lake GetQueryResults response
// (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetQueryResults.html):
// each row is a list of one-member objects, column name to string value.
type lakeResult struct {
	QueryStatus     string                 `json:"QueryStatus"`
	QueryResultRows *[][]map[string]string `json:"QueryResultRows"`
}

// readLakeJSON reads one response, or several in a row (pages saved one
// after the other), or an array of them.
func (b *Builder) readLakeJSON(r io.Reader, name string) error {
	dec := json.NewDecoder(r)
	for page := 0; ; page++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err == io.EOF {
			if page == 0 {
				return fmt.Errorf("%s: empty file, not a query result", name)
			}
			return nil
		} else if err != nil {
			return fmt.Errorf("%s: byte %d: %w", name, dec.InputOffset(), err)
		}
		pages := []json.RawMessage{raw}
		if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("[")) {
			if err := json.Unmarshal(raw, &pages); err != nil {
				return fmt.Errorf("%s: page %d: %w", name, page, err)
			}
		}
		for i, p := range pages {
			if err := b.addLakePage(p); err != nil {
				return fmt.Errorf("%s: page %d: %w", name, page+i, err)
			}
		}
	}
}

func (b *Builder) addLakePage(raw json.RawMessage) error {
	var res lakeResult
	if err := json.Unmarshal(raw, &res); err != nil {
		return err
	}
	if res.QueryResultRows == nil {
		return errors.New("no QueryResultRows: not a CloudTrail Lake query result")
	}
	if res.QueryStatus != "" && res.QueryStatus != "FINISHED" {
		return fmt.Errorf("query status %s, not FINISHED", res.QueryStatus)
	}
	for i, cells := range *res.QueryResultRows {
		row := map[string]string{}
		for _, cell := range cells {
			for k, v := range cell {
				row[strings.ToLower(k)] = v
			}
		}
		if err := b.addRow(row); err != nil {
			return fmt.Errorf("row %d: %w", i, err)
		}
	}
	return nil
}

// addRow counts one result row.
func (b *Builder) addRow(row map[string]string) error {
	b.rows++
	calls, err := count(row, "calls")
	if err != nil {
		return err
	}
	switch kind := row["kind"]; kind {
	case "caller":
		return b.addCaller(row, calls)
	case "unknown":
		return b.addUnknown(row, calls)
	case "without":
		c, ok := cloudtrail.ParseClass(row["caller_class"])
		if !ok {
			return fmt.Errorf("without: caller_class %q is not a class", row["caller_class"])
		}
		b.classes[c] += calls
	case "service":
		bumpBy(b.service, row["event_source"], row["tls_version"], calls)
	case "day":
		bumpBy(b.day, row["day"], row["tls_version"], calls)
	case "totals":
		return b.addTotals(row, calls)
	default:
		return fmt.Errorf("kind %q: want caller, unknown, without, service, day or totals", kind)
	}
	return nil
}

func (b *Builder) addTotals(row map[string]string, read int) error {
	t := []int{read, 0, 0, 0}
	for i, col := range []string{"duplicates", "no_details", "empty_version"} {
		n, err := count(row, col)
		if err != nil {
			return err
		}
		t[i+1] = n
	}
	if t[1]+t[2]+t[3] > t[0] {
		return fmt.Errorf("totals: %d duplicates and %d without a TLS version are more than the %d records read", t[1], t[2]+t[3], t[0])
	}
	if b.totals == nil {
		b.totals = make([]int, 4)
	}
	for i := range t {
		b.totals[i] += t[i]
	}
	return nil
}

func callerKey(row map[string]string) cloudtrail.CallerKey {
	return cloudtrail.CallerKey{
		Account: row["account"], PrincipalARN: row["principal_arn"], PrincipalType: row["principal_type"],
		AccessKeyID: row["access_key_id"], SourceIP: row["source_ip"], VPCEndpoint: row["vpc_endpoint"],
		UserAgent: row["user_agent"], EventSource: row["event_source"],
	}
}

// seenRange reads a row's first_seen and last_seen.
func seenRange(row map[string]string) (first, last time.Time, err error) {
	if first, err = eventTime(row["first_seen"]); err != nil {
		return first, last, fmt.Errorf("first_seen: %w", err)
	}
	if last, err = eventTime(row["last_seen"]); err != nil {
		return first, last, fmt.Errorf("last_seen: %w", err)
	}
	return first, last, nil
}

// addUnknown counts a customer caller of records without a TLS version.
func (b *Builder) addUnknown(row map[string]string, calls int) error {
	if row["caller_class"] != cloudtrail.ClassCustomer.String() {
		return fmt.Errorf("unknown: caller_class %q, want %s", row["caller_class"], cloudtrail.ClassCustomer)
	}
	noDetails, err := count(row, "no_details")
	if err != nil {
		return err
	}
	empty, err := count(row, "empty_version")
	if err != nil {
		return err
	}
	if noDetails+empty != calls {
		return fmt.Errorf("unknown: calls %d, but no_details and empty_version add up to %d", calls, noDetails+empty)
	}
	first, last, err := seenRange(row)
	if err != nil {
		return err
	}
	mergeCaller(b.unknown, b.samples, callerKey(row), map[string]int{"": calls}, first, last, strings.Fields(row["sample_event_ids"]))
	return nil
}

func (b *Builder) addCaller(row map[string]string, calls int) error {
	key := callerKey(row)
	versions := map[string]int{}
	sum := 0
	for _, vc := range versionColumns {
		n, err := count(row, vc.column)
		if err != nil {
			return err
		}
		sum += n
		if v, _ := cloudtrail.ParseVersion(vc.name); n > 0 && v < b.floor {
			versions[vc.name] = n
		}
	}
	if sum != calls {
		return fmt.Errorf("caller: calls %d, but the version columns add up to %d", calls, sum)
	}
	first, last, err := seenRange(row)
	if err != nil {
		return err
	}
	if len(versions) == 0 {
		return nil // calls at or above this run's floor only
	}
	mergeCaller(b.callers, b.samples, key, versions, first, last, strings.Fields(row["sample_event_ids"]))
	return nil
}

func mergeCaller(m map[cloudtrail.CallerKey]*cloudtrail.Caller, keep int, key cloudtrail.CallerKey, versions map[string]int, first, last time.Time, samples []string) {
	c := m[key]
	if c == nil {
		c = &cloudtrail.Caller{CallerKey: key, Versions: map[string]int{}}
		m[key] = c
	}
	for v, n := range versions {
		c.Versions[v] += n
		c.Count += n
	}
	if !first.IsZero() && (c.FirstSeen.IsZero() || first.Before(c.FirstSeen)) {
		c.FirstSeen = first
	}
	if last.After(c.LastSeen) {
		c.LastSeen = last
	}
	for _, s := range samples {
		if len(c.Samples) < keep && !slices.Contains(c.Samples, s) {
			c.Samples = append(c.Samples, s)
		}
	}
}

// timeLayouts are the eventTime spellings of log files (RFC 3339) and of
// Trino timestamps cast to varchar (CloudTrail Lake).
var timeLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999", "2006-01-02 15:04:05.999999999 UTC"}

func eventTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not an event time", s)
}

// count parses a non-negative count; an empty cell is zero.
func count(row map[string]string, col string) (int, error) {
	s := strings.TrimSpace(row[col])
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s %q is not a count", col, s)
	}
	return n, nil
}

func bumpBy(m map[string]map[string]int, key, version string, n int) {
	if m[key] == nil {
		m[key] = map[string]int{}
	}
	m[key][version] += n
}

// Report returns the report of everything read. It fails when no export
// had a totals row, when the totals disagree with the service shares, or
// with ErrFloorNotCovered when the query was made for a higher floor.
func (b *Builder) Report() (*cloudtrail.Report, error) {
	if b.totals == nil {
		return nil, errors.New("no totals row: the export is incomplete or not from tlsfloor trail --emit")
	}
	rep := &cloudtrail.Report{Floor: b.floor, ByService: shares(b.service), ByDay: shares(b.day)}
	t := &rep.Totals
	t.Files, t.Read, t.Duplicates = b.files, b.totals[0], b.totals[1]
	t.WithoutTLS.NoDetails, t.WithoutTLS.EmptyVersion = b.totals[2], b.totals[3]
	t.WithoutTLS.ByClass = b.classes
	t.Counted = t.Read - t.Duplicates - t.WithoutTLS.NoDetails - t.WithoutTLS.EmptyVersion
	if err := b.check(rep); err != nil {
		return nil, err
	}
	for _, c := range b.callers {
		rep.Callers = append(rep.Callers, *c)
	}
	for _, c := range b.unknown {
		rep.Unknown = append(rep.Unknown, *c)
	}
	cloudtrail.SortCallers(rep.Callers)
	cloudtrail.SortCallers(rep.Unknown)
	return rep, nil
}

// check compares the totals with the service shares, and the callers
// with the versions the shares saw below the floor.
func (b *Builder) check(rep *cloudtrail.Report) error {
	distinct, below := 0, 0
	for _, s := range rep.ByService {
		distinct += s.Total
		for v, n := range s.Versions {
			if pv, ok := cloudtrail.ParseVersion(v); ok && pv < b.floor {
				below += n
			}
		}
	}
	t := rep.Totals
	if distinct != t.Read-t.Duplicates {
		return fmt.Errorf("the service rows count %d distinct records, the totals %d: the export is incomplete", distinct, t.Read-t.Duplicates)
	}
	without := t.WithoutTLS.NoDetails + t.WithoutTLS.EmptyVersion
	if n := b.classes.Total(); n != without {
		return fmt.Errorf("the without rows count %d records without a TLS version, the totals %d: the export is incomplete or from an older query", n, without)
	}
	unknown := 0
	for _, c := range b.unknown {
		unknown += c.Count
	}
	if unknown != b.classes[cloudtrail.ClassCustomer] {
		return fmt.Errorf("the unknown rows count %d calls of customer callers without a TLS version, the without rows %d: the export is incomplete", unknown, b.classes[cloudtrail.ClassCustomer])
	}
	calls := 0
	for _, c := range b.callers {
		calls += c.Count
	}
	if calls != below {
		return fmt.Errorf("%w: the callers hold %d calls below %s, the service rows %d; run the query trail --emit prints with the same --floor",
			ErrFloorNotCovered, calls, cloudtrail.VersionName(b.floor), below)
	}
	return nil
}

func shares(m map[string]map[string]int) []cloudtrail.Share {
	out := make([]cloudtrail.Share, 0, len(m))
	for k, vs := range m {
		s := cloudtrail.Share{Key: k, Versions: maps.Clone(vs)}
		for _, n := range vs {
			s.Total += n
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(x, y cloudtrail.Share) int { return cmp.Compare(x.Key, y.Key) })
	return out
}

// Sniff tells from the first bytes of a file (decompressed) whether it is
// a result export: InputLake for JSON that holds a CloudTrail Lake query
// result, InputAthena for CSV whose header names the query's columns, and
// "" for anything else, such as a CloudTrail log file.
func Sniff(head []byte) string {
	head = bytes.TrimPrefix(bytes.TrimLeft(head, " \t\r\n"), []byte("\xef\xbb\xbf"))
	if len(head) == 0 {
		return ""
	}
	if head[0] == '{' || head[0] == '[' {
		if bytes.Contains(head, []byte(`"QueryResultRows"`)) || bytes.Contains(head, []byte(`"QueryStatus"`)) || bytes.Contains(head, []byte(`"QueryStatistics"`)) {
			return InputLake
		}
		return ""
	}
	line, _, _ := bytes.Cut(head, []byte("\n"))
	line = bytes.ToLower(line)
	if bytes.Contains(line, []byte("kind")) && bytes.Contains(line, []byte("principal_arn")) && bytes.Contains(line, []byte("sample_event_ids")) {
		return InputAthena
	}
	return ""
}
