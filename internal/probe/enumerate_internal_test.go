package probe

import (
	"crypto/tls"
	"slices"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// TestInClientOrder: picks that follow the offers' orders could come
// from a server that follows the client's; any other pattern cannot.
func TestInClientOrder(t *testing.T) {
	first := []uint16{1, 2, 3, 4, 5}
	rest := []uint16{5, 4, 3, 2, 1}
	tests := []struct {
		found []uint16
		want  bool
	}{
		{[]uint16{2}, true},
		{[]uint16{2, 5, 3}, true},     // earliest first, then rest's order
		{[]uint16{2, 4}, true},        // two suites: only the check can tell
		{[]uint16{3, 2}, false},       // 2 was offered first and not picked
		{[]uint16{2, 3, 5}, false},    // 5 comes before 3 in the later offers
		{[]uint16{1, 2, 3, 4}, false}, // the version hello's order kept
	}
	for _, tt := range tests {
		if got := inClientOrder(tt.found, first, rest); got != tt.want {
			t.Errorf("inClientOrder(%v) = %v, want %v", tt.found, got, tt.want)
		}
	}
	// A joint second hello offers them in its own order.
	joint := []uint16{3, 5, 4, 2, 1}
	for _, tt := range []struct {
		found []uint16
		want  bool
	}{
		{[]uint16{2, 3, 5, 4}, true},  // 3 first in joint, then rest's order
		{[]uint16{2, 5, 3, 4}, false}, // 3 comes before 5 in the joint hello
		{[]uint16{2, 3, 4, 5}, false}, // 5 comes before 4 in the later offers
	} {
		if got := inClientOrder(tt.found, first, joint, rest); got != tt.want {
			t.Errorf("inClientOrder(%v, joint) = %v, want %v", tt.found, got, tt.want)
		}
	}
}

// TestRestOffer: the later suite hellos offer every suite of the version
// hello, in another order, with the ChaCha20-Poly1305 suites last below
// TLS 1.3.
func TestRestOffer(t *testing.T) {
	for _, v := range []uint16{hello.VersionSSL30, tls.VersionTLS10, tls.VersionTLS11, tls.VersionTLS12, tls.VersionTLS13} {
		all, rest := offer(v), restOffer(v)
		if !sameSuites(all, rest) {
			t.Errorf("%s: restOffer holds other suites than offer", hello.VersionName(v))
		}
		if v == tls.VersionTLS13 {
			continue
		}
		if slices.Equal(all, rest) {
			t.Errorf("%s: restOffer is in offer's order", hello.VersionName(v))
		}
		seen := false
		for _, s := range rest {
			chacha := strings.Contains(hello.CipherSuiteName(s), "CHACHA20")
			if seen && !chacha {
				t.Errorf("%s: %s after a ChaCha20 suite", hello.VersionName(v), hello.CipherSuiteName(s))
			}
			seen = seen || chacha
		}
	}
}

func sameSuites(a, b []uint16) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
