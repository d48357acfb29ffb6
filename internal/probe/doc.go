// Package probe finds out what a TLS endpoint accepts: which protocol
// versions from SSL 3.0 to TLS 1.3 (and how it refuses the others), which
// cipher suites at each version and in what order the server prefers
// them, which key exchange groups (TLS 1.3 groups including the
// post-quantum hybrids, TLS 1.2 ECDHE curves), and which certificate
// chain it serves, then judges it against a [tlsfloor.Policy].
//
// # How
//
// Versions, suites and groups are learned from hand-built ClientHellos
// (package internal/hello) whose first server flight is read and the
// connection dropped: no key exchange is run, so suites and groups that
// crypto/tls does not implement (DHE, CCM, ARIA, Camellia, x448, FFDHE,
// pure ML-KEM, ...) and SSL 3.0 are seen too. Suites are enumerated by
// elimination: offer every suite known for the version, remove the one
// the server picks, repeat until it refuses; the picks come out in the
// server's order of preference. The later hellos offer the suites in
// another order than the first, so that picks against the client's
// order show the server's own; only when they do not does one more hello
// with the first two swapped tell whose order decides. TLS 1.3 suites
// and groups use an empty key_share, so the HelloRetryRequest names the
// server's pick without any key exchange; the TLS 1.3 version hello
// itself offers every group so, and its answer is the first step of both
// enumerations, as the TLS 1.2 version hello's ServerKeyExchange is the
// first of the ECDHE curves. The second hello of those suite enumerations
// asks for the next group too: it offers only the groups not yet picked
// (and the suites that need one first), so its answer names a suite and a
// group at once (a TLS 1.2 server
// signs every ServerKeyExchange, so this saves it a signature). A suite
// does not depend on which common group there is, so the pick is the
// one all groups would get; when the answer names no group from the
// offer, the same suites are offered with every group, and a suite picked
// then that the first did not get shows no group was left. The hellos of
// the suite and curve enumerations below TLS 1.3 offer ALPN (h2 and http/1.1 unless the
// endpoint says), whose choice the ServerHello shows in plaintext.
//
// The certificate chain comes from the plaintext TLS 1.2 Certificate
// message (verified for the endpoint's name against the roots, so an
// untrusted chain is reported, not fatal). A server without TLS 1.2 (TLS
// 1.3 only) gets one full crypto/tls handshake at its highest version
// instead, for the chain, ALPN and the negotiated group; with
// [Options.FullHandshake] every server does. A server that signs only
// with SHA-1 still shows its TLS 1.2 support: crypto/tls refuses it in a
// full handshake, the raw probe does not.
// With [Options.VersionsOnly] the probe stops after the version hellos:
// one connection per version, for sweeps of many endpoints.
//
// # Bounds and defaults
//
// Every connection has a connect timeout (5s) and a deadline for the
// whole server reply (5s); a first flight is read up to 128 KiB; one
// endpoint gets at most 400 connections and 3 minutes. Two probes in a
// row without a TLS answer (silence, slow drip, garbage) end the
// endpoint with an error. [Run] probes 8 endpoints at once, at most 2 per
// IP address, with an optional global rate limit on new connections (a
// token bucket; off by default). Within one endpoint, independent
// enumerations run side by side, at most 4 connections at once
// ([Options.EndpointParallel]): the TLS 1.2 hello goes first, alone until
// its connection is open, so that an unreachable endpoint costs one
// connection and a silent one two; the TLS 1.3 hello then, and the other
// versions once either is answered. Each version's suite enumeration
// starts as soon as its answer is in, beside the TLS 1.3 groups, the
// ECDHE curves and the full handshake if any; each enumeration's own
// hellos go one after another. The results and their order do not
// depend on which connection finishes first.
//
// Results are data; the caller renders them ([TextOptions] lays them out
// as tables for the text format). Nothing is logged.
package probe
