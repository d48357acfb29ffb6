package fixtures

import (
	"crypto/tls"
	"net/http"
)

// legacyMin is assigned once, so it resolves.
const legacyMin = tls.VersionTLS10

var floor uint16 = tls.VersionTLS12

func minVersions() []*tls.Config {
	a := &tls.Config{MinVersion: tls.VersionTLS10} // want "TF-GO-001"
	b := &tls.Config{
		MinVersion: tls.VersionTLS11, // want "TF-GO-001"
		MaxVersion: tls.VersionTLS13, // ok "TF-GO-002"
	}
	c := &tls.Config{MinVersion: tls.VersionSSL30} // want "TF-GO-001"
	d := &tls.Config{MinVersion: 0x0301}           // want "TF-GO-001"
	e := &tls.Config{MinVersion: legacyMin}        // want "TF-GO-001"
	f := &tls.Config{MinVersion: uint16(769)}      // want "TF-GO-001"

	// Safe forms.
	g := &tls.Config{MinVersion: tls.VersionTLS12} // ok "TF-GO-001"
	h := &tls.Config{MinVersion: tls.VersionTLS13} // ok "TF-GO-001"
	i := &tls.Config{MinVersion: floor}            // ok "TF-GO-001"
	j := &tls.Config{}                             // ok "TF-GO-001"
	k := &tls.Config{MinVersion: 0}                // ok "TF-GO-001"

	// The same text in a comment or a string is not a setting:
	// MinVersion: tls.VersionTLS10 // ok "TF-GO-001"
	_ = "MinVersion: tls.VersionTLS10" // ok "TF-GO-001"

	a.MinVersion = tls.VersionTLS11 // want "TF-GO-001"
	b.MinVersion = tls.VersionTLS12 // ok "TF-GO-001"

	tr := &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS10}} // want "TF-GO-001"
	_ = tr
	return []*tls.Config{a, b, c, d, e, f, g, h, i, j, k}
}

// fromFlag cannot be judged without running the program: not reported.
func fromFlag(v uint16) *tls.Config {
	return &tls.Config{MinVersion: v} // ok "TF-GO-001"
}

// ambiguous is given two values in this file: not reported.
func ambiguous(old bool) *tls.Config {
	ver := tls.VersionTLS13
	if old {
		ver = tls.VersionTLS10
	}
	return &tls.Config{MinVersion: uint16(ver)} // ok "TF-GO-001"
}
