package cloudtrail

import (
	"crypto/tls"
	"strings"
)

// DefaultFloor is the lowest TLS version not reported as outdated.
const DefaultFloor = tls.VersionTLS12

// ParseVersion maps a tlsVersion value ("TLSv1", "TLSv1.1", "TLSv1.2",
// "TLSv1.3"; "TLSv1.0" and "SSLv3" are accepted too) to its crypto/tls
// constant. It reports false for any other value.
func ParseVersion(s string) (uint16, bool) {
	switch strings.TrimSpace(s) {
	case "TLSv1", "TLSv1.0":
		return tls.VersionTLS10, true
	case "TLSv1.1":
		return tls.VersionTLS11, true
	case "TLSv1.2":
		return tls.VersionTLS12, true
	case "TLSv1.3":
		return tls.VersionTLS13, true
	case "SSLv3":
		return tls.VersionSSL30, true //nolint:staticcheck // reported, not used
	}
	return 0, false
}

// VersionName returns the tlsVersion spelling of a crypto/tls version.
func VersionName(v uint16) string {
	switch v {
	case tls.VersionTLS10:
		return "TLSv1"
	case tls.VersionTLS11:
		return "TLSv1.1"
	case tls.VersionTLS12:
		return "TLSv1.2"
	case tls.VersionTLS13:
		return "TLSv1.3"
	case tls.VersionSSL30: //nolint:staticcheck // reported, not used
		return "SSLv3"
	}
	return tls.VersionName(v)
}
