package probe

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"time"
)

// resolve returns the IP address every connection of the probe goes to,
// so that all probes reach the same server behind round-robin DNS. An
// endpoint with its own Dial is not resolved: its dialer gets the name.
// The lookup is bounded by timeout.
func resolve(ctx context.Context, ep Endpoint, timeout time.Duration) (string, error) {
	host, _, err := net.SplitHostPort(ep.Address)
	if err != nil {
		return "", fmt.Errorf("address %q: %w", ep.Address, err)
	}
	if ep.Dial != nil {
		return "", nil
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		return ip.String(), nil
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	ips, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err == nil && len(ips) == 0 {
		err = fmt.Errorf("no addresses")
	}
	if err != nil {
		return "", fmt.Errorf("resolve %s: %w", host, err)
	}
	return preferIPv4(ips).String(), nil
}

// preferIPv4 returns the first IPv4 address, or the first address: IPv4
// is the likelier to be reachable from anywhere.
func preferIPv4(ips []netip.Addr) netip.Addr {
	for _, ip := range ips {
		if ip.Unmap().Is4() {
			return ip.Unmap()
		}
	}
	return ips[0]
}

// hostKey is what the per-IP cap counts: the resolved address, or the
// lower-cased host name for endpoints with their own dialer.
func hostKey(ep Endpoint, ip string) string {
	if ip != "" {
		return ip
	}
	host, _, _ := net.SplitHostPort(ep.Address)
	return strings.ToLower(host)
}
