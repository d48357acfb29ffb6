package fixtures

import (
	ctls "crypto/tls"
	tls "example.com/not/crypto/tls"
)

func aliased() {
	_ = &ctls.Config{MinVersion: ctls.VersionTLS10} // want "TF-GO-001"
	_ = &ctls.Config{MaxVersion: ctls.VersionTLS11} // want "TF-GO-002"
	// A package called tls that is not crypto/tls has no TLS constants.
	_ = &tls.Config{MinVersion: tls.VersionTLS10} // ok "TF-GO-001"
}
