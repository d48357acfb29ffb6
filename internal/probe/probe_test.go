package probe_test

import (
	"crypto/tls"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/internal/probe"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
)

// expect is what a lab server's configuration implies a probe must find.
type expect struct {
	accepted  []string
	refused   map[string]probe.Refusal // Kind always; Alert and Detail when set
	suites    map[string][]string      // exact, in the server's order
	suiteSets map[string][]string      // in any order
	order     map[string]string
	groups    map[string][]string // exact, in the server's order
	groupSets map[string][]string // in any order
	noGroups  []string            // versions with no groups entry
	below     bool
	evidence  int
	source    string // certificate source
	dhBits    int
	hsGroup   string
	errorHas  string
}

var (
	alert40 = probe.Refusal{Kind: probe.RefusedAlert, Alert: 40}
	alert70 = probe.Refusal{Kind: probe.RefusedAlert, Alert: 70}
	alert80 = probe.Refusal{Kind: probe.RefusedAlert, Alert: 80}
	alert   = probe.Refusal{Kind: probe.RefusedAlert}
)

// TestProbeOpenSSL probes openssl s_server processes, each started with
// the flags shown, and checks every result against those flags.
func TestProbeOpenSSL(t *testing.T) {
	const all, legacy = "ALL:@SECLEVEL=0", "DEFAULT:@SECLEVEL=0"
	rsa, ecdsa := testpki.RSA, testpki.ECDSA
	tests := []struct {
		name   string
		server server
		policy tlsfloor.Policy
		full   bool // Options.FullHandshake
		want   expect
	}{
		{
			name:   "tls12-only",
			server: opensslServer(ecdsa, "-tls1_2"),
			want: expect{
				accepted:  []string{"TLS 1.2"},
				refused:   map[string]probe.Refusal{"SSL 3.0": alert40, "TLS 1.0": alert70, "TLS 1.1": alert70, "TLS 1.3": alert70},
				suiteSets: map[string][]string{"TLS 1.2": opensslSuites(t, "DEFAULT", "-tls1_2", ecdsa)},
				groupSets: map[string][]string{"TLS 1.2": opensslCurves},
				source:    "certificate message",
			},
		},
		{
			name:   "all-tls10-to-13",
			server: opensslServer(rsa, "-cipher", all),
			want: expect{
				accepted: []string{"TLS 1.0", "TLS 1.1", "TLS 1.2", "TLS 1.3"},
				refused:  map[string]probe.Refusal{"SSL 3.0": alert40},
				suiteSets: map[string][]string{
					"TLS 1.0": opensslSuites(t, all, "-tls1", rsa), "TLS 1.1": opensslSuites(t, all, "-tls1_1", rsa),
					"TLS 1.2": opensslSuites(t, all, "-tls1_2", rsa), "TLS 1.3": opensslTLS13Suites,
				},
				groupSets: map[string][]string{"TLS 1.3": opensslGroups, "TLS 1.2": opensslCurves},
				below:     true, evidence: 2, source: "certificate message", dhBits: 1024,
			},
		},
		{
			name:   "tls10-11-only",
			server: opensslServer(rsa, "-cipher", legacy, "-no_tls1_2", "-no_tls1_3"),
			want: expect{
				accepted: []string{"TLS 1.0", "TLS 1.1"},
				refused: map[string]probe.Refusal{
					"SSL 3.0": alert40, "TLS 1.3": alert70,
					"TLS 1.2": {Kind: probe.RefusedLowerVersion, Detail: "server chose TLS 1.1"},
				},
				suiteSets: map[string][]string{"TLS 1.0": opensslSuites(t, legacy, "-tls1", rsa), "TLS 1.1": opensslSuites(t, legacy, "-tls1_1", rsa)},
				groupSets: map[string][]string{"TLS 1.1": opensslCurves},
				below:     true, evidence: 2, source: "certificate message",
			},
		},
		{
			name:   "tls13-only",
			server: opensslServer(ecdsa, "-tls1_3"),
			want: expect{
				accepted:  []string{"TLS 1.3"},
				refused:   map[string]probe.Refusal{"SSL 3.0": alert, "TLS 1.0": alert, "TLS 1.1": alert, "TLS 1.2": alert70},
				suiteSets: map[string][]string{"TLS 1.3": opensslTLS13Suites},
				order:     map[string]string{"TLS 1.3": "client"},
				groupSets: map[string][]string{"TLS 1.3": opensslGroups},
				source:    "handshake",
			},
		},
		{
			name:   "tls13-serverpref-ccm",
			server: opensslServer(ecdsa, "-tls1_3", "-serverpref", "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_CCM_SHA256:TLS_AES_256_GCM_SHA384"),
			want: expect{
				accepted: []string{"TLS 1.3"},
				suites:   map[string][]string{"TLS 1.3": {"TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_CCM_SHA256", "TLS_AES_256_GCM_SHA384"}},
				order:    map[string]string{"TLS 1.3": "server"},
				source:   "handshake",
			},
		},
		{
			name:   "cbc-only-serverpref",
			server: opensslServer(rsa, "-tls1_2", "-serverpref", "-cipher", "ECDHE-RSA-AES128-SHA:AES256-SHA256:DHE-RSA-AES256-SHA"),
			want: expect{
				accepted: []string{"TLS 1.2"},
				suites:   map[string][]string{"TLS 1.2": {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA256", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"}},
				order:    map[string]string{"TLS 1.2": "server"},
				dhBits:   2048, source: "certificate message",
			},
		},
		{
			name:   "rsa-kex-only",
			server: opensslServer(rsa, "-cipher", "AES128-SHA"),
			want: expect{
				accepted:  []string{"TLS 1.2", "TLS 1.3"},
				refused:   map[string]probe.Refusal{"SSL 3.0": alert40, "TLS 1.0": alert80, "TLS 1.1": alert80},
				suites:    map[string][]string{"TLS 1.2": {"TLS_RSA_WITH_AES_128_CBC_SHA"}},
				suiteSets: map[string][]string{"TLS 1.3": opensslTLS13Suites},
				groupSets: map[string][]string{"TLS 1.3": opensslGroups},
				noGroups:  []string{"TLS 1.2"},
				source:    "certificate message",
			},
		},
		{
			name:   "sha1-signatures-only",
			server: opensslServer(rsa, "-tls1_2", "-sigalgs", "RSA+SHA1", "-cipher", legacy),
			want: expect{
				accepted:  []string{"TLS 1.2"},
				refused:   map[string]probe.Refusal{"SSL 3.0": alert40, "TLS 1.0": alert70, "TLS 1.1": alert70, "TLS 1.3": alert70},
				suiteSets: map[string][]string{"TLS 1.2": opensslSuites(t, legacy, "-tls1_2", rsa)},
				source:    "certificate message",
			},
		},
		{
			name:   "sha1-signatures-only-full-handshake",
			server: opensslServer(rsa, "-tls1_2", "-sigalgs", "RSA+SHA1", "-cipher", legacy),
			full:   true,
			want: expect{
				accepted:  []string{"TLS 1.2"},
				suiteSets: map[string][]string{"TLS 1.2": opensslSuites(t, legacy, "-tls1_2", rsa)},
				source:    "certificate message", errorHas: "full handshake at TLS 1.2",
			},
		},
		{
			name:   "groups-serverpref",
			server: opensslServer(ecdsa, "-serverpref", "-groups", "P-384:X25519:ffdhe3072"),
			want: expect{
				accepted: []string{"TLS 1.2", "TLS 1.3"},
				groups:   map[string][]string{"TLS 1.3": {"CurveP384", "X25519", "ffdhe3072"}, "TLS 1.2": {"CurveP384", "X25519"}},
				source:   "certificate message",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ca := testpki.New(t)
			opts := probeOptions(tt.policy)
			opts.FullHandshake = tt.full
			r := probeLab(t, ca, tt.server(t, ca), opts)
			checkResult(t, r, tt.want)
		})
	}
}

// TestProbeGo probes crypto/tls servers limited to one group each, among
// them each post-quantum hybrid, and judges them under the post-quantum
// policy, with the full handshake (Options.FullHandshake) that names the
// group a crypto/tls client negotiates.
func TestProbeGo(t *testing.T) {
	tests := []struct {
		name   string
		server server
		want   expect
	}{
		{
			name:   "X25519MLKEM768-only",
			server: goServer(&tls.Config{CurvePreferences: []tls.CurveID{tls.X25519MLKEM768}}),
			want:   hybridOnly("X25519MLKEM768"),
		},
		{
			name:   "SecP256r1MLKEM768-only",
			server: goServer(&tls.Config{CurvePreferences: []tls.CurveID{tls.SecP256r1MLKEM768}}),
			want:   hybridOnly("SecP256r1MLKEM768"),
		},
		{
			name:   "SecP384r1MLKEM1024-only",
			server: goServer(&tls.Config{CurvePreferences: []tls.CurveID{tls.SecP384r1MLKEM1024}}),
			want:   hybridOnly("SecP384r1MLKEM1024"),
		},
		{
			name:   "X25519-only",
			server: goServer(&tls.Config{CurvePreferences: []tls.CurveID{tls.X25519}}),
			want: expect{
				accepted: []string{"TLS 1.2", "TLS 1.3"},
				groups:   map[string][]string{"TLS 1.3": {"X25519"}, "TLS 1.2": {"X25519"}},
				below:    true, evidence: 2, source: "handshake", hsGroup: "X25519",
			},
		},
		{
			name:   "default",
			server: goServer(&tls.Config{}),
			want: expect{
				accepted:  []string{"TLS 1.2", "TLS 1.3"},
				refused:   map[string]probe.Refusal{"SSL 3.0": alert70, "TLS 1.0": alert70, "TLS 1.1": alert70},
				groupSets: map[string][]string{"TLS 1.3": goGroups, "TLS 1.2": goCurves},
				below:     true, evidence: 1, source: "handshake", hsGroup: "X25519MLKEM768",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ca := testpki.New(t)
			opts := probeOptions(tlsfloor.PostQuantum)
			opts.FullHandshake = true
			r := probeLab(t, ca, tt.server(t, ca), opts)
			checkResult(t, r, tt.want)
		})
	}
}

// hybridOnly is what a Go server limited to one hybrid group shows: TLS
// 1.3 with that group alone, and no TLS 1.2, which has no group left.
func hybridOnly(group string) expect {
	return expect{
		accepted: []string{"TLS 1.3"},
		refused:  map[string]probe.Refusal{"TLS 1.2": alert},
		groups:   map[string][]string{"TLS 1.3": {group}},
		source:   "handshake", hsGroup: group,
	}
}

func probeOptions(p tlsfloor.Policy) probe.Options { return probe.Options{Policy: p} }

// checkResult compares a result with what the server's configuration
// implies, and prints the result when they differ.
func checkResult(t *testing.T, r probe.Result, want expect) {
	t.Helper()
	checkVersions(t, r, want)
	checkLists(t, "suites", r.CipherSuites, want.suites, want.suiteSets)
	checkLists(t, "groups", r.Groups, want.groups, want.groupSets)
	checkDetails(t, r, want)
	if t.Failed() {
		b, _ := json.MarshalIndent(r, "", "  ")
		t.Logf("result:\n%s", b)
	}
}

func checkVersions(t *testing.T, r probe.Result, want expect) {
	t.Helper()
	if !slices.Equal(r.AcceptedVersions, want.accepted) {
		t.Errorf("accepted %v, want %v", r.AcceptedVersions, want.accepted)
	}
	for _, v := range []string{"SSL 3.0", "TLS 1.0", "TLS 1.1", "TLS 1.2", "TLS 1.3"} {
		if _, ok := r.Refused[v]; !ok && !slices.Contains(r.AcceptedVersions, v) {
			t.Errorf("%s neither accepted nor refused", v)
		}
	}
	for v, w := range want.refused {
		got := r.Refused[v]
		if got.Kind != w.Kind || w.Alert != 0 && got.Alert != w.Alert || w.Detail != "" && got.Detail != w.Detail {
			t.Errorf("%s refused %+v, want %+v", v, got, w)
		}
	}
}

// checkLists compares per-version lists exactly and as sets.
func checkLists(t *testing.T, what string, got, exact, sets map[string][]string) {
	t.Helper()
	for v, w := range exact {
		if !slices.Equal(got[v], w) {
			t.Errorf("%s %s = %v, want %v", v, what, got[v], w)
		}
	}
	for v, w := range sets {
		if !sameSet(got[v], w) {
			t.Errorf("%s %s = %v, want (any order) %v", v, what, got[v], w)
		}
	}
}

func checkDetails(t *testing.T, r probe.Result, want expect) {
	t.Helper()
	for v, o := range want.order {
		if r.SuiteOrder[v] != o {
			t.Errorf("%s suite order %q, want %q", v, r.SuiteOrder[v], o)
		}
	}
	for _, v := range want.noGroups {
		if g, ok := r.Groups[v]; ok {
			t.Errorf("%s groups %v, want none", v, g)
		}
	}
	if r.BelowFloor != want.below || len(r.Evidence) != want.evidence {
		t.Errorf("below floor %v with evidence %q, want %v with %d lines", r.BelowFloor, r.Evidence, want.below, want.evidence)
	}
	if r.Certificate == nil || r.Certificate.Source != want.source || !r.Certificate.Trusted || r.Certificate.Subject != "CN=localhost" {
		t.Errorf("certificate %+v, want a trusted CN=localhost from %q", r.Certificate, want.source)
	}
	if want.dhBits != 0 && r.DHBits != want.dhBits {
		t.Errorf("DH bits %d, want %d", r.DHBits, want.dhBits)
	}
	if want.hsGroup != "" && (r.Handshake == nil || r.Handshake.Group != want.hsGroup) {
		t.Errorf("handshake %+v, want group %s", r.Handshake, want.hsGroup)
	}
	if hasError := slices.ContainsFunc(r.Errors, func(e string) bool { return want.errorHas != "" && strings.Contains(e, want.errorHas) }); hasError != (want.errorHas != "") || want.errorHas == "" && len(r.Errors) > 0 {
		t.Errorf("errors %q, want one containing %q", r.Errors, want.errorHas)
	}
}
