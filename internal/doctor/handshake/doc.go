// Package handshake proves what the TLS clients installed on a machine
// negotiate, by running them against local servers: it is the engine of
// `tlsfloor doctor --handshake`.
//
// # What is proven
//
// [Run] starts Go crypto/tls servers on 127.0.0.1, each limited to one
// protocol version: TLS 1.0, TLS 1.1, TLS 1.2, TLS 1.3, and a TLS 1.3
// server that offers only the X25519MLKEM768 hybrid post-quantum key
// exchange. The TLS 1.0 and 1.1 servers offer CBC suites with ECDHE and
// with RSA key exchange, and choose RSA key exchange when a client offers
// it, so that a client is reported as refusing an old version only when no
// handshake at that version was possible. Every server is checked with a
// Go client first; a server that cannot negotiate what it stands for
// stops the run.
//
// Each client found on PATH is then run once against each server, with
// its default TLS settings and a certificate authority minted for the run
// as its only trust anchor; certificate checks, host name included, stay
// on. A completed handshake is therefore a verified one. Each server
// records, per connection, the versions the ClientHello offered and the
// version, cipher suite and group negotiated, or why the handshake failed.
// That record is the ground truth of an [Attempt]; the client's own
// account, where it prints one, is a cross-check.
//
// Clients run with a minimal environment built from the caller's: PATH,
// HOME, locale and the variables that change TLS defaults (GODEBUG,
// NODE_OPTIONS, JAVA_TOOL_OPTIONS, _JAVA_OPTIONS, JDK_JAVA_OPTIONS,
// OPENSSL_CONF and the other OPENSSL_*, PYTHON* and DOTNET_* variables)
// are kept, because what lowers a client's floor on this machine belongs
// in the proof. Proxy settings, CA bundle variables and AWS credentials
// are dropped. Configuration files a client reads by itself, such as
// ~/.curlrc or java.security, apply as they would to the user.
//
// # Defaults
//
// The clients, in report order: curl, openssl s_client, python3 (the ssl
// module's default context), node (tls.connect), java (SSLSocket from an
// SSLContext "TLS", launched as a single source file), the aws CLI (an STS
// call with dummy credentials, no config or credential file and the
// instance metadata service disabled; any HTTP answer means the handshake
// completed), pwsh (Invoke-WebRequest, Linux only, trusting the lab CA
// through SSL_CERT_FILE) and dotnet (not supported yet, always skipped).
// Clients not installed are reported as skipped.
//
// Each client run is bounded by [DefaultTimeout] (15 s) and killed with
// its process group when the time is up; [DefaultParallel] (2) clients run
// at once, but never two against the same server, so that each server
// record belongs to one client. Only 127.0.0.1 is used. Every server and
// process is stopped, and the temporary directory holding the CA
// certificate and the probe programs removed, before Run returns.
//
// [Judge] turns a [Report] into a verdict per client: negotiating TLS 1.0
// or 1.1, or not negotiating TLS 1.2, fails; not negotiating TLS 1.3, or
// the post-quantum group, warns (the latter fails under a post-quantum
// floor).
package handshake
