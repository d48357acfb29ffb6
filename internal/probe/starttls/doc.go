// Package starttls speaks the plain-text opening of protocols that upgrade
// a connection to TLS in-band, so that the connection it returns is ready
// for a TLS ClientHello.
//
// Supported kinds:
//
//   - "smtp": SMTP STARTTLS (RFC 3207): read the 220 greeting, send
//     "EHLO tlsfloor.invalid", require STARTTLS among the extensions, send
//     STARTTLS and expect 220.
//   - "postgres" (or "postgresql"): the PostgreSQL SSLRequest; the server
//     answers 'S' to go on with TLS. PostgreSQL 17's direct TLS (a
//     ClientHello with ALPN "postgresql" as the first bytes) is not
//     handled here: probe such a server as a plain TLS target.
//   - "mysql" (or "mariadb"): read the server's handshake packet, require
//     the CLIENT_SSL capability and send the SSL request packet.
//   - "" (or "none"): nothing; the base dialer's connection is returned.
//
// Defaults: the whole negotiation must finish within DefaultTimeout (10
// seconds) unless Dialer is given another timeout, or sooner if the
// context's deadline comes first; every read is capped in size (an SMTP
// reply line at 512 bytes and a reply at 50 lines, a MySQL packet at 64
// KiB, a PostgreSQL error at 1 KiB). The deadline is cleared on success.
// Errors name the kind and the address, and quote what the server said.
package starttls
