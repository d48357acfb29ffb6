package probe

import (
	"context"
	"crypto/tls"
	"slices"
	"sync"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// The second hello of a suite enumeration asks two questions at once:
// besides the suites not yet picked it offers only the groups not yet
// picked (the TLS 1.3 groups, or the ECDHE curves at the highest version
// below TLS 1.3), so that its answer names the next suite and the next
// group. The choice of a suite does not depend on which common group
// there is (RFC 8446, section 4.1.1; RFC 8422, section 5.1), so a suite
// picked with a group from the offer is the one the server picks with
// every group. When the answer names no group from the offer, the
// server may have lacked one: the same suites are offered again with
// every group, and a suite picked then that the first hello did not get
// proves that none of the groups offered is accepted. A server that ties
// suites to curves (RFC 6460's Suite B profiles, which pair AES-128 with
// P-256 and AES-256 with P-384) still shows every suite and curve, as
// the answers that end each enumeration offer every group or every
// ECDHE suite, but may show its suites in another order.

// jointOut is what the joint hello of one version's suite enumeration
// learned about the groups; ready is closed once it is decided.
type jointOut struct {
	ready  chan struct{}
	once   sync.Once
	groups []tls.CurveID // picks so far, nil when no joint hello ran
	done   bool          // no other group is accepted
	// ran is true once the joint hello was made; only the enumeration's
	// own goroutine reads it.
	ran bool
}

func newJointOut() *jointOut { return &jointOut{ready: make(chan struct{})} }

// decide records what was learned; only the first call counts.
func (j *jointOut) decide(groups []tls.CurveID, done bool) {
	j.once.Do(func() {
		j.groups, j.done = groups, done
		close(j.ready)
	})
}

// wait returns the decision.
func (j *jointOut) wait() ([]tls.CurveID, bool) {
	<-j.ready
	return j.groups, j.done
}

// jointAnswer is the answer to a joint hello.
type jointAnswer struct {
	accepted bool   // the server accepted the version
	suite    uint16 // its pick, when accepted
	group    tls.CurveID
	groupOK  bool // group is a pick from the groups offered
	last     bool // the server took the curve of its ECDSA certificate, which every offer carries: no other curve is accepted
}

// jointSuites makes the enumeration's second hello at v, accepted with
// flight f (which picked known[0]), a joint one when the version hello
// also showed a group, and records in j what it learned about groups.
// It returns the suites picked so far and whether the enumeration ended.
func (p *prober) jointSuites(ctx context.Context, v uint16, f *hello.ServerFlight, known []uint16, j *jointOut) ([]uint16, bool) {
	first := p.firstGroupAt(v, f)
	rest := slices.DeleteFunc(jointOffer(v), func(s uint16) bool { return slices.Contains(known, s) })
	if first == nil || len(rest) == 0 {
		return known, false
	}
	j.ran = true
	groups := slices.DeleteFunc(slices.Clone(groupsAt(v)), func(g tls.CurveID) bool { return g == first[0] })
	a := p.jointAsk(ctx, v, f, rest, groups)
	if a.accepted {
		s, ok := offered(p, a.suite, rest, hello.CipherSuiteName)
		switch {
		case !ok:
			j.decide(first, false)
			return known, true
		case a.groupOK:
			j.decide(append(first, a.group), false)
			return append(known, s), false
		case a.last:
			j.decide(first, true)
			return append(known, s), false
		}
	}
	s, ok := p.suitePicker(ctx, v)(rest)
	j.decide(first, ok && (!a.accepted || s != a.suite) && needsGroup(v, s))
	if !ok {
		return known, true
	}
	return append(known, s), false
}

// jointOffer returns every suite known for version v in the order the
// joint hello (and the hello with every group that may follow it) offers
// them: restOffer's, with the suites that need a group first, so that a
// server that follows the client's order answers with a group if it can.
func jointOffer(v uint16) []uint16 {
	all := restOffer(v)
	grouped := slices.DeleteFunc(slices.Clone(all), func(s uint16) bool { return !needsGroup(v, s) })
	return append(grouped, slices.DeleteFunc(all, func(s uint16) bool { return needsGroup(v, s) })...)
}

// firstGroupAt returns, as a list, the group the version hello for v was
// answered with, when v's groups are enumerated (TLS 1.3, or the highest
// version below it): nil otherwise.
func (p *prober) firstGroupAt(v uint16, f *hello.ServerFlight) []tls.CurveID {
	if v == tls.VersionTLS13 {
		return p.firstGroup13()
	}
	if p.highestFlight(tls.VersionTLS12, tls.VersionTLS11, tls.VersionTLS10) != v {
		return nil
	}
	return firstCurve(f)
}

// groupsAt returns the groups offered at v.
func groupsAt(v uint16) []tls.CurveID {
	if v == tls.VersionTLS13 {
		return tls13Groups
	}
	return ecCurves
}

// needsGroup reports whether suite s at v cannot be picked without a
// common group: every TLS 1.3 suite, and ECDHE below.
func needsGroup(v uint16, s uint16) bool { return v == tls.VersionTLS13 || isECDHE(s) }

// jointAsk offers suites and groups at v; f is the version hello's flight.
func (p *prober) jointAsk(ctx context.Context, v uint16, f *hello.ServerFlight, suites []uint16, groups []tls.CurveID) jointAnswer {
	if v == tls.VersionTLS13 {
		return p.jointAsk13(ctx, suites, groups)
	}
	cert := certCurve(f)
	offer := groups
	if cert != 0 && !slices.Contains(groups, cert) {
		offer = append(slices.Clone(groups), cert)
	}
	r, err := p.exchangeALPN(ctx, p.withALPN(p.legacyHello(v, suites, offer)))
	if err != nil || !r.accepts(v) {
		return jointAnswer{}
	}
	p.noteFlight(v, r)
	a := jointAnswer{accepted: true, suite: r.flight.Reply.CipherSuite}
	if kx := r.flight.KeyExchange; kx != nil && isECDHE(a.suite) {
		a.group = kx.Group
		a.groupOK = slices.Contains(groups, kx.Group)
		a.last = cert != 0 && kx.Group == cert && !a.groupOK
	}
	return a
}

// jointAsk13 offers TLS 1.3 suites and groups with an empty key_share:
// the HelloRetryRequest names a pick of each.
func (p *prober) jointAsk13(ctx context.Context, suites []uint16, groups []tls.CurveID) jointAnswer {
	r, err := p.exchange(ctx, p.tls13Hello(suites, groups, []tls.CurveID{}))
	if err != nil || !r.accepts(tls.VersionTLS13) {
		return jointAnswer{}
	}
	reply := r.flight.Reply
	a := jointAnswer{accepted: true, suite: reply.CipherSuite}
	if reply.HelloRetry {
		a.group, a.groupOK = reply.KeyShare, slices.Contains(groups, reply.KeyShare)
	}
	return a
}
