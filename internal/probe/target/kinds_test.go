package target

import (
	"slices"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/probe/starttls"
)

// TestKindsMatchStartTLS checks that every STARTTLS kind a target can
// carry is one that package starttls negotiates.
func TestKindsMatchStartTLS(t *testing.T) {
	for name, sc := range schemes {
		if sc.kind == Direct {
			continue
		}
		if !slices.Contains(starttls.Kinds(), string(sc.kind)) {
			t.Errorf("scheme %s selects kind %q, which starttls does not negotiate", name, sc.kind)
		}
		if _, err := starttls.Dialer(string(sc.kind), nil, 0); err != nil {
			t.Errorf("scheme %s: %v", name, err)
		}
	}
}
