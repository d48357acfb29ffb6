package tlsfloor_test

import (
	"crypto/tls"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
	"github.com/tlsfloor/tlsfloor/internal/tlslab"
)

func TestFloorAndString(t *testing.T) {
	tests := []struct {
		name   string
		policy tlsfloor.Policy
		floor  uint16
		str    string
	}{
		{name: "zero", policy: tlsfloor.Policy{}, floor: tls.VersionTLS12, str: "TLS 1.2"},
		{name: "Default", policy: tlsfloor.Default, floor: tls.VersionTLS12, str: "TLS 1.2"},
		{name: "MinVersion below floor is raised", policy: tlsfloor.Policy{MinVersion: tls.VersionTLS10}, floor: tls.VersionTLS12, str: "TLS 1.2"},
		{name: "TLS13", policy: tlsfloor.TLS13, floor: tls.VersionTLS13, str: "TLS 1.3"},
		{name: "PostQuantum", policy: tlsfloor.PostQuantum, floor: tls.VersionTLS13, str: "TLS 1.3 + post-quantum"},
		{name: "FIPS", policy: tlsfloor.Policy{FIPS: true}, floor: tls.VersionTLS12, str: "TLS 1.2 (FIPS)"},
		{name: "lowered", policy: tlsfloor.Default.InsecureLowerFloor(tls.VersionTLS10, "vendor appliance"), floor: tls.VersionTLS10, str: "TLS 1.0 INSECURE"},
		{name: "lowered but MinVersion above", policy: tlsfloor.Policy{MinVersion: tls.VersionTLS11}.InsecureLowerFloor(tls.VersionTLS10, "x"), floor: tls.VersionTLS11, str: "TLS 1.1 INSECURE"},
		{name: "lowered under FIPS is ignored", policy: tlsfloor.Policy{FIPS: true}.InsecureLowerFloor(tls.VersionTLS10, "x"), floor: tls.VersionTLS12, str: "TLS 1.2 (FIPS)"},
		{name: "lowered under post-quantum is ignored", policy: tlsfloor.PostQuantum.InsecureLowerFloor(tls.VersionTLS10, "x"), floor: tls.VersionTLS13, str: "TLS 1.3 + post-quantum"},
		{name: "skip verify", policy: tlsfloor.Default.InsecureSkipVerify("lab"), floor: tls.VersionTLS12, str: "TLS 1.2 INSECURE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.policy.Floor(); got != tt.floor {
				t.Errorf("Floor() = %s, want %s", tls.VersionName(got), tls.VersionName(tt.floor))
			}
			if got := tt.policy.String(); got != tt.str {
				t.Errorf("String() = %q, want %q", got, tt.str)
			}
		})
	}
}

func TestInsecureOptInsPanicWithoutReason(t *testing.T) {
	tests := []struct {
		name string
		call func()
	}{
		{name: "empty reason", call: func() { tlsfloor.Default.InsecureLowerFloor(tls.VersionTLS10, "  ") }},
		{name: "not below floor", call: func() { tlsfloor.Default.InsecureLowerFloor(tls.VersionTLS12, "x") }},
		{name: "SSL 3.0", call: func() { tlsfloor.Default.InsecureLowerFloor(tls.VersionSSL30, "x") }}, //lint:ignore SA1019 the point of the test
		{name: "skip verify without reason", call: func() { tlsfloor.Default.InsecureSkipVerify("") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			tt.call()
		})
	}
}

func TestWarnings(t *testing.T) {
	if w := tlsfloor.Default.Warnings(); len(w) != 0 {
		t.Errorf("Default.Warnings() = %q, want none", w)
	}
	p := tlsfloor.Default.InsecureLowerFloor(tls.VersionTLS11, "ticket SEC-1").InsecureSkipVerify("lab only")
	want := []string{
		"floor lowered to TLS 1.1 (not recommended): ticket SEC-1",
		"certificate verification off (not recommended): lab only",
	}
	if got := p.Warnings(); !slices.Equal(got, want) {
		t.Errorf("Warnings() = %q, want %q", got, want)
	}
	if tlsfloor.Default.Floor() != tls.VersionTLS12 {
		t.Error("InsecureLowerFloor modified Default")
	}
}

// TestLoweredFloorIsLoud connects to a real TLS 1.0 server with a lowered
// policy: it works, and the observer's event carries the reason.
func TestLoweredFloorIsLoud(t *testing.T) {
	ca := testpki.New(t)
	addr := tlslab.OpenSSL(t, ca, testpki.ECDSA, tlslab.OnlyTLS10...)
	rec := &recorder{}
	p := tlsfloor.Policy{Observer: rec.observe}.InsecureLowerFloor(tls.VersionTLS10, "legacy appliance, ticket SEC-42")
	client := p.Client(&http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: ca.Pool()}}})
	resp, err := get(t, client, "https://"+addr+"/")
	if err != nil {
		t.Fatalf("lowered policy against TLS 1.0: %v", err)
	}
	if resp.TLS.Version != tls.VersionTLS10 {
		t.Errorf("negotiated %s, want TLS 1.0", tls.VersionName(resp.TLS.Version))
	}
	ev := rec.one(t)
	if ev.Outcome != tlsfloor.Accepted || len(ev.Warnings) != 1 || !strings.Contains(ev.Warnings[0], "ticket SEC-42") || !strings.Contains(ev.Policy, "INSECURE") {
		t.Errorf("event = %+v, want an accepted handshake carrying the opt-in and its reason", ev)
	}
}

// TestSkipVerifyOptIn checks certificate verification stays on unless the
// opt-in is used, against a server whose CA the client does not trust.
func TestSkipVerifyOptIn(t *testing.T) {
	ca := testpki.New(t)
	url := tlslab.GoHTTPS(t, ca, nil)
	lax := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	if _, err := get(t, tlsfloor.Default.Client(lax), url); err == nil {
		t.Error("base InsecureSkipVerify survived the policy")
	}
	if _, err := get(t, tlsfloor.Default.InsecureSkipVerify("lab").Client(nil), url); err != nil {
		t.Errorf("with InsecureSkipVerify opt-in: %v", err)
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name    string
		policy  tlsfloor.Policy
		cs      tls.ConnectionState
		problem tlsfloor.Problem // 0: accepted
	}{
		{name: "TLS 1.2 GCM", cs: tls.ConnectionState{Version: tls.VersionTLS12, CipherSuite: tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CurveID: tls.X25519}},
		{name: "TLS 1.1", cs: tls.ConnectionState{Version: tls.VersionTLS11, CipherSuite: tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA}, problem: tlsfloor.ProblemVersion},
		{name: "RC4", cs: tls.ConnectionState{Version: tls.VersionTLS12, CipherSuite: tls.TLS_RSA_WITH_RC4_128_SHA}, problem: tlsfloor.ProblemCipherSuite},
		{name: "RSA key exchange", cs: tls.ConnectionState{Version: tls.VersionTLS12, CipherSuite: tls.TLS_RSA_WITH_AES_128_GCM_SHA256}, problem: tlsfloor.ProblemCipherSuite},
		{name: "TLS 1.2 under TLS13", policy: tlsfloor.TLS13, cs: tls.ConnectionState{Version: tls.VersionTLS12, CipherSuite: tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}, problem: tlsfloor.ProblemVersion},
		{name: "PQ with X25519", policy: tlsfloor.PostQuantum, cs: tls.ConnectionState{Version: tls.VersionTLS13, CipherSuite: tls.TLS_AES_128_GCM_SHA256, CurveID: tls.X25519}, problem: tlsfloor.ProblemKeyExchange},
		{name: "PQ with X25519MLKEM768", policy: tlsfloor.PostQuantum, cs: tls.ConnectionState{Version: tls.VersionTLS13, CipherSuite: tls.TLS_AES_128_GCM_SHA256, CurveID: tls.X25519MLKEM768}},
		{name: "PQ with SecP384r1MLKEM1024", policy: tlsfloor.PostQuantum, cs: tls.ConnectionState{Version: tls.VersionTLS13, CipherSuite: tls.TLS_AES_256_GCM_SHA384, CurveID: tls.SecP384r1MLKEM1024}},
		{name: "PQ resumed TLS 1.2", policy: tlsfloor.PostQuantum, cs: tls.ConnectionState{Version: tls.VersionTLS12, DidResume: true}, problem: tlsfloor.ProblemVersion},
		{name: "FIPS ChaCha20 in TLS 1.3", policy: tlsfloor.Policy{FIPS: true}, cs: tls.ConnectionState{Version: tls.VersionTLS13, CipherSuite: tls.TLS_CHACHA20_POLY1305_SHA256, CurveID: tls.CurveP256}, problem: tlsfloor.ProblemCipherSuite},
		{name: "FIPS X25519", policy: tlsfloor.Policy{FIPS: true}, cs: tls.ConnectionState{Version: tls.VersionTLS13, CipherSuite: tls.TLS_AES_128_GCM_SHA256, CurveID: tls.X25519}, problem: tlsfloor.ProblemKeyExchange},
		{name: "FIPS P-256 GCM", policy: tlsfloor.Policy{FIPS: true}, cs: tls.ConnectionState{Version: tls.VersionTLS12, CipherSuite: tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, CurveID: tls.CurveP256}},
		{name: "FIPS CBC", policy: tlsfloor.Policy{FIPS: true}, cs: tls.ConnectionState{Version: tls.VersionTLS12, CipherSuite: tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, CurveID: tls.CurveP256}, problem: tlsfloor.ProblemCipherSuite},
		{name: "FIPS resumed TLS 1.2", policy: tlsfloor.Policy{FIPS: true}, cs: tls.ConnectionState{Version: tls.VersionTLS12, CipherSuite: tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, DidResume: true}},
		{name: "lowered floor TLS 1.0", policy: tlsfloor.Default.InsecureLowerFloor(tls.VersionTLS10, "x"), cs: tls.ConnectionState{Version: tls.VersionTLS10, CipherSuite: tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA}},
		{name: "lowered floor still refuses 3DES", policy: tlsfloor.Default.InsecureLowerFloor(tls.VersionTLS10, "x"), cs: tls.ConnectionState{Version: tls.VersionTLS10, CipherSuite: tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA}, problem: tlsfloor.ProblemCipherSuite},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.policy.Check(tt.cs)
			var de *tlsfloor.DowngradeError
			switch {
			case tt.problem == 0 && err != nil:
				t.Errorf("Check = %v, want nil", err)
			case tt.problem != 0 && (!errors.As(err, &de) || de.Problem != tt.problem):
				t.Errorf("Check = %v, want a %s problem", err, tt.problem)
			}
		})
	}
}

func TestDowngradeErrorMessages(t *testing.T) {
	tests := []struct {
		name string
		err  tlsfloor.DowngradeError
		want string
	}{
		{
			name: "negotiated",
			err:  tlsfloor.DowngradeError{Host: "sts.example", Problem: tlsfloor.ProblemVersion, Version: tls.VersionTLS11, Floor: tls.VersionTLS12, Policy: "TLS 1.2"},
			want: "tlsfloor: sts.example negotiated TLS 1.1, below the floor TLS 1.2",
		},
		{
			name: "diagnosed",
			err:  tlsfloor.DowngradeError{Host: "sts.example", Problem: tlsfloor.ProblemVersion, Version: tls.VersionTLS10, Diagnosed: true, Floor: tls.VersionTLS12},
			want: "tlsfloor: sts.example refused every version at or above the floor TLS 1.2; it negotiates TLS 1.0",
		},
		{
			name: "offered",
			err:  tlsfloor.DowngradeError{Problem: tlsfloor.ProblemVersion, Offered: tls.VersionTLS10, Floor: tls.VersionTLS12},
			want: "tlsfloor: client offered at most TLS 1.0, below the floor TLS 1.2",
		},
		{
			name: "suite",
			err:  tlsfloor.DowngradeError{Host: "h", Problem: tlsfloor.ProblemCipherSuite, CipherSuite: tls.TLS_RSA_WITH_RC4_128_SHA, Policy: "TLS 1.2"},
			want: "tlsfloor: h negotiated cipher suite TLS_RSA_WITH_RC4_128_SHA, which policy TLS 1.2 refuses",
		},
		{
			name: "group",
			err:  tlsfloor.DowngradeError{Host: "h", Problem: tlsfloor.ProblemKeyExchange, CurveID: tls.X25519, Policy: "TLS 1.3 + post-quantum"},
			want: "tlsfloor: h negotiated key exchange X25519, which policy TLS 1.3 + post-quantum refuses",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}
