package cloudtrail

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/tlsfloor/tlsfloor/internal/trail/gen"
)

// fastStats is what the decoder under test read.
type fastStats struct {
	records []Record
	stats   FileStats
	err     error
}

func fastDecode(r io.Reader, limit int) fastStats {
	var fs fastStats
	fs.stats, fs.err = newReader(limit).Read(r, "in", func(rec *Record) {
		fs.records = append(fs.records, *rec)
	})
	return fs
}

// compareDecoders fails unless the decoder and encoding/json agree on
// data: the same records and invalid elements, and both fail or neither.
func compareDecoders(t *testing.T, name string, data []byte) {
	t.Helper()
	want := refDecode(bytes.NewReader(data))
	for _, r := range []struct {
		how string
		r   io.Reader
	}{
		{"whole", bytes.NewReader(data)},
		{"byte by byte", iotest.OneByteReader(bytes.NewReader(data))},
	} {
		got := fastDecode(r.r, 0)
		if (got.err == nil) != (want.err == nil) {
			t.Fatalf("%s (%s): error %v, encoding/json %v", name, r.how, got.err, want.err)
		}
		if want.err != nil && errors.Is(want.err, ErrNotCloudTrail) && !errors.Is(got.err, ErrNotCloudTrail) {
			t.Errorf("%s (%s): error %v, encoding/json %v", name, r.how, got.err, want.err)
		}
		if got.stats.Invalid != want.invalid || got.stats.Records != len(got.records) {
			t.Errorf("%s (%s): stats %+v, encoding/json %d invalid", name, r.how, got.stats, want.invalid)
		}
		if !reflect.DeepEqual(got.records, want.records) {
			t.Fatalf("%s (%s): records differ\n got %+v\nwant %+v", name, r.how, got.records, want.records)
		}
	}
}

// TestDecodeFixtures compares the decoder with encoding/json on every
// file of testdata.
func TestDecodeFixtures(t *testing.T) {
	n := 0
	err := filepath.WalkDir("testdata", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(p, "testdata/fuzz/") {
			data = fuzzSeed(t, data)
		}
		compareDecoders(t, p, data)
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Errorf("compared %d files", n)
	}
}

// TestDecodeGenerated compares the decoder with encoding/json on
// generated files.
func TestDecodeGenerated(t *testing.T) {
	dir := t.TempDir()
	sum, err := gen.Generate(dir, gen.Config{Seed: 3, Files: 12, RecordsPerFile: 60, DuplicatePercent: 3, NoTLSPercent: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range sum.Files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		compareDecoders(t, filepath.Base(f), data)
	}
}

// decodeCases are inputs where a hand-written decoder may part from
// encoding/json.
var decodeCases = []string{
	// structure
	``, ` `, `{`, `}`, `[]`, `5`, `"Records"`, `null`, `{}`, `{"Records":null}`, `{"Records":{}}`,
	`{"Records":[]}`, ` {"Records" : [ ] } `, "{\"Records\":[]}\n\t\r ", `{"Records":[]}x`,
	`{"Records":[]}{}`, `{"Records":[],}`, `{"Records":[],"Records":[{"eventID":"b"}]}`,
	`{"records":[{"eventID":"a"}]}`, `{"Rec\u006frds":[{"eventID":"a"}]}`,
	`{"Records":[{"eventID":"a"}`, `{"Records":[{"eventID":"a"},]}`, `{"Records":[,{}]}`,
	`{"Records":[{"eventID":"a"} {"eventID":"b"}]}`, `{"x":[1,{"y":[]}],"Records":[{}],"z":{"a":null}}`,
	`{"Records":[{},null,1,"s",true,[],{"eventID":"x"}]}`, `{"Records":[{"eventID":"a" "b":1}]}`,
	`{"Records":[{"eventID"}]}`, `{"Records":[{"eventID":}]}`, `{"Records":[{1:2}]}`,
	// scalars in skipped values
	`{"Records":[{"a":-0.5e+10,"b":0,"c":-1,"d":1E5,"e":true,"f":false,"g":null}]}`,
	`{"Records":[{"a":01}]}`, `{"Records":[{"a":1.}]}`, `{"Records":[{"a":-}]}`, `{"Records":[{"a":1e}]}`,
	`{"Records":[{"a":.5}]}`, `{"Records":[{"a":+1}]}`, `{"Records":[{"a":tru}]}`, `{"Records":[{"a":nul}]}`,
	`{"Records":[{"a":"\x"}]}`, `{"Records":[{"a":"\u12"}]}`, "{\"Records\":[{\"a\":\"\x01\"}]}",
	`{"Records":[{"a":[1,2,]}]}`, `{"Records":[{"a":{"b":1,}}]}`, `{"Records":[{"a":{"b"}}]}`,
	// field types
	`{"Records":[{"eventID":1}]}`, `{"Records":[{"eventID":null}]}`, `{"Records":[{"eventID":"a","eventID":null}]}`,
	`{"Records":[{"userIdentity":"x"}]}`, `{"Records":[{"userIdentity":null}]}`, `{"Records":[{"userIdentity":[1]}]}`,
	`{"Records":[{"tlsDetails":null}]}`, `{"Records":[{"tlsDetails":{}}]}`, `{"Records":[{"tlsDetails":"TLSv1"}]}`,
	`{"Records":[{"tlsDetails":{"tlsVersion":5}}]}`, `{"Records":[{"tlsDetails":{"tlsVersion":null}}]}`,
	`{"Records":[{"tlsDetails":{"tlsVersion":"TLSv1"},"tlsDetails":{"cipherSuite":"x"}}]}`,
	`{"Records":[{"tlsDetails":{"tlsVersion":"TLSv1"},"tlsDetails":null}]}`,
	`{"Records":[{"tlsDetails":{"tlsVersion":"TLSv1"},"tlsDetails":null,"tlsDetails":{}}]}`,
	`{"Records":[{"userIdentity":{"arn":"a"},"userIdentity":{"type":"t"}}]}`,
	`{"Records":[{"userIdentity":{"arn":"a","sessionContext":{"attributes":{"x":"y"}}}}]}`,
	`{"Records":[{"eventID":"a","eventID":"b"}]}`, `{"Records":[{"eventID":{"x":1},"eventName":"n"}]}`,
	// key matching
	`{"Records":[{"EVENTID":"a","eventid":"b"}]}`, `{"Records":[{"EventSource":"s","EVENTSOURCE":"t"}]}`,
	`{"Records":[{"event\u0049D":"a"}]}`, `{"Records":[{"userIdentity":{"ARN":"a","Type":"t"}}]}`,
	`{"Records":[{"TLSDETAILS":{"TLSVERSION":"TLSv1"}}]}`, "{\"Records\":[{\"userAgent\":\"a\",\"u\u017ferAgent\":\"b\"}]}",
	"{\"Records\":[{\"tlsDetails\":{\"tlsVersion\":\"v\",\"clientProvidedHostHeader\":\"h\"},\"\u212aey\":1}]}",
	"{\"Records\":[{\"recipientAccount\u212ad\":\"1\",\"recipientAccountId\":\"2\"}]}",
	"{\"Records\":[{\"eventI\xffD\":\"a\"}]}", "{\"Records\":[{\"eventId\":\"a\",\"eventID\":\"b\"}]}",
	// strings
	`{"Records":[{"eventID":"a\"b\\c\/d\be\ff\ng\rh\ti"}]}`, `{"Records":[{"eventID":"\u00e9\u4e2d\uD83D\uDE00"}]}`,
	`{"Records":[{"eventID":"\uD83D"}]}`, `{"Records":[{"eventID":"\uDE00\uD83D"}]}`, `{"Records":[{"eventID":"\uD83D\u0041"}]}`,
	`{"Records":[{"eventID":"\uD83Dx"}]}`, `{"Records":[{"eventID":"\uD83D\uD83D\uDE00"}]}`,
	"{\"Records\":[{\"eventID\":\"\xff\xfe\"}]}", "{\"Records\":[{\"eventID\":\"\xed\xa0\x80\"}]}",
	"{\"Records\":[{\"eventID\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}]}", "{\"Records\":[{\"eventID\":\"\xc3\"}]}",
	"{\"Records\":[{\"eventID\":\"\xef\xbf\xbd\"}]}", "{\"Records\":[{\"userAgent\":\"a\x7fb\"}]}",
	"{\"Records\":[{\"userAgent\":\"tab\tinside\"}]}", "{\"Records\":[{\"x\":\"caf\xc3\"}]}",
	`{"Records":[{"eventID":"0123456789abcdef0123456789abcdef\"0123456789"}]}`,
	// a full record
	`{"Records":[{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDA","arn":"arn:aws:iam::1:user/u","accountId":"1","accessKeyId":"AKIA","invokedBy":"svc"},"eventTime":"2024-05-01T00:00:00Z","eventSource":"sts.amazonaws.com","eventName":"GetCallerIdentity","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/1.16.96","requestParameters":null,"responseElements":{"a":[{"b":"c"}]},"eventID":"3038ebd2-c98a-4c65-9b6e-000000001001","recipientAccountId":"1","vpcEndpointId":"vpce-1","tlsDetails":{"tlsVersion":"TLSv1","cipherSuite":"ECDHE-RSA-AES128-SHA","clientProvidedHostHeader":"sts.amazonaws.com"}}]}`,
}

func TestDecodeCases(t *testing.T) {
	for _, c := range decodeCases {
		compareDecoders(t, strconv.Quote(c), []byte(c))
		checkBounded(t, []byte(c))
	}
}

func TestDecodeDepth(t *testing.T) {
	for _, depth := range []int{maxDepth - 1, maxDepth, maxDepth + 1} {
		// The record is level 1; "a" holds depth-1 more levels.
		in := `{"Records":[{"a":` + strings.Repeat("[", depth-1) + strings.Repeat("]", depth-1) + `}]}`
		compareDecoders(t, "depth "+strconv.Itoa(depth), []byte(in))
		_, err := ReadRecords(strings.NewReader(in), "in", func(*Record) {})
		if (err != nil) != (depth > maxDepth) {
			t.Errorf("depth %d: %v", depth, err)
		}
	}
	// Outside "Records" the nesting is not limited, as with the Decoder's
	// tokens.
	deep := `{"x":` + strings.Repeat("[", 2*maxDepth) + strings.Repeat("]", 2*maxDepth) + `,"Records":[]}`
	compareDecoders(t, "deep outside", []byte(deep))
}

// TestTooLarge reads records larger than the bound: they are counted and
// skipped, the others read, and a malformed large record is still an
// error.
func TestTooLarge(t *testing.T) {
	big := `{"eventID":"big","requestParameters":{"x":"` + strings.Repeat("a", 5000) + `"}}`
	in := `{"Records":[{"eventID":"a"},` + big + `,{"eventID":"b"},` + big + `]}`
	for _, limit := range []int{1024, 4096} {
		got := fastDecode(iotest.HalfReader(strings.NewReader(in)), limit)
		if got.err != nil || got.stats != (FileStats{Records: 2, TooLarge: 2}) ||
			len(got.records) != 2 || got.records[1].EventID != "b" {
			t.Errorf("limit %d: %+v", limit, got)
		}
	}
	bad := `{"Records":[{"eventID":"a"},` + big[:len(big)-2] + `x}]}`
	if got := fastDecode(strings.NewReader(bad), 1024); got.err == nil || got.stats.Records != 1 {
		t.Errorf("malformed large record: %+v", got)
	}
	rep, err := ScanReader(strings.NewReader(in), "in", Options{MaxRecordBytes: 1024})
	if err != nil {
		t.Fatal(err)
	}
	if s := rep.Totals.Skipped; s.TooLarge != 2 || s.Records != 2 || rep.Totals.Read != 4 || !rep.Totals.Reconciles() {
		t.Errorf("totals %+v", rep.Totals)
	}
}

// TestErrorOffset checks the place given for bad input: the offending
// byte, or the end of input.
func TestErrorOffset(t *testing.T) {
	for _, tt := range []struct {
		in     string
		record int
		offset int64
	}{
		{`{"Records":[{"eventID":"a"},{"eventID":x}]}`, 1, 39},
		{`{"Records":[{"eventID":"a"},{"eventID":"b"`, 1, 42},
		{`{"Records":[{"eventID":"a"}] x`, -1, 29},
		{"{\"Records\":[{\"eventID\":\"a\x01\"}]}", 0, 25},
	} {
		_, err := ReadRecords(strings.NewReader(tt.in), "in", func(*Record) {})
		var fe *FileError
		if !errors.As(err, &fe) {
			t.Errorf("%q: %v", tt.in, err)
		} else if fe.Record != tt.record || fe.Offset != tt.offset {
			t.Errorf("%q: %v (record %d, offset %d)", tt.in, err, fe.Record, fe.Offset)
		}
	}
}
