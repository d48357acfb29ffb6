package fixtures

import "crypto/tls"

func maxVersions(cfg *tls.Config) []*tls.Config {
	a := &tls.Config{MaxVersion: tls.VersionTLS10} // want "TF-GO-002"
	b := &tls.Config{
		MinVersion: tls.VersionTLS10, // want "TF-GO-001"
		MaxVersion: tls.VersionTLS11, // want "TF-GO-002"
	}
	cfg.MaxVersion = tls.VersionTLS11 // want "TF-GO-002"

	c := &tls.Config{MaxVersion: tls.VersionTLS12} // ok "TF-GO-002"
	d := &tls.Config{MaxVersion: tls.VersionTLS13} // ok "TF-GO-002"
	e := &tls.Config{MaxVersion: 0}                // ok "TF-GO-002"
	cfg.MaxVersion = 0                             // ok "TF-GO-002"
	// cfg.MaxVersion = tls.VersionTLS10 // ok "TF-GO-002"
	return []*tls.Config{a, b, c, d, e}
}
