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
	// principal, user agent and event source only, and the sessions of
	// an assumed role are one principal (see FoldSession).
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
	// runtime.GOMAXPROCS(0). Scan uses at most MaxWorkers.
	Workers int
	// Samples is the number of eventIDs kept per caller; zero means 3.
	Samples int
	// MaxRecordBytes bounds the size of one record as it appears in a
	// file, and so each worker's read buffer; zero means
	// DefaultMaxRecordBytes. Larger records are skipped and counted in
	// Totals.Skipped.TooLarge.
	MaxRecordBytes int
	// IDMemory is the memory spent on finding duplicate eventIDs (36
	// bytes a record with an eventID) before they are moved to temporary
	// files in TempDir; zero means DefaultIDMemory.
	IDMemory int
	// TempDir is where those files go; empty means os.TempDir(). They
	// are removed when the scan ends (or by Aggregator.Close).
	TempDir string
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
	if o.IDMemory <= 0 {
		o.IDMemory = DefaultIDMemory
	}
	return o
}

// Aggregator builds a Report from records. It is not safe for concurrent
// use. Duplicate eventIDs are counted once: each record is counted when it
// is added, and Report takes back the ones whose eventID came before
// (see the package documentation for the memory and disk this takes).
type Aggregator struct {
	opt       Options
	totals    Totals
	log       *dupLog
	id        uint16  // this Aggregator's number in a log shared by several
	pending   []entry // entries not yet in log
	err       error   // the first failure to write the log
	callers   callerTable
	unknown   callerTable // customer callers without a TLS version
	byService shareTable
	byDay     shareTable
	others    []string // tlsVersion values without a slot, by index
	otherIdx  map[string]int32
	x         raw    // scratch for Add
	buf       []byte // scratch for Add
	fold      []byte // scratch for unknownKey
}

// pendingMax is the number of entries an Aggregator collects before it
// adds them to the log: one lock per batch for a shared log.
const pendingMax = 512

// NewAggregator returns an empty Aggregator. Call Close when done with
// it, to remove its temporary files.
func NewAggregator(opt Options) *Aggregator {
	opt = opt.withDefaults()
	return newAggregator(opt, newDupLog(opt.IDMemory, opt.TempDir), 0)
}

// newAggregator returns an Aggregator that adds its eventIDs to log as
// number id.
func newAggregator(opt Options, log *dupLog, id uint16) *Aggregator {
	return &Aggregator{
		opt:     opt,
		log:     log,
		id:      id,
		callers: callerTable{m: make(map[uint64]*callerAcc)},
		unknown: callerTable{m: make(map[uint64]*callerAcc)},
	}
}

// Add counts one record.
func (a *Aggregator) Add(r *Record) {
	a.buf = a.x.fromRecord(r, a.buf)
	a.addRaw(&a.x)
}

// addRaw counts one record and logs its eventID.
func (a *Aggregator) addRaw(x *raw) {
	a.totals.Read++
	e := a.count(x)
	if id := x.f[fEventID]; len(id) > 0 {
		e.key, e.agg = keyOf(id), a.id
		a.pending = append(a.pending, e)
		if len(a.pending) == pendingMax {
			a.flushIDs()
		}
	}
}

// flushIDs adds the pending entries to the log.
func (a *Aggregator) flushIDs() {
	if err := a.log.add(a.pending); err != nil && a.err == nil {
		a.err = err
	}
	a.pending = a.pending[:0]
}

// count counts a record and returns what it added.
func (a *Aggregator) count(x *raw) entry {
	e := entry{caller: -1}
	version := x.f[fTLSVersion]
	switch {
	case !x.tls:
		a.totals.WithoutTLS.NoDetails++
		e.kind = entryNoDetails
		a.without(x, &e)
	case len(version) == 0:
		a.totals.WithoutTLS.EmptyVersion++
		e.kind = entryEmptyVersion
		a.without(x, &e)
	default:
		a.totals.Counted++
	}
	slot := versionSlot(version)
	e.version = a.versionRef(slot, version)
	e.service = a.byService.add(x.f[fEventSource], slot, version)
	e.day = a.byDay.add(day(x.f[fEventTime]), slot, version)
	if v := slotOrParse(slot, version); v != 0 && v < a.opt.Floor {
		f := keyFields(x)
		e.kind |= inCallers
		e.caller = a.callers.add(&f, x, slot, a.opt.Samples)
	}
	return e
}

// slotOrParse returns the version of a tlsVersion value, or 0.
func slotOrParse(slot int, version []byte) uint16 {
	switch {
	case slot > 0:
		return slotVersion[slot]
	case slot < 0:
		v, _ := ParseVersion(string(version))
		return v
	}
	return 0
}

// versionRef returns slot, or for a value without one, -1 minus its
// index in others.
func (a *Aggregator) versionRef(slot int, version []byte) int32 {
	if slot >= 0 {
		return int32(slot)
	}
	i, ok := a.otherIdx[string(version)]
	if !ok {
		if a.otherIdx == nil {
			a.otherIdx = make(map[string]int32)
		}
		i = int32(len(a.others))
		a.otherIdx[string(version)] = i
		a.others = append(a.others, string(version))
	}
	return -1 - i
}

// versionOf is the inverse of versionRef.
func (a *Aggregator) versionOf(ref int32) (int, []byte) {
	if ref >= 0 {
		return int(ref), nil
	}
	return -1, []byte(a.others[-1-ref])
}

// without counts a distinct record without a TLS version by class, and
// its caller when it is a customer's.
func (a *Aggregator) without(x *raw, e *entry) {
	c := classOf(x)
	a.totals.WithoutTLS.ByClass[c]++
	e.class = uint8(c)
	if c == ClassCustomer {
		var f [8][]byte
		f, a.fold = unknownKey(x, a.fold)
		e.kind |= inUnknown
		e.caller = a.unknown.add(&f, x, 0, a.opt.Samples)
	}
}

// undo takes back what a duplicate record added, and counts it as a
// duplicate.
func (a *Aggregator) undo(e *entry) {
	a.totals.Duplicates++
	switch e.kind & kindMask {
	case entryCounted:
		a.totals.Counted--
	case entryNoDetails:
		a.totals.WithoutTLS.NoDetails--
	case entryEmptyVersion:
		a.totals.WithoutTLS.EmptyVersion--
	}
	if e.kind&kindMask != entryCounted {
		a.totals.WithoutTLS.ByClass[e.class]--
	}
	slot, version := a.versionOf(e.version)
	a.byService.rows[e.service].add(slot, version, -1)
	a.byDay.rows[e.day].add(slot, version, -1)
	switch {
	case e.kind&inCallers != 0:
		a.callers.undo(e.caller, slot, version)
	case e.kind&inUnknown != 0:
		a.unknown.undo(e.caller, slot, version)
	}
}

// unknownKey is the key of a customer caller without a TLS version: a
// caller's key without access key, source IP and VPC endpoint, and with
// the role of an assumed-role session rather than the session, all of
// which change too often (session keys every hour, addresses, session
// names per instance or job) to list each. scratch holds the folded ARN.
func unknownKey(x *raw, scratch []byte) ([8][]byte, []byte) {
	f := keyFields(x)
	f[3], f[4], f[5] = nil, nil, nil
	if folded, ok := foldSession(f[1], scratch[:0]); ok {
		f[1], scratch = folded, folded
	}
	return f, scratch
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

// merge adds what b counted to a, once duplicates are taken back. The
// entries of b's log are not merged: a and b share one.
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
	a.byService.merge(&b.byService)
	a.byDay.merge(&b.byDay)
	a.callers.merge(&b.callers, a.opt.Samples)
	a.unknown.merge(&b.unknown, a.opt.Samples)
}

// Report takes back the duplicates among the records added so far and
// returns the aggregate. The Aggregator stays usable. It fails only when
// the eventID log cannot be written or read back.
func (a *Aggregator) Report() (*Report, error) {
	a.flushIDs()
	if a.err != nil {
		return nil, a.err
	}
	if err := a.log.resolve(a.undo, true, 1); err != nil {
		return nil, err
	}
	return a.report(), nil
}

// Close removes the Aggregator's temporary files.
func (a *Aggregator) Close() error { return a.log.close() }

// report returns the aggregate as it is.
func (a *Aggregator) report() *Report {
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
