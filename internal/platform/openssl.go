package platform

import (
	"crypto/tls"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// noFloor is the message for a configuration that sets no protocol floor.
// SECLEVEL is not a version floor: with no MinProtocol a stock OpenSSL
// negotiated TLS 1.0 with a SECLEVEL 2 default (platform-matrix.md
// section 10, measured).
const noFloor = "no protocol floor: security level alone sets no version floor"

var opensslEntries = []Entry{
	{
		ID:          "TF-PLAT-OPENSSL-VERSION",
		Title:       "OpenSSL 1.0.1 or later (TLS 1.2)",
		Platform:    "OpenSSL",
		Condition:   "a system OpenSSL (Linux; .NET, Python, Node.js, curl on it)",
		Requirement: "OpenSSL 1.0.1 or later: TLS 1.2 was added in 1.0.1 (2012-03-14)",
		Remediation: "upgrade OpenSSL through the distribution (3.x recommended) and check `openssl version` prints 1.0.1 or later",
		Sources:     []string{srcSeed, srcOpenSSLChanges},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeOpenSSLVersion,
	},
	{
		ID:          "TF-PLAT-OPENSSL-MINPROTOCOL",
		Title:       "OpenSSL system_default sets MinProtocol TLSv1.2 or higher",
		Platform:    "OpenSSL",
		Condition:   "a system OpenSSL without a crypto-policy",
		Requirement: "the system_default section of openssl.cnf sets MinProtocol = TLSv1.2 (or TLSv1.3); without it clients may negotiate TLS 1.0/1.1 whatever the security level",
		Remediation: "in openssl.cnf (or OPENSSL_CONF) set `openssl_conf = openssl_init`, `[openssl_init] ssl_conf = ssl_sect`, `[ssl_sect] system_default = system_default_sect`, `[system_default_sect] MinProtocol = TLSv1.2` and `CipherString = DEFAULT:@SECLEVEL=2`",
		Sources:     []string{srcUbuntuOpenSSL, srcOpenSSLChanges},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeOpenSSLMinProtocol,
	},
	{
		ID:          "TF-PLAT-OPENSSL-CRYPTOPOLICY",
		Title:       "Crypto-policy keeps the TLS floor at 1.2",
		Platform:    "OpenSSL",
		Condition:   "RHEL/Fedora systems with a crypto-policy",
		Requirement: "the policy is DEFAULT, FUTURE or FIPS (not LEGACY) and no sub-policy lowers min_tls_version below TLS1.2",
		Remediation: "run `update-crypto-policies --set DEFAULT` (or FUTURE), and remove any .pmod module in /etc/crypto-policies/policies/modules/ that sets min_tls_version = TLS1.0 or TLS1.1",
		Sources:     []string{srcCryptoPolicies},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeCryptoPolicy,
	},
	{
		ID:          "TF-PLAT-OPENSSL-TLS13",
		Title:       "OpenSSL 1.1.1 or later (TLS 1.3)",
		Platform:    "OpenSSL",
		Condition:   "a system OpenSSL, under a TLS 1.3 floor",
		Requirement: "OpenSSL 1.1.1 or later: TLS 1.3 was added in 1.1.1",
		Remediation: "upgrade OpenSSL to 1.1.1 or later (3.x recommended) through the distribution",
		Sources:     []string{srcOpenSSLChanges},
		Severity:    finding.Medium,
		MinFloor:    tls.VersionTLS13,
		judge:       judgeOpenSSLTLS13,
	},
	{
		ID:          "TF-PLAT-OPENSSL-PQ",
		Title:       "OpenSSL 3.5 or later (ML-KEM hybrid key exchange)",
		Platform:    "OpenSSL",
		Condition:   "a system OpenSSL, under a post-quantum floor",
		Requirement: "OpenSSL 3.5 or later, which adds ML-KEM and offers X25519MLKEM768 as a default TLS 1.3 key share",
		Remediation: "upgrade OpenSSL to 3.5 or later, and leave X25519MLKEM768 in the Groups setting",
		Sources:     []string{srcOpenSSL35, srcOpenSSLMLKEM},
		Severity:    finding.Medium,
		MinFloor:    tls.VersionTLS13,
		PostQuantum: true,
		judge:       judgeOpenSSLPQ,
	},
}

// opensslSubject names the system OpenSSL.
func opensslSubject(o *OpenSSL) string {
	s := "OpenSSL " + o.Version
	if o.ConfigFile != "" {
		s += " (" + o.ConfigFile + ")"
	}
	return s
}

// opensslAtLeast judges the OpenSSL version against min.
func opensslAtLeast(f *Facts, min, feature string) []Result {
	o := f.OpenSSL
	if o == nil {
		return nil
	}
	subj := opensslSubject(o)
	switch {
	case o.Version == "":
		return one(Unknown, subj, "OpenSSL version not collected: run openssl version")
	case !atLeast(o.Version, min):
		return one(Fail, subj, "OpenSSL "+o.Version+" is earlier than "+min+" and has no "+feature, ev("OpenSSL", o.Version))
	}
	return one(Pass, subj, "OpenSSL "+o.Version+" has "+feature, ev("OpenSSL", o.Version))
}

func judgeOpenSSLVersion(f *Facts, _ Floor) []Result {
	return opensslAtLeast(f, "1.0.1", "TLS 1.2")
}

func judgeOpenSSLTLS13(f *Facts, _ Floor) []Result {
	return opensslAtLeast(f, "1.1.1", "TLS 1.3")
}

func judgeOpenSSLPQ(f *Facts, _ Floor) []Result {
	return opensslAtLeast(f, "3.5", "ML-KEM hybrid key exchange (X25519MLKEM768)")
}

func judgeOpenSSLMinProtocol(f *Facts, _ Floor) []Result {
	o := f.OpenSSL
	if o == nil || (o.MinProtocol == "" && (o.CryptoPolicy != "" || o.PolicyMinTLS != "")) {
		return nil // TF-PLAT-OPENSSL-CRYPTOPOLICY judges policy systems
	}
	subj := opensslSubject(o)
	e := ev("MinProtocol", o.MinProtocol)
	if o.MinProtocol == "" {
		// Measured on Debian 12 (OpenSSL 3.0): with no MinProtocol, curl and
		// openssl s_client negotiate TLS 1.0 and 1.1 with servers that
		// offer them (doctor --handshake shows it per client).
		msg := noFloor + " (system_default sets no MinProtocol): clients that set no minimum of their own, such as curl and openssl s_client, negotiate TLS 1.0 and 1.1 with servers that offer them"
		return one(Warn, subj, msg, ev("MinProtocol", "unset"), ev("CipherString", orUnset(o.CipherString)))
	}
	v, ok := parseTLSVersion(o.MinProtocol)
	switch {
	case strings.EqualFold(o.MinProtocol, "None"):
		return one(Fail, subj, "MinProtocol = None: "+noFloor, e)
	case !ok:
		return one(Unknown, subj, "MinProtocol = "+o.MinProtocol+" is not a protocol name this check knows", e)
	case v < tls.VersionTLS12:
		return one(Fail, subj, "MinProtocol = "+o.MinProtocol+": the system lets clients negotiate "+versionName(v), e)
	}
	return one(Pass, subj, "MinProtocol = "+o.MinProtocol+" sets the floor at "+versionName(v), e)
}

// goodPolicies are crypto-policies whose TLS floor is 1.2 or higher
// (crypto-policies); LEGACY allows lower (its exact floor per release is
// unverified).
var goodPolicies = map[string]bool{"DEFAULT": true, "FUTURE": true, "FIPS": true}

func judgeCryptoPolicy(f *Facts, _ Floor) []Result {
	o := f.OpenSSL
	if o == nil || (o.CryptoPolicy == "" && o.PolicyMinTLS == "") {
		return nil
	}
	subj := "crypto-policy " + orUnset(o.CryptoPolicy)
	evs := []finding.Evidence{ev("crypto-policy", o.CryptoPolicy), ev("min_tls_version", o.PolicyMinTLS)}
	base, _, _ := strings.Cut(strings.ToUpper(strings.TrimSpace(o.CryptoPolicy)), ":")
	if o.PolicyMinTLS != "" {
		v, ok := parseTLSVersion(o.PolicyMinTLS)
		switch {
		case !ok:
			return one(Unknown, subj, "min_tls_version = "+o.PolicyMinTLS+" is not a protocol name this check knows", evs...)
		case v < tls.VersionTLS12:
			return one(Fail, subj, "min_tls_version = "+o.PolicyMinTLS+" lowers the system floor to "+versionName(v), evs...)
		}
	}
	switch {
	case base == "LEGACY":
		return one(Fail, subj, "policy LEGACY allows protocols below TLS 1.2", evs...)
	case goodPolicies[base] || o.PolicyMinTLS != "":
		return one(Pass, subj, "policy "+o.CryptoPolicy+" keeps the floor at TLS 1.2 or higher", evs...)
	}
	return one(Unknown, subj, "custom policy "+o.CryptoPolicy+": read its min_tls_version (update-crypto-policies --show)", evs...)
}
