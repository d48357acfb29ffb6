// Package proxy is the engine of tlsfloor proxy: an HTTP CONNECT proxy that
// holds a TLS floor on the network, for clients that cannot be changed.
//
// # What a tunnel goes through
//
// With Options.Certificate set the proxy is an HTTPS proxy: each client
// first completes a TLS handshake with it, within Limits.HeaderTimeout and
// held to tlsfloor.Default (TLS 1.2 or later) whatever the tunnels' policy,
// and everything below runs inside that connection. With Options.ClientCAs
// set too, the client must present a certificate that verifies against
// them, or the handshake fails (reasons client_cert_missing,
// client_cert_invalid); the certificate's identity (Subject CN, else the
// first subject alternative name) is logged in the identity field.
//
// A CONNECT request is read within Limits.HeaderTimeout and 32 KiB. When
// Options.Users is set it must carry Proxy-Authorization: Basic with a
// listed user (407 otherwise); with client certificates required as well,
// a client must pass both. Its host must match the allowlist: an exact
// name, a "*." suffix, or, for an IP literal, a CIDR. The name is then
// resolved (Options.Resolve first, then DNS) and every address is checked:
// loopback, private, link-local (169.254.169.254 included), CGNAT,
// multicast, documentation, NAT64 and the other special-purpose blocks are
// refused unless a CIDR in the allowlist covers the address, and the proxy
// dials only the addresses it checked. Refusals so far are HTTP responses
// (403, 407, 502) with the reason code in the X-Tlsfloor-Reason header.
//
// After "200 Connection established" the client's ClientHello is read
// within Limits.HelloTimeout, reassembled across records, and judged by
// the highest version it offers (supported_versions, else legacy_version;
// never the record version) against Options.Policy, and, under a
// post-quantum policy, by whether it offers a hybrid group. Only an
// admitted tunnel reaches the destination. The destination's first
// message is judged in turn (the version it selected, its cipher suite
// and, from TLS 1.3 on, its group) before the tunnel is spliced. A
// refused tunnel gets a fatal protocol_version alert (insufficient_security
// for a missing hybrid group or a refused suite) and is closed; bytes that
// are not a ClientHello, and a client that sends none, are closed without
// an alert. A ClientHello whose server_name differs from the CONNECT host
// is not refused (the tunnel goes where CONNECT said), but its line has
// sni_mismatch true and it is counted in MetricSNIMismatches.
//
// Every decision is one log/slog line with the message LogMessage and the
// Field constants as keys, and is counted in the metrics that
// Server.Metrics serves in the Prometheus text format.
//
// # Resources
//
// Limits.MaxConns (default 4096) bounds the client connections, and with
// them the file descriptors: a spliced tunnel holds up to FDsPerTunnel (6),
// its two sockets and a splice pipe for each direction, so the default
// needs about 24,600 descriptors under RLIMIT_NOFILE. Past the limit,
// accept fails with "too many open files" and Serve retries with a back-off;
// tlsfloor proxy checks the limit when it starts.
//
// # Defaults
//
// The zero Options are the strict setting: Enforce mode, the TLS 1.2
// floor of tlsfloor.Default, DefaultAllow (the AWS domains of every
// partition) as the only destinations and no special-purpose address, no
// client authentication, plain TCP on the listener, no upgrade mode, and
// the limits documented on Limits. The proxy is never an open proxy: requests other than CONNECT
// get 405 unless upgrade mode applies, and there is no "allow everything"
// pattern ("*" is refused).
//
// # Escape hatches
//
// Each of these is a named option, and New and Reload log a warning for it:
//
//   - Audit mode logs the refusals of the TLS policy (reasons below_floor,
//     no_pq_group, sslv2_hello and the server_* ones) as "would_deny" and
//     lets those tunnels through. Destination, authentication and
//     not-TLS refusals hold in both modes.
//   - A CIDR in Options.Allow admits the addresses it covers, special
//     ones included; that is how a private endpoint (a VPC endpoint, or
//     127.0.0.1 in tests) is reached.
//   - Policy.InsecureLowerFloor lowers the floor.
//   - Upgrade mode (Options.Upgrade) serves clients that cannot speak TLS
//     1.2 at all: a plain-HTTP absolute-form request ("GET
//     http://sts.us-east-1.amazonaws.com/ HTTP/1.1") to an allowed
//     destination is sent upstream over TLS under the policy, with the
//     same Host header and path, so that SigV4 signatures still verify;
//     hop-by-hop headers are dropped and the upstream certificate is
//     verified against Options.RootCAs or the system roots. Its risk: the
//     request, its signature headers and the response (credentials from
//     STS, say) cross the network between client and proxy in
//     plain text, where anyone on the path can read them and replay or
//     alter the request within the signature's validity. It is off by
//     default and serves loopback clients only unless Upgrade.Clients
//     names others; run the proxy on the client's own host.
package proxy
