package target

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// Kind is the protocol spoken before the TLS ClientHello. Its values are
// the kinds that package starttls accepts.
type Kind string

// The STARTTLS kinds.
const (
	// Direct is plain TLS from the first byte: no STARTTLS.
	Direct Kind = ""
	// SMTP is SMTP with the STARTTLS command (RFC 3207).
	SMTP Kind = "smtp"
	// Postgres is the PostgreSQL SSLRequest.
	Postgres Kind = "postgres"
	// MySQL is the MySQL and MariaDB SSL request packet.
	MySQL Kind = "mysql"
)

// DefaultPort is the port of a target that names none and has no scheme
// with a port of its own.
const DefaultPort = 443

// MaxLineLength caps a target line, in bytes.
const MaxLineLength = 4096

// scheme is what a URL scheme selects.
type scheme struct {
	kind Kind
	port int
}

// schemes maps every accepted URL scheme to its kind and default port.
var schemes = map[string]scheme{
	"https":      {kind: Direct, port: 443},
	"smtp":       {kind: SMTP, port: 587},
	"postgres":   {kind: Postgres, port: 5432},
	"postgresql": {kind: Postgres, port: 5432},
	"mysql":      {kind: MySQL, port: 3306},
	"mariadb":    {kind: MySQL, port: 3306},
}

// Target is one thing to probe, before name resolution.
type Target struct {
	// Host is the lower-case ASCII host name, or an IP address literal
	// (without brackets). A name is used for SNI and certificate checks.
	Host string
	// Port is the TCP port, 1 to 65535.
	Port int
	// StartTLS is the protocol spoken before the ClientHello.
	StartTLS Kind
	// Input is the text the target was parsed from.
	Input string
	// Place says where Input came from: "argument 3", "targets.txt:12",
	// "stdin:4" or an --aws-service expansion.
	Place string
}

// IsIP reports whether the target's host is an IP address literal.
func (t Target) IsIP() bool {
	_, err := netip.ParseAddr(t.Host)
	return err == nil
}

// String returns the target in a form that ParseLine reads back to the
// same host, port and kind: host:port, [v6]:port or kind://host:port.
func (t Target) String() string {
	hp := net.JoinHostPort(t.Host, strconv.Itoa(t.Port))
	if t.StartTLS == Direct {
		return hp
	}
	return string(t.StartTLS) + "://" + hp
}

// ParseLine parses one target, in any of the forms the package
// documentation lists. Surrounding white space is ignored. Its errors
// name the input.
func ParseLine(s string) (Target, error) {
	s = strings.TrimSpace(s)
	t, err := parse(s)
	if err != nil {
		return Target{}, fmt.Errorf("target %q: %w", truncate(s, 80), err)
	}
	t.Input = s
	return t, nil
}

// parse parses a trimmed target line.
func parse(s string) (Target, error) {
	switch {
	case s == "":
		return Target{}, errors.New("empty target")
	case len(s) > MaxLineLength:
		return Target{}, fmt.Errorf("%d bytes, longer than %d", len(s), MaxLineLength)
	case strings.ContainsAny(s, " \t"):
		return Target{}, errors.New("holds white space: give one target per line")
	case strings.Contains(s, "://"):
		return parseURL(s)
	}
	return parseHostPort(s, Direct, DefaultPort)
}

// parseURL parses a scheme://host[:port][/path] target.
func parseURL(s string) (Target, error) {
	u, err := url.Parse(s)
	if err != nil {
		return Target{}, fmt.Errorf("parse url: %w", err)
	}
	name := strings.ToLower(u.Scheme)
	sc, ok := schemes[name]
	switch {
	case name == "http":
		return Target{}, errors.New("plain http has no TLS to probe: use https://")
	case !ok:
		return Target{}, fmt.Errorf("unknown scheme %q (want https, smtp, postgres, postgresql, mysql or mariadb)", u.Scheme)
	case u.Host == "":
		return Target{}, errors.New("the url names no host")
	}
	return parseHostPort(u.Host, sc.kind, sc.port)
}

// truncate shortens s to at most n bytes, marking a cut with "...".
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// parseHostPort parses host, host:port, [v6], [v6]:port or a bare IPv6
// address, with def as the port when none is given.
func parseHostPort(s string, kind Kind, def int) (Target, error) {
	host, port, err := splitHostPort(s, def)
	if err != nil {
		return Target{}, err
	}
	host, err = normalizeHost(host)
	if err != nil {
		return Target{}, err
	}
	return Target{Host: host, Port: port, StartTLS: kind}, nil
}

// splitHostPort splits s into host and port, def when s has no port.
func splitHostPort(s string, def int) (string, int, error) {
	if _, err := netip.ParseAddr(s); err == nil {
		return s, def, nil // a bare IPv4 or IPv6 address
	}
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		return s[1 : len(s)-1], def, checkIPv6(s[1 : len(s)-1])
	}
	if !strings.Contains(s, ":") {
		return s, def, nil
	}
	host, p, err := net.SplitHostPort(s)
	if err != nil {
		return "", 0, fmt.Errorf("split host and port: %w", err)
	}
	if strings.HasPrefix(s, "[") {
		if err := checkIPv6(host); err != nil {
			return "", 0, err
		}
	}
	port, err := ParsePort(p)
	return host, port, err
}

// checkIPv6 reports an error unless s, found between brackets, is an
// IPv6 address.
func checkIPv6(s string) error {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is6() {
		return fmt.Errorf("[%s] is not an IPv6 address", s)
	}
	return nil
}

// ParsePort parses a decimal TCP port, 1 to 65535.
func ParsePort(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 65535 || s[0] == '+' {
		return 0, fmt.Errorf("port %q is not a number from 1 to 65535", s)
	}
	return n, nil
}
