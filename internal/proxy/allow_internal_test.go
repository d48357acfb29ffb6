package proxy

import (
	"context"
	"errors"
	"net/netip"
	"testing"
)

// TestDestinations checks destinations by name and by resolved address.
// Lookup answers from a table; no DNS is asked.
func TestDestinations(t *testing.T) {
	dns := map[string][]string{
		"private.amazonaws.com":  {"10.1.2.3"},
		"metadata.amazonaws.com": {"169.254.169.254"},
		"mixed.amazonaws.com":    {"192.168.1.1", "52.94.133.131"},
		"mapped.amazonaws.com":   {"::ffff:10.0.0.1"},
		"nat64.amazonaws.com":    {"64:ff9b::a00:1"},
		"cgnat.amazonaws.com":    {"100.64.0.1"},
		"public.amazonaws.com":   {"52.94.133.131"},
		"public6.api.aws":        {"2600:1f18::1"},
		"ula.api.aws":            {"fd00::1"},
		"doc.amazonaws.com":      {"203.0.113.9"},
		"multicast.amazonaws.eu": {"224.0.0.1"},
		"any.amazonaws.com":      {"0.0.0.0"},
		"bcast.amazonaws.com":    {"255.255.255.255"},
	}
	lookup := func(_ context.Context, host string) ([]netip.Addr, error) {
		var out []netip.Addr
		for _, s := range dns[host] {
			out = append(out, netip.MustParseAddr(s))
		}
		if out == nil {
			return nil, errors.New("no such host")
		}
		return out, nil
	}
	resolve := map[string]netip.AddrPort{"Loop.AmazonAWS.com.:443": netip.MustParseAddrPort("127.0.0.1:8443")}
	tests := []struct {
		dest   string
		allow  []string // nil: DefaultAllow
		reason string
		addrs  []string
	}{
		{dest: "sts.us-east-1.amazonaws.com:443", reason: ReasonResolveFailed},
		{dest: "public.amazonaws.com:443", reason: ReasonOK, addrs: []string{"52.94.133.131:443"}},
		{dest: "PUBLIC.AmazonAWS.com.:443", reason: ReasonOK, addrs: []string{"52.94.133.131:443"}},
		{dest: "public6.api.aws:443", reason: ReasonOK, addrs: []string{"[2600:1f18::1]:443"}},
		{dest: "amazonaws.com:443", reason: ReasonDestinationNotAllowed},
		{dest: "public.amazonaws.com.evil.example:443", reason: ReasonDestinationNotAllowed},
		{dest: "evil.example:443", reason: ReasonDestinationNotAllowed},
		{dest: "private.amazonaws.com:443", reason: ReasonDestinationSpecial},
		{dest: "metadata.amazonaws.com:80", reason: ReasonDestinationSpecial},
		{dest: "mapped.amazonaws.com:443", reason: ReasonDestinationSpecial},
		{dest: "nat64.amazonaws.com:443", reason: ReasonDestinationSpecial},
		{dest: "cgnat.amazonaws.com:443", reason: ReasonDestinationSpecial},
		{dest: "ula.api.aws:443", reason: ReasonDestinationSpecial},
		{dest: "doc.amazonaws.com:443", reason: ReasonDestinationSpecial},
		{dest: "multicast.amazonaws.eu:443", reason: ReasonDestinationSpecial},
		{dest: "any.amazonaws.com:443", reason: ReasonDestinationSpecial},
		{dest: "bcast.amazonaws.com:443", reason: ReasonDestinationSpecial},
		{dest: "mixed.amazonaws.com:443", reason: ReasonOK, addrs: []string{"52.94.133.131:443"}},
		{dest: "loop.amazonaws.com:443", reason: ReasonDestinationSpecial},
		{dest: "loop.amazonaws.com:443", allow: []string{"*.amazonaws.com", "127.0.0.0/8"}, reason: ReasonOK, addrs: []string{"127.0.0.1:8443"}},
		{dest: "metadata.amazonaws.com:80", allow: []string{"*.amazonaws.com", "169.254.169.254"}, reason: ReasonOK, addrs: []string{"169.254.169.254:80"}},
		{dest: "mapped.amazonaws.com:443", allow: []string{"*.amazonaws.com", "10.0.0.0/8"}, reason: ReasonOK, addrs: []string{"[::ffff:10.0.0.1]:443"}},
		{dest: "169.254.169.254:80", reason: ReasonDestinationNotAllowed},
		{dest: "52.94.133.131:443", reason: ReasonDestinationNotAllowed},
		{dest: "[::1]:443", reason: ReasonDestinationNotAllowed},
		{dest: "127.0.0.1:443", allow: []string{"127.0.0.1/32"}, reason: ReasonOK, addrs: []string{"127.0.0.1:443"}},
		{dest: "[::ffff:127.0.0.1]:443", allow: []string{"127.0.0.1/32"}, reason: ReasonOK, addrs: []string{"[::ffff:127.0.0.1]:443"}},
		{dest: "127.0.0.2:443", allow: []string{"127.0.0.1/32"}, reason: ReasonDestinationNotAllowed},
		{dest: "sts.amazonaws.com", reason: ReasonBadRequest},
		{dest: "sts.amazonaws.com:0", reason: ReasonBadRequest},
		{dest: "sts.amazonaws.com:https", reason: ReasonBadRequest},
		{dest: "sts.amazonaws.com:70000", reason: ReasonBadRequest},
		{dest: "bad_label-.amazonaws.com:443", reason: ReasonDestinationNotAllowed},
		{dest: "exact.example:443", allow: []string{"exact.example"}, reason: ReasonResolveFailed},
		{dest: "sub.exact.example:443", allow: []string{"exact.example"}, reason: ReasonDestinationNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.dest, func(t *testing.T) {
			opts := Options{Resolve: resolve, Lookup: lookup}
			for _, s := range tt.allow {
				p, err := ParsePattern(s)
				if err != nil {
					t.Fatal(err)
				}
				opts.Allow = append(opts.Allow, p)
			}
			c, err := compile(opts)
			if err != nil {
				t.Fatal(err)
			}
			d, dec := c.allow.parseDestination(tt.dest)
			var addrs []netip.AddrPort
			if dec.Allow {
				addrs, dec = c.resolve(context.Background(), d)
			}
			if dec.Reason != tt.reason {
				t.Fatalf("decision %+v, want reason %s", dec, tt.reason)
			}
			var got []string
			for _, a := range addrs {
				got = append(got, a.String())
			}
			if len(got) != len(tt.addrs) || len(got) > 0 && got[0] != tt.addrs[0] {
				t.Errorf("addresses %v, want %v", got, tt.addrs)
			}
		})
	}
}

func TestSpecialName(t *testing.T) {
	tests := map[string]bool{
		"127.0.0.1": true, "10.0.0.1": true, "172.16.0.1": true, "172.31.255.255": true, "172.32.0.1": false,
		"192.168.0.1": true, "169.254.169.254": true, "100.64.0.1": true, "100.128.0.1": false,
		"224.0.0.251": true, "239.255.255.250": true, "0.0.0.0": true, "255.255.255.255": true,
		"240.0.0.1": true, "192.0.2.1": true, "198.51.100.1": true, "203.0.113.1": true, "198.18.0.1": true,
		"192.0.0.8": true, "192.88.99.1": true,
		"::": true, "::1": true, "::ffff:127.0.0.1": true, "::ffff:8.8.8.8": false, "::127.0.0.1": true,
		"fe80::1": true, "fe80::1%eth0": true, "fc00::1": true, "fd12:3456::1": true, "ff02::1": true,
		"2001:db8::1": true, "3fff::1": true, "64:ff9b::7f00:1": true, "64:ff9b:1::1": true,
		"2002:7f00:1::": true, "2001::1": true, "100::1": true, "fec0::1": true,
		"52.94.133.131": false, "3.5.140.2": false, "2600:1f18::1": false, "2a05:d018::1": false,
	}
	for s, want := range tests {
		if got := specialName(netip.MustParseAddr(s)) != ""; got != want {
			t.Errorf("specialName(%s) = %q, want special=%v", s, specialName(netip.MustParseAddr(s)), want)
		}
	}
}
