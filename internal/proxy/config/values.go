package config

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/internal/probe/target"
	"github.com/tlsfloor/tlsfloor/internal/proxy"
)

// The parsers below read one value each. The command's flags use them
// too, so a flag and a key accept the same words.

// ParseMode reads "enforce" or "audit".
func ParseMode(s string) (proxy.Mode, error) {
	switch strings.ToLower(s) {
	case "enforce":
		return proxy.Enforce, nil
	case "audit":
		return proxy.Audit, nil
	}
	return 0, fmt.Errorf("unknown mode %q (want enforce or audit)", s)
}

// ModeName returns "enforce" or "audit".
func ModeName(m proxy.Mode) string {
	if m == proxy.Audit {
		return "audit"
	}
	return "enforce"
}

// Floor names a TLS floor: "1.2" (also the zero value), "1.3" or "pq".
type Floor string

// ParseFloor reads 1.2, 1.3 or pq, or their long forms tls1.2, tls1.3 and
// post-quantum, in any case.
func ParseFloor(s string) (Floor, error) {
	switch strings.ToLower(s) {
	case "1.2", "tls1.2":
		return "1.2", nil
	case "1.3", "tls1.3":
		return "1.3", nil
	case "pq", "post-quantum":
		return "pq", nil
	}
	return "", fmt.Errorf("unknown floor %q (want 1.2, 1.3 or pq)", s)
}

// Policy returns the floor's policy preset.
func (f Floor) Policy() tlsfloor.Policy {
	switch f {
	case "1.3":
		return tlsfloor.TLS13
	case "pq":
		return tlsfloor.PostQuantum
	}
	return tlsfloor.Default
}

// String returns the floor's name; the zero Floor is "1.2".
func (f Floor) String() string {
	if f == "" {
		return "1.2"
	}
	return string(f)
}

// CheckAddr checks a listening address: host:port with an IP address,
// "localhost" or nothing (every interface) as host.
func CheckAddr(s string) error {
	host, port, err := net.SplitHostPort(s)
	if err != nil {
		return fmt.Errorf("want host:port, got %q", s)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("bad port %q in %q", port, s)
	}
	if host == "" || host == "localhost" {
		return nil
	}
	if _, err := netip.ParseAddr(host); err != nil {
		return fmt.Errorf("want an IP address or localhost to listen on, got %q", host)
	}
	return nil
}

// ParsePrefix reads a CIDR such as 10.1.0.0/16 or 2001:db8::/32.
func ParsePrefix(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("want a CIDR such as 10.1.0.0/16 or 192.0.2.7/32, got %q", s)
	}
	return p.Masked(), nil
}

// ParseResolve reads a host:port:addr entry, as curl's --resolve takes it,
// and returns the "host:port" it applies to and the address to dial.
func ParseResolve(s string) (string, netip.AddrPort, error) {
	o, err := target.ParseOverride(s)
	if err != nil {
		if inner := errors.Unwrap(err); inner != nil {
			err = inner // ParseOverride names the flag; the caller names the key or flag
		}
		return "", netip.AddrPort{}, fmt.Errorf("%q: %w", s, err)
	}
	if len(o.Addrs) != 1 {
		return "", netip.AddrPort{}, fmt.Errorf("%q: want one address, got %d", s, len(o.Addrs))
	}
	key := net.JoinHostPort(o.Host, strconv.Itoa(o.Port))
	return key, netip.AddrPortFrom(o.Addrs[0], uint16(o.Port)), nil
}

// addResolve adds one entry to m; a host:port given twice is an error.
func addResolve(m map[string]netip.AddrPort, s string) error {
	key, ap, err := ParseResolve(s)
	if err != nil {
		return err
	}
	if old, ok := m[key]; ok {
		return fmt.Errorf("%s given twice (%s and %s)", key, old.Addr(), ap.Addr())
	}
	m[key] = ap
	return nil
}

// ParseDuration reads a duration with its unit ("10s", "5m"). Zero is
// accepted only when zeroOK.
func ParseDuration(s string, zeroOK bool) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	switch {
	case err != nil:
		return 0, fmt.Errorf("want a duration with a unit such as 10s or 5m, got %q", s)
	case d < 0 && zeroOK:
		return 0, fmt.Errorf("want 0s or a positive duration, got %q", s)
	case d <= 0 && !zeroOK:
		return 0, fmt.Errorf("want a positive duration, got %q", s)
	}
	return d, nil
}
