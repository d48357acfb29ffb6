package proxy

import (
	"fmt"
	"net/netip"
	"strings"
)

// ParsePattern parses one allowlist entry: a CIDR ("10.0.0.0/8",
// "2001:db8::/32"), a single IP address (taken as a /32 or /128), an exact
// host name ("sts.us-east-1.amazonaws.com") or "*." followed by a suffix of
// at least two labels ("*.amazonaws.com"), which matches every name below
// the suffix but not the suffix itself. Host names are matched without
// regard to case or a trailing dot.
func ParsePattern(s string) (Pattern, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return Pattern{}, fmt.Errorf("allow pattern %q: %w", s, err)
		}
		return Pattern{Prefix: p.Masked()}, nil
	}
	if a, err := netip.ParseAddr(s); err == nil {
		if a.Zone() != "" {
			return Pattern{}, fmt.Errorf("allow pattern %q: an address with a zone cannot be allowed", s)
		}
		return Pattern{Prefix: netip.PrefixFrom(a, a.BitLen())}, nil
	}
	host, err := normalizePatternHost(s)
	if err != nil {
		return Pattern{}, fmt.Errorf("allow pattern %q: %w", s, err)
	}
	return Pattern{Host: host}, nil
}

// String returns the pattern as ParsePattern reads it.
func (p Pattern) String() string {
	if p.Host != "" {
		return p.Host
	}
	return p.Prefix.String()
}

// normalizePatternHost checks a host pattern and returns it in lower
// case without a trailing dot.
func normalizePatternHost(s string) (string, error) {
	host := normalizeHost(s)
	name, wild := strings.CutPrefix(host, "*.")
	switch {
	case host == "":
		return "", fmt.Errorf("empty pattern")
	case host == "*":
		return "", fmt.Errorf(`"*" would admit every destination; list the domains instead`)
	case wild && !strings.Contains(name, "."):
		return "", fmt.Errorf("a wildcard needs a suffix of at least two labels, such as *.amazonaws.com")
	}
	if err := checkHostName(name); err != nil {
		return "", err
	}
	return host, nil
}

// normalizeHost lower-cases a host name and drops one trailing dot.
func normalizeHost(s string) string {
	return strings.ToLower(strings.TrimSuffix(s, "."))
}

// checkHostName accepts ASCII names of letters, digits, hyphens and
// underscores (which some AWS names carry), in labels of 1 to 63 bytes.
func checkHostName(name string) error {
	if len(name) > 253 {
		return fmt.Errorf("host name longer than 253 bytes")
	}
	for _, label := range strings.Split(name, ".") {
		if err := checkLabel(label); err != nil {
			return err
		}
	}
	return nil
}

func checkLabel(label string) error {
	if label == "" || len(label) > 63 {
		return fmt.Errorf("label %q must be 1 to 63 bytes", label)
	}
	if label[0] == '-' || label[len(label)-1] == '-' {
		return fmt.Errorf("label %q starts or ends with a hyphen", label)
	}
	for _, c := range []byte(label) {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return fmt.Errorf("label %q has character %q; internationalised names go in their xn-- form", label, c)
		}
	}
	return nil
}

// validPattern checks a Pattern built without ParsePattern.
func validPattern(p Pattern) error {
	switch {
	case p.Host != "" && p.Prefix.IsValid():
		return fmt.Errorf("pattern has both a host %q and a prefix %s", p.Host, p.Prefix)
	case p.Host != "":
		_, err := normalizePatternHost(p.Host)
		return err
	case !p.Prefix.IsValid():
		return fmt.Errorf("pattern has neither a host nor a prefix")
	}
	return nil
}
