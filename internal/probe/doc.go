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
// server's order of preference, and one more hello with the first two
// swapped tells whether the server or the client order decides. TLS 1.3
// suites and groups use an empty key_share, so the HelloRetryRequest
// names the server's pick without any key exchange. One full crypto/tls
// handshake at the highest version crypto/tls can speak then gives the
// certificate chain (verified separately, so an untrusted chain is
// reported, not fatal), ALPN and the negotiated group; when it fails (a
// server that signs only with SHA-1, which crypto/tls refuses in TLS 1.2)
// the chain comes from the plaintext TLS 1.2 Certificate message instead.
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
// ([Options.EndpointParallel]): the version hellos after the first, then
// the suites of each accepted version, the TLS 1.3 groups, the ECDHE
// curves and the full handshake; each enumeration's own hellos go one
// after another. The results and their order do not depend on which
// connection finishes first.
//
// Results are data; the caller renders them. Nothing is logged.
package probe
