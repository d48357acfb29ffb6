// Package target turns what a user asks tlsfloor probe to look at into
// endpoints: a name for SNI and certificate checks, a port, one IP address
// to connect to, and the STARTTLS protocol (if any) to speak first.
//
// # Target lines
//
// A target comes from a command-line argument, a line of a targets file
// (-f FILE; "#" starts a comment, blank lines are skipped) or a line of
// standard input (the argument "-"). Its forms:
//
//	host                      port 443
//	host:port
//	https://host[:port]/path  port 443 unless given; the path is ignored
//	192.0.2.1[:port]
//	[2001:db8::1][:port]      or bare 2001:db8::1 (port 443)
//	smtp://host[:port]        STARTTLS, port 587 unless given
//	postgres://host[:port]    STARTTLS (SSLRequest), port 5432 (also postgresql://)
//	mysql://host[:port]       STARTTLS (SSL request), port 3306 (also mariadb://)
//
// http:// is refused: a plain-text URL has no TLS to probe. Host names
// must be ASCII; an internationalised name is refused with a message
// asking for its xn-- (punycode) form, because the standard library has
// no IDNA mapping. A bad line does not stop the others: every loader
// returns the targets it could parse and one *ParseError per bad input,
// naming its place ("targets.txt:12" or "argument 3").
//
// # Resolution
//
// Resolve looks each target up with a Resolver (default
// net.DefaultResolver) and returns one Endpoint per address, or only the
// first address with ResolveOptions.FirstOnly. Overrides given with
// --resolve host:port:addr[,addr...] work like curl's: the connection goes
// to addr while the name stays the one used for SNI and certificate checks.
//
// # AWS endpoints
//
// ExpandAWS names the regional, FIPS and dual-stack endpoints of AWS
// services in the regions of one partition (default "aws"), from a
// partition table embedded in partitions.json. See ExpandAWS and README.md
// for what is listed in that table and what is derived by rule.
package target
