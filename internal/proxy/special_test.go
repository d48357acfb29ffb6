package proxy_test

import (
	"net/netip"
	"slices"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/proxy"
)

func TestSpecialOverlaps(t *testing.T) {
	tests := []struct {
		prefix string
		want   []string // prefixes of the blocks, in SpecialRanges order
	}{
		{"52.94.0.0/16", nil},
		{"2600:1f18::/32", nil},
		{"10.20.0.0/16", []string{"10.0.0.0/8"}},
		{"169.254.169.254/32", []string{"169.254.0.0/16"}},
		{"203.0.112.0/23", []string{"203.0.113.0/24"}},
		{"172.0.0.0/8", []string{"172.16.0.0/12"}},
		{"255.0.0.0/8", []string{"255.255.255.255/32", "240.0.0.0/4"}},
		{"::ffff:10.0.0.0/104", []string{"10.0.0.0/8"}},
		{"::ffff:8.8.8.0/120", nil},
		{"::ffff:0:0/96", v4Blocks()},
		{"fd00:ec2::254/128", []string{"fc00::/7"}},
		{"2001::/16", []string{"2001::/32", "2001::/23", "2001:db8::/32"}},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range proxy.SpecialOverlaps(netip.MustParsePrefix(tt.prefix)) {
			got = append(got, r.Prefix.String())
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("SpecialOverlaps(%s) = %v, want %v", tt.prefix, got, tt.want)
		}
	}
	if got := proxy.SpecialOverlaps(netip.Prefix{}); got != nil {
		t.Errorf("SpecialOverlaps(invalid) = %v, want nil", got)
	}
}

// TestSpecialOverlapsEverything: ::/0 holds every IPv6 block and, through
// the IPv4-mapped addresses, every IPv4 one.
func TestSpecialOverlapsEverything(t *testing.T) {
	all := proxy.SpecialRanges()
	if got := proxy.SpecialOverlaps(netip.MustParsePrefix("::/0")); !slices.Equal(got, all) {
		t.Errorf("SpecialOverlaps(::/0) = %v, want all %d blocks", got, len(all))
	}
	all[0].Name = "changed"
	if proxy.SpecialRanges()[0].Name == "changed" {
		t.Error("SpecialRanges returned the package's own slice")
	}
}

func v4Blocks() []string {
	var out []string
	for _, r := range proxy.SpecialRanges() {
		if r.Prefix.Addr().Is4() {
			out = append(out, r.Prefix.String())
		}
	}
	return out
}
