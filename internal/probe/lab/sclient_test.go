package lab

import (
	"context"
	"crypto/tls"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// allTLS13 lists every TLS 1.3 suite OpenSSL 3.0 implements.
const allTLS13 = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256"

// everyCipher selects every TLS 1.2-and-below suite OpenSSL has, including
// those below any security level.
const everyCipher = "ALL:COMPLEMENTOFALL:@SECLEVEL=0"

// knownSuites is what openssl says about every suite it has.
var knownSuites = sync.OnceValues(func() ([]suiteLine, error) {
	out, err := exec.Command("openssl", "ciphers", "-V", "-ciphersuites", allTLS13, everyCipher).Output()
	if err != nil {
		return nil, err
	}
	return parseCiphersV(string(out))
})

// suiteName returns OpenSSL's name for suite id ("" if OpenSSL lacks it).
func suiteName(t testing.TB, id uint16) string {
	t.Helper()
	lines, err := knownSuites()
	if err != nil {
		t.Fatalf("openssl ciphers: %v", err)
	}
	for _, l := range lines {
		if l.id == id {
			return l.name
		}
	}
	return ""
}

// suiteNames returns OpenSSL's names for ids, leaving out those it lacks.
func suiteNames(t testing.TB, ids []uint16) []string {
	t.Helper()
	var names []string
	for _, id := range ids {
		if n := suiteName(t, id); n != "" {
			names = append(names, n)
		}
	}
	return names
}

// otherSuites returns OpenSSL's names for every suite of version v's kind
// (TLS 1.3 or not) that is not in ids.
func otherSuites(t testing.TB, v uint16, ids []uint16) []string {
	t.Helper()
	lines, _ := knownSuites()
	var names []string
	for _, l := range lines {
		if (l.protocol == "TLSv1.3") == (v == tls.VersionTLS13) && !slices.Contains(ids, l.id) {
			names = append(names, l.name)
		}
	}
	return names
}

// result is what s_client -brief reported of a handshake.
type result struct {
	ok      bool
	version string // "TLSv1.2"
	suite   string // OpenSSL's name
	hash    string // "Hash used", e.g. SHA1
	tempKey string // the key-exchange group, e.g. X25519 or prime256v1
	out     string // everything s_client printed
}

// sClient runs openssl s_client against srv with extra arguments args and
// reports the handshake.
func sClient(t testing.TB, srv Server, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	argv := []string{"s_client", "-connect", srv.Addr, "-brief", "-CAfile", srv.CAFile, "-verify_return_error"}
	if srv.Expect.StartTLS != "" {
		argv = append(argv, "-starttls", srv.Expect.StartTLS)
	}
	argv = append(argv, args...)
	out, err := exec.CommandContext(ctx, "openssl", argv...).CombinedOutput()
	r := result{out: "openssl " + strings.Join(argv, " ") + "\n" + string(out)}
	r.ok = err == nil && strings.Contains(string(out), "CONNECTION ESTABLISHED")
	for _, line := range strings.Split(string(out), "\n") {
		key, val, _ := strings.Cut(line, ": ")
		switch key {
		case "Protocol version":
			r.version = val
		case "Ciphersuite":
			r.suite = val
		case "Hash used":
			r.hash = val
		case "Server Temp Key", "Peer Temp Key":
			r.tempKey = tempKeyGroup(val)
		}
	}
	return r
}

// pin returns s_client arguments that offer only version v and, for v up
// to TLS 1.2, the cipher string ciphers (at security level 0), or, for
// TLS 1.3, the suites ciphers.
func pin(v uint16, ciphers string) []string {
	if v == tls.VersionTLS13 {
		return []string{"-tls1_3", "-ciphersuites", ciphers}
	}
	return []string{versionFlag(v), "-cipher", ciphers + ":@SECLEVEL=0"}
}

// broad is every suite of version v's kind, for pin.
func broad(v uint16) string {
	if v == tls.VersionTLS13 {
		return allTLS13
	}
	return "ALL:COMPLEMENTOFALL"
}

// wantOK fails the test unless r is a handshake at version v with suite
// (either may be "" to accept any).
func wantOK(t testing.TB, r result, v uint16, suite string) {
	t.Helper()
	switch {
	case !r.ok:
		t.Errorf("handshake failed, want %s %s:\n%s", VersionName(v), suite, r.out)
	case r.version != VersionName(v):
		t.Errorf("version %s, want %s:\n%s", r.version, VersionName(v), r.out)
	case suite != "" && r.suite != suite:
		t.Errorf("suite %s, want %s:\n%s", r.suite, suite, r.out)
	}
}

// wantFail fails the test if r is a handshake.
func wantFail(t testing.TB, r result, why string) {
	t.Helper()
	if r.ok {
		t.Errorf("handshake succeeded (%s %s), want none: %s\n%s", r.version, r.suite, why, r.out)
	}
}

// tempKeyGroup picks the group out of s_client's "X25519, 253 bits" or
// "ECDH, prime256v1, 256 bits".
func tempKeyGroup(val string) string {
	f := strings.Split(val, ", ")
	if len(f) == 3 {
		return f[1]
	}
	return f[0]
}
