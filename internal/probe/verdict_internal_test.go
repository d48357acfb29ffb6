package probe

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// state builds a prober that accepted the given versions with suites.
func state(suites map[uint16][]uint16, groups13 []tls.CurveID) *prober {
	p := &prober{accepted: map[uint16]*hello.ServerFlight{}, suites: suites, groups13: groups13}
	for v, s := range suites {
		p.accepted[v] = &hello.ServerFlight{Reply: hello.ServerReply{Kind: hello.ServerHello, Version: v, CipherSuite: s[0]}}
	}
	return p
}

func TestJudge(t *testing.T) {
	gcm := []uint16{tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}
	tls13 := []uint16{tls.TLS_AES_128_GCM_SHA256}
	tests := []struct {
		name   string
		p      *prober
		policy tlsfloor.Policy
		want   []string // substrings, one per evidence line
	}{
		{name: "TLS 1.2 and 1.3 meet the default", p: state(map[uint16][]uint16{tls.VersionTLS12: gcm, tls.VersionTLS13: tls13}, nil), policy: tlsfloor.Default},
		{name: "TLS 1.0 below the default", p: state(map[uint16][]uint16{tls.VersionTLS10: {tls.TLS_RSA_WITH_AES_128_CBC_SHA}, tls.VersionTLS12: gcm}, nil), policy: tlsfloor.Default,
			want: []string{"accepts TLS 1.0 (server chose TLS_RSA_WITH_AES_128_CBC_SHA), below the floor TLS 1.2"}},
		{name: "SSL 3.0 named", p: state(map[uint16][]uint16{hello.VersionSSL30: {0x0033}}, nil), policy: tlsfloor.Default,
			want: []string{"accepts SSL 3.0 (server chose TLS_DHE_RSA_WITH_AES_128_CBC_SHA)"}},
		{name: "TLS 1.2 below TLS 1.3", p: state(map[uint16][]uint16{tls.VersionTLS12: gcm, tls.VersionTLS13: tls13}, nil), policy: tlsfloor.TLS13,
			want: []string{"accepts TLS 1.2"}},
		{name: "no hybrid under post-quantum", p: state(map[uint16][]uint16{tls.VersionTLS13: tls13}, []tls.CurveID{tls.X25519, hello.X448}), policy: tlsfloor.PostQuantum,
			want: []string{"no post-quantum hybrid group (TLS 1.3 groups: X25519, x448)"}},
		{name: "hybrid meets post-quantum", p: state(map[uint16][]uint16{tls.VersionTLS13: tls13}, []tls.CurveID{tls.X25519, tls.SecP256r1MLKEM768}), policy: tlsfloor.PostQuantum},
		{name: "FIPS refuses ChaCha20 and DHE", p: state(map[uint16][]uint16{tls.VersionTLS12: {tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, 0x009E}, tls.VersionTLS13: {tls.TLS_AES_128_GCM_SHA256, tls.TLS_CHACHA20_POLY1305_SHA256}}, nil),
			policy: tlsfloor.Policy{FIPS: true},
			want:   []string{"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 at TLS 1.2", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 at TLS 1.2", "TLS_CHACHA20_POLY1305_SHA256 at TLS 1.3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.p.judge(tt.policy)
			if len(got) != len(tt.want) {
				t.Fatalf("evidence %q, want %d lines", got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("evidence[%d] = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
	}
}

func TestRefusal(t *testing.T) {
	reset := &net.OpError{Op: "read", Err: os.NewSyscallError("read", resetErrors[0])}
	flight := func(r hello.ServerReply) *hello.ServerFlight { return &hello.ServerFlight{Reply: r} }
	tests := []struct {
		name string
		r    reply
		want Refusal
	}{
		{name: "alert", r: reply{flight: flight(hello.ServerReply{Kind: hello.Alert, AlertLevel: 2, AlertDescription: 70})}, want: Refusal{Kind: RefusedAlert, Alert: 70, Detail: "tls: protocol version not supported"}},
		{name: "lower version", r: reply{flight: flight(hello.ServerReply{Kind: hello.ServerHello, Version: tls.VersionTLS11})}, want: Refusal{Kind: RefusedLowerVersion, Detail: "server chose TLS 1.1"}},
		{name: "version not offered", r: reply{flight: flight(hello.ServerReply{Kind: hello.ServerHello, Version: tls.VersionTLS13})}, want: Refusal{Kind: RefusedGarbage, Detail: "server chose TLS 1.3, which was not offered"}},
		{name: "not TLS", r: reply{flight: &hello.ServerFlight{}, err: hello.ErrNotTLS}, want: Refusal{Kind: RefusedGarbage, Detail: "reply is not TLS"}},
		{name: "timeout", r: reply{flight: &hello.ServerFlight{}, err: fmt.Errorf("read: %w", os.ErrDeadlineExceeded)}, want: Refusal{Kind: RefusedTimeout, Detail: "no complete reply before the deadline"}},
		{name: "reset", r: reply{err: reset}, want: Refusal{Kind: RefusedReset, Detail: "connection reset"}},
		{name: "closed", r: reply{flight: &hello.ServerFlight{}, err: io.EOF}, want: Refusal{Kind: RefusedClosed, Detail: "connection closed without a reply"}},
		{name: "closed inside", r: reply{flight: &hello.ServerFlight{}, err: io.ErrUnexpectedEOF}, want: Refusal{Kind: RefusedClosed, Detail: "connection closed inside the reply"}},
		{name: "malformed", r: reply{flight: &hello.ServerFlight{}, err: errors.New("hello: ServerHello truncated")}, want: Refusal{Kind: RefusedGarbage, Detail: "hello: ServerHello truncated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.refusal(tls.VersionTLS12); got != tt.want {
				t.Errorf("refusal = %+v, want %+v", got, tt.want)
			}
		})
	}
}
