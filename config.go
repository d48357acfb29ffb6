package tlsfloor

import (
	"crypto/tls"
	"slices"
)

// FIPS 140-3 subset, as crypto/tls itself restricts it in FIPS mode
// (golang/go@go1.26.8:src/crypto/tls/defaults_fips140.go).
var (
	fipsSuites = []uint16{
		tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
		tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
		tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
		tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
	}
	fipsSuites13 = []uint16{tls.TLS_AES_128_GCM_SHA256, tls.TLS_AES_256_GCM_SHA384}
	fipsGroups   = []tls.CurveID{
		tls.X25519MLKEM768, tls.SecP256r1MLKEM768, tls.SecP384r1MLKEM1024,
		tls.CurveP256, tls.CurveP384, tls.CurveP521,
	}
)

// Config returns a copy of base (which may be nil) that holds the policy on
// the client side:
//
//   - MinVersion is raised to the floor; a MaxVersion below it is removed;
//   - cipher suites crypto/tls lists as insecure are removed, and a nil
//     list becomes the secure suites crypto/tls knows, so that no GODEBUG
//     setting (tlsrsakex, tls3des) can widen it;
//   - CurvePreferences is narrowed to the hybrid groups under a
//     post-quantum policy and to the approved groups under FIPS;
//   - InsecureSkipVerify is cleared unless the policy was made with
//     [Policy.InsecureSkipVerify];
//   - VerifyConnection is installed: every handshake, resumed ones
//     included, is checked with [Policy.Check] and reported to the
//     observer. A VerifyConnection already set in base runs after it.
//
// Everything else (RootCAs, Certificates, NextProtos, ServerName, session
// cache, ...) is kept. Lowering MinVersion or swapping cipher suites on the
// returned config later does not lower the floor: the installed
// VerifyConnection refuses what the policy refuses. Replacing
// VerifyConnection itself removes that check; set your own in base instead.
func (p Policy) Config(base *tls.Config) *tls.Config {
	cfg := cloneConfig(base)
	p.apply(cfg)
	cfg.InsecureSkipVerify = p.skipVerify != nil
	cfg.VerifyConnection = p.verifier(Client, "", cfg.VerifyConnection)
	return cfg
}

func cloneConfig(base *tls.Config) *tls.Config {
	if base == nil {
		return &tls.Config{}
	}
	return base.Clone()
}

// apply sets the fields that carry the floor, on either side.
func (p Policy) apply(cfg *tls.Config) {
	cfg.MinVersion = max(cfg.MinVersion, p.Floor())
	if cfg.MaxVersion != 0 && cfg.MaxVersion < cfg.MinVersion {
		cfg.MaxVersion = 0
	}
	cfg.CipherSuites = p.suites(cfg.CipherSuites)
	cfg.CurvePreferences = p.groups(cfg.CurvePreferences)
}

// suites filters a TLS 1.0-1.2 suite list. TLS 1.3 suites are not
// configurable in crypto/tls; Check refuses the ones the policy does not
// allow.
func (p Policy) suites(list []uint16) []uint16 {
	if list == nil {
		list = secureSuites()
	}
	kept := slices.DeleteFunc(slices.Clone(list), func(id uint16) bool { return !p.suiteAllowed(id) })
	if len(kept) == 0 && p.FIPS {
		return slices.Clone(fipsSuites)
	}
	if len(kept) == 0 {
		return secureSuites()
	}
	return kept
}

// secureSuites returns the TLS 1.0-1.2 suites of tls.CipherSuites: the
// ones crypto/tls does not consider insecure.
func secureSuites() []uint16 {
	var ids []uint16
	for _, s := range tls.CipherSuites() {
		if !slices.Contains(s.SupportedVersions, tls.VersionTLS13) {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

// groups narrows a curve preference list; nil keeps Go's defaults, which
// already prefer the hybrid groups.
func (p Policy) groups(list []tls.CurveID) []tls.CurveID {
	allowed := p.allowedGroups()
	if allowed == nil {
		return list
	}
	kept := slices.DeleteFunc(slices.Clone(list), func(g tls.CurveID) bool { return !slices.Contains(allowed, g) })
	if len(kept) == 0 {
		return slices.Clone(allowed)
	}
	return kept
}

func (p Policy) allowedGroups() []tls.CurveID {
	switch {
	case p.PostQuantum:
		return hybridGroups
	case p.FIPS:
		return fipsGroups
	}
	return nil
}
