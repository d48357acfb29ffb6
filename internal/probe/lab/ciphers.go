package lab

import (
	"crypto/tls"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// suiteLine is one line of `openssl ciphers -V`.
type suiteLine struct {
	id       uint16
	name     string
	protocol string // the lowest version the suite needs: SSLv3, TLSv1, TLSv1.2, TLSv1.3
	kx, au   string // key exchange and authentication, as OpenSSL names them
}

// parseCiphersV parses the output of `openssl ciphers -V`, whose lines
// read "0xC0,0x2F - ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 Kx=ECDH Au=RSA ...".
func parseCiphersV(out string) ([]suiteLine, error) {
	var lines []suiteLine
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) < 6 || f[1] != "-" {
			return nil, fmt.Errorf("unexpected openssl ciphers line %q", line)
		}
		id, err := parseSuiteID(f[0])
		if err != nil {
			return nil, fmt.Errorf("%w in line %q", err, line)
		}
		l := suiteLine{id: id, name: f[2], protocol: f[3]}
		l.kx, _ = strings.CutPrefix(f[4], "Kx=")
		l.au, _ = strings.CutPrefix(f[5], "Au=")
		lines = append(lines, l)
	}
	return lines, nil
}

// parseSuiteID parses "0xC0,0x2F".
func parseSuiteID(s string) (uint16, error) {
	hi, lo, ok := strings.Cut(s, ",")
	h, err1 := strconv.ParseUint(strings.TrimPrefix(hi, "0x"), 16, 8)
	l, err2 := strconv.ParseUint(strings.TrimPrefix(lo, "0x"), 16, 8)
	if !ok || err1 != nil || err2 != nil {
		return 0, fmt.Errorf("bad suite id %q", s)
	}
	return uint16(h)<<8 | uint16(l), nil
}

// usable reports whether a server with a key of type kt, and without PSK
// or SRP set up, can negotiate the suite.
func (l suiteLine) usable(kt KeyType) bool {
	if l.protocol == "TLSv1.3" {
		return true
	}
	if strings.Contains(l.kx, "PSK") || strings.Contains(l.kx, "SRP") || strings.Contains(l.kx, "GOST") {
		return false
	}
	switch l.au {
	case "None":
		return true // anonymous: no certificate needed
	case "RSA":
		return kt == RSA
	case "ECDSA":
		return kt == ECDSA
	}
	return false // DSS, PSK, SRP, GOST: no such key in the lab
}

// versionFlag is the openssl command-line flag that pins version v.
func versionFlag(v uint16) string {
	switch v {
	case SSL30:
		return "-ssl3"
	case tls.VersionTLS10:
		return "-tls1"
	case tls.VersionTLS11:
		return "-tls1_1"
	case tls.VersionTLS12:
		return "-tls1_2"
	}
	return "-tls1_3"
}

// cipherConfig is what an OpenSSL-based server is told about suites.
type cipherConfig struct {
	cipher       string // cipher string for TLS 1.2 and below; "" for OpenSSL's default
	ciphersuites string // TLS 1.3 suites; "" for OpenSSL's default
	key          KeyType
	noDHE        bool // the server has no DH parameters (nginx without ssl_dhparam)
}

// opensslSuites asks `openssl ciphers -V -s` which suites a server with
// cc accepts at each of versions, in the server's order.
func opensslSuites(t testing.TB, versions []uint16, cc cipherConfig) map[uint16][]uint16 {
	t.Helper()
	bin := need(t, "openssl", "openssl")
	suites := make(map[uint16][]uint16)
	for _, v := range versions {
		argv := []string{bin, "ciphers", "-V", "-s", versionFlag(v)}
		if cc.ciphersuites != "" {
			argv = append(argv, "-ciphersuites", cc.ciphersuites)
		}
		if cc.cipher != "" {
			argv = append(argv, cc.cipher)
		}
		out, err := runErr(procSpec{name: "openssl ciphers", argv: argv})
		if err != nil {
			t.Fatalf("lab: %q: %v\n%s", argv, err, out)
		}
		lines, err := parseCiphersV(out)
		if err != nil {
			t.Fatalf("lab: %q: %v", argv, err)
		}
		for _, l := range lines {
			if (l.protocol == "TLSv1.3") == (v == tls.VersionTLS13) && l.usable(cc.key) && !(cc.noDHE && l.kx == "DH") {
				suites[v] = append(suites[v], l.id)
			}
		}
		if len(suites[v]) == 0 {
			t.Fatalf("lab: %q lists no suite usable with the server's key:\n%s", argv, out)
		}
	}
	return suites
}

// groupInfo is what the lab knows of an OpenSSL group.
type groupInfo struct {
	id    tls.CurveID
	tls12 bool // an ECDHE curve for TLS 1.2 and below
	tls13 bool // a TLS 1.3 group
}

// groupNames are OpenSSL 3.0's names for the groups it has, one each.
var groupNames = []string{"P-256", "P-384", "P-521", "X25519", "X448", "brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1", "ffdhe2048", "ffdhe3072", "ffdhe4096"}

// openSSLGroups maps OpenSSL's group names, with aliases, to their TLS
// identifiers, and tells in which versions OpenSSL 3.0 uses each.
var openSSLGroups = map[string]groupInfo{
	"P-256":           {tls.CurveP256, true, true},
	"prime256v1":      {tls.CurveP256, true, true},
	"secp256r1":       {tls.CurveP256, true, true},
	"P-384":           {tls.CurveP384, true, true},
	"secp384r1":       {tls.CurveP384, true, true},
	"P-521":           {tls.CurveP521, true, true},
	"secp521r1":       {tls.CurveP521, true, true},
	"X25519":          {tls.X25519, true, true},
	"x25519":          {tls.X25519, true, true},
	"X448":            {30, true, true},
	"x448":            {30, true, true},
	"brainpoolP256r1": {26, true, false},
	"brainpoolP384r1": {27, true, false},
	"brainpoolP512r1": {28, true, false},
	"ffdhe2048":       {256, false, true},
	"ffdhe3072":       {257, false, true},
	"ffdhe4096":       {258, false, true},
}

// opensslGroups turns a colon-separated OpenSSL group list into the groups
// a server accepts in TLS 1.3 and in TLS 1.2, each nil when versions has
// none of that kind.
func opensslGroups(t testing.TB, list string, versions []uint16) (g13, g12 []tls.CurveID) {
	t.Helper()
	for _, name := range strings.Split(list, ":") {
		g, ok := openSSLGroups[name]
		if !ok {
			t.Fatalf("lab: unknown OpenSSL group %q", name)
		}
		if g.tls13 && versions[len(versions)-1] == tls.VersionTLS13 {
			g13 = append(g13, g.id)
		}
		if g.tls12 && versions[0] < tls.VersionTLS13 {
			g12 = append(g12, g.id)
		}
	}
	return g13, g12
}

// GroupName names a group as OpenSSL's -groups option does ("" when
// OpenSSL 3.0 does not know it).
func GroupName(id tls.CurveID) string {
	for _, name := range groupNames {
		if openSSLGroups[name].id == id {
			return name
		}
	}
	return ""
}
