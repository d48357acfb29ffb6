package proxy_test

import (
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/probe/target"
	"github.com/tlsfloor/tlsfloor/internal/proxy"
)

func TestParsePattern(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{in: "*.amazonaws.com", want: "*.amazonaws.com"},
		{in: "*.AmazonAWS.com.", want: "*.amazonaws.com"},
		{in: " sts.us-east-1.amazonaws.com ", want: "sts.us-east-1.amazonaws.com"},
		{in: "10.0.0.0/8", want: "10.0.0.0/8"},
		{in: "10.1.2.3/8", want: "10.0.0.0/8"},
		{in: "169.254.169.254", want: "169.254.169.254/32"},
		{in: "::1", want: "::1/128"},
		{in: "2001:db8::/32", want: "2001:db8::/32"},
		{in: "*", err: "every destination"},
		{in: "*.com", err: "two labels"},
		{in: "", err: "empty"},
		{in: "a.*.com", err: "character '*'"},
		{in: "bad host.com", err: "character ' '"},
		{in: "-x.amazonaws.com", err: "hyphen"},
		{in: "10.0.0.0/33", err: "10.0.0.0/33"},
		{in: "fe80::1%eth0", err: "zone"},
		{in: "bücher.example", err: "xn--"},
	}
	for _, tt := range tests {
		p, err := proxy.ParsePattern(tt.in)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("ParsePattern(%q) error = %v, want one containing %q", tt.in, err, tt.err)
		case tt.err == "" && (err != nil || p.String() != tt.want):
			t.Errorf("ParsePattern(%q) = %v, %v; want %s", tt.in, p, err, tt.want)
		case tt.err != "" && !strings.Contains(err.Error(), tt.in):
			t.Errorf("ParsePattern(%q) error %q does not name the input", tt.in, err)
		}
	}
}

// TestDefaultAllow checks the default list against the partition table it
// is derived from: every DNS suffix of every partition, dual-stack ones
// included, and nothing but "*." patterns.
func TestDefaultAllow(t *testing.T) {
	var got []string
	for _, p := range proxy.DefaultAllow() {
		if p.Prefix.IsValid() || !strings.HasPrefix(p.Host, "*.") {
			t.Errorf("default pattern %v is not a *. suffix", p)
		}
		got = append(got, p.Host)
	}
	for _, want := range []string{"*.amazonaws.com", "*.api.aws", "*.amazonaws.com.cn", "*.amazonaws.eu", "*.api.amazonwebservices.com.cn"} {
		if !slices.Contains(got, want) {
			t.Errorf("DefaultAllow lacks %s: %v", want, got)
		}
	}
	parts, err := target.Partitions()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range parts {
		for _, s := range []string{p.Defaults.DNSSuffix, p.Defaults.DualStackDNSSuffix} {
			if !slices.Contains(got, "*."+s) {
				t.Errorf("partition %s suffix %s missing from DefaultAllow", p.ID, s)
			}
		}
	}
	if len(slices.Compact(slices.Sorted(slices.Values(got)))) != len(got) {
		t.Errorf("DefaultAllow has duplicates: %v", got)
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opts proxy.Options
		err  string
	}{
		{name: "wildcard everything", opts: proxy.Options{Allow: []proxy.Pattern{{Host: "*"}}}, err: "allow[0]"},
		{name: "empty allow", opts: proxy.Options{Allow: []proxy.Pattern{}}, err: "admits no destination"},
		{name: "host and prefix", opts: proxy.Options{Allow: []proxy.Pattern{{Host: "a.example", Prefix: netip.MustParsePrefix("10.0.0.0/8")}}}, err: "both"},
		{name: "empty pattern", opts: proxy.Options{Allow: []proxy.Pattern{{}}}, err: "neither"},
		{name: "mode", opts: proxy.Options{Mode: 7}, err: "mode 7"},
		{name: "resolve key", opts: proxy.Options{Resolve: map[string]netip.AddrPort{"nohost": netip.MustParseAddrPort("127.0.0.1:1")}}, err: `resolve "nohost"`},
		{name: "resolve value", opts: proxy.Options{Resolve: map[string]netip.AddrPort{"a.example:443": {}}}, err: "not ip:port"},
		{name: "user name", opts: proxy.Options{Users: map[string]string{"a:b": "pw"}}, err: "user name"},
		{name: "password", opts: proxy.Options{Users: map[string]string{"alice": ""}}, err: "empty password"},
		{name: "limits", opts: proxy.Options{Limits: proxy.Limits{HelloTimeout: -1}}, err: "hello timeout"},
		{name: "max conns", opts: proxy.Options{Limits: proxy.Limits{MaxConns: -1}}, err: "max conns"},
		{name: "upgrade clients", opts: proxy.Options{Upgrade: proxy.Upgrade{Enabled: true, Clients: []netip.Prefix{{}}}}, err: "clients[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := proxy.New(tt.opts, nil)
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("New error = %v, want one containing %q", err, tt.err)
			}
		})
	}
	if _, err := proxy.New(proxy.Options{}, nil); err != nil {
		t.Errorf("New with zero Options: %v", err)
	}
}

func TestParseMode(t *testing.T) {
	for _, m := range []proxy.Mode{proxy.Enforce, proxy.Audit} {
		if got, err := proxy.ParseMode(m.String()); err != nil || got != m {
			t.Errorf("ParseMode(%q) = %v, %v", m, got, err)
		}
	}
	if _, err := proxy.ParseMode("open"); err == nil || !strings.Contains(err.Error(), `"open"`) {
		t.Errorf("ParseMode(open) error = %v", err)
	}
}
