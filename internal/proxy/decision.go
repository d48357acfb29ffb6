package proxy

// Decision is what the proxy decided about one client connection.
type Decision struct {
	// Allow is true when the policy admits the connection. In audit mode
	// a tunnel whose policy decision is not Allow still goes through when
	// its Reason is one that Audit covers (see Decision.Auditable).
	Allow bool
	// Reason is one of the Reason constants: why it was allowed or denied.
	Reason string
	// Detail is a human explanation, such as "127.0.0.1 is loopback"; it
	// may be empty.
	Detail string
}

// Reason codes. They are stable: logs and metrics carry them.
const (
	// ReasonOK: the tunnel met the policy on both sides.
	ReasonOK = "ok"
	// ReasonServerAlert: the client's hello met the policy and the
	// destination answered it with an alert, which was passed on.
	ReasonServerAlert = "server_alert"
	// ReasonUpgraded: an upgrade-mode request was sent upstream over TLS.
	ReasonUpgraded = "upgraded"

	// ReasonBelowFloor: the client offered no version at or above the floor.
	ReasonBelowFloor = "below_floor"
	// ReasonNoPQGroup: a post-quantum policy, and the client offered no
	// hybrid group.
	ReasonNoPQGroup = "no_pq_group"
	// ReasonSSLv2Hello: the client sent an SSL 2.0-compatible hello.
	ReasonSSLv2Hello = "sslv2_hello"
	// ReasonServerBelowFloor: the destination negotiated a version below
	// the floor.
	ReasonServerBelowFloor = "server_below_floor"
	// ReasonServerInsecureSuite: the destination chose a cipher suite the
	// policy refuses.
	ReasonServerInsecureSuite = "server_insecure_suite"
	// ReasonServerNoPQGroup: a post-quantum policy, and the destination
	// chose a group that is not a hybrid.
	ReasonServerNoPQGroup = "server_no_pq_group"

	// ReasonNotTLS: the tunnel's first bytes are not a TLS handshake.
	ReasonNotTLS = "not_tls"
	// ReasonHelloMalformed: the ClientHello could not be parsed.
	ReasonHelloMalformed = "hello_malformed"
	// ReasonHelloTooLarge: the ClientHello exceeds the size bound.
	ReasonHelloTooLarge = "hello_too_large"
	// ReasonHelloTimeout: no complete ClientHello within HelloTimeout.
	ReasonHelloTimeout = "hello_timeout"
	// ReasonNoHello: the client closed before a complete ClientHello.
	ReasonNoHello = "no_hello"
	// ReasonServerNotTLS: the destination's reply is not TLS.
	ReasonServerNotTLS = "server_not_tls"
	// ReasonServerNoReply: the destination closed, timed out or sent a
	// malformed reply before its ServerHello.
	ReasonServerNoReply = "server_no_reply"

	// ReasonNoRequest: the client closed before sending a request.
	ReasonNoRequest = "no_request"
	// ReasonHeaderTimeout: no complete request within HeaderTimeout.
	ReasonHeaderTimeout = "header_timeout"
	// ReasonBadRequest: the request is malformed or too large.
	ReasonBadRequest = "bad_request"
	// ReasonMethodNotAllowed: not a CONNECT request, and upgrade mode
	// does not apply.
	ReasonMethodNotAllowed = "method_not_allowed"
	// ReasonAuthRequired: Proxy-Authorization is missing or wrong.
	ReasonAuthRequired = "auth_required"
	// ReasonDestinationNotAllowed: the host matches no allowlist pattern.
	ReasonDestinationNotAllowed = "destination_not_allowed"
	// ReasonDestinationSpecial: the destination resolves only to
	// special-purpose addresses no CIDR in the allowlist covers.
	ReasonDestinationSpecial = "destination_special_address"
	// ReasonResolveFailed: the destination name did not resolve.
	ReasonResolveFailed = "resolve_failed"
	// ReasonDialFailed: connecting to the destination failed.
	ReasonDialFailed = "dial_failed"
	// ReasonUpgradeClientNotAllowed: an upgrade-mode request from a
	// client outside Upgrade.Clients.
	ReasonUpgradeClientNotAllowed = "upgrade_client_not_allowed"
	// ReasonUpgradeFailed: the upstream TLS request of upgrade mode failed.
	ReasonUpgradeFailed = "upgrade_failed"
	// ReasonClientCertMissing: ClientCAs are set, and the client presented
	// no certificate in its TLS handshake with the proxy.
	ReasonClientCertMissing = "client_cert_missing"
	// ReasonClientCertInvalid: the client's certificate did not verify
	// against ClientCAs (another CA, expired, not for client auth).
	ReasonClientCertInvalid = "client_cert_invalid"
	// ReasonClientTLSFailed: the client's TLS handshake with an HTTPS
	// proxy failed otherwise: not TLS, or below TLS 1.2, or nothing in
	// common.
	ReasonClientTLSFailed = "client_tls_failed"
	// ReasonMaxConns: the connection came over Limits.MaxConns.
	ReasonMaxConns = "max_conns"
)

// Auditable reports whether d is a TLS policy refusal that audit mode
// logs and lets through. Other refusals (destinations, authentication,
// bytes that are not TLS) hold in both modes.
func (d Decision) Auditable() bool {
	switch d.Reason {
	case ReasonBelowFloor, ReasonNoPQGroup, ReasonSSLv2Hello,
		ReasonServerBelowFloor, ReasonServerInsecureSuite, ReasonServerNoPQGroup:
		return !d.Allow
	}
	return false
}

func allow(reason string) Decision { return Decision{Allow: true, Reason: reason} }

func deny(reason, detail string) Decision {
	return Decision{Reason: reason, Detail: detail}
}
