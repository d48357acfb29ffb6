package hello_test

import (
	"crypto/tls"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/tlsfloor/tlsfloor/internal/hello"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
	"github.com/tlsfloor/tlsfloor/internal/tlslab"
)

// hybrids are the three post-quantum hybrid groups.
var hybrids = []tls.CurveID{tls.X25519MLKEM768, tls.SecP256r1MLKEM768, tls.SecP384r1MLKEM1024}

var sigalgs = []tls.SignatureScheme{tls.ECDSAWithP256AndSHA256, tls.PSSWithSHA256, tls.PKCS1WithSHA256, tls.PKCS1WithSHA1}

// builderCases are hellos of every shape the prober sends.
func builderCases() []struct {
	name string
	ch   hello.ClientHello
} {
	all12 := hello.CipherSuitesFor(tls.VersionTLS12)
	return []struct {
		name string
		ch   hello.ClientHello
	}{
		{name: "ssl30", ch: hello.ClientHello{LegacyVersion: hello.VersionSSL30, CipherSuites: hello.CipherSuitesFor(hello.VersionSSL30)}},
		{name: "tls10", ch: hello.ClientHello{LegacyVersion: tls.VersionTLS10, CipherSuites: hello.CipherSuitesFor(tls.VersionTLS10), ServerName: "example.com", Groups: []tls.CurveID{tls.X25519, tls.CurveP256}}},
		{name: "tls12-all", ch: hello.ClientHello{LegacyVersion: tls.VersionTLS12, CipherSuites: all12, ServerName: "sts.amazonaws.com", ALPN: []string{"h2", "http/1.1"}, Groups: []tls.CurveID{tls.X25519, tls.CurveP256, hello.X448, hello.FFDHE2048}, SignatureSchemes: sigalgs}},
		{name: "tls13-shares", ch: hello.ClientHello{CipherSuites: hello.TLS13CipherSuites(), SupportedVersions: []uint16{tls.VersionTLS13}, Groups: []tls.CurveID{tls.X25519, tls.CurveP256}, KeyShares: []tls.CurveID{tls.X25519, tls.CurveP256}, SignatureSchemes: sigalgs}},
		{name: "tls13-empty-share", ch: hello.ClientHello{CipherSuites: hello.TLS13CipherSuites(), SupportedVersions: []uint16{tls.VersionTLS13, tls.VersionTLS12}, Groups: []tls.CurveID{hello.FFDHE3072, hello.MLKEM512}, KeyShares: []tls.CurveID{}, SignatureSchemes: sigalgs}},
		{name: "tls13-hybrids", ch: hello.ClientHello{CipherSuites: hello.TLS13CipherSuites(), SupportedVersions: []uint16{tls.VersionTLS13}, Groups: hybrids, KeyShares: hybrids, SignatureSchemes: sigalgs}},
		{name: "pure-mlkem", ch: hello.ClientHello{CipherSuites: hello.TLS13CipherSuites(), SupportedVersions: []uint16{tls.VersionTLS13}, Groups: []tls.CurveID{hello.MLKEM768, hello.MLKEM1024}, KeyShares: []tls.CurveID{hello.MLKEM768, hello.MLKEM1024}, SignatureSchemes: sigalgs}},
		{name: "several-records", ch: hello.ClientHello{CipherSuites: all12, ALPN: longALPN(200), SignatureSchemes: sigalgs}},
	}
}

// longALPN returns n distinct 100-byte protocol names: enough of them push
// a hello past one record.
func longALPN(n int) []string {
	protos := make([]string, n)
	for i := range protos {
		protos[i] = strings.Repeat(string(rune('a'+i%26)), 99) + string(rune('A'+i/26))
	}
	return protos
}

// TestMarshalRoundTrip builds each hello, parses it back, and has
// crypto/tls's server parse it too: all three must agree.
func TestMarshalRoundTrip(t *testing.T) {
	for _, tt := range builderCases() {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.ch.Marshal()
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			got, err := hello.ParseClientHello(b)
			if err != nil {
				t.Fatalf("ParseClientHello: %v", err)
			}
			checkRoundTrip(t, &tt.ch, got, len(b))
			checkAgainstGo(t, &tt.ch, goParse(t, b))
			if *update {
				writeCorpus(t, "FuzzParseClientHello", "builder-"+tt.name, b)
			}
		})
	}
}

func checkRoundTrip(t *testing.T, want *hello.ClientHello, got *hello.ClientHelloInfo, n int) {
	t.Helper()
	suites := want.CipherSuites
	if ssl3(want) {
		suites = append(slices.Clip(suites), 0x00FF) // TLS_EMPTY_RENEGOTIATION_INFO_SCSV
		if got.Extensions != nil {
			t.Errorf("SSL 3.0 hello has extensions %v", got.Extensions)
		}
	}
	wantInfo := hello.ClientHelloInfo{
		LegacyVersion: want.LegacyVersion, SupportedVersions: want.SupportedVersions,
		CipherSuites: suites, ServerName: want.ServerName, ALPN: want.ALPN, Groups: want.Groups,
		KeyShares: want.KeyShares, SignatureSchemes: want.SignatureSchemes, Length: n,
	}
	if want.LegacyVersion == 0 {
		wantInfo.LegacyVersion = tls.VersionTLS12
	}
	if diff := cmp.Diff(wantInfo, *got, cmpopts.IgnoreFields(hello.ClientHelloInfo{}, "Extensions"), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("parsed hello differs (-built +parsed):\n%s", diff)
	}
}

// ssl3 reports whether the builder makes an extension-less SSL 3.0 hello.
func ssl3(ch *hello.ClientHello) bool {
	return ch.LegacyVersion == hello.VersionSSL30 && ch.SupportedVersions == nil
}

// checkAgainstGo compares a built hello with what crypto/tls read from it.
func checkAgainstGo(t *testing.T, want *hello.ClientHello, got *tls.ClientHelloInfo) {
	t.Helper()
	if ssl3(want) {
		return // crypto/tls reads no extensions of an SSL 3.0 hello either
	}
	if !slices.Equal(got.CipherSuites, want.CipherSuites) || got.ServerName != want.ServerName ||
		!slices.Equal(got.SupportedProtos, want.ALPN) || !slices.Equal(got.SupportedCurves, want.Groups) ||
		!slices.Equal(got.SignatureSchemes, want.SignatureSchemes) {
		t.Errorf("crypto/tls read suites %d, SNI %q, ALPN %d, groups %v, sigalgs %v; built %d, %q, %d, %v, %v",
			len(got.CipherSuites), got.ServerName, len(got.SupportedProtos), got.SupportedCurves, got.SignatureSchemes,
			len(want.CipherSuites), want.ServerName, len(want.ALPN), want.Groups, want.SignatureSchemes)
	}
	if want.SupportedVersions != nil && !slices.Equal(got.SupportedVersions, want.SupportedVersions) {
		t.Errorf("crypto/tls read versions %x, built %x", got.SupportedVersions, want.SupportedVersions)
	}
}

// TestKeySharesValid sends one key share per hello to a Go server that
// supports that group alone: it must answer with a ServerHello (not a
// HelloRetryRequest) for the same group, so the share was accepted.
func TestKeySharesValid(t *testing.T) {
	ca := testpki.New(t)
	groups := []tls.CurveID{tls.X25519, tls.CurveP256, tls.CurveP384, tls.CurveP521, tls.X25519MLKEM768, tls.SecP256r1MLKEM768, tls.SecP384r1MLKEM1024}
	for _, g := range groups {
		t.Run(g.String(), func(t *testing.T) {
			addr := tlslab.GoTLS(t, ca, &tls.Config{CurvePreferences: []tls.CurveID{g}})
			f, err := exchange(t, addr, &hello.ClientHello{
				CipherSuites: hello.TLS13CipherSuites(), SupportedVersions: []uint16{tls.VersionTLS13},
				Groups: []tls.CurveID{g}, KeyShares: []tls.CurveID{g}, SignatureSchemes: sigalgs,
			})
			if err != nil {
				t.Fatalf("ReadServerFlight: %v", err)
			}
			if r := f.Reply; r.Kind != hello.ServerHello || r.HelloRetry || r.KeyShare != g || r.Version != tls.VersionTLS13 {
				t.Errorf("reply = %+v, want a TLS 1.3 ServerHello with a %s share", r, g)
			}
		})
	}
}

// TestKeySharesValidOpenSSL checks the classical shares against OpenSSL,
// which validates points on its own.
func TestKeySharesValidOpenSSL(t *testing.T) {
	ca := testpki.New(t)
	for _, tt := range []struct {
		name  string
		group tls.CurveID
	}{
		{name: "X25519", group: tls.X25519},
		{name: "P-256", group: tls.CurveP256},
		{name: "P-384", group: tls.CurveP384},
		{name: "P-521", group: tls.CurveP521},
	} {
		t.Run(tt.name, func(t *testing.T) {
			addr := tlslab.OpenSSL(t, ca, testpki.ECDSA, "-tls1_3", "-groups", opensslGroup(tt.group))
			f, err := exchange(t, addr, &hello.ClientHello{
				CipherSuites: hello.TLS13CipherSuites(), SupportedVersions: []uint16{tls.VersionTLS13},
				Groups: []tls.CurveID{tt.group}, KeyShares: []tls.CurveID{tt.group}, SignatureSchemes: sigalgs,
			})
			if err != nil || f.Reply.HelloRetry || f.Reply.KeyShare != tt.group {
				t.Errorf("reply = %+v, %v; want a ServerHello with a %s share", f.Reply, err, tt.group)
			}
		})
	}
}

func opensslGroup(g tls.CurveID) string {
	return map[tls.CurveID]string{tls.X25519: "X25519", tls.CurveP256: "P-256", tls.CurveP384: "P-384", tls.CurveP521: "P-521"}[g]
}

func TestMarshalErrors(t *testing.T) {
	tests := []struct {
		name string
		ch   hello.ClientHello
		want string
	}{
		{name: "SSL 3.0 with SNI", ch: hello.ClientHello{LegacyVersion: hello.VersionSSL30, ServerName: "a.example"}, want: "no extensions"},
		{name: "IP server name", ch: hello.ClientHello{ServerName: "192.0.2.1"}, want: "IP address"},
		{name: "control byte in name", ch: hello.ClientHello{ServerName: "a\x00b"}, want: "not a host name"},
		{name: "empty ALPN protocol", ch: hello.ClientHello{ALPN: []string{""}}, want: "ALPN"},
		{name: "no x448 share", ch: hello.ClientHello{KeyShares: []tls.CurveID{hello.X448}}, want: "x448"},
		{name: "too many suites", ch: hello.ClientHello{CipherSuites: make([]uint16, 40000)}, want: "overflow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.ch.Marshal()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Marshal error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestPadding: a hello of 256 to 511 bytes is padded to at least 512
// (RFC 7685, section 4).
func TestPadding(t *testing.T) {
	for n := 50; n < 250; n += 7 {
		ch := hello.ClientHello{CipherSuites: make([]uint16, n)}
		b, err := ch.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if msg := len(b) - 5; msg > 0xff && msg < 0x200 {
			t.Errorf("%d suites: %d-byte hello not padded", n, msg)
		}
	}
}
