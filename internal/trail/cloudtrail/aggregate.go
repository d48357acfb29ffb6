package cloudtrail

import (
	"cmp"
	"errors"
	"slices"
	"time"
)

// Totals counts records and files. Records reconcile:
//
//	Read == Counted + Duplicates + WithoutTLS.NoDetails +
//	        WithoutTLS.EmptyVersion + Skipped.Records
//	WithoutTLS.ByClass.Total() == WithoutTLS.NoDetails + WithoutTLS.EmptyVersion
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

// WithoutTLS counts records that do not say which TLS version was used,
// by what is missing and, again, by who made the call.
type WithoutTLS struct {
	// NoDetails is the number of records without a tlsDetails field.
	NoDetails int
	// EmptyVersion is the number with tlsDetails but no tlsVersion.
	EmptyVersion int
	// ByClass splits the same records by the class of their caller (see
	// ClassOf); it sums to NoDetails + EmptyVersion.
	ByClass ClassCounts
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
	// Records is the number of "Records" elements skipped: not a record
	// object with the expected field types, or too large.
	Records int
	// TooLarge is the part of Records skipped for being larger than
	// Options.MaxRecordBytes.
	TooLarge int
}

// Reconciles reports whether every record read is accounted for, and
// the records without a TLS version once more by class.
func (t Totals) Reconciles() bool {
	without := t.WithoutTLS.NoDetails + t.WithoutTLS.EmptyVersion
	return t.Read == t.Counted+t.Duplicates+without+t.Skipped.Records &&
		t.WithoutTLS.ByClass.Total() == without
}

// CallerKey identifies a caller below the floor, or a customer caller
// without a TLS version.
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

// Caller is one caller below the floor, or one customer caller without
// a TLS version (Report.Unknown), with its activity.
type Caller struct {
	CallerKey
	// Count is the number of distinct calls below the floor (or without a
	// TLS version).
	Count int
	// Versions counts those calls by tlsVersion; a caller of
	// Report.Unknown has the one key "".
	Versions map[string]int
	// FirstSeen and LastSeen bound the calls' eventTime; zero when no
	// eventTime parsed.
	FirstSeen, LastSeen time.Time
	// Samples holds up to Options.Samples of the calls' eventIDs: the
	// smallest in byte order, so that the choice depends neither on the
	// order of files nor on the number of workers.
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
	// Unknown lists the customer callers (ClassCustomer) of records
	// without a TLS version, most calls first: callers that cannot be
	// shown to be at or above Floor. Their keys leave AccessKeyID,
	// SourceIP and VPCEndpoint empty: they are grouped by account,
	// principal, user agent and event source only.
	Unknown []Caller
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
	// runtime.GOMAXPROCS(0).
	Workers int
	// Samples is the number of eventIDs kept per caller; zero means 3.
	Samples int
	// MaxRecordBytes bounds the size of one record as it appears in a
	// file, and so each worker's read buffer; zero means
	// DefaultMaxRecordBytes. Larger records are skipped and counted in
	// Totals.Skipped.TooLarge.
	MaxRecordBytes int
	// Progress, when set, is called by Scan every ProgressEvery while
	// files are read, and once when all are done. Calls come from Scan's
	// goroutine, one at a time.
	Progress func(Progress)
	// ProgressEvery is the interval between Progress calls; zero means
	// one second.
	ProgressEvery time.Duration
}

// Progress tells how far a Scan is.
type Progress struct {
	// Files is the number of files to read; FilesDone how many are read.
	Files, FilesDone int
	// Bytes is the size of those files on disk (compressed);
	// BytesDone the size of the files read.
	Bytes, BytesDone int64
}

func (o Options) withDefaults() Options {
	if o.Floor == 0 {
		o.Floor = DefaultFloor
	}
	if o.Samples == 0 {
		o.Samples = 3
	}
	if o.ProgressEvery <= 0 {
		o.ProgressEvery = time.Second
	}
	return o
}

// Aggregator builds a Report from records. It is not safe for concurrent
// use. Duplicate eventIDs are counted once (see the package
// documentation for the memory this takes).
type Aggregator struct {
	opt       Options
	totals    Totals
	seen      idSet
	callers   callerTable
	unknown   callerTable // customer callers without a TLS version
	byService shareTable
	byDay     shareTable
	x         raw    // scratch for Add
	buf       []byte // scratch for Add
}

// NewAggregator returns an empty Aggregator.
func NewAggregator(opt Options) *Aggregator {
	return &Aggregator{
		opt:       opt.withDefaults(),
		callers:   callerTable{m: make(map[uint64]*callerAcc)},
		unknown:   callerTable{m: make(map[uint64]*callerAcc)},
		byService: make(shareTable),
		byDay:     make(shareTable),
	}
}

// Add counts one record.
func (a *Aggregator) Add(r *Record) {
	a.buf = a.x.fromRecord(r, a.buf)
	a.addRaw(&a.x)
}

// addRaw counts one record, unless its eventID was seen before.
func (a *Aggregator) addRaw(x *raw) {
	a.totals.Read++
	if id := x.f[fEventID]; len(id) > 0 && !a.seen.add(keyOf(id)) {
		a.totals.Duplicates++
		return
	}
	a.count(x)
}

// count counts a distinct record.
func (a *Aggregator) count(x *raw) {
	version := x.f[fTLSVersion]
	switch {
	case !x.tls:
		a.totals.WithoutTLS.NoDetails++
		a.without(x)
	case len(version) == 0:
		a.totals.WithoutTLS.EmptyVersion++
		a.without(x)
	default:
		a.totals.Counted++
	}
	slot := versionSlot(version)
	a.byService.add(x.f[fEventSource], slot, version)
	a.byDay.add(day(x.f[fEventTime]), slot, version)
	var v uint16
	switch {
	case slot > 0:
		v = slotVersion[slot]
	case slot < 0:
		v, _ = ParseVersion(string(version))
	}
	if v != 0 && v < a.opt.Floor {
		f := keyFields(x)
		a.callers.add(&f, x, slot, a.opt.Samples)
	}
}

// without counts a distinct record without a TLS version by class, and
// its caller when it is a customer's.
func (a *Aggregator) without(x *raw) {
	c := classOf(x)
	a.totals.WithoutTLS.ByClass[c]++
	if c == ClassCustomer {
		f := unknownKey(x)
		a.unknown.add(&f, x, 0, a.opt.Samples)
	}
}

// unknownKey is the key of a customer caller without a TLS version: a
// caller's key without access key, source IP and VPC endpoint, which
// change too often (session keys every hour, addresses) to list each.
func unknownKey(x *raw) [8][]byte {
	f := keyFields(x)
	f[3], f[4], f[5] = nil, nil, nil
	return f
}

// AddFile counts the outcome of one decoded file.
func (a *Aggregator) AddFile(st FileStats, err error) {
	skipped := st.Invalid + st.TooLarge
	a.totals.Read += skipped
	a.totals.Skipped.Records += skipped
	a.totals.Skipped.TooLarge += st.TooLarge
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

// merge adds what b counted to a. The eventIDs b saw are not merged: Scan
// deduplicates before counting.
func (a *Aggregator) merge(b *Aggregator) {
	t, u := &a.totals, &b.totals
	t.Files += u.Files
	t.Read += u.Read
	t.Counted += u.Counted
	t.Duplicates += u.Duplicates
	t.WithoutTLS.NoDetails += u.WithoutTLS.NoDetails
	t.WithoutTLS.EmptyVersion += u.WithoutTLS.EmptyVersion
	for i, n := range u.WithoutTLS.ByClass {
		t.WithoutTLS.ByClass[i] += n
	}
	t.Skipped.Digest += u.Skipped.Digest
	t.Skipped.Insight += u.Skipped.Insight
	t.Skipped.NotCloudTrail += u.Skipped.NotCloudTrail
	t.Skipped.Records += u.Skipped.Records
	t.Skipped.TooLarge += u.Skipped.TooLarge
	t.Unreadable = append(t.Unreadable, u.Unreadable...)
	a.byService.merge(b.byService)
	a.byDay.merge(b.byDay)
	a.callers.merge(&b.callers, a.opt.Samples)
	a.unknown.merge(&b.unknown, a.opt.Samples)
}

// Report returns the aggregate so far. The Aggregator stays usable.
func (a *Aggregator) Report() *Report {
	rep := &Report{
		Floor:     a.opt.Floor,
		Totals:    a.totals,
		Callers:   a.callers.list(),
		Unknown:   a.unknown.list(),
		ByService: a.byService.list(),
		ByDay:     a.byDay.list(),
	}
	rep.Totals.Unreadable = slices.Clone(a.totals.Unreadable)
	SortCallers(rep.Callers)
	SortCallers(rep.Unknown)
	return rep
}

// SortCallers sorts callers by count, most first, then by key.
func SortCallers(cs []Caller) {
	slices.SortFunc(cs, func(x, y Caller) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), x.CallerKey.Compare(y.CallerKey))
	})
}

// Compare orders caller keys field by field, in the order CallerKey
// lists them: the tie-break of every caller list with equal counts.
func (x CallerKey) Compare(y CallerKey) int {
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

// day returns the YYYY-MM-DD prefix of an eventTime, or nothing.
func day(eventTime []byte) []byte {
	if len(eventTime) < 10 || eventTime[4] != '-' || eventTime[7] != '-' {
		return nil
	}
	return eventTime[:10]
}
