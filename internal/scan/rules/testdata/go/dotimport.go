package fixtures

import (
	. "crypto/tls"
	. "strings"
)

func dotted() *Config {
	return &Config{MinVersion: VersionTLS11, MaxVersion: VersionTLS13} // want "TF-GO-001"
}

func dottedSafe() *Config {
	_ = ToUpper("x")
	return &Config{MinVersion: VersionTLS12} // ok "TF-GO-001"
}
