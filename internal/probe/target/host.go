package target

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"unicode/utf8"
)

// Host name limits from RFC 1035 section 2.3.4.
const (
	maxNameLength  = 253
	maxLabelLength = 63
)

// normalizeHost returns an IP literal in its canonical form, or a host
// name in lower case without a trailing dot, after checking its syntax.
func normalizeHost(host string) (string, error) {
	if a, err := netip.ParseAddr(host); err == nil {
		return a.String(), checkZone(a.Zone())
	}
	if host == "" {
		return "", errors.New("empty host")
	}
	if !isASCII(host) {
		return "", fmt.Errorf("host %q is not ASCII: give its xn-- (punycode) form, internationalised names are not converted", host)
	}
	name := strings.ToLower(strings.TrimSuffix(host, "."))
	if err := checkName(name); err != nil {
		return "", fmt.Errorf("host %q: %w", host, err)
	}
	return name, nil
}

// checkZone checks an IPv6 zone (an interface name such as "eth0"):
// letters, digits, '.', '-' and '_' only.
func checkZone(zone string) error {
	for i := 0; i < len(zone); i++ {
		c := zone[i] | 0x20 // ASCII lower case
		if !labelByte(c) && zone[i] != '.' {
			return fmt.Errorf("ipv6 zone %q holds %q: only letters, digits, '.', '-' and '_' are allowed", zone, zone[i])
		}
	}
	return nil
}

// isASCII reports whether s is made of ASCII bytes only.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// checkName checks a lower-case host name: at most 253 bytes of labels of
// 1 to 63 letters, digits, hyphens and underscores, no label starting or
// ending with a hyphen, and a last label that is not all digits (which
// would make it a mistyped IP address).
func checkName(name string) error {
	if len(name) > maxNameLength {
		return fmt.Errorf("name is %d bytes, longer than %d", len(name), maxNameLength)
	}
	labels := strings.Split(name, ".")
	for _, l := range labels {
		if err := checkLabel(l); err != nil {
			return err
		}
	}
	if allDigits(labels[len(labels)-1]) {
		return errors.New("neither an IP address nor a name (its last label is a number)")
	}
	return nil
}

// checkLabel checks one label of a host name.
func checkLabel(l string) error {
	switch {
	case l == "":
		return errors.New("empty label")
	case len(l) > maxLabelLength:
		return fmt.Errorf("label %q is longer than %d bytes", l, maxLabelLength)
	case l[0] == '-' || l[len(l)-1] == '-':
		return fmt.Errorf("label %q starts or ends with a hyphen", l)
	}
	for i := 0; i < len(l); i++ {
		if !labelByte(l[i]) {
			return fmt.Errorf("label %q holds %q: only letters, digits, '-' and '_' are allowed", l, l[i])
		}
	}
	return nil
}

// labelByte reports whether c may appear in a host name label.
func labelByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// allDigits reports whether s is non-empty and all decimal digits.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
