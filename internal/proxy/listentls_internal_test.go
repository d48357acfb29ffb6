package proxy

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"net/url"
	"testing"
)

func TestCertIdentity(t *testing.T) {
	u, _ := url.Parse("spiffe://corp.internal/billing")
	tests := []struct {
		name string
		cert x509.Certificate
		want string
	}{
		{"common name first", x509.Certificate{Subject: pkix.Name{CommonName: "billing"}, DNSNames: []string{"b.corp.internal"}}, "billing"},
		{"DNS name", x509.Certificate{DNSNames: []string{"b.corp.internal", "c.corp.internal"}, EmailAddresses: []string{"ops@corp.internal"}}, "b.corp.internal"},
		{"e-mail address", x509.Certificate{EmailAddresses: []string{"ops@corp.internal"}, IPAddresses: []net.IP{net.IPv4(10, 0, 0, 1)}}, "ops@corp.internal"},
		{"IP address", x509.Certificate{IPAddresses: []net.IP{net.IPv4(10, 0, 0, 1)}, URIs: []*url.URL{u}}, "10.0.0.1"},
		{"URI", x509.Certificate{URIs: []*url.URL{u}}, "spiffe://corp.internal/billing"},
		{"no name", x509.Certificate{SerialNumber: big.NewInt(0xbeef)}, "serial beef (no name)"},
	}
	for _, tt := range tests {
		if got := certIdentity(&tt.cert); got != tt.want {
			t.Errorf("%s: certIdentity = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestSNIMismatch(t *testing.T) {
	tests := []struct {
		dest, sni string
		want      bool
	}{
		{"sts.us-east-1.amazonaws.com:443", "sts.us-east-1.amazonaws.com", false},
		{"STS.us-east-1.amazonaws.com.:443", "sts.US-EAST-1.amazonaws.com", false},
		{"sts.us-east-1.amazonaws.com:443", "sts.us-east-1.amazonaws.com.", false},
		{"sts.us-east-1.amazonaws.com:443", "", false},
		{"sts.us-east-1.amazonaws.com:443", "evil.example", true},
		{"sts.us-east-1.amazonaws.com:443", "s3.amazonaws.com", true},
		{"[2001:db8::1]:443", "sts.amazonaws.com", true},
		{"10.0.0.1:443", "10.0.0.1", false},
	}
	for _, tt := range tests {
		if got := sniMismatch(tt.dest, tt.sni); got != tt.want {
			t.Errorf("sniMismatch(%q, %q) = %v, want %v", tt.dest, tt.sni, got, tt.want)
		}
	}
}

func TestLooksLikeHTTP(t *testing.T) {
	for s, want := range map[string]bool{"CONNE": true, "GET /": true, "POST ": true, "\x16\x03\x01\x00\x10": false, "get /": false, " GET ": false, "\x00\x00\x00\x00\x00": false} {
		if got := looksLikeHTTP([]byte(s)); got != want {
			t.Errorf("looksLikeHTTP(%q) = %v, want %v", s, got, want)
		}
	}
}
