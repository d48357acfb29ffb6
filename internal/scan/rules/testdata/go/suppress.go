package fixtures

import "crypto/tls"

func suppressed() []*tls.Config {
	// tlsfloor:ignore TF-GO-001 -- the 2009 printer firmware speaks only TLS 1.0
	a := &tls.Config{MinVersion: tls.VersionTLS10} // want "TF-GO-001 (suppressed)"
	b := &tls.Config{MinVersion: tls.VersionTLS10} // tlsfloor:ignore TF-GO-001 -- same printer, same reason // want "TF-GO-001 (suppressed)"

	// A suppression needs a reason: this one is not honoured.
	// tlsfloor:ignore TF-GO-001 // want "TF-SCAN-SUPPRESS"
	c := &tls.Config{MinVersion: tls.VersionTLS10} // want "TF-GO-001"

	// It names the rule it suppresses; another rule still fires.
	// tlsfloor:ignore TF-GO-002 -- only the cap is intended
	d := &tls.Config{MinVersion: tls.VersionTLS11, MaxVersion: tls.VersionTLS11} // want "TF-GO-001" "TF-GO-002 (suppressed)"

	// tlsfloor:ignore TF-GO-999 -- a rule that does not exist // want "TF-SCAN-SUPPRESS"
	e := &tls.Config{MinVersion: tls.VersionTLS10} // want "TF-GO-001"

	// It covers the next line only.
	// tlsfloor:ignore TF-GO-001 -- for the next line

	f := &tls.Config{MinVersion: tls.VersionTLS10} // want "TF-GO-001"

	// The same words in a string are not a suppression.
	g := &tls.Config{MinVersion: tls.VersionTLS10, ServerName: "tlsfloor:ignore TF-GO-001 -- no"} // want "TF-GO-001"
	return []*tls.Config{a, b, c, d, e, f, g}
}
