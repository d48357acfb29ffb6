package bench

import (
	"crypto/tls"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/hello"
	"github.com/tlsfloor/tlsfloor/internal/probe"
	"github.com/tlsfloor/tlsfloor/internal/probe/lab"
)

// The samples are real reports of the Debian 12 peers about an openssl
// s_server with TLS 1.0 to 1.3 and the groups X25519:P-256:P-384, cut
// short.

const sslscanSample = `<?xml version="1.0" encoding="UTF-8"?>
<document title="SSLScan Results" version="2.0.7" web="http://github.com/rbsec/sslscan">
 <ssltest host="127.0.0.1" sniname="127.0.0.1" port="24432">
  <protocol type="ssl" version="2" enabled="0" />
  <protocol type="ssl" version="3" enabled="0" />
  <protocol type="tls" version="1.0" enabled="1" />
  <protocol type="tls" version="1.1" enabled="1" />
  <protocol type="tls" version="1.2" enabled="1" />
  <protocol type="tls" version="1.3" enabled="1" />
  <cipher status="preferred" sslversion="TLSv1.3" bits="256" cipher="TLS_AES_256_GCM_SHA384" id="0x1302" curve="25519" ecdhebits="253" />
  <group sslversion="TLSv1.3" bits="128" name="secp256r1 (NIST P-256)" id="0x0017" />
  <group sslversion="TLSv1.3" bits="192" name="secp384r1 (NIST P-384)" id="0x0018" />
  <group sslversion="TLSv1.3" bits="128" name="x25519" id="0x001d" />
  <group sslversion="TLSv1.2" bits="128" name="secp256r1 (NIST P-256)" id="0x0017" />
  <group sslversion="TLSv1.2" bits="192" name="secp384r1 (NIST P-384)" id="0x0018" />
  <group sslversion="TLSv1.2" bits="128" name="x25519" id="0x001d" />
 </ssltest>
</document>`

const nmapSample = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nmaprun>
<nmaprun scanner="nmap" version="7.93" xmloutputversion="1.05">
<host><status state="up" reason="user-set" reason_ttl="0"/>
<address addr="127.0.0.1" addrtype="ipv4"/>
<ports><port protocol="tcp" portid="24432"><state state="open" reason="syn-ack" reason_ttl="0"/><script id="ssl-enum-ciphers" output="..."><table key="TLSv1.0">
<table key="ciphers">
<table>
<elem key="kex_info">dh 2048</elem>
<elem key="strength">A</elem>
<elem key="name">TLS_DHE_RSA_WITH_AES_128_CBC_SHA</elem>
</table>
<table>
<elem key="kex_info">secp256r1</elem>
<elem key="strength">A</elem>
<elem key="name">TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA</elem>
</table>
</table>
<elem key="cipher preference">client</elem>
</table>
<table key="TLSv1.3">
<table key="ciphers">
<table>
<elem key="kex_info">ecdh_x25519</elem>
<elem key="strength">A</elem>
<elem key="name">TLS_AKE_WITH_AES_128_GCM_SHA256</elem>
</table>
</table>
<elem key="cipher preference">client</elem>
</table>
<elem key="least strength">F</elem>
</script></port>
</ports>
</host>
</nmaprun>`

const nmapNoTLSSample = `<?xml version="1.0" encoding="UTF-8"?>
<nmaprun scanner="nmap" version="7.93" xmloutputversion="1.05">
<host><status state="up" reason="user-set" reason_ttl="0"/>
<ports><port protocol="tcp" portid="24999"><state state="open" reason="syn-ack" reason_ttl="0"/><service name="unknown" method="table" conf="3"/></port>
</ports>
</host>
</nmaprun>`

const testsslSample = `[
 {"id": "service", "ip": "127.0.0.1/127.0.0.1", "port": "24432", "severity": "INFO", "finding": "HTTP"},
 {"id": "SSLv2", "ip": "127.0.0.1/127.0.0.1", "port": "24432", "severity": "OK", "finding": "not offered"},
 {"id": "SSLv3", "ip": "127.0.0.1/127.0.0.1", "port": "24432", "severity": "OK", "finding": "not offered"},
 {"id": "TLS1", "ip": "127.0.0.1/127.0.0.1", "port": "24432", "severity": "LOW", "finding": "offered (deprecated)"},
 {"id": "TLS1_1", "ip": "127.0.0.1/127.0.0.1", "port": "24432", "severity": "LOW", "finding": "offered (deprecated)"},
 {"id": "TLS1_2", "ip": "127.0.0.1/127.0.0.1", "port": "24432", "severity": "OK", "finding": "offered"},
 {"id": "TLS1_3", "ip": "127.0.0.1/127.0.0.1", "port": "24432", "severity": "OK", "finding": "offered with final"},
 {"id": "PFS", "ip": "127.0.0.1/127.0.0.1", "port": "24432", "severity": "OK", "finding": "offered"},
 {"id": "PFS_ECDHE_curves", "ip": "127.0.0.1/127.0.0.1", "port": "24432", "severity": "OK", "finding": "prime256v1 secp384r1 X25519"},
 {"id": "DH_groups", "ip": "127.0.0.1/127.0.0.1", "port": "24432", "severity": "OK", "finding": "RFC3526/Oakley Group 14"}
]`

// sampleExpect is what the sampled server accepts.
var sampleExpect = lab.Expect{
	Versions: []uint16{tls.VersionTLS10, tls.VersionTLS11, tls.VersionTLS12, tls.VersionTLS13},
	Groups13: []tls.CurveID{tls.X25519, tls.CurveP256, tls.CurveP384},
	Groups12: []tls.CurveID{tls.X25519, tls.CurveP256, tls.CurveP384},
}

var allFour = []uint16{tls.VersionTLS10, tls.VersionTLS11, tls.VersionTLS12, tls.VersionTLS13}

// TestParsePeers reads each peer's sample report and judges it.
func TestParsePeers(t *testing.T) {
	tests := []struct {
		name           string
		parse          func([]byte) (found, error)
		report         string
		versions       []uint16
		groups         []tls.CurveID // all groups found, any version
		wantVersionsOK bool
		wantGroupsOK   bool
		remark         string
	}{
		{name: "sslscan", parse: parseSSLScan, report: sslscanSample, versions: allFour,
			groups: []tls.CurveID{tls.CurveP256, tls.CurveP384, tls.X25519}, wantVersionsOK: true, wantGroupsOK: true},
		{name: "nmap", parse: parseNmap, report: nmapSample, versions: []uint16{tls.VersionTLS10, tls.VersionTLS13},
			groups: []tls.CurveID{tls.CurveP256, tls.X25519}},
		{name: "nmap-no-tls", parse: parseNmap, report: nmapNoTLSSample, remark: "found no TLS"},
		{name: "testssl", parse: parseTestssl, report: testsslSample, versions: allFour,
			groups: []tls.CurveID{tls.CurveP256, tls.CurveP384, tls.X25519}, wantVersionsOK: true, wantGroupsOK: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := tt.parse([]byte(tt.report))
			if err != nil {
				t.Fatal(err)
			}
			all := append(append(slices.Clone(f.groups), f.groups13...), f.groups12...)
			if !sameSet(f.versions, tt.versions) || !sameSet(all, tt.groups) || len(f.unknown) > 0 {
				t.Errorf("versions %v, groups %v, unknown %q; want %v, %v", f.versions, all, f.unknown, tt.versions, tt.groups)
			}
			if !strings.Contains(f.remark, tt.remark) {
				t.Errorf("remark %q, want one containing %q", f.remark, tt.remark)
			}
			r := judged("sample", tt.name, time.Second, f, sampleExpect)
			if r.versions.ok != tt.wantVersionsOK || r.groups.ok != tt.wantGroupsOK {
				t.Errorf("versions right %v (%s), groups right %v (%s); want %v, %v",
					r.versions.ok, r.versions.detail, r.groups.ok, r.groups.detail, tt.wantVersionsOK, tt.wantGroupsOK)
			}
		})
	}
}

// TestParseBadReports: reports that cannot be read are errors, not
// empty findings.
func TestParseBadReports(t *testing.T) {
	for name, parse := range map[string]func([]byte) (found, error){"sslscan": parseSSLScan, "nmap": parseNmap, "testssl": parseTestssl} {
		for _, report := range []string{"", "<document/>", "[]", "garbage"} {
			if _, err := parse([]byte(report)); err == nil {
				t.Errorf("%s accepted the report %q", name, report)
			}
		}
	}
}

// TestFromResult reads tlsfloor's result, groups split by version.
func TestFromResult(t *testing.T) {
	r := probe.Result{
		AcceptedVersions: []string{"TLS 1.2", "TLS 1.3"},
		Groups:           map[string][]string{"TLS 1.3": {"X25519MLKEM768", "X25519", "x448"}, "TLS 1.2": {"CurveP256"}},
	}
	f, err := fromResult(r)
	if err != nil {
		t.Fatal(err)
	}
	want13 := []tls.CurveID{tls.X25519MLKEM768, tls.X25519, hello.X448}
	if !f.split || !slices.Equal(f.groups13, want13) || !slices.Equal(f.groups12, []tls.CurveID{tls.CurveP256}) || len(f.unknown) > 0 {
		t.Errorf("groups13 %v, groups12 %v, unknown %q", f.groups13, f.groups12, f.unknown)
	}
	if _, err := fromResult(probe.Result{AcceptedVersions: []string{"TLS 9"}}); err == nil {
		t.Error("unknown version accepted")
	}
}

// TestCheckGroups: split reports are judged per version, others as one
// list; unknown names and missing groups are wrong.
func TestCheckGroups(t *testing.T) {
	e := lab.Expect{Groups13: []tls.CurveID{tls.X25519MLKEM768, tls.X25519}, Groups12: []tls.CurveID{tls.X25519}}
	tests := []struct {
		name   string
		f      found
		ok     bool
		detail string
	}{
		{name: "split right", f: found{split: true, groups13: []tls.CurveID{tls.X25519, tls.X25519MLKEM768}, groups12: []tls.CurveID{tls.X25519}}, ok: true},
		{name: "split, curve under the wrong version", f: found{split: true, groups13: []tls.CurveID{tls.X25519, tls.X25519MLKEM768}}, detail: "TLS <= 1.2 curves: missing X25519"},
		{name: "union right", f: found{groups: []tls.CurveID{tls.X25519MLKEM768, tls.X25519}}, ok: true},
		{name: "hybrid missing", f: found{groups: []tls.CurveID{tls.X25519}}, detail: "missing X25519MLKEM768"},
		{name: "extra", f: found{groups: []tls.CurveID{tls.X25519MLKEM768, tls.X25519, tls.CurveP256}}, detail: "extra CurveP256"},
		{name: "unknown name", f: found{groups: []tls.CurveID{tls.X25519MLKEM768, tls.X25519}, unknown: []string{"sect163k1"}}, detail: "unknown names sect163k1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := checkGroups(tt.f, e)
			if v.ok != tt.ok || !strings.Contains(v.detail, tt.detail) {
				t.Errorf("ok %v, detail %q; want %v, %q", v.ok, v.detail, tt.ok, tt.detail)
			}
		})
	}
	if v := checkGroups(found{}, lab.Expect{Versions: []uint16{tls.VersionTLS12}}); !v.na || v.String() != "n/a" {
		t.Errorf("no groups declared: %+v, want n/a", v)
	}
}

// TestSummary states the two goals per server.
func TestSummary(t *testing.T) {
	right := verdict{ok: true}
	wrong := verdict{}
	rows := []row{
		{server: "a", tool: toolTlsfloor, wall: 10 * time.Millisecond, versions: right, groups: right},
		{server: "a", tool: "sslscan", wall: 500 * time.Millisecond, versions: right, groups: wrong},
		{server: "b", tool: toolTlsfloor, wall: 10 * time.Millisecond, versions: right, groups: wrong},
		{server: "b", tool: "sslscan", wall: 100 * time.Millisecond, versions: right, groups: right},
	}
	got := summary(rows)
	want := []string{
		"a: sslscan/tlsfloor 50.0x (goal >= 20x: yes); tlsfloor as right as every peer: yes",
		"b: sslscan/tlsfloor 10.0x (goal >= 20x: no); tlsfloor as right as every peer: no, sslscan got more right",
	}
	if !slices.Equal(got, want) {
		t.Errorf("summary\n%q\nwant\n%q", got, want)
	}
	var b strings.Builder
	writeTable(&b, rows)
	if !strings.Contains(b.String(), "| a | sslscan | 0.500 | yes | no | 50 |") {
		t.Errorf("table:\n%s", b.String())
	}
}

// sameSet reports whether a and b hold the same elements, in any order.
func sameSet[T comparable](a, b []T) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			return false
		}
	}
	return true
}
