package hello_test

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/hello"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
	"github.com/tlsfloor/tlsfloor/internal/tlslab"
)

// tls12Hello offers the given suites and groups at TLS 1.2.
func tls12Hello(suites []uint16, groups ...tls.CurveID) *hello.ClientHello {
	return &hello.ClientHello{LegacyVersion: tls.VersionTLS12, CipherSuites: suites, Groups: groups, SignatureSchemes: sigalgs}
}

// TestReadServerFlightLive reads whole TLS 1.2 flights from OpenSSL and
// Go servers: chain, key exchange parameters and ServerHelloDone.
func TestReadServerFlightLive(t *testing.T) {
	ca := testpki.New(t)
	all := hello.CipherSuitesFor(tls.VersionTLS12)
	tests := []struct {
		name      string
		addr      func(t *testing.T) string
		ch        *hello.ClientHello
		wantSuite uint16
		wantKex   *hello.ServerKeyExchange
	}{
		{
			name: "openssl-ecdhe-p384",
			addr: func(t *testing.T) string {
				return tlslab.OpenSSL(t, ca, testpki.RSA, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256")
			},
			ch:        tls12Hello(all, tls.CurveP384, tls.CurveP256),
			wantSuite: tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
			wantKex:   &hello.ServerKeyExchange{Group: tls.CurveP384},
		},
		{
			name: "openssl-dhe",
			addr: func(t *testing.T) string {
				return tlslab.OpenSSL(t, ca, testpki.RSA, "-tls1_2", "-cipher", "DHE-RSA-AES256-GCM-SHA384")
			},
			ch:        tls12Hello(all, tls.X25519),
			wantSuite: 0x009F, // TLS_DHE_RSA_WITH_AES_256_GCM_SHA384
			wantKex:   &hello.ServerKeyExchange{DHBits: 2048},
		},
		{
			name: "openssl-rsa-kex",
			addr: func(t *testing.T) string {
				return tlslab.OpenSSL(t, ca, testpki.RSA, "-tls1_2", "-cipher", "AES128-SHA")
			},
			ch:        tls12Hello(all, tls.X25519),
			wantSuite: tls.TLS_RSA_WITH_AES_128_CBC_SHA,
		},
		{
			name:      "go-ecdhe-x25519",
			addr:      func(t *testing.T) string { return tlslab.GoTLS(t, ca, &tls.Config{MaxVersion: tls.VersionTLS12}) },
			ch:        tls12Hello([]uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}, tls.X25519),
			wantSuite: tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
			wantKex:   &hello.ServerKeyExchange{Group: tls.X25519},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := exchange(t, tt.addr(t), tt.ch)
			if err != nil {
				t.Fatalf("ReadServerFlight: %v", err)
			}
			if f.Reply.Version != tls.VersionTLS12 || f.Reply.CipherSuite != tt.wantSuite || !f.Done {
				t.Errorf("reply %+v, done %v; want TLS 1.2 with %s, done", f.Reply, f.Done, hello.CipherSuiteName(tt.wantSuite))
			}
			if !sameKex(f.KeyExchange, tt.wantKex) {
				t.Errorf("key exchange %+v, want %+v", f.KeyExchange, tt.wantKex)
			}
			checkChain(t, f.Certificates, ca)
		})
	}
}

func sameKex(a, b *hello.ServerKeyExchange) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// checkChain parses the chain and verifies the leaf against ca.
func checkChain(t *testing.T, chain [][]byte, ca *testpki.CA) {
	t.Helper()
	if len(chain) == 0 {
		t.Fatal("no certificates")
	}
	leaf, err := x509.ParseCertificate(chain[0])
	if err != nil {
		t.Fatalf("leaf: %v", err)
	}
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: ca.Pool(), DNSName: "localhost"}); err != nil {
		t.Errorf("leaf does not verify: %v", err)
	}
}

// TestReadServerFlightTLS13 stops after a TLS 1.3 ServerHello and after a
// HelloRetryRequest, reading nothing encrypted.
func TestReadServerFlightTLS13(t *testing.T) {
	ca := testpki.New(t)
	addr := tlslab.GoTLS(t, ca, &tls.Config{CurvePreferences: []tls.CurveID{tls.SecP256r1MLKEM768}})
	f, err := exchange(t, addr, &hello.ClientHello{
		CipherSuites: hello.TLS13CipherSuites(), SupportedVersions: []uint16{tls.VersionTLS13},
		Groups: append([]tls.CurveID{hello.X448}, hybrids...), KeyShares: []tls.CurveID{}, SignatureSchemes: sigalgs,
	})
	if err != nil || !f.Reply.HelloRetry || f.Reply.KeyShare != tls.SecP256r1MLKEM768 || f.Certificates != nil {
		t.Errorf("flight %+v, %v; want a HelloRetryRequest for SecP256r1MLKEM768", f, err)
	}
}

// alertAfterHello is a TLS 1.2 ServerHello followed by a fatal
// handshake_failure alert.
var alertAfterHello = append(serverHello12(), 21, 3, 3, 0, 2, 2, 40)

// serverHello12 returns a minimal TLS 1.2 ServerHello record choosing
// TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.
func serverHello12() []byte {
	body := append([]byte{3, 3}, make([]byte, 33)...)
	body = append(body, 0xc0, 0x2f, 0)
	msg := append([]byte{2, 0, 0, byte(len(body))}, body...)
	return append([]byte{22, 3, 3, 0, byte(len(msg))}, msg...)
}

// handshakeRecord wraps one handshake message of type typ in a record.
func handshakeRecord(typ byte, body []byte) []byte {
	msg := append([]byte{typ, byte(len(body) >> 16), byte(len(body) >> 8), byte(len(body))}, body...)
	return append([]byte{22, 3, 3, byte(len(msg) >> 8), byte(len(msg))}, msg...)
}

func TestReadServerFlightErrors(t *testing.T) {
	bigCert := handshakeRecord(11, append([]byte{0, 0x3f, 0xfc, 0, 0x3f, 0xf9}, make([]byte, 0x3ff9)...))
	tests := []struct {
		name  string
		in    []byte
		limit int
		want  error // nil: any malformed-input error
		reply bool  // the ServerHello was still read
	}{
		{name: "closed at once", in: nil, limit: 1000, want: io.EOF},
		{name: "garbage", in: []byte("SSH-2.0-OpenSSH_9.2\r\n"), limit: 1000, want: hello.ErrNotTLS},
		{name: "one garbage byte", in: []byte("x"), limit: 1000, want: hello.ErrNotTLS},
		{name: "closed in header", in: []byte{22, 3}, limit: 1000, want: io.ErrUnexpectedEOF},
		{name: "closed in flight", in: serverHello12(), limit: 1000, want: io.ErrUnexpectedEOF, reply: true},
		{name: "limit in first record", in: serverHello12(), limit: 20, want: hello.ErrFlightTooLarge},
		{name: "huge certificate", in: append(serverHello12(), bigCert...), limit: 4096, want: hello.ErrFlightTooLarge, reply: true},
		{name: "declared huge message", in: append(serverHello12(), 22, 3, 3, 0, 4, 11, 0xff, 0xff, 0xff), limit: 4096, want: hello.ErrFlightTooLarge, reply: true},
		{name: "bad certificate list", in: append(serverHello12(), handshakeRecord(11, []byte{0, 0, 9, 1})...), limit: 4096, reply: true},
		{name: "bad key exchange", in: append(serverHello12(), handshakeRecord(12, []byte{1, 0, 23})...), limit: 4096, reply: true},
		{name: "application data first", in: []byte{23, 3, 3, 0, 1, 0}, limit: 100, want: hello.ErrNotTLS},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := hello.ReadServerFlight(bytes.NewReader(tt.in), tt.limit)
			switch {
			case err == nil:
				t.Fatalf("no error; flight %+v", f)
			case tt.want != nil && !errors.Is(err, tt.want):
				t.Errorf("error = %v, want %v", err, tt.want)
			case tt.want == nil && (errors.Is(err, hello.ErrNotTLS) || errors.Is(err, hello.ErrFlightTooLarge)):
				t.Errorf("error = %v, want a malformed-input error", err)
			}
			if gotReply := f.Reply.Kind == hello.ServerHello; gotReply != tt.reply || f.BytesRead > tt.limit {
				t.Errorf("reply read = %v (want %v), %d bytes read (limit %d)", gotReply, tt.reply, f.BytesRead, tt.limit)
			}
		})
	}
}

func TestReadServerFlightAlertAfterHello(t *testing.T) {
	f, err := hello.ReadServerFlight(bytes.NewReader(alertAfterHello), 1000)
	if err != nil || f.Reply.Kind != hello.ServerHello || f.Alert == nil || f.Alert.Description != 40 || f.Done {
		t.Errorf("flight %+v, %v; want a ServerHello then alert 40", f, err)
	}
}

// FuzzReadServerFlight reads fuzzed flights under a small limit: no panic,
// no read past the limit.
func FuzzReadServerFlight(f *testing.F) {
	f.Add(alertAfterHello)
	f.Add(serverHello12())
	f.Fuzz(func(t *testing.T, b []byte) {
		const limit = 8192
		fl, err := hello.ReadServerFlight(bytes.NewReader(b), limit)
		if fl.BytesRead > limit || fl.BytesRead > len(b) {
			t.Errorf("read %d bytes of %d, limit %d", fl.BytesRead, len(b), limit)
		}
		if err == nil && fl.Reply.Kind == 0 {
			t.Error("no error and no reply")
		}
	})
}
