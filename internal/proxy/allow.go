package proxy

import (
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
)

// allowlist is the compiled form of Options.Allow.
type allowlist struct {
	exact    map[string]bool
	suffixes []string // ".amazonaws.com" for "*.amazonaws.com"
	prefixes []netip.Prefix
}

func compileAllow(patterns []Pattern) *allowlist {
	a := &allowlist{exact: map[string]bool{}}
	for _, p := range patterns {
		switch host := normalizeHost(p.Host); {
		case p.Prefix.IsValid():
			a.prefixes = append(a.prefixes, p.Prefix.Masked())
		case strings.HasPrefix(host, "*."):
			a.suffixes = append(a.suffixes, host[1:])
		default:
			a.exact[host] = true
		}
	}
	return a
}

// hostAllowed reports whether a normalized host name matches a pattern.
func (a *allowlist) hostAllowed(host string) bool {
	if a.exact[host] {
		return true
	}
	for _, s := range a.suffixes {
		if strings.HasSuffix(host, s) {
			return true
		}
	}
	return false
}

// covers reports whether a CIDR in the allowlist contains addr, in its
// IPv4-mapped or unmapped form.
func (a *allowlist) covers(addr netip.Addr) bool {
	addr = addr.WithZone("")
	for _, p := range a.prefixes {
		if p.Contains(addr) || p.Contains(addr.Unmap()) {
			return true
		}
	}
	return false
}

// addrDecision admits a resolved address: globally reachable, or covered
// by a CIDR.
func (a *allowlist) addrDecision(addr netip.Addr) Decision {
	if a.covers(addr) {
		return allow(ReasonOK)
	}
	if name := specialName(addr); name != "" {
		return deny(ReasonDestinationSpecial, fmt.Sprintf("%s is %s", addr, name))
	}
	return allow(ReasonOK)
}

// destination is a CONNECT target that passed the allowlist.
type destination struct {
	host string     // normalized name or IP literal
	port uint16     // TCP port
	ip   netip.Addr // set for an IP literal
}

// String returns host:port.
func (d destination) String() string {
	return net.JoinHostPort(d.host, strconv.Itoa(int(d.port)))
}

// parseDestination checks "host:port" against the allowlist by name; the
// addresses are checked when they are resolved.
func (a *allowlist) parseDestination(hostport string) (destination, Decision) {
	h, p, err := net.SplitHostPort(hostport)
	port, perr := strconv.ParseUint(p, 10, 16)
	if err != nil || perr != nil || port == 0 {
		return destination{}, deny(ReasonBadRequest, fmt.Sprintf("destination %q is not host:port", hostport))
	}
	d := destination{host: normalizeHost(h), port: uint16(port)}
	if ip, err := netip.ParseAddr(d.host); err == nil {
		d.ip, d.host = ip, ip.String()
		if !a.covers(ip) {
			return d, deny(ReasonDestinationNotAllowed, fmt.Sprintf("IP address %s is covered by no CIDR in the allowlist", ip))
		}
		return d, allow(ReasonOK)
	}
	if checkHostName(d.host) != nil || !a.hostAllowed(d.host) {
		return d, deny(ReasonDestinationNotAllowed, fmt.Sprintf("%s matches no allowlist pattern", d.host))
	}
	return d, allow(ReasonOK)
}
