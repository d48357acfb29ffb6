// Package awsfloor holds a [tlsfloor.Policy] in the AWS SDK for Go v2. It is
// the only tlsfloor package that imports the SDK.
//
// The SDK's default transport sets MinVersion to TLS 1.2 through an
// exported, writable package variable
// (awshttp.DefaultHTTPTransportTLSMinVersion) and never checks what a
// connection negotiated. With awsfloor every connection the SDK opens is
// floored and verified by the policy, and a process that lowered that
// variable is reported.
//
// # Use
//
//	cfg, err := awsfloor.LoadDefaultConfig(ctx, tlsfloor.Default)
//
// or, as one option among others (it must come after any WithHTTPClient):
//
//	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion("eu-west-1"),
//		awsfloor.WithPolicy(tlsfloor.TLS13))
//
// The SDK's own behaviour is kept: the client is an
// awshttp.BuildableClient built with WithTransportOptions, so the proxy from
// the environment, the SDK's timeouts and defaults modes, and a custom CA
// bundle (AWS_CA_BUNDLE) keep working.
//
// # Defaults and escape hatches
//
// [WithPolicy] refuses to load a configuration when the process lowered
// awshttp.DefaultHTTPTransportTLSMinVersion below TLS 1.2 and below the
// policy's floor, since SDK clients built without awsfloor would accept it;
// lower the policy itself with [tlsfloor.Policy.InsecureLowerFloor] if that
// is really meant.
package awsfloor

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/tlsfloor/tlsfloor"
)

// WithPolicy returns an option for config.LoadDefaultConfig that makes the
// SDK's HTTP client hold p. It builds on the HTTP client set by earlier
// options, if any (see [HTTPClient]), so it must come after
// config.WithHTTPClient. It fails if [CheckSDKDefault] does.
func WithPolicy(p tlsfloor.Policy) func(*config.LoadOptions) error {
	return func(o *config.LoadOptions) error {
		if err := CheckSDKDefault(p); err != nil {
			return err
		}
		c, err := HTTPClient(p, o.HTTPClient)
		if err != nil {
			return err
		}
		o.HTTPClient = c
		return nil
	}
}

// LoadDefaultConfig is config.LoadDefaultConfig with [WithPolicy](p)
// appended to optFns, so that it applies last.
func LoadDefaultConfig(ctx context.Context, p tlsfloor.Policy, optFns ...func(*config.LoadOptions) error) (aws.Config, error) {
	opts := append(optFns[:len(optFns):len(optFns)], WithPolicy(p))
	return config.LoadDefaultConfig(ctx, opts...)
}

// HTTPClient returns an SDK HTTP client that holds p, built from base:
//
//   - nil becomes awshttp.NewBuildableClient() with the policy applied;
//   - an *awshttp.BuildableClient gets the policy as one more transport
//     option, so options added later (a custom CA bundle) still apply;
//   - an *http.Client goes through [tlsfloor.Policy.Client].
//
// Any other client type is an error: its connections cannot be checked.
func HTTPClient(p tlsfloor.Policy, base config.HTTPClient) (config.HTTPClient, error) {
	switch c := base.(type) {
	case nil:
		return awshttp.NewBuildableClient().WithTransportOptions(p.ApplyTransport), nil
	case *awshttp.BuildableClient:
		return c.WithTransportOptions(p.ApplyTransport), nil
	case *http.Client:
		return p.Client(c), nil
	}
	return nil, fmt.Errorf("awsfloor: cannot hold the TLS floor on HTTP client %T; use an *http.Client or *awshttp.BuildableClient", base)
}

// LoweredDefaultError reports that this process lowered the SDK's default
// minimum TLS version, awshttp.DefaultHTTPTransportTLSMinVersion.
type LoweredDefaultError struct {
	// Version is the value the variable holds.
	Version uint16
	// Floor is the floor of the policy it was checked against.
	Floor uint16
}

// Error names the lowered value and the floor.
func (e *LoweredDefaultError) Error() string {
	return fmt.Sprintf("awsfloor: awshttp.DefaultHTTPTransportTLSMinVersion was lowered to %s in this process, below the floor %s; SDK clients built without awsfloor accept it",
		tls.VersionName(e.Version), tls.VersionName(e.Floor))
}

// CheckSDKDefault returns a *LoweredDefaultError if
// awshttp.DefaultHTTPTransportTLSMinVersion is below both TLS 1.2 (the SDK's
// own default) and p's floor, and nil otherwise.
func CheckSDKDefault(p tlsfloor.Policy) error {
	v := awshttp.DefaultHTTPTransportTLSMinVersion
	if v >= tls.VersionTLS12 || v >= p.Floor() {
		return nil
	}
	return &LoweredDefaultError{Version: v, Floor: p.Floor()}
}
