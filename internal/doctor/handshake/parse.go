package handshake

import (
	"crypto/tls"
	"regexp"
	"strings"
)

// account is a client's own report of a connection.
type account struct {
	version uint16 // zero when the client did not say
	text    string // "TLSv1.3 TLS_AES_128_GCM_SHA256 X25519"
}

// versionNames maps the spellings clients use to protocol versions.
var versionNames = map[string]uint16{
	"TLSv1": tls.VersionTLS10, "TLSv1.0": tls.VersionTLS10, "TLSv1.1": tls.VersionTLS11,
	"TLSv1.2": tls.VersionTLS12, "TLSv1.3": tls.VersionTLS13,
}

// newAccount builds an account from the fields a client printed, in order
// version, suite, group; empty and "-" fields are left out.
func newAccount(fields ...string) account {
	var kept []string
	for _, f := range fields {
		if f = strings.TrimSpace(f); f != "" && f != "-" {
			kept = append(kept, f)
		}
	}
	if len(kept) == 0 {
		return account{}
	}
	return account{version: versionNames[kept[0]], text: strings.Join(kept, " ")}
}

// probeAccount reads the "tlsfloor-probe VERSION SUITE GROUP" line the
// embedded probes print.
func probeAccount(out string) account {
	for _, line := range strings.Split(out, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "tlsfloor-probe "); ok {
			return newAccount(strings.Fields(rest)...)
		}
	}
	return account{}
}

// curlSSL matches curl -v's "SSL connection using TLSv1.3 / SUITE" line,
// which curl 8 extends with " / GROUP / SIGNATURE".
var curlSSL = regexp.MustCompile(`SSL connection using (\S+) / (\S+)(?: / (\S+))?`)

// curlAccount reads curl -v output.
func curlAccount(out string) account {
	m := curlSSL.FindStringSubmatch(out)
	if m == nil {
		return account{}
	}
	return newAccount(m[1], m[2], m[3])
}

// opensslAccount reads s_client -brief output. OpenSSL 3.0 names the group
// in "Server Temp Key: X25519, 253 bits"; 3.2 and later print
// "Negotiated TLS1.3 group: X25519MLKEM768" as well.
func opensslAccount(out string) account {
	fields := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			fields[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	group := fields["Negotiated TLS1.3 group"]
	if group == "" {
		group, _, _ = strings.Cut(fields["Server Temp Key"], ",")
	}
	return newAccount(fields["Protocol version"], fields["Ciphersuite"], group)
}

// errorWords pick the line of a client's output that says what went wrong.
var errorWords = regexp.MustCompile(`(?i)error|exception|fail|refus|alert|denied|timed out|unable|invalid|not `)

// failureText is the client's error text, trimmed to one line: the last
// line that reads like an error, else the last line.
func failureText(out string) string {
	var last, hit string
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		last = line
		if errorWords.MatchString(line) {
			hit = line
		}
	}
	if hit == "" {
		hit = last
	}
	return clip(hit, 300)
}

// clip shortens s to n bytes at most, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
