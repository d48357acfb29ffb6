package cloudtrail

import (
	"cmp"
	"errors"
	"maps"
	"slices"
	"time"
)

// Totals counts records and files. Records reconcile:
//
//	Read == Counted + Duplicates + WithoutTLS.NoDetails +
//	        WithoutTLS.EmptyVersion + Skipped.Records
//
// (see Reconciles). Skipped and Unreadable otherwise count files.
type Totals struct {
	// Files is the number of files (or streams) opened and decoded.
	Files int
	// Read is the number of elements read from "Records" arrays.
	Read int
	// Counted is the number of distinct records with a tlsVersion.
	Counted int
	// Duplicates is the number of records whose eventID was seen before.
	Duplicates int
	// WithoutTLS counts distinct records without a TLS version.
	WithoutTLS WithoutTLS
	// Skipped counts what was skipped, by reason.
	Skipped Skipped
	// Unreadable lists the files that failed, in path order. Records read
	// from them before the failure are counted.
	Unreadable []*FileError
}

// WithoutTLS counts records that do not say which TLS version was used.
type WithoutTLS struct {
	// NoDetails is the number of records without a tlsDetails field.
	NoDetails int
	// EmptyVersion is the number with tlsDetails but no tlsVersion.
	EmptyVersion int
}

// Skipped counts files skipped by reason, and records skipped as invalid.
type Skipped struct {
	// Digest is the number of CloudTrail-Digest files.
	Digest int
	// Insight is the number of CloudTrail-Insight files.
	Insight int
	// NotCloudTrail is the number of other files: a name that is not
	// .json or .json.gz, or JSON without "Records".
	NotCloudTrail int
	// Records is the number of "Records" elements that were not a record
	// object with the expected field types.
	Records int
}

// Reconciles reports whether every record read is accounted for.
func (t Totals) Reconciles() bool {
	return t.Read == t.Counted+t.Duplicates+t.WithoutTLS.NoDetails+
		t.WithoutTLS.EmptyVersion+t.Skipped.Records
}

// CallerKey identifies a caller below the floor.
type CallerKey struct {
	// Account is recipientAccountId, or the caller's account without it.
	Account string
	// PrincipalARN is userIdentity.arn.
	PrincipalARN string
	// PrincipalType is userIdentity.type.
	PrincipalType string
	// AccessKeyID is userIdentity.accessKeyId.
	AccessKeyID string
	// SourceIP is sourceIPAddress.
	SourceIP string
	// VPCEndpoint is vpcEndpointId.
	VPCEndpoint string
	// UserAgent is userAgent.
	UserAgent string
	// EventSource is the service called.
	EventSource string
}

// Caller is one caller below the floor with its activity.
type Caller struct {
	CallerKey
	// Count is the number of distinct calls below the floor.
	Count int
	// Versions counts those calls by tlsVersion.
	Versions map[string]int
	// FirstSeen and LastSeen bound the calls' eventTime; zero when no
	// eventTime parsed.
	FirstSeen, LastSeen time.Time
	// Samples holds up to Options.Samples eventIDs, first seen first.
	Samples []string
}

// Share counts distinct records by tlsVersion for one key (a service or a
// day). Records without a TLS version are counted under "".
type Share struct {
	// Key is the eventSource or the day (YYYY-MM-DD).
	Key string
	// Total is the sum of Versions.
	Total int
	// Versions maps a tlsVersion value to its count.
	Versions map[string]int
}

// Report is the result of a scan.
type Report struct {
	// Floor is the lowest version not reported.
	Floor uint16
	// Totals counts records and files.
	Totals Totals
	// Callers lists callers below Floor, most calls first.
	Callers []Caller
	// ByService is the version share per eventSource, by name.
	ByService []Share
	// ByDay is the version share per UTC day, oldest first.
	ByDay []Share
}

// Options configures a scan.
type Options struct {
	// Floor is the lowest TLS version (crypto/tls constant) not reported;
	// zero means DefaultFloor.
	Floor uint16
	// Workers is the number of files decoded at once; zero means
	// runtime.NumCPU().
	Workers int
	// Samples is the number of eventIDs kept per caller; zero means 3.
	Samples int
}

func (o Options) withDefaults() Options {
	if o.Floor == 0 {
		o.Floor = DefaultFloor
	}
	if o.Samples == 0 {
		o.Samples = 3
	}
	return o
}

// Aggregator builds a Report from records fed in a fixed order. It is not
// safe for concurrent use; Scan feeds it from one goroutine.
type Aggregator struct {
	opt       Options
	totals    Totals
	seen      idSet
	callers   map[CallerKey]*Caller
	byService map[string]map[string]int
	byDay     map[string]map[string]int
}

// NewAggregator returns an empty Aggregator.
func NewAggregator(opt Options) *Aggregator {
	return &Aggregator{
		opt:       opt.withDefaults(),
		callers:   make(map[CallerKey]*Caller),
		byService: make(map[string]map[string]int),
		byDay:     make(map[string]map[string]int),
	}
}

// Add counts one record.
func (a *Aggregator) Add(r *Record) {
	a.totals.Read++
	if r.EventID != "" && !a.seen.add(r.EventID) {
		a.totals.Duplicates++
		return
	}
	version := ""
	switch {
	case r.TLSDetails == nil:
		a.totals.WithoutTLS.NoDetails++
	case r.TLSDetails.TLSVersion == "":
		a.totals.WithoutTLS.EmptyVersion++
	default:
		a.totals.Counted++
		version = r.TLSDetails.TLSVersion
	}
	bump(a.byService, r.EventSource, version)
	bump(a.byDay, day(r.EventTime), version)
	if v, ok := ParseVersion(version); ok && v < a.opt.Floor {
		a.addCaller(r, version)
	}
}

// AddFile counts the outcome of one decoded file.
func (a *Aggregator) AddFile(st FileStats, err error) {
	a.totals.Read += st.Invalid
	a.totals.Skipped.Records += st.Invalid
	var fe *FileError
	switch {
	case err == nil:
		a.totals.Files++
	case errors.Is(err, ErrNotCloudTrail):
		a.totals.Skipped.NotCloudTrail++
	case errors.As(err, &fe):
		a.totals.Files++
		a.totals.Unreadable = append(a.totals.Unreadable, fe)
	default:
		a.totals.Files++
		a.totals.Unreadable = append(a.totals.Unreadable, &FileError{Record: -1, Err: err})
	}
}

// Skip counts a file skipped because of its kind.
func (a *Aggregator) Skip(k Kind) {
	switch k {
	case KindDigest:
		a.totals.Skipped.Digest++
	case KindInsight:
		a.totals.Skipped.Insight++
	default:
		a.totals.Skipped.NotCloudTrail++
	}
}

func (a *Aggregator) addCaller(r *Record, version string) {
	key := CallerKey{
		Account:       cmp.Or(r.RecipientAccountID, r.UserIdentity.AccountID),
		PrincipalARN:  r.UserIdentity.ARN,
		PrincipalType: r.UserIdentity.Type,
		AccessKeyID:   r.UserIdentity.AccessKeyID,
		SourceIP:      r.SourceIPAddress,
		VPCEndpoint:   r.VPCEndpointID,
		UserAgent:     r.UserAgent,
		EventSource:   r.EventSource,
	}
	c := a.callers[key]
	if c == nil {
		c = &Caller{CallerKey: key, Versions: make(map[string]int)}
		a.callers[key] = c
	}
	c.Count++
	c.Versions[version]++
	if len(c.Samples) < a.opt.Samples && r.EventID != "" {
		c.Samples = append(c.Samples, r.EventID)
	}
	if t, err := time.Parse(time.RFC3339, r.EventTime); err == nil {
		if c.FirstSeen.IsZero() || t.Before(c.FirstSeen) {
			c.FirstSeen = t
		}
		if t.After(c.LastSeen) {
			c.LastSeen = t
		}
	}
}

// Report returns the aggregate so far. The Aggregator stays usable.
func (a *Aggregator) Report() *Report {
	rep := &Report{
		Floor:     a.opt.Floor,
		Totals:    a.totals,
		ByService: shares(a.byService),
		ByDay:     shares(a.byDay),
	}
	rep.Totals.Unreadable = slices.Clone(a.totals.Unreadable)
	for _, c := range a.callers {
		cc := *c
		cc.Versions = maps.Clone(c.Versions)
		cc.Samples = slices.Clone(c.Samples)
		rep.Callers = append(rep.Callers, cc)
	}
	slices.SortFunc(rep.Callers, func(x, y Caller) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), compareKeys(x.CallerKey, y.CallerKey))
	})
	return rep
}

func compareKeys(x, y CallerKey) int {
	return cmp.Or(
		cmp.Compare(x.Account, y.Account),
		cmp.Compare(x.PrincipalARN, y.PrincipalARN),
		cmp.Compare(x.PrincipalType, y.PrincipalType),
		cmp.Compare(x.AccessKeyID, y.AccessKeyID),
		cmp.Compare(x.SourceIP, y.SourceIP),
		cmp.Compare(x.VPCEndpoint, y.VPCEndpoint),
		cmp.Compare(x.UserAgent, y.UserAgent),
		cmp.Compare(x.EventSource, y.EventSource),
	)
}

func bump(m map[string]map[string]int, key, version string) {
	vs := m[key]
	if vs == nil {
		vs = make(map[string]int)
		m[key] = vs
	}
	vs[version]++
}

func shares(m map[string]map[string]int) []Share {
	out := make([]Share, 0, len(m))
	for k, vs := range m {
		s := Share{Key: k, Versions: maps.Clone(vs)}
		for _, n := range vs {
			s.Total += n
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(x, y Share) int { return cmp.Compare(x.Key, y.Key) })
	return out
}

// day returns the YYYY-MM-DD prefix of an eventTime, or "" if it has none.
func day(eventTime string) string {
	if len(eventTime) < 10 || eventTime[4] != '-' || eventTime[7] != '-' {
		return ""
	}
	return eventTime[:10]
}
