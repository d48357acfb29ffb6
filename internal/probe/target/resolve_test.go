package target

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeResolver answers from a map and records the names it was asked.
type fakeResolver struct {
	mu     sync.Mutex
	addrs  map[string][]string
	asked  []string
	blocks bool // wait for the context instead of answering
}

func (f *fakeResolver) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	f.mu.Lock()
	f.asked = append(f.asked, network+" "+host)
	f.mu.Unlock()
	if f.blocks {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	list, ok := f.addrs[host]
	if !ok {
		return nil, fmt.Errorf("lookup %s: no such host", host)
	}
	var out []netip.Addr
	for _, s := range list {
		out = append(out, netip.MustParseAddr(s))
	}
	return out, nil
}

// mustTargets parses lines or fails the test.
func mustTargets(t *testing.T, lines ...string) []Target {
	t.Helper()
	targets, errs := FromArgs(lines, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return targets
}

// endpointStrings formats endpoints for comparison.
func endpointStrings(eps []Endpoint) []string {
	var out []string
	for _, e := range eps {
		s := e.String()
		if e.Overridden {
			s += " override"
		}
		out = append(out, s)
	}
	return out
}

func TestResolve(t *testing.T) {
	res := &fakeResolver{addrs: map[string][]string{
		"multi.example": {"192.0.2.1", "2001:db8::1", "::ffff:192.0.2.2"},
		"one.example":   {"192.0.2.9"},
		"none.example":  {},
	}}
	over, err := ParseOverrides([]string{"pinned.example:443:[2001:db8::5],192.0.2.5", "one.example:8443:198.51.100.1"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		opts     ResolveOptions
		want     []string
		wantErrs []string
	}{
		{
			name: "every address",
			opts: ResolveOptions{Overrides: over},
			want: []string{
				"multi.example:443 (192.0.2.1)", "multi.example:443 (2001:db8::1)", "multi.example:443 (192.0.2.2)",
				"smtp://one.example:25 (192.0.2.9)", "one.example:443 (192.0.2.9)",
				"pinned.example:443 (2001:db8::5) override", "pinned.example:443 (192.0.2.5) override",
				"[2001:db8::7]:443 (2001:db8::7)",
			},
			wantErrs: []string{"argument 4: resolve none.example: no ip address", "argument 5: resolve missing.example: lookup missing.example: no such host"},
		},
		{
			name: "first only",
			opts: ResolveOptions{Overrides: over, FirstOnly: true},
			want: []string{
				"multi.example:443 (192.0.2.1)", "smtp://one.example:25 (192.0.2.9)", "one.example:443 (192.0.2.9)",
				"pinned.example:443 (2001:db8::5) override", "[2001:db8::7]:443 (2001:db8::7)",
			},
			wantErrs: []string{"argument 4: resolve none.example", "argument 5: resolve missing.example"},
		},
		{
			name: "ipv4 only",
			opts: ResolveOptions{Overrides: over, Network: "ip4"},
			want: []string{
				"multi.example:443 (192.0.2.1)", "multi.example:443 (192.0.2.2)",
				"smtp://one.example:25 (192.0.2.9)", "one.example:443 (192.0.2.9)",
				"pinned.example:443 (192.0.2.5) override",
			},
			wantErrs: []string{"argument 4: resolve none.example", "argument 5: resolve missing.example", "argument 7: resolve 2001:db8::7: no ip4 address"},
		},
	}
	targets := mustTargets(t, "multi.example", "smtp://one.example:25", "one.example", "none.example", "missing.example", "pinned.example", "[2001:db8::7]", "multi.example:443")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Resolver = res
			eps, errs := Resolve(context.Background(), targets, tc.opts)
			if got := endpointStrings(eps); !slices.Equal(got, tc.want) {
				t.Errorf("endpoints:\n got %q\nwant %q", got, tc.want)
			}
			if len(errs) != len(tc.wantErrs) {
				t.Fatalf("errors = %v, want %d", errs, len(tc.wantErrs))
			}
			for i, err := range errs {
				var re *ResolveError
				if !errors.As(err, &re) || !strings.HasPrefix(err.Error(), tc.wantErrs[i]) {
					t.Errorf("error %d = %v, want a *ResolveError starting %q", i, err, tc.wantErrs[i])
				}
			}
		})
	}
}

func TestResolveNeverAsksForOverridesOrLiterals(t *testing.T) {
	res := &fakeResolver{}
	over, err := ParseOverrides([]string{"pinned.example:443:192.0.2.5"})
	if err != nil {
		t.Fatal(err)
	}
	targets := mustTargets(t, "pinned.example", "192.0.2.1", "[::1]:8443")
	eps, errs := Resolve(context.Background(), targets, ResolveOptions{Resolver: res, Overrides: over})
	if len(eps) != 3 || len(errs) != 0 || len(res.asked) != 0 {
		t.Errorf("got %v, %v, resolver asked %v; want 3 endpoints and no lookup", eps, errs, res.asked)
	}
	if eps[0].Name != "pinned.example" || eps[0].Addr() != "192.0.2.5:443" {
		t.Errorf("override endpoint = %+v, want name pinned.example at 192.0.2.5:443", eps[0])
	}
	if eps[2].Addr() != "[::1]:8443" || eps[2].Overridden {
		t.Errorf("literal endpoint = %+v, want [::1]:8443 not overridden", eps[2])
	}
}

func TestResolveTimeout(t *testing.T) {
	res := &fakeResolver{blocks: true}
	_, errs := Resolve(context.Background(), mustTargets(t, "slow.example", "slow2.example"), ResolveOptions{Resolver: res, Timeout: 20 * time.Millisecond})
	if len(errs) != 2 || !errors.Is(errs[0], context.DeadlineExceeded) {
		t.Errorf("errors = %v, want two deadline errors", errs)
	}
}

func TestParseOverride(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		want    string
		wantErr string
	}{
		{name: "ipv4", input: "Example.com:443:192.0.2.1", want: "example.com 443 [192.0.2.1]"},
		{name: "ipv6 brackets", input: "example.com:8443:[2001:db8::1]", want: "example.com 8443 [2001:db8::1]"},
		{name: "ipv6 bare", input: "example.com:443:2001:db8::1", want: "example.com 443 [2001:db8::1]"},
		{name: "several", input: "example.com:443:192.0.2.1,[::1]", want: "example.com 443 [192.0.2.1 ::1]"},
		{name: "mapped", input: "example.com:443:::ffff:192.0.2.1", want: "example.com 443 [192.0.2.1]"},
		{name: "missing addr", input: "example.com:443", wantErr: "want host:port:addr"},
		{name: "bad port", input: "example.com:x:192.0.2.1", wantErr: `port "x"`},
		{name: "bad addr", input: "example.com:443:host.example", wantErr: `address "host.example" is not an IP address`},
		{name: "bracketed v4", input: "example.com:443:[192.0.2.1]", wantErr: "only IPv6 addresses go in brackets"},
		{name: "bad host", input: "bad!:443:192.0.2.1", wantErr: `holds '!'`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, err := ParseOverride(tc.input)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), tc.input) {
					t.Fatalf("error = %v, want one naming %q and containing %q", err, tc.input, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprintf("%s %d %v", o.Host, o.Port, o.Addrs); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseOverridesLaterWins(t *testing.T) {
	list, err := ParseOverrides([]string{"a.example:443:192.0.2.1", "bad", "a.example:443:192.0.2.2"})
	if err == nil || !strings.Contains(err.Error(), `"bad"`) {
		t.Errorf("error = %v, want one naming \"bad\"", err)
	}
	addrs, ok := lookupOverride(list, "a.example", 443)
	if !ok || addrs[0] != netip.MustParseAddr("192.0.2.2") {
		t.Errorf("lookup = %v, %v, want the later entry", addrs, ok)
	}
	if _, ok := lookupOverride(list, "a.example", 8443); ok {
		t.Error("an entry for port 443 applied to port 8443")
	}
}
