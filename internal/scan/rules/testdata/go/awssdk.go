package fixtures

import (
	"crypto/tls"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
)

func lowerSDKFloor() {
	awshttp.DefaultHTTPTransportTLSMinVersion = tls.VersionTLS10 // want "TF-GO-009"
	awshttp.DefaultHTTPTransportTLSMinVersion = tls.VersionTLS11 // want "TF-GO-009"
	awshttp.DefaultHTTPTransportTLSMinVersion = tls.VersionTLS12 // ok "TF-GO-009"
	awshttp.DefaultHTTPTransportTLSMinVersion = tls.VersionTLS13 // ok "TF-GO-009"
	// awshttp.DefaultHTTPTransportTLSMinVersion = tls.VersionTLS10 // ok "TF-GO-009"
}
