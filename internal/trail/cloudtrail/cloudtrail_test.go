package cloudtrail

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

const fixtureDir = "testdata/AWSLogs/o-exampleorg1/111122223333"

func logFixture(name string) string {
	return filepath.Join(fixtureDir, "CloudTrail/us-east-1/2024/05/01", name)
}

// comparable totals: Unreadable reduced to its count.
type tally struct {
	Totals
	UnreadableN int
}

func tallyOf(t Totals) tally {
	n := len(t.Unreadable)
	t.Unreadable = nil
	return tally{t, n}
}

func TestScanFixtures(t *testing.T) {
	tests := []struct {
		name string
		path string
		want Totals
		bad  int
	}{
		{"all versions", logFixture("111122223333_CloudTrail_us-east-1_20240501T0000Z_ValidAllVersion1.json.gz"),
			Totals{Files: 1, Read: 4, Counted: 4}, 0},
		{"without tlsDetails", logFixture("111122223333_CloudTrail_us-east-1_20240501T0005Z_WithoutTlsDetail.json"),
			Totals{Files: 1, Read: 3, Counted: 1, WithoutTLS: WithoutTLS{NoDetails: 1, EmptyVersion: 1,
				ByClass: ClassCounts{ClassAWSInternal: 1, ClassCustomer: 1}}}, 0},
		{"caller classes", logFixture("111122223333_CloudTrail_us-east-1_20240501T0030Z_CallerClasses00.json"),
			Totals{Files: 1, Read: 8, WithoutTLS: WithoutTLS{NoDetails: 7, EmptyVersion: 1,
				ByClass: ClassCounts{1, 2, 2, 1, 2}}}, 0},
		{"duplicates", logFixture("111122223333_CloudTrail_us-east-1_20240501T0010Z_DuplicateEventId.json.gz"),
			Totals{Files: 1, Read: 3, Counted: 2, Duplicates: 1}, 0},
		{"truncated JSON", logFixture("111122223333_CloudTrail_us-east-1_20240501T0015Z_TruncatedJson000.json"),
			Totals{Files: 1, Read: 2, Counted: 2}, 1},
		{"corrupt gzip", logFixture("111122223333_CloudTrail_us-east-1_20240501T0020Z_CorruptGzip00000.json.gz"),
			Totals{Files: 1}, 1},
		{"invalid elements", logFixture("111122223333_CloudTrail_us-east-1_20240501T0025Z_InvalidElements0.json"),
			Totals{Files: 1, Read: 3, Counted: 1, Skipped: Skipped{Records: 2}}, 0},
		{"JSON without Records", logFixture("config.json"), Totals{Skipped: Skipped{NotCloudTrail: 1}}, 0},
		{"not JSON by name", logFixture("notes.txt"), Totals{Skipped: Skipped{NotCloudTrail: 1}}, 0},
		{"digest", filepath.Join(fixtureDir, "CloudTrail-Digest"), Totals{Skipped: Skipped{Digest: 1}}, 0},
		{"insight", filepath.Join(fixtureDir, "CloudTrail-Insight"), Totals{Skipped: Skipped{Insight: 1}}, 0},
		{"organisation tree", "testdata/AWSLogs", Totals{
			Files: 7, Read: 23, Counted: 10, Duplicates: 1,
			WithoutTLS: WithoutTLS{NoDetails: 8, EmptyVersion: 2, ByClass: ClassCounts{1, 2, 3, 1, 3}},
			Skipped:    Skipped{Digest: 1, Insight: 1, NotCloudTrail: 2, Records: 2},
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Scan(context.Background(), []string{tt.path}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, want := tallyOf(rep.Totals), tally{tt.want, tt.bad}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("totals\n got %+v\nwant %+v", got, want)
			}
			if !rep.Totals.Reconciles() {
				t.Errorf("totals do not reconcile: %+v", rep.Totals)
			}
		})
	}
}

func TestFileErrorPlace(t *testing.T) {
	rep, err := Scan(context.Background(), []string{"testdata/AWSLogs"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, fe := range rep.Totals.Unreadable {
		msgs = append(msgs, fe.Error())
	}
	if len(msgs) != 2 {
		t.Fatalf("unreadable = %q", msgs)
	}
	if fe := rep.Totals.Unreadable[0]; !strings.Contains(fe.File, "Truncated") || fe.Record != 2 || fe.Offset == 0 {
		t.Errorf("truncated: %q (record %d, offset %d)", msgs[0], fe.Record, fe.Offset)
	}
	if !strings.Contains(msgs[1], "CorruptGzip") || !strings.Contains(msgs[1], "flate") {
		t.Errorf("corrupt: %q", msgs[1])
	}
}

func TestCallersFixtures(t *testing.T) {
	rep, err := Scan(context.Background(), []string{"testdata/AWSLogs"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Callers) != 1 {
		t.Fatalf("callers = %+v", rep.Callers)
	}
	c := rep.Callers[0]
	want := CallerKey{
		Account: "111122223333", PrincipalARN: "arn:aws:iam::111122223333:user/legacy-app",
		PrincipalType: "IAMUser", AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SourceIP: "198.51.100.7",
		UserAgent:   "aws-sdk-dotnet-35/2.3.55.2 .NET_Runtime/2.0 .NET_Framework/3.5 OS/Microsoft_Windows_NT_6.1.7601_Service_Pack_1 ClientSync",
		EventSource: "sts.amazonaws.com",
	}
	if c.CallerKey != want {
		t.Errorf("key = %+v", c.CallerKey)
	}
	if c.Count != 5 || !reflect.DeepEqual(c.Versions, map[string]int{"TLSv1": 4, "TLSv1.1": 1}) {
		t.Errorf("count %d versions %v", c.Count, c.Versions)
	}
	wantIDs := []string{"3038ebd2-c98a-4c65-9b6e-000000001001", "3038ebd2-c98a-4c65-9b6e-000000001002", "3038ebd2-c98a-4c65-9b6e-000000002003"}
	if !reflect.DeepEqual(c.Samples, wantIDs) {
		t.Errorf("samples %v", c.Samples)
	}
	first, last := time.Date(2024, 5, 1, 0, 1, 0, 0, time.UTC), time.Date(2024, 5, 1, 0, 4, 0, 0, time.UTC)
	if !c.FirstSeen.Equal(first) || !c.LastSeen.Equal(last) {
		t.Errorf("seen %v .. %v", c.FirstSeen, c.LastSeen)
	}
	if len(rep.ByDay) != 1 || rep.ByDay[0].Key != "2024-05-01" || rep.ByDay[0].Total != 20 {
		t.Errorf("by day %+v", rep.ByDay)
	}
}

func TestScanReader(t *testing.T) {
	f, err := os.Open(logFixture("111122223333_CloudTrail_us-east-1_20240501T0000Z_ValidAllVersion1.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := ScanReader(f, "stdin", Options{Floor: 0x0304})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Totals.Counted != 4 || len(rep.Callers) != 2 {
		t.Errorf("totals %+v callers %d", rep.Totals, len(rep.Callers))
	}
}

func TestReadRecordsErrors(t *testing.T) {
	tests := []struct {
		in       string
		notCT    bool
		wantRecs int
	}{
		{``, false, 0},
		{`[]`, true, 0},
		{`{"Records":null}`, true, 0},
		{`{"Records":[{"eventID":"a"}`, false, 1},
		{`{"Records":[{"eventID":"a"}],"x":[1,{"y":2}]}`, false, 1},
	}
	for _, tt := range tests {
		st, err := ReadRecords(strings.NewReader(tt.in), "in", func(*Record) {})
		if st.Records != tt.wantRecs {
			t.Errorf("%q: records %d", tt.in, st.Records)
		}
		if got := errors.Is(err, ErrNotCloudTrail); got != tt.notCT {
			t.Errorf("%q: err %v", tt.in, err)
		}
	}
}

func TestParseVersion(t *testing.T) {
	for in, want := range map[string]uint16{"TLSv1": 0x0301, "TLSv1.1": 0x0302, "TLSv1.2": 0x0303, "TLSv1.3": 0x0304} {
		got, ok := ParseVersion(in)
		if !ok || got != want || VersionName(got) != in {
			t.Errorf("ParseVersion(%q) = %#x, %v", in, got, ok)
		}
	}
	if _, ok := ParseVersion("TLSv9"); ok {
		t.Error("TLSv9 parsed")
	}
}

func TestClassify(t *testing.T) {
	for path, want := range map[string]Kind{
		"AWSLogs/1/CloudTrail/r/2024/01/01/1_CloudTrail_r_20240101T0000Z_abc.json.gz":                     KindLog,
		"AWSLogs/o-x/1/CloudTrail-Digest/r/2024/01/01/1_CloudTrail-Digest_r_t_r_20240101T000000Z.json.gz": KindDigest,
		"x/1_CloudTrail-Insight_r_20240101T0000Z_abc.json.gz":                                             KindInsight,
		"a/b.txt": KindOther,
	} {
		if got := Classify(path); got != want {
			t.Errorf("Classify(%q) = %d, want %d", path, got, want)
		}
	}
}

func TestKeyOf(t *testing.T) {
	a := keyOf([]byte("3038ebd2-c98a-4c65-9b6e-000000001001"))
	if a != keyOf([]byte("3038EBD2-C98A-4C65-9B6E-000000001001")) || a == keyOf([]byte("3038ebd2-c98a-4c65-9b6e-000000001002")) {
		t.Error("GUID keys")
	}
	if keyOf([]byte("not-a-guid")) == keyOf([]byte("not-a-guie")) {
		t.Error("hash keys")
	}
}

// TestIDTable checks the set against a map: across growth, for the zero
// key, and for keys whose hashes share their top bits.
func TestIDTable(t *testing.T) {
	var s idTable
	want := map[idKey]bool{}
	for i := range 20000 {
		var k idKey
		switch i % 3 {
		case 0:
			k = keyOf(fmt.Appendf(nil, "id-%d", i/2)) // repeats
		case 1:
			k[0] = byte(i / 7) // few distinct keys, the zero key among them
		default:
			binary.BigEndian.PutUint64(k[8:], uint64(i/4)) // counter-like
		}
		if got := s.add(k); got != !want[k] {
			t.Fatalf("key %d %x: add = %v, want %v", i, k, got, !want[k])
		}
		want[k] = true
	}
	n := s.n
	if s.zero {
		n++
	}
	if n != len(want) {
		t.Errorf("%d keys in the set, want %d", n, len(want))
	}
}

// TestClassOf classifies each record of the caller-classes fixture, in
// order, and lists its customer callers as unknown.
func TestClassOf(t *testing.T) {
	path := logFixture("111122223333_CloudTrail_us-east-1_20240501T0030Z_CallerClasses00.json")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got []Class
	if _, err := ReadRecords(f, path, func(r *Record) { got = append(got, ClassOf(r)) }); err != nil {
		t.Fatal(err)
	}
	want := []Class{ClassServiceEvent, ClassAWSService, ClassAWSService, ClassAWSInternal,
		ClassAWSInternal, ClassConsole, ClassCustomer, ClassCustomer}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("classes %v, want %v", got, want)
	}
	rep, err := Scan(context.Background(), []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var unknown []string
	for _, c := range rep.Unknown {
		if c.Count != 1 || c.Versions[""] != 1 || len(c.Samples) != 1 || c.FirstSeen.IsZero() {
			t.Errorf("unknown caller %+v", c)
		}
		unknown = append(unknown, c.PrincipalARN+" "+c.EventSource)
	}
	wantUnknown := []string{
		"arn:aws:iam::111122223333:user/inventory account.amazonaws.com",
		"arn:aws:sts::111122223333:assumed-role/app/* aoss.amazonaws.com",
	}
	if !reflect.DeepEqual(unknown, wantUnknown) {
		t.Errorf("unknown callers %q, want %q", unknown, wantUnknown)
	}
	for _, c := range Classes() {
		if n, ok := ParseClass(c.String()); !ok || n != c {
			t.Errorf("ParseClass(%q) = %v, %v", c, n, ok)
		}
	}
}
