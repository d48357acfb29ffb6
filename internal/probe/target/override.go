package target

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
)

// Override is one --resolve host:port:addr[,addr...] entry. As with curl,
// a connection to Host on Port goes to Addrs instead of what DNS says,
// while Host stays the name used for SNI and certificate checks.
type Override struct {
	// Host is the lower-case host name the entry applies to.
	Host string
	// Port is the port the entry applies to.
	Port int
	// Addrs are the addresses to connect to, in order.
	Addrs []netip.Addr
}

// ParseOverride parses a --resolve value: host:port:addr, where addr is
// an IPv4 address, an IPv6 address (in brackets or bare), or several of
// them separated by commas.
func ParseOverride(s string) (Override, error) {
	o, err := parseOverride(s)
	if err != nil {
		return Override{}, fmt.Errorf("--resolve %q: %w", truncate(s, 80), err)
	}
	return o, nil
}

// parseOverride parses a --resolve value without naming it in errors.
func parseOverride(s string) (Override, error) {
	host, rest, ok1 := strings.Cut(strings.TrimSpace(s), ":")
	port, addrs, ok2 := strings.Cut(rest, ":")
	if !ok1 || !ok2 {
		return Override{}, errors.New("want host:port:addr")
	}
	name, err := normalizeHost(host)
	if err != nil {
		return Override{}, err
	}
	p, err := ParsePort(port)
	if err != nil {
		return Override{}, err
	}
	list, err := parseAddrs(addrs)
	if err != nil {
		return Override{}, err
	}
	return Override{Host: name, Port: p, Addrs: list}, nil
}

// parseAddrs parses a comma-separated list of IP addresses, IPv6 ones in
// brackets or bare.
func parseAddrs(s string) ([]netip.Addr, error) {
	var list []netip.Addr
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		bare := strings.TrimSuffix(strings.TrimPrefix(f, "["), "]")
		a, err := netip.ParseAddr(bare)
		if err != nil {
			return nil, fmt.Errorf("address %q is not an IP address", f)
		}
		if bare != f && !a.Is6() {
			return nil, fmt.Errorf("address %q: only IPv6 addresses go in brackets", f)
		}
		list = append(list, a.Unmap())
	}
	return list, nil
}

// ParseOverrides parses several --resolve values; a later entry for the
// same host and port wins. Its error joins one error per bad value.
func ParseOverrides(values []string) ([]Override, error) {
	var list []Override
	var errs []error
	for _, v := range values {
		o, err := ParseOverride(v)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		list = append(list, o)
	}
	return list, errors.Join(errs...)
}

// lookupOverride returns the addresses of the last override for host and
// port, and whether there is one.
func lookupOverride(list []Override, host string, port int) ([]netip.Addr, bool) {
	for i := len(list) - 1; i >= 0; i-- {
		if list[i].Host == host && list[i].Port == port {
			return list[i].Addrs, true
		}
	}
	return nil, false
}
