package query

import (
	"crypto/tls"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/report/reporttest"
)

// TestEmitGolden keeps the emitted SQL in testdata, where a change shows
// in review.
func TestEmitGolden(t *testing.T) {
	p := testDays
	p.Location = "s3://trail-bucket/AWSLogs/111122223333/CloudTrail/eu-west-1/"
	p.EventDataStore = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
	for name, sql := range map[string]string{
		"athena.sql":      AthenaTable(p) + "\n" + AthenaQuery(p),
		"lake.sql":        LakeQuery(p),
		"placeholder.sql": AthenaTable(Params{Since: p.Since, Until: p.Until}) + LakeQuery(Params{Since: p.Since, Until: p.Until, Floor: tls.VersionTLS13}),
	} {
		reporttest.Golden(t, filepath.Join("testdata", name), []byte(sql), *update)
	}
}

func TestEmitFloor(t *testing.T) {
	q12 := AthenaQuery(Params{Since: testDays.Since, Until: testDays.Until})
	q13 := AthenaQuery(Params{Since: testDays.Since, Until: testDays.Until, Floor: tls.VersionTLS13})
	if !strings.Contains(q12, "WHERE tls_version IN ('SSLv3', 'TLSv1', 'TLSv1.0', 'TLSv1.1')") {
		t.Errorf("TLS 1.2 floor query does not select the versions below TLS 1.2:\n%s", q12)
	}
	if !strings.Contains(q13, "'TLSv1.1', 'TLSv1.2')") {
		t.Errorf("TLS 1.3 floor query does not select TLS 1.2 callers:\n%s", q13)
	}
	if !strings.Contains(q12, `"timestamp" BETWEEN '2024/04/30' AND '2024/05/02'`) {
		t.Errorf("Athena query does not bound the partitions:\n%s", q12)
	}
	lq := LakeQuery(Params{Since: testDays.Since, Until: testDays.Until, EventDataStore: "store"})
	for _, want := range []string{"FROM store", "tlsDetails.tlsVersion", "userIdentity.accessKeyId", "eventTime >= '2024-04-30 00:00:00' AND eventTime < '2024-05-03 00:00:00'"} {
		if !strings.Contains(lq, want) {
			t.Errorf("Lake query lacks %q", want)
		}
	}
}
