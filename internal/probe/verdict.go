package probe

import (
	"crypto/tls"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// judge returns the evidence that the endpoint accepts what the policy
// refuses: a version below the floor; under a post-quantum policy, no
// hybrid group; under the FIPS profile, a suite outside it. Suites and
// groups are judged with the policy's own Check; in versions-only mode,
// which learns neither, they are not judged.
func (p *prober) judge(policy tlsfloor.Policy) []string {
	var ev []string
	full := !p.opts.VersionsOnly
	for _, v := range sortedVersions(p.accepted) {
		if v < policy.Floor() {
			ev = append(ev, fmt.Sprintf("accepts %s (server chose %s), below the floor %s",
				hello.VersionName(v), hello.CipherSuiteName(p.accepted[v].Reply.CipherSuite), hello.VersionName(policy.Floor())))
		} else if policy.FIPS && full {
			ev = append(ev, p.nonFIPSSuites(policy, v)...)
		}
	}
	if policy.PostQuantum && full && p.accepted[tls.VersionTLS13] != nil && !p.acceptsHybrid() {
		ev = append(ev, fmt.Sprintf("accepts no post-quantum hybrid group (TLS 1.3 groups: %s), which policy %s requires",
			groupList(p.groups13), policy))
	}
	return ev
}

// noteUnjudged notes, in versions-only mode, the requirements of policy
// that need suites or groups and so were not checked.
func (p *prober) noteUnjudged(policy tlsfloor.Policy) {
	if !p.opts.VersionsOnly || len(p.accepted) == 0 {
		return
	}
	if policy.FIPS {
		p.note("versions only: suites not probed, so the FIPS profile of policy %s was not checked", policy)
	}
	if policy.PostQuantum && p.accepted[tls.VersionTLS13] != nil {
		p.note("versions only: groups not probed, so the post-quantum requirement of policy %s was not checked", policy)
	}
}

// nonFIPSSuites lists the suites accepted at v that the FIPS profile
// refuses.
func (p *prober) nonFIPSSuites(policy tlsfloor.Policy, v uint16) []string {
	var ev []string
	for _, s := range p.suites[v] {
		err := policy.Check(tls.ConnectionState{Version: v, CipherSuite: s, CurveID: tls.CurveP256})
		if de, ok := errors.AsType[*tlsfloor.DowngradeError](err); ok && de.Problem == tlsfloor.ProblemCipherSuite {
			ev = append(ev, fmt.Sprintf("accepts %s at %s, outside policy %s", hello.CipherSuiteName(s), hello.VersionName(v), policy))
		}
	}
	return ev
}

// acceptsHybrid reports whether a hybrid group was accepted, by group
// enumeration or in the full handshake.
func (p *prober) acceptsHybrid() bool {
	return slices.ContainsFunc(p.groups13, hello.IsHybrid) || hello.IsHybrid(p.hsGroup)
}

func groupList(groups []tls.CurveID) string {
	if len(groups) == 0 {
		return "none found"
	}
	return strings.Join(groupNames(groups), ", ")
}

// sortedVersions returns the keys of m, lowest first.
func sortedVersions[T any](m map[uint16]T) []uint16 {
	vs := make([]uint16, 0, len(m))
	for v := range m {
		vs = append(vs, v)
	}
	slices.Sort(vs)
	return vs
}
