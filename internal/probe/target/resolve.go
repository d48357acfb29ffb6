package target

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"sync"
	"time"
)

// Resolution defaults.
const (
	// DefaultLookupTimeout bounds one name lookup.
	DefaultLookupTimeout = 5 * time.Second
	// DefaultParallel is how many lookups run at once.
	DefaultParallel = 8
)

// Resolver looks up the IP addresses of a host name. *net.Resolver
// implements it; tests use a fake.
type Resolver interface {
	// LookupNetIP returns the addresses of host for network "ip", "ip4"
	// or "ip6".
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Endpoint is one address to connect to and the name to present there.
type Endpoint struct {
	// Name is the name for SNI and certificate checks: the target's
	// host. For an IP-literal target it is that IP address (crypto/tls
	// then sends no SNI and checks the certificate's IP SANs).
	Name string
	// Port is the TCP port.
	Port int
	// Address is the IP address to connect to.
	Address netip.Addr
	// StartTLS is the protocol spoken before the ClientHello.
	StartTLS Kind
	// Overridden is true when Address came from a --resolve entry.
	Overridden bool
	// Target is what the endpoint was resolved from.
	Target Target
}

// Addr returns the address to dial: ip:port, or [ip6]:port.
func (e Endpoint) Addr() string {
	return net.JoinHostPort(e.Address.String(), strconv.Itoa(e.Port))
}

// String returns the target form followed by the address in
// parentheses, such as "smtp://mail.example:587 (192.0.2.1)".
func (e Endpoint) String() string {
	t := Target{Host: e.Name, Port: e.Port, StartTLS: e.StartTLS}
	return t.String() + " (" + e.Address.String() + ")"
}

// ResolveOptions tunes Resolve. The zero value resolves with
// net.DefaultResolver, IPv4 and IPv6, every address, no overrides.
type ResolveOptions struct {
	// Resolver looks names up; nil means net.DefaultResolver.
	Resolver Resolver
	// Overrides are the --resolve entries.
	Overrides []Override
	// FirstOnly keeps only the first address of each target.
	FirstOnly bool
	// Network is "ip" (the default), "ip4" or "ip6"; it filters
	// overrides and IP literals too.
	Network string
	// Timeout bounds one lookup; 0 means DefaultLookupTimeout.
	Timeout time.Duration
	// Parallel is how many lookups run at once; 0 means
	// DefaultParallel.
	Parallel int
}

// ResolveError is a target that yielded no endpoint. The run skips it.
type ResolveError struct {
	// Target is the target that failed.
	Target Target
	// Err is the reason.
	Err error
}

// Error names the target's place and host, then the reason.
func (e *ResolveError) Error() string {
	return fmt.Sprintf("%s: resolve %s: %v", e.Target.Place, e.Target.Host, e.Err)
}

// Unwrap returns the reason.
func (e *ResolveError) Unwrap() error { return e.Err }

// Resolve turns targets into endpoints, one per address (in the order
// the resolver or the override gives them), in target order, without
// duplicates. Targets that yield nothing come back as *ResolveError.
func Resolve(ctx context.Context, targets []Target, opts ResolveOptions) ([]Endpoint, []error) {
	opts = opts.withDefaults()
	addrs := make([][]netip.Addr, len(targets))
	errs := make([]error, len(targets))
	forEach(len(targets), opts.Parallel, func(i int) {
		addrs[i], errs[i] = opts.addresses(ctx, targets[i])
	})
	return assemble(targets, addrs, errs, opts)
}

// withDefaults fills in the zero fields.
func (o ResolveOptions) withDefaults() ResolveOptions {
	if o.Resolver == nil {
		o.Resolver = net.DefaultResolver
	}
	if o.Network == "" {
		o.Network = "ip"
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultLookupTimeout
	}
	if o.Parallel <= 0 {
		o.Parallel = DefaultParallel
	}
	return o
}

// forEach calls fn(0) to fn(n-1), at most parallel at a time.
func forEach(n, parallel int, fn func(int)) {
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i := range n {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			fn(i)
		})
	}
	wg.Wait()
}

// addresses returns the addresses of t, filtered by network.
func (o ResolveOptions) addresses(ctx context.Context, t Target) ([]netip.Addr, error) {
	list, err := o.lookup(ctx, t)
	if err != nil {
		return nil, err
	}
	list = filterNetwork(list, o.Network)
	if len(list) == 0 {
		return nil, fmt.Errorf("no %s address", o.Network)
	}
	if o.FirstOnly {
		list = list[:1]
	}
	return list, nil
}

// lookup returns t's IP literal, override or looked-up addresses.
func (o ResolveOptions) lookup(ctx context.Context, t Target) ([]netip.Addr, error) {
	if a, err := netip.ParseAddr(t.Host); err == nil {
		return []netip.Addr{a}, nil
	}
	if list, ok := lookupOverride(o.Overrides, t.Host, t.Port); ok {
		return list, nil
	}
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	list, err := o.Resolver.LookupNetIP(ctx, o.Network, t.Host)
	if err != nil {
		return nil, err
	}
	for i := range list {
		list[i] = list[i].Unmap()
	}
	return list, nil
}

// filterNetwork keeps the addresses of network "ip4" or "ip6"; "ip"
// keeps all.
func filterNetwork(list []netip.Addr, network string) []netip.Addr {
	var out []netip.Addr
	for _, a := range list {
		if network == "ip" || network == "ip4" && a.Is4() || network == "ip6" && a.Is6() {
			out = append(out, a)
		}
	}
	return out
}

// endpointKey identifies duplicate endpoints.
type endpointKey struct {
	name string
	port int
	addr netip.Addr
	kind Kind
}

// assemble builds the endpoints and errors in target order.
func assemble(targets []Target, addrs [][]netip.Addr, errs []error, o ResolveOptions) ([]Endpoint, []error) {
	var eps []Endpoint
	var bad []error
	seen := map[endpointKey]bool{}
	for i, t := range targets {
		if errs[i] != nil {
			bad = append(bad, &ResolveError{Target: t, Err: errs[i]})
			continue
		}
		_, over := lookupOverride(o.Overrides, t.Host, t.Port)
		over = over && !t.IsIP()
		for _, a := range addrs[i] {
			k := endpointKey{name: t.Host, port: t.Port, addr: a, kind: t.StartTLS}
			if seen[k] {
				continue
			}
			seen[k] = true
			eps = append(eps, Endpoint{Name: t.Host, Port: t.Port, Address: a, StartTLS: t.StartTLS, Overridden: over, Target: t})
		}
	}
	return eps, bad
}
