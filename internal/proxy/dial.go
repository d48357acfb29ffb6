package proxy

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
)

// resolve returns the addresses to dial for d, each checked against the
// special-purpose ranges: Options.Resolve first, then Lookup. Addresses
// that are refused are left out; if none is left the decision is a deny.
func (c *config) resolve(ctx context.Context, d destination) ([]netip.AddrPort, Decision) {
	if d.ip.IsValid() {
		return []netip.AddrPort{netip.AddrPortFrom(d.ip, d.port)}, allow(ReasonOK)
	}
	if ap, ok := c.resolveMap[d.String()]; ok {
		if dec := c.allow.addrDecision(ap.Addr()); !dec.Allow {
			dec.Detail = d.host + " resolves to " + dec.Detail
			return nil, dec
		}
		return []netip.AddrPort{ap}, allow(ReasonOK)
	}
	ctx, cancel := context.WithTimeout(ctx, c.limits.DialTimeout)
	defer cancel()
	addrs, err := c.lookup(ctx, d.host)
	if err != nil || len(addrs) == 0 {
		return nil, deny(ReasonResolveFailed, fmt.Sprintf("resolve %s: %v", d.host, lookupErr(err)))
	}
	return c.admit(d, addrs)
}

func lookupErr(err error) error {
	if err == nil {
		return errors.New("no addresses")
	}
	return err
}

// admit keeps the addresses the allowlist admits.
func (c *config) admit(d destination, addrs []netip.Addr) ([]netip.AddrPort, Decision) {
	var out []netip.AddrPort
	var first Decision
	for _, a := range addrs {
		dec := c.allow.addrDecision(a)
		if dec.Allow {
			out = append(out, netip.AddrPortFrom(a, d.port))
		} else if first.Reason == "" {
			first = dec
		}
	}
	if len(out) == 0 {
		first.Detail = d.host + " resolves to " + first.Detail
		return nil, first
	}
	return out, allow(ReasonOK)
}

// dial connects to the first of addrs that answers, within DialTimeout.
// The addresses are checked ones, dialled as they are: Dialer.DialTCP
// takes a netip.AddrPort, so no resolver runs and no string is parsed.
func (c *config) dial(ctx context.Context, addrs []netip.AddrPort) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, c.limits.DialTimeout)
	defer cancel()
	var d net.Dialer
	var errs []error
	for _, ap := range addrs {
		conn, err := d.DialTCP(ctx, "tcp", netip.AddrPort{}, ap)
		if err == nil {
			return conn, nil
		}
		errs = append(errs, err)
		if ctx.Err() != nil {
			break
		}
	}
	return nil, errors.Join(errs...)
}

// dialChecked resolves, checks and dials "host:port" in one step, for the
// upstream transport of upgrade mode.
func (c *config) dialChecked(ctx context.Context, _, hostport string) (net.Conn, error) {
	d, dec := c.allow.parseDestination(hostport)
	if !dec.Allow {
		return nil, &refusedError{dec}
	}
	addrs, dec := c.resolve(ctx, d)
	if !dec.Allow {
		return nil, &refusedError{dec}
	}
	return c.dial(ctx, addrs)
}

// refusedError carries a refusal through an http.Transport.
type refusedError struct{ d Decision }

func (e *refusedError) Error() string { return "proxy: " + e.d.Reason + ": " + e.d.Detail }
