package lab

import (
	"crypto/tls"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestParseCiphersV checks the parsing of `openssl ciphers -V` lines.
func TestParseCiphersV(t *testing.T) {
	tests := []struct {
		line string
		want suiteLine
		err  bool
	}{
		{"0xC0,0x2F - ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 Kx=ECDH Au=RSA Enc=AESGCM(128) Mac=AEAD",
			suiteLine{0xc02f, "ECDHE-RSA-AES128-GCM-SHA256", "TLSv1.2", "ECDH", "RSA"}, false},
		{"  0x13,0x01 - TLS_AES_128_GCM_SHA256 TLSv1.3 Kx=any Au=any Enc=AESGCM(128) Mac=AEAD",
			suiteLine{0x1301, "TLS_AES_128_GCM_SHA256", "TLSv1.3", "any", "any"}, false},
		{"0x00,0x2F - AES128-SHA SSLv3 Kx=RSA Au=RSA Enc=AES(128) Mac=SHA1",
			suiteLine{0x002f, "AES128-SHA", "SSLv3", "RSA", "RSA"}, false},
		{"ECDHE-RSA-AES128-GCM-SHA256", suiteLine{}, true},
		{"0xZZ,0x2F - X TLSv1.2 Kx=ECDH Au=RSA Enc=x Mac=y", suiteLine{}, true},
	}
	for _, tt := range tests {
		got, err := parseCiphersV(tt.line)
		if (err != nil) != tt.err || err == nil && (len(got) != 1 || got[0] != tt.want) {
			t.Errorf("parseCiphersV(%q) = %+v, %v; want %+v, error %v", tt.line, got, err, tt.want, tt.err)
		}
	}
}

// TestUsable checks which suites a server key can serve.
func TestUsable(t *testing.T) {
	tests := []struct {
		kx, au, protocol string
		key              KeyType
		want             bool
	}{
		{"ECDH", "RSA", "TLSv1", RSA, true},
		{"ECDH", "RSA", "TLSv1", ECDSA, false},
		{"ECDH", "ECDSA", "TLSv1", ECDSA, true},
		{"RSA", "RSA", "SSLv3", ECDSA, false},
		{"DH", "None", "SSLv3", ECDSA, true},
		{"DH", "DSS", "SSLv3", RSA, false},
		{"RSAPSK", "RSA", "SSLv3", RSA, false},
		{"SRP", "RSA", "SSLv3", RSA, false},
		{"any", "any", "TLSv1.3", ECDSA, true},
	}
	for _, tt := range tests {
		if got := (suiteLine{kx: tt.kx, au: tt.au, protocol: tt.protocol}).usable(tt.key); got != tt.want {
			t.Errorf("usable(Kx=%s Au=%s %s, key %v) = %v", tt.kx, tt.au, tt.protocol, tt.key, got)
		}
	}
}

// TestSHA1Only checks the reading of -sigalgs lists.
func TestSHA1Only(t *testing.T) {
	for sigalgs, want := range map[string]bool{
		"":                      false,
		"RSA+SHA1":              true,
		"RSA+SHA1:ECDSA+SHA1":   true,
		"RSA+SHA1:RSA+SHA256":   false,
		"rsa_pkcs1_sha1":        true,
		"rsa_pss_rsae_sha256":   false,
		"ECDSA+SHA1:ed25519":    false,
		"RSA+SHA1:RSA-PSS+SHA1": true,
	} {
		if got := sha1Only(sigalgs); got != want {
			t.Errorf("sha1Only(%q) = %v", sigalgs, got)
		}
	}
}

// TestAcceptLine checks the finding of s_server's address.
func TestAcceptLine(t *testing.T) {
	for out, want := range map[string]string{
		"Using default temp DH parameters\nACCEPT 127.0.0.1:44543\n": "127.0.0.1:44543",
		"ACCEPT [::1]:443\n":   "[::1]:443",
		"ACCEPT\n":             "",
		"Using default temp\n": "",
	} {
		if got := acceptLine(out); got != want {
			t.Errorf("acceptLine(%q) = %q, want %q", out, got, want)
		}
	}
}

// TestVersionRange checks version ranges, empty ones included.
func TestVersionRange(t *testing.T) {
	tests := []struct {
		lo, hi uint16
		want   []uint16
	}{
		{tls.VersionTLS10, tls.VersionTLS13, []uint16{tls.VersionTLS10, tls.VersionTLS11, tls.VersionTLS12, tls.VersionTLS13}},
		{tls.VersionTLS12, tls.VersionTLS12, []uint16{tls.VersionTLS12}},
		{SSL30, tls.VersionTLS10, []uint16{SSL30, tls.VersionTLS10}},
		{tls.VersionTLS13, tls.VersionTLS12, nil},
	}
	for _, tt := range tests {
		if got := versionRange(tt.lo, tt.hi); !slices.Equal(got, tt.want) {
			t.Errorf("versionRange(%x, %x) = %x, want %x", tt.lo, tt.hi, got, tt.want)
		}
	}
}

// TestOpenSSLGroups checks the split of group lists by version.
func TestOpenSSLGroups(t *testing.T) {
	tests := []struct {
		list     string
		versions []uint16
		g13, g12 []tls.CurveID
	}{
		{"X25519:P-256", []uint16{tls.VersionTLS12, tls.VersionTLS13}, []tls.CurveID{tls.X25519, tls.CurveP256}, []tls.CurveID{tls.X25519, tls.CurveP256}},
		{"P-384:X448", []uint16{tls.VersionTLS13}, []tls.CurveID{tls.CurveP384, 30}, nil},
		{"prime256v1:ffdhe2048", []uint16{tls.VersionTLS12}, nil, []tls.CurveID{tls.CurveP256}},
		{"brainpoolP256r1:X25519", []uint16{tls.VersionTLS12, tls.VersionTLS13}, []tls.CurveID{tls.X25519}, []tls.CurveID{26, tls.X25519}},
	}
	for _, tt := range tests {
		g13, g12 := opensslGroups(t, tt.list, tt.versions)
		if !slices.Equal(g13, tt.g13) || !slices.Equal(g12, tt.g12) {
			t.Errorf("opensslGroups(%q, %x) = %v, %v; want %v, %v", tt.list, tt.versions, g13, g12, tt.g13, tt.g12)
		}
	}
}

// TestGoExpect checks an Expect derived from a crypto/tls configuration.
func TestGoExpect(t *testing.T) {
	e := GoConfig{
		Min: tls.VersionTLS12, Max: tls.VersionTLS13, Key: ECDSA,
		Groups: []tls.CurveID{tls.X25519MLKEM768, tls.X25519},
		Suites: []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256},
	}.expect()
	if !slices.Equal(e.Suites[tls.VersionTLS12], []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}) {
		t.Errorf("TLS 1.2 suites %x: want the ECDSA one only", e.Suites[tls.VersionTLS12])
	}
	if len(e.Suites[tls.VersionTLS13]) != 3 {
		t.Errorf("TLS 1.3 suites %x: want crypto/tls's three", e.Suites[tls.VersionTLS13])
	}
	if !slices.Equal(e.Groups12, []tls.CurveID{tls.X25519}) || len(e.Groups13) != 2 {
		t.Errorf("groups %v / %v: want the hybrid in TLS 1.3 only", e.Groups13, e.Groups12)
	}
}

// fakeTB records Fatalf and Skipf instead of stopping the test.
type fakeTB struct {
	testing.TB
	fatal, skip string
}

// Helper does nothing.
func (f *fakeTB) Helper() {}

// Fatalf records the message.
func (f *fakeTB) Fatalf(format string, a ...any) { f.fatal = fmt.Sprintf(format, a...) }

// Skipf records the message.
func (f *fakeTB) Skipf(format string, a ...any) { f.skip = fmt.Sprintf(format, a...) }

// TestNeedMissing checks that a missing program fails the test in CI,
// naming its package, and skips it elsewhere.
func TestNeedMissing(t *testing.T) {
	tests := []struct {
		ci        string
		fatal     bool
		mentioned string
	}{
		{"true", true, "nginx-light"},
		{"", false, "nginx-light"},
		{"false", false, "nginx-light"},
	}
	for _, tt := range tests {
		t.Setenv("CI", tt.ci)
		f := &fakeTB{TB: t}
		if got := need(f, "tlsfloor-lab-no-such-program", "nginx-light"); got != "" {
			t.Fatalf("need found %q", got)
		}
		msg := f.skip
		if tt.fatal {
			msg = f.fatal
		}
		if (f.fatal != "") != tt.fatal || (f.skip != "") == tt.fatal || !strings.Contains(msg, tt.mentioned) {
			t.Errorf("CI=%q: fatal %q, skip %q; want fatal %v naming %s", tt.ci, f.fatal, f.skip, tt.fatal, tt.mentioned)
		}
	}
}
