package tlsfloor

import (
	"crypto/tls"
	"fmt"
	"strings"
)

// Policy is a TLS floor. The zero value is the strict default: TLS 1.2 or
// later, no cipher suite that [tls.InsecureCipherSuites] lists, and
// certificate verification on.
//
// A Policy is a plain value: copy it, compare its fields, keep it in a
// package variable. Its methods never modify it. The only ways to weaken it
// are the methods whose names start with Insecure.
type Policy struct {
	// MinVersion raises the floor, for example to tls.VersionTLS13.
	// Values below tls.VersionTLS12 (including zero) mean TLS 1.2 unless the
	// policy was lowered with [Policy.InsecureLowerFloor].
	MinVersion uint16

	// PostQuantum requires a hybrid post-quantum key exchange
	// (X25519MLKEM768, SecP256r1MLKEM768 or SecP384r1MLKEM1024). It implies
	// TLS 1.3, since no earlier version can carry one.
	PostQuantum bool

	// FIPS restricts the policy to the FIPS 140-3 approved subset crypto/tls
	// itself uses in FIPS mode: TLS 1.2 and 1.3, ECDHE with AES-GCM suites,
	// AES-GCM in TLS 1.3, and the P-256/P-384/P-521 curves or the hybrid
	// groups built on them and on X25519. It does not switch the Go
	// cryptographic module into FIPS mode; GODEBUG=fips140=on does.
	FIPS bool

	// Observer, if set, receives one Event for every handshake the policy
	// sees, accepted or refused. It is called synchronously during the
	// handshake, possibly from many goroutines at once, and must be quick.
	Observer func(Event)

	lowered    *insecureOptIn // set only by InsecureLowerFloor
	skipVerify *insecureOptIn // set only by InsecureSkipVerify
}

// insecureOptIn records an explicit weakening and the reason given for it.
type insecureOptIn struct {
	version uint16
	reason  string
}

// Default is the strict default policy: the zero Policy.
var Default Policy

// TLS13 is the policy that requires TLS 1.3.
var TLS13 = Policy{MinVersion: tls.VersionTLS13}

// PostQuantum is the policy that requires TLS 1.3 with a hybrid
// post-quantum key exchange.
var PostQuantum = Policy{PostQuantum: true}

// hybridGroups are the post-quantum hybrid key exchanges crypto/tls
// supports, in its order of preference (Go 1.26 crypto/tls defaults.go).
var hybridGroups = []tls.CurveID{tls.X25519MLKEM768, tls.SecP256r1MLKEM768, tls.SecP384r1MLKEM1024}

// Floor returns the lowest TLS version the policy accepts.
func (p Policy) Floor() uint16 {
	if p.PostQuantum {
		return tls.VersionTLS13
	}
	lowest := uint16(tls.VersionTLS12)
	if p.lowered != nil && !p.FIPS {
		lowest = p.lowered.version
	}
	return max(p.MinVersion, lowest)
}

// InsecureLowerFloor returns a copy of p whose floor is lowered to version,
// for the rare peer that cannot be upgraded. It is not recommended: the AWS
// documentation this policy follows says an application can override the
// runtime's choice, but should not.
//
// The reason is required and is carried in every [Event] and in
// [Policy.Warnings], so the weakening is never silent. InsecureLowerFloor
// panics if reason is empty or version is not TLS 1.0 or TLS 1.1. The FIPS
// profile ignores a lowered floor.
func (p Policy) InsecureLowerFloor(version uint16, reason string) Policy {
	if version != tls.VersionTLS10 && version != tls.VersionTLS11 {
		panic(fmt.Sprintf("tlsfloor: InsecureLowerFloor: %s is not below the TLS 1.2 floor", tls.VersionName(version)))
	}
	p.lowered = &insecureOptIn{version: version, reason: mustReason("InsecureLowerFloor", reason)}
	return p
}

// InsecureSkipVerify returns a copy of p that does not verify the peer's
// certificate chain or host name. The version, cipher suite and key
// exchange are still checked. Like [Policy.InsecureLowerFloor] it requires a
// reason, which every [Event] carries.
func (p Policy) InsecureSkipVerify(reason string) Policy {
	p.skipVerify = &insecureOptIn{reason: mustReason("InsecureSkipVerify", reason)}
	return p
}

func mustReason(method, reason string) string {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		panic("tlsfloor: " + method + " needs a reason")
	}
	return reason
}

// Warnings describes each insecure opt-in in effect, with its reason. It is
// empty for a policy that was not weakened. Programs should print it where
// an operator will see it.
func (p Policy) Warnings() []string {
	var w []string
	if p.lowered != nil && !p.PostQuantum && !p.FIPS && p.Floor() < tls.VersionTLS12 {
		w = append(w, fmt.Sprintf("floor lowered to %s (not recommended): %s", tls.VersionName(p.Floor()), p.lowered.reason))
	}
	if p.skipVerify != nil {
		w = append(w, "certificate verification off (not recommended): "+p.skipVerify.reason)
	}
	return w
}

// String names the policy: "TLS 1.2", "TLS 1.3", "TLS 1.3 + post-quantum",
// with " (FIPS)" and " INSECURE" markers where they apply.
func (p Policy) String() string {
	s := tls.VersionName(p.Floor())
	if p.PostQuantum {
		s += " + post-quantum"
	}
	if p.FIPS {
		s += " (FIPS)"
	}
	if len(p.Warnings()) > 0 {
		s += " INSECURE"
	}
	return s
}
