package proxy

import (
	"net/netip"
	"slices"
)

// SpecialRange is a block of special-purpose addresses: no tunnel
// reaches an address in it unless a CIDR in the allowlist covers the
// address.
type SpecialRange struct {
	// Prefix is the block.
	Prefix netip.Prefix
	// Name says what the block is, such as "loopback".
	Name string
}

// SpecialRanges returns the special-purpose blocks the proxy refuses at
// dial time, narrower blocks before the wider ones they sit in. IPv4-mapped
// IPv6 addresses are not listed: the proxy unmaps them and checks them as
// IPv4. The slice is new on every call.
func SpecialRanges() []SpecialRange { return slices.Clone(specialRanges) }

// SpecialOverlaps returns the special-purpose blocks that share addresses
// with p, in the order of SpecialRanges: the blocks an allowlist CIDR p
// admits. The IPv4-mapped part of an IPv6 prefix (within ::ffff:0:0/96)
// counts as the IPv4 prefix it maps, as it does at dial time.
func SpecialOverlaps(p netip.Prefix) []SpecialRange {
	if !p.IsValid() {
		return nil
	}
	p = p.Masked()
	v4, hasV4 := mappedPart(p)
	var out []SpecialRange
	for _, r := range specialRanges {
		if p.Overlaps(r.Prefix) || hasV4 && v4.Overlaps(r.Prefix) {
			out = append(out, r)
		}
	}
	return out
}

// mapped is the block of IPv4-mapped IPv6 addresses (RFC 4291 section
// 2.5.5.2).
var mapped = mustPrefix("::ffff:0:0/96")

// mappedPart returns the IPv4 addresses whose mapped form an IPv6 prefix
// holds.
func mappedPart(p netip.Prefix) (netip.Prefix, bool) {
	switch {
	case !p.Addr().Is6():
		return netip.Prefix{}, false
	case p.Bits() <= mapped.Bits() && p.Contains(mapped.Addr()):
		return mustPrefix("0.0.0.0/0"), true
	case p.Bits() > mapped.Bits() && mapped.Contains(p.Addr()):
		return netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-mapped.Bits()), true
	}
	return netip.Prefix{}, false
}

// specialRanges are the blocks of IANA's special-purpose address
// registries that are not globally reachable or that embed another
// address (https://www.iana.org/assignments/iana-ipv4-special-registry/,
// https://www.iana.org/assignments/iana-ipv6-special-registry/), plus
// multicast (RFC 5771, RFC 4291 section 2.7) and the reserved class E
// block (RFC 1112 section 4). Narrower blocks come first so that the name
// reported is the most specific one. IPv4-mapped IPv6 addresses are
// unmapped and checked as IPv4.
var specialRanges = []SpecialRange{
	{mustPrefix("255.255.255.255/32"), "broadcast"},
	{mustPrefix("0.0.0.0/8"), "this network (unspecified)"},
	{mustPrefix("10.0.0.0/8"), "private (RFC 1918)"},
	{mustPrefix("100.64.0.0/10"), "shared address space (CGNAT, RFC 6598)"},
	{mustPrefix("127.0.0.0/8"), "loopback"},
	{mustPrefix("169.254.0.0/16"), "link-local (cloud instance metadata lives here)"},
	{mustPrefix("172.16.0.0/12"), "private (RFC 1918)"},
	{mustPrefix("192.0.0.0/24"), "IETF protocol assignments"},
	{mustPrefix("192.0.2.0/24"), "documentation (TEST-NET-1)"},
	{mustPrefix("192.88.99.0/24"), "6to4 relay anycast"},
	{mustPrefix("192.168.0.0/16"), "private (RFC 1918)"},
	{mustPrefix("198.18.0.0/15"), "benchmarking"},
	{mustPrefix("198.51.100.0/24"), "documentation (TEST-NET-2)"},
	{mustPrefix("203.0.113.0/24"), "documentation (TEST-NET-3)"},
	{mustPrefix("224.0.0.0/4"), "multicast"},
	{mustPrefix("240.0.0.0/4"), "reserved"},
	{mustPrefix("::/128"), "unspecified"},
	{mustPrefix("::1/128"), "loopback"},
	{mustPrefix("::/96"), "IPv4-compatible (deprecated)"},
	{mustPrefix("64:ff9b::/96"), "NAT64 (embeds an IPv4 address)"},
	{mustPrefix("64:ff9b:1::/48"), "local-use NAT64"},
	{mustPrefix("100::/64"), "discard-only"},
	{mustPrefix("2001::/32"), "Teredo (embeds an IPv4 address)"},
	{mustPrefix("2001::/23"), "IETF protocol assignments"},
	{mustPrefix("2001:db8::/32"), "documentation"},
	{mustPrefix("2002::/16"), "6to4 (embeds an IPv4 address)"},
	{mustPrefix("3fff::/20"), "documentation"},
	{mustPrefix("5f00::/16"), "segment routing (SRv6) SIDs"},
	{mustPrefix("fc00::/7"), "unique local (private)"},
	{mustPrefix("fe80::/10"), "link-local"},
	{mustPrefix("fec0::/10"), "site-local (deprecated)"},
	{mustPrefix("ff00::/8"), "multicast"},
}

// specialName returns what kind of special-purpose address a is, or ""
// for a globally reachable unicast address. An address with a zone is
// always special (link-scoped).
func specialName(a netip.Addr) string {
	if a.Zone() != "" {
		return "scoped (has a zone)"
	}
	a = a.Unmap()
	for _, r := range specialRanges {
		if r.Prefix.Contains(a) {
			return r.Name
		}
	}
	return ""
}

func mustPrefix(s string) netip.Prefix { return netip.MustParsePrefix(s) }
