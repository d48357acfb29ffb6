package fixtures

import (
	"crypto/tls"

	"github.com/aws/aws-sdk-go-v2/aws/transport/http"
)

type other struct{ DefaultHTTPTransportTLSMinVersion uint16 }

func defaultName(o *other) {
	http.DefaultHTTPTransportTLSMinVersion = 0x0301 // want "TF-GO-009"
	// Another package's field of the same name is not the SDK's.
	o.DefaultHTTPTransportTLSMinVersion = tls.VersionTLS10 // ok "TF-GO-009"
}
