package tlsfloor

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Transport returns a copy of base (nil means a transport with the same
// settings as http.DefaultTransport) whose TLS connections hold the policy.
// Proxy, timeouts, connection pooling and HTTP/2 settings are kept.
//
// The policy is held twice over. TLSClientConfig is replaced by
// [Policy.Config] of it, whose VerifyConnection checks every handshake. And
// DialContext is wrapped so that each direct connection reads the server's
// first message off the wire before crypto/tls does: a ServerHello below
// the floor, or an alert refusing the policy's ClientHello, ends the
// handshake with a *DowngradeError that names the version the server
// speaks. That second check does not depend on TLSClientConfig, so editing
// it later cannot switch it off; connections tunnelled through an HTTP
// proxy are held by VerifyConnection alone.
//
// A DialTLSContext (or DialTLS) set in base is still used; the connection it
// returns must be a *tls.Conn or have a ConnectionState method, and is
// refused otherwise, since its version cannot be checked.
func (p Policy) Transport(base *http.Transport) *http.Transport {
	tr := cloneTransport(base)
	p.ApplyTransport(tr)
	return tr
}

// ApplyTransport makes tr hold the policy, in place, as [Policy.Transport]
// does for a copy. Its method value has the type transport options take,
// for example in the AWS SDK for Go v2:
//
//	awshttp.NewBuildableClient().WithTransportOptions(tlsfloor.Default.ApplyTransport)
//
// A transport cloned afterwards (http.Transport.Clone) keeps holding the
// policy, with whatever TLS settings the clone is given.
func (p Policy) ApplyTransport(tr *http.Transport) {
	if autoHTTP2(tr) {
		// tr would have negotiated HTTP/2 on its own; a transport with a
		// TLS config only does if asked.
		tr.ForceAttemptHTTP2 = true
	}
	tr.TLSClientConfig = p.Config(tr.TLSClientConfig)
	tr.DialContext = p.guard(baseDial(tr.DialContext, tr.Dial))
	tr.Dial = nil
	if custom := customDialer(tr); custom != nil {
		tr.DialTLSContext = p.checkCustom(custom)
		tr.DialTLS = nil
	}
}

// Client returns a copy of base (nil means a zero http.Client) whose
// transport holds the policy: an *http.Transport is passed through
// [Policy.Transport]; a nil one becomes Transport(nil). Timeout, redirect
// policy and cookie jar are kept.
//
// Any other http.RoundTripper cannot be configured from outside, so it is
// wrapped in one that refuses every HTTPS response whose connection falls
// short of the policy. That check runs after the request was sent; give
// Client an *http.Transport to refuse before anything is sent.
func (p Policy) Client(base *http.Client) *http.Client {
	c := &http.Client{}
	if base != nil {
		*c = *base
	}
	switch rt := c.Transport.(type) {
	case nil:
		c.Transport = p.Transport(nil)
	case *http.Transport:
		c.Transport = p.Transport(rt)
	default:
		c.Transport = &checkedRoundTripper{policy: p, next: rt}
	}
	return c
}

func cloneTransport(base *http.Transport) *http.Transport {
	if base != nil {
		return base.Clone()
	}
	if def, ok := http.DefaultTransport.(*http.Transport); ok {
		return def.Clone()
	}
	return defaultTransport()
}

// autoHTTP2 mirrors net/http's rule for enabling HTTP/2 without
// ForceAttemptHTTP2 (golang/go@go1.26.8:src/net/http/transport.go,
// onceSetNextProtoDefaults).
func autoHTTP2(t *http.Transport) bool {
	return t.TLSClientConfig == nil && t.DialContext == nil && t.Dial == nil &&
		t.DialTLS == nil && t.DialTLSContext == nil && t.TLSNextProto == nil
}

// defaultTransport has http.DefaultTransport's settings, for programs that
// replaced http.DefaultTransport with another RoundTripper.
func defaultTransport() *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: 1 * time.Second,
	}
}

// checkedRoundTripper holds the policy over a RoundTripper it cannot
// configure, by checking each response's connection state.
type checkedRoundTripper struct {
	policy Policy
	next   http.RoundTripper
}

// RoundTrip sends the request and refuses a response whose connection
// falls short of the policy.
func (c *checkedRoundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.next.RoundTrip(req)
	if err != nil || req.URL.Scheme != "https" {
		return resp, err
	}
	if resp.TLS == nil {
		resp.Body.Close()
		return nil, fmt.Errorf("tlsfloor: %s: response carries no TLS state to check against policy %s", req.URL.Host, c.policy)
	}
	if err := c.policy.Check(*resp.TLS); err != nil {
		resp.Body.Close()
		return nil, err
	}
	return resp, nil
}

// customDialer returns the TLS dialer tr already has, if any.
func customDialer(tr *http.Transport) dialFunc {
	if tr.DialTLSContext != nil {
		return tr.DialTLSContext
	}
	if dial := tr.DialTLS; dial != nil {
		return func(_ context.Context, network, addr string) (net.Conn, error) { return dial(network, addr) }
	}
	return nil
}
