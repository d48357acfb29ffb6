package hello_test

import (
	"bytes"
	"crypto/tls"
	"errors"
	"slices"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// TestParseGoClientHellos parses what crypto/tls clients send and checks
// each field against crypto/tls's own server-side reading of the same
// bytes.
func TestParseGoClientHellos(t *testing.T) {
	tests := []struct {
		name        string
		cfg         *tls.Config
		wantHighest uint16
	}{
		{name: "default", cfg: &tls.Config{ServerName: "sts.amazonaws.com"}, wantHighest: tls.VersionTLS13},
		{name: "tls10-only", cfg: &tls.Config{ServerName: "old.example", MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS10}, wantHighest: tls.VersionTLS10},
		{name: "tls10-to-12", cfg: &tls.Config{ServerName: "a.example", MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS12, NextProtos: []string{"h2", "http/1.1"}}, wantHighest: tls.VersionTLS12},
		{name: "tls13-p384", cfg: &tls.Config{ServerName: "b.example", MinVersion: tls.VersionTLS13, CurvePreferences: []tls.CurveID{tls.CurveP384, tls.SecP384r1MLKEM1024}}, wantHighest: tls.VersionTLS13},
		{name: "no-sni", cfg: &tls.Config{InsecureSkipVerify: true}, wantHighest: tls.VersionTLS13},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := goClientHello(t, tt.cfg)
			got, err := hello.ParseClientHello(b)
			if err != nil {
				t.Fatalf("ParseClientHello: %v", err)
			}
			want := goParse(t, b)
			if !slices.Equal(got.CipherSuites, want.CipherSuites) || got.ServerName != want.ServerName ||
				!slices.Equal(got.ALPN, want.SupportedProtos) || !slices.Equal(got.Groups, want.SupportedCurves) ||
				!slices.Equal(got.SignatureSchemes, want.SignatureSchemes) || !slices.Equal(got.Extensions, want.Extensions) {
				t.Errorf("parsed %+v\ncrypto/tls read %+v", got, want)
			}
			if got.HighestVersion() != tt.wantHighest || got.Length != len(b) {
				t.Errorf("HighestVersion = %x, Length = %d; want %x, %d", got.HighestVersion(), got.Length, tt.wantHighest, len(b))
			}
			if *update {
				writeCorpus(t, "FuzzParseClientHello", "go-"+tt.name, b)
			}
		})
	}
}

// TestParseFragmentedClientHello splits a hello into one-byte records
// and appends a ChangeCipherSpec: it must parse the same.
func TestParseFragmentedClientHello(t *testing.T) {
	b := goClientHello(t, &tls.Config{ServerName: "frag.example"})
	whole, err := hello.ParseClientHello(b)
	if err != nil {
		t.Fatal(err)
	}
	var frag []byte
	for _, c := range b[5:] {
		frag = append(frag, 22, 3, 1, 0, 1, c)
	}
	split, err := hello.ParseClientHello(append(frag, 20, 3, 3, 0, 1, 1))
	if err != nil || split.ServerName != whole.ServerName || !slices.Equal(split.Groups, whole.Groups) || split.Length != len(frag) {
		t.Errorf("fragmented = %+v, %v; want %+v", split, err, whole)
	}
	for cut := range len(frag) {
		if _, err := hello.ParseClientHello(frag[:cut]); !errors.Is(err, hello.ErrIncomplete) {
			t.Fatalf("cut at %d: error %v, want ErrIncomplete", cut, err)
		}
	}
}

func TestHighestVersion(t *testing.T) {
	tests := []struct {
		name string
		info hello.ClientHelloInfo
		want uint16
	}{
		{name: "legacy only", info: hello.ClientHelloInfo{LegacyVersion: tls.VersionTLS11}, want: tls.VersionTLS11},
		{name: "supported_versions wins", info: hello.ClientHelloInfo{LegacyVersion: tls.VersionTLS12, SupportedVersions: []uint16{tls.VersionTLS12, tls.VersionTLS13}}, want: tls.VersionTLS13},
		{name: "GREASE ignored", info: hello.ClientHelloInfo{LegacyVersion: tls.VersionTLS12, SupportedVersions: []uint16{0x7a7a, tls.VersionTLS12}}, want: tls.VersionTLS12},
		{name: "only GREASE", info: hello.ClientHelloInfo{LegacyVersion: tls.VersionTLS10, SupportedVersions: []uint16{0xfafa}}, want: tls.VersionTLS10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.info.HighestVersion(); got != tt.want {
				t.Errorf("HighestVersion = %#x, want %#x", got, tt.want)
			}
		})
	}
}

// sslv2Hello is an SSL 2.0-compatible CLIENT-HELLO offering TLS 1.0 with
// one SSL 2.0 cipher and TLS_RSA_WITH_AES_128_CBC_SHA (RFC 5246, E.2).
var sslv2Hello = []byte{
	0x80, 0x1f, 1, 3, 1, 0, 6, 0, 0, 0, 16,
	0x07, 0x00, 0xc0, 0x00, 0x00, 0x2f,
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
}

func TestParseSSLv2Hello(t *testing.T) {
	got, err := hello.ParseClientHello(sslv2Hello)
	if err != nil {
		t.Fatal(err)
	}
	if !got.SSLv2 || got.HighestVersion() != tls.VersionTLS10 || !slices.Equal(got.CipherSuites, []uint16{0x2f}) || got.Length != len(sslv2Hello) {
		t.Errorf("parsed %+v", got)
	}
}

func TestParseClientHelloErrors(t *testing.T) {
	good := goClientHello(t, &tls.Config{ServerName: "x.example"})
	dup := bytes.Clone(good)
	// Turn the first extension's type into the second's: a repeat.
	extStart := 5 + 4 + 2 + 32 + 1 + int(good[43]) + 2 + (int(good[44+int(good[43])])<<8 | int(good[45+int(good[43])]))
	tests := []struct {
		name string
		in   []byte
		want error // nil: any malformed-input error
	}{
		{name: "empty", in: nil, want: hello.ErrIncomplete},
		{name: "HTTP request", in: []byte("GET / HTTP/1.1\r\n"), want: hello.ErrNotTLS},
		{name: "short record", in: good[:3], want: hello.ErrIncomplete},
		{name: "cut hello", in: good[:len(good)-1], want: hello.ErrIncomplete},
		{name: "ServerHello not ClientHello", in: []byte{22, 3, 1, 0, 4, 2, 0, 0, 0}},
		{name: "empty body", in: []byte{22, 3, 1, 0, 4, 1, 0, 0, 0}},
		{name: "odd suite list", in: clientHelloRecord([]byte{0, 1, 0x2f}, []byte{1, 0})},
		{name: "no compression", in: clientHelloRecord([]byte{0, 2, 0, 0x2f}, []byte{0})},
		{name: "extensions cut", in: clientHelloRecord([]byte{0, 2, 0, 0x2f}, []byte{1, 0, 0, 9, 0, 0})},
		{name: "trailing byte", in: clientHelloRecord([]byte{0, 2, 0, 0x2f}, []byte{1, 0, 0, 0, 7})},
		{name: "empty ALPN name", in: clientHelloRecord([]byte{0, 2, 0, 0x2f}, []byte{1, 0, 0, 7, 0, 16, 0, 3, 0, 1, 0})},
		{name: "SNI with NUL", in: clientHelloRecord([]byte{0, 2, 0, 0x2f}, []byte{1, 0, 0, 10, 0, 0, 0, 6, 0, 4, 0, 0, 1, 0})},
		{name: "odd supported_versions", in: clientHelloRecord([]byte{0, 2, 0, 0x2f}, []byte{1, 0, 0, 6, 0, 43, 0, 2, 1, 3})},
		{name: "repeated extension", in: repeatFirstExtension(dup, extStart)},
		{name: "cut SSLv2 hello", in: sslv2Hello[:10], want: hello.ErrIncomplete},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := hello.ParseClientHello(tt.in)
			switch {
			case err == nil:
				t.Fatal("no error")
			case tt.want != nil && !errors.Is(err, tt.want):
				t.Errorf("error = %v, want %v", err, tt.want)
			case tt.want == nil && (errors.Is(err, hello.ErrIncomplete) || errors.Is(err, hello.ErrNotTLS)):
				t.Errorf("error = %v, want a malformed-input error", err)
			}
		})
	}
}

// clientHelloRecord wraps a ClientHello body made of legacy_version 0x0303,
// a zero random, an empty session ID and the given suite and trailing
// bytes in a handshake record.
func clientHelloRecord(suites, rest []byte) []byte {
	body := append([]byte{3, 3}, make([]byte, 33)...)
	body = append(append(body, suites...), rest...)
	msg := append([]byte{1, 0, byte(len(body) >> 8), byte(len(body))}, body...)
	return append([]byte{22, 3, 1, byte(len(msg) >> 8), byte(len(msg))}, msg...)
}

// repeatFirstExtension overwrites the type of the second extension with
// that of the first.
func repeatFirstExtension(b []byte, extStart int) []byte {
	first := extStart + 2
	n := int(b[first+2])<<8 | int(b[first+3])
	second := first + 4 + n
	b[second], b[second+1] = b[first], b[first+1]
	return b
}

func FuzzParseClientHello(f *testing.F) {
	f.Add(sslv2Hello)
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := hello.ParseClientHello(b)
		if err != nil {
			return
		}
		if h.Length > len(b) || h.Length == 0 {
			t.Errorf("Length %d of %d input bytes", h.Length, len(b))
		}
		if v := h.HighestVersion(); v&0x0f0f == 0x0a0a && v>>8 == v&0xff {
			t.Errorf("HighestVersion %#x is GREASE", v)
		}
	})
}

// FuzzClientHelloRoundTrip builds hellos from fuzzed fields and checks
// that parsing gives the same fields back.
func FuzzClientHelloRoundTrip(f *testing.F) {
	f.Add(uint16(0x0303), []byte{0x13, 0x01, 0xc0, 0x2f}, "example.com", "h2", []byte{0, 29, 0, 23}, uint8(1), true)
	f.Add(uint16(0x0300), []byte{0, 0x2f}, "", "", []byte(nil), uint8(0), false)
	f.Fuzz(func(t *testing.T, legacy uint16, suites []byte, sni, alpn string, groups []byte, shares uint8, tls13 bool) {
		ch := fuzzedHello(legacy, suites, sni, alpn, groups, shares, tls13)
		b, err := ch.Marshal()
		if err != nil {
			return // fields that cannot be encoded
		}
		got, err := hello.ParseClientHello(b)
		if err != nil {
			t.Fatalf("ParseClientHello of a built hello: %v", err)
		}
		checkRoundTrip(t, ch, got, len(b))
	})
}

// fuzzedHello turns fuzzer input into a ClientHello. Key shares are drawn
// from the groups the builder can make.
func fuzzedHello(legacy uint16, suites []byte, sni, alpn string, groups []byte, shares uint8, tls13 bool) *hello.ClientHello {
	ch := &hello.ClientHello{LegacyVersion: legacy, ServerName: sni}
	for i := 0; i+1 < len(suites); i += 2 {
		ch.CipherSuites = append(ch.CipherSuites, uint16(suites[i])<<8|uint16(suites[i+1]))
	}
	for i := 0; i+1 < len(groups); i += 2 {
		ch.Groups = append(ch.Groups, tls.CurveID(uint16(groups[i])<<8|uint16(groups[i+1])))
	}
	if alpn != "" {
		ch.ALPN = []string{alpn}
	}
	if tls13 {
		ch.SupportedVersions = []uint16{tls.VersionTLS13, legacy}
		ch.SignatureSchemes = sigalgs
		ch.KeyShares = []tls.CurveID{}
		for i, g := range []tls.CurveID{tls.X25519, tls.CurveP256, tls.X25519MLKEM768} {
			if shares&(1<<i) != 0 {
				ch.KeyShares = append(ch.KeyShares, g)
			}
		}
	}
	return ch
}
