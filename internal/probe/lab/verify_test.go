package lab

import (
	"crypto/tls"
	"slices"
	"strings"
	"testing"
)

// noSHA1 is a client signature-algorithm list without SHA-1.
const noSHA1 = "RSA+SHA256:RSA+SHA384:RSA+SHA512:rsa_pss_rsae_sha256:rsa_pss_rsae_sha384:rsa_pss_rsae_sha512:ECDSA+SHA256:ECDSA+SHA384:ECDSA+SHA512"

// verifyWithOpenSSL checks with openssl s_client that srv accepts exactly
// what its Expect declares.
func verifyWithOpenSSL(t *testing.T, srv Server) {
	t.Run("versions", func(t *testing.T) { checkVersions(t, srv) })
	t.Run("suites", func(t *testing.T) { checkSuites(t, srv) })
	t.Run("other-suites", func(t *testing.T) { checkOtherSuites(t, srv) })
	t.Run("preference", func(t *testing.T) { checkPreference(t, srv) })
	t.Run("groups13", func(t *testing.T) { checkGroups13(t, srv) })
	t.Run("groups12", func(t *testing.T) { checkGroups12(t, srv) })
	t.Run("sha1", func(t *testing.T) { checkSHA1(t, srv) })
}

// checkVersions connects at every version OpenSSL speaks, offering every
// suite: it must work exactly at the declared versions.
func checkVersions(t *testing.T, srv Server) {
	if srv.Expect.Accepts(SSL30) {
		t.Error("SSL 3.0 declared, which Debian's openssl cannot check")
	}
	for _, v := range versionRange(tls.VersionTLS10, tls.VersionTLS13) {
		r := sClient(t, srv, pin(v, broad(v))...)
		if srv.Expect.Accepts(v) {
			wantOK(t, r, v, "")
		} else {
			wantFail(t, r, VersionName(v)+" is not declared")
		}
	}
}

// checkSuites connects with each declared suite alone.
func checkSuites(t *testing.T, srv Server) {
	for _, v := range srv.Expect.Versions {
		for _, id := range srv.Expect.Suites[v] {
			if suiteName(t, id) == "" {
				t.Errorf("suite %04x declared at %s, which openssl cannot check", id, VersionName(v))
			}
		}
		for _, name := range suiteNames(t, srv.Expect.Suites[v]) {
			wantOK(t, sClient(t, srv, pin(v, name)...), v, name)
		}
	}
}

// checkOtherSuites offers, at each declared version, every suite OpenSSL
// has that is not declared: none may be accepted.
func checkOtherSuites(t *testing.T, srv Server) {
	for _, v := range srv.Expect.Versions {
		others := otherSuites(t, v, srv.Expect.Suites[v])
		if len(others) > 0 {
			wantFail(t, sClient(t, srv, pin(v, strings.Join(others, ":"))...), "undeclared suites at "+VersionName(v))
		}
	}
}

// checkPreference offers the declared suites in reverse order, and with
// a ChaCha20 suite first: the server's pick must follow its declared
// preference.
func checkPreference(t *testing.T, srv Server) {
	if srv.Expect.PrefUnknown {
		t.Skip("crypto/tls's order depends on the client's first choice")
	}
	for _, v := range srv.Expect.Versions {
		names := suiteNames(t, srv.Expect.Suites[v])
		if len(names) < 2 {
			continue
		}
		for _, offer := range preferenceOffers(names) {
			want := preferred(srv.Expect, names, offer)
			wantOK(t, sClient(t, srv, pin(v, strings.Join(offer, ":"))...), v, want)
		}
	}
}

// preferenceOffers are the orders in which checkPreference offers the
// declared suites names: reversed, and reversed with a ChaCha20 suite
// moved first when there is one.
func preferenceOffers(names []string) [][]string {
	reversed := slices.Clone(names)
	slices.Reverse(reversed)
	offers := [][]string{reversed}
	if i := slices.IndexFunc(reversed, isChaCha); i > 0 {
		chacha := append([]string{reversed[i]}, slices.Delete(slices.Clone(reversed), i, i+1)...)
		offers = append(offers, chacha)
	}
	return offers
}

// preferred is the suite a server declared by e, with suites names in its
// order, picks from offer.
func preferred(e Expect, names, offer []string) string {
	switch {
	case !e.ServerPref:
		return offer[0]
	case e.ChaChaPref && isChaCha(offer[0]):
		return names[slices.IndexFunc(names, isChaCha)]
	}
	return names[0]
}

// isChaCha reports whether an OpenSSL suite name is a ChaCha20 one.
func isChaCha(name string) bool { return strings.Contains(name, "CHACHA20") }

// checkGroups13 connects at TLS 1.3 offering each declared group alone,
// then all other groups OpenSSL has, which must fail.
func checkGroups13(t *testing.T, srv Server) {
	e := srv.Expect
	if e.Groups13 == nil || !e.Accepts(tls.VersionTLS13) {
		t.Skip("no TLS 1.3 groups declared")
	}
	for _, g := range e.Groups13 {
		wantOK(t, sClient(t, srv, "-tls1_3", "-groups", GroupName(g)), tls.VersionTLS13, "")
	}
	if others := otherGroups(e.Groups13, func(g groupInfo) bool { return g.tls13 }); others != "" {
		wantFail(t, sClient(t, srv, "-tls1_3", "-groups", others), "undeclared TLS 1.3 groups")
	}
}

// checkGroups12 connects at the highest declared version below TLS 1.3
// with the declared ECDHE suites and each declared curve first, then with
// all other curves, which must fail. For an ECDSA server the client also
// lists P-256, its certificate's curve.
func checkGroups12(t *testing.T, srv Server) {
	e := srv.Expect
	var v uint16
	for _, w := range e.Versions {
		if w < tls.VersionTLS13 {
			v = w
		}
	}
	if e.Groups12 == nil || v == 0 {
		t.Skip("no TLS 1.2 curves declared")
	}
	var ecdhe []string
	ecdsa := false
	for _, name := range suiteNames(t, e.Suites[v]) {
		if strings.HasPrefix(name, "ECDHE-") || strings.HasPrefix(name, "AECDH-") {
			ecdhe = append(ecdhe, name)
		}
		ecdsa = ecdsa || strings.Contains(name, "-ECDSA-")
	}
	if len(ecdhe) == 0 {
		t.Skip("no ECDHE suite declared")
	}
	offer := pin(v, strings.Join(ecdhe, ":"))
	for _, g := range e.Groups12 {
		groups := GroupName(g)
		if ecdsa && g != tls.CurveP256 {
			groups += ":P-256"
		}
		r := sClient(t, srv, append(offer, "-groups", groups)...)
		wantOK(t, r, v, "")
		if r.ok && !slices.Contains(groupAliases(g), r.tempKey) {
			t.Errorf("temp key %q, want %s:\n%s", r.tempKey, GroupName(g), r.out)
		}
	}
	others := otherGroups(e.Groups12, func(g groupInfo) bool { return g.tls12 })
	if ecdsa && !slices.Contains(e.Groups12, tls.CurveP256) {
		others += ":P-256"
	}
	if others != "" {
		wantFail(t, sClient(t, srv, append(offer, "-groups", strings.TrimPrefix(others, ":"))...), "undeclared curves")
	}
}

// groupAliases lists OpenSSL's names for g.
func groupAliases(g tls.CurveID) []string {
	var names []string
	for name, info := range openSSLGroups {
		if info.id == g {
			names = append(names, name)
		}
	}
	return names
}

// otherGroups lists, for -groups, the groups OpenSSL has for which keep is
// true and that are not in declared.
func otherGroups(declared []tls.CurveID, keep func(groupInfo) bool) string {
	var names []string
	for _, name := range groupNames {
		g := openSSLGroups[name]
		if keep(g) && !slices.Contains(declared, g.id) {
			names = append(names, name)
		}
	}
	return strings.Join(names, ":")
}

// checkSHA1 connects at TLS 1.2 without SHA-1 signatures, which must work
// unless the server signs with SHA-1 only; such a server must then sign
// with SHA-1 when it may.
func checkSHA1(t *testing.T, srv Server) {
	e := srv.Expect
	if !e.Accepts(tls.VersionTLS12) {
		t.Skip("TLS 1.2 not declared")
	}
	r := sClient(t, srv, append(pin(tls.VersionTLS12, "ALL"), "-sigalgs", noSHA1)...)
	if !e.SHA1Only {
		wantOK(t, r, tls.VersionTLS12, "")
		return
	}
	wantFail(t, r, "the server signs with SHA-1 only")
	r = sClient(t, srv, append(pin(tls.VersionTLS12, "ALL"), "-sigalgs", "RSA+SHA1")...)
	wantOK(t, r, tls.VersionTLS12, "")
	if r.hash != "SHA1" {
		t.Errorf("hash used %q, want SHA1:\n%s", r.hash, r.out)
	}
}
