package fixtures

import "crypto/tls"

var legacySuites = []uint16{
	tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, // ok "TF-GO-004"
	tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA,         // want "TF-GO-004"
}

func suites(cfg *tls.Config) []*tls.Config {
	a := &tls.Config{CipherSuites: []uint16{
		tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, // ok "TF-GO-004"
		tls.TLS_RSA_WITH_RC4_128_SHA,                // want "TF-GO-004"
		tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,   // want "TF-GO-004"
		0x000a, // want "TF-GO-004"
	}}
	b := &tls.Config{CipherSuites: legacySuites}
	cfg.CipherSuites = append(cfg.CipherSuites, tls.TLS_ECDHE_RSA_WITH_RC4_128_SHA)                   // want "TF-GO-004"
	cfg.CipherSuites = []uint16{tls.TLS_AES_128_GCM_SHA256, tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305} // ok "TF-GO-004"

	// Naming an insecure suite outside CipherSuites is not using it.
	if cfg.CipherSuites[0] == tls.TLS_RSA_WITH_RC4_128_SHA { // ok "TF-GO-004"
		return nil
	}
	_ = tls.CipherSuiteName(tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA) // ok "TF-GO-004"
	return []*tls.Config{a, b}
}
