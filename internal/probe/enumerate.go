package probe

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/tls"
	"crypto/x509"
	"slices"
	"sync"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// eliminate offers all, takes the pick out, and offers the rest again
// until pick reports no choice: the picks in the order they were made.
// The picks in known, already made by hellos that offered all, are taken
// out first.
func eliminate[T comparable](all, known []T, pick func([]T) (T, bool)) []T {
	found := slices.Clone(known)
	rest := slices.DeleteFunc(slices.Clone(all), func(y T) bool { return slices.Contains(known, y) })
	for len(rest) > 0 {
		x, ok := pick(rest)
		if !ok {
			break
		}
		found = append(found, x)
		rest = slices.DeleteFunc(rest, func(y T) bool { return y == x })
	}
	return found
}

// enumerations are the enumerations of one endpoint, each run by a
// goroutine on a fork of the prober and started before the version
// answers are all in: the suites of each version, the TLS 1.3 groups,
// the ECDHE curves and the chain (with the full handshake when no
// plaintext chain is seen). Each writes its own fields; they are read once wg is done.
type enumerations struct {
	wg       sync.WaitGroup
	suites   []suitesOut // in versionOrder
	q13, qc  *prober
	groups13 []tls.CurveID
	curveVer uint16
	curves   []tls.CurveID
	qh       *prober
	chain    chainOutcome
}

// suitesOut is the suite enumeration of one version; done is closed when
// it has ended.
type suitesOut struct {
	q      *prober
	suites []uint16
	found  bool // suites is the enumeration's result
	order  string
	joint  *jointOut
	done   chan struct{}
}

// startEnumerations starts every enumeration; each waits for the version
// answers it needs.
func (p *prober) startEnumerations(ctx context.Context) *enumerations {
	e := &enumerations{suites: make([]suitesOut, len(versionOrder))}
	for i, v := range versionOrder {
		o := &e.suites[i]
		o.q, o.joint, o.done = p.fork(), newJointOut(), make(chan struct{})
		e.wg.Go(func() {
			defer close(o.done)
			defer o.joint.decide(nil, false)
			if f := o.q.flight(v); f != nil {
				o.suites, o.found = o.q.probeSuites(ctx, v, f, o.joint)
				o.order = o.q.suiteOrder(ctx, v, o.suites, o.joint.ran)
			}
		})
	}
	e.q13, e.qc, e.qh = p.fork(), p.fork(), p.fork()
	e.wg.Go(func() {
		if e.q13.flight(tls.VersionTLS13) == nil {
			return
		}
		known, done := e.suites[slices.Index(versionOrder, tls.VersionTLS13)].joint.wait()
		if known == nil {
			known = e.q13.firstGroup13()
		}
		if e.groups13 = known; !done {
			e.groups13 = eliminate(tls13Groups, known, e.q13.pickGroup13(ctx))
		}
	})
	e.wg.Go(func() { e.curveVer, e.curves = e.qc.probeCurves(ctx, e.suites) })
	e.wg.Go(func() { e.chain = e.qh.probeChain(ctx) })
	return e
}

// joinNotes joins every fork's notes into p, in a fixed order.
func (e *enumerations) joinNotes(p *prober) {
	for _, o := range e.suites {
		p.join(o.q)
	}
	p.join(e.q13)
	p.join(e.qc)
	p.join(e.qh)
}

// record writes the enumerations' results into p, in a fixed order,
// whichever finished first.
func (e *enumerations) record(p *prober) {
	e.joinNotes(p)
	for i, v := range versionOrder {
		if o := e.suites[i]; p.accepted[v] != nil {
			if o.found {
				p.suites[v] = o.suites
			}
			p.order[v] = o.order
		}
	}
	if p.accepted[tls.VersionTLS13] != nil {
		p.groups13 = e.groups13
	}
	p.curveVer, p.curves = e.curveVer, e.curves
	p.recordChain(e.chain)
}

// probeCurves enumerates the ECDHE curves of the highest version below
// TLS 1.3 accepted, through ServerKeyExchange messages, and returns that
// version, or 0 when no ECDHE suite is accepted.
func (p *prober) probeCurves(ctx context.Context, suites []suitesOut) (uint16, []tls.CurveID) {
	v := p.highestFlight(tls.VersionTLS12, tls.VersionTLS11, tls.VersionTLS10)
	if v == 0 {
		return 0, nil
	}
	// A version hello answered with an ECDHE suite shows ECDHE at once;
	// otherwise the suites found tell.
	f := p.flight(v)
	o := &suites[slices.Index(versionOrder, v)]
	ecdhe := offer(v)
	if first := f.Reply.CipherSuite; !slices.Contains(ecdhe, first) || !isECDHE(first) {
		<-o.done
		ecdhe = o.suites
	}
	ecdhe = slices.DeleteFunc(slices.Clone(ecdhe), func(s uint16) bool { return !isECDHE(s) })
	known, done := o.joint.wait()
	if known == nil {
		known = firstCurve(f)
	}
	if len(ecdhe) == 0 || p.stoppedErr() != nil {
		return 0, nil
	}
	if done {
		return v, known
	}
	return v, eliminate(ecCurves, known, p.pickCurve(ctx, v, f, ecdhe))
}

func isECDHE(s uint16) bool { return hello.SuiteKeyExchange(s) == hello.KeyExchangeECDHE }

// firstCurve returns, as a list, the curve of the ECDHE suite a version
// hello was answered with in flight f: that hello offered every curve, so
// the curve enumeration's first hello would get the same answer.
func firstCurve(f *hello.ServerFlight) []tls.CurveID {
	if !isECDHE(f.Reply.CipherSuite) || f.KeyExchange == nil || !slices.Contains(ecCurves, f.KeyExchange.Group) {
		return nil
	}
	return []tls.CurveID{f.KeyExchange.Group}
}

// probeSuites enumerates the suites of version v, accepted with flight f,
// and reports whether it could. The version hello offered every suite
// already, so its pick is the first; the rest are offered in restOffer's
// order, the first of them with the groups not yet picked where groups
// are enumerated (see jointSuites), which j learns.
func (p *prober) probeSuites(ctx context.Context, v uint16, f *hello.ServerFlight, j *jointOut) ([]uint16, bool) {
	first := f.Reply.CipherSuite
	if !slices.Contains(offer(v), first) {
		p.note("%s: server chose suite %s, which was not offered", hello.VersionName(v), hello.CipherSuiteName(first))
		return nil, false
	}
	known, ended := p.jointSuites(ctx, v, f, []uint16{first}, j)
	if ended {
		return known, true
	}
	return eliminate(restOffer(v), known, p.suitePicker(ctx, v)), true
}

// suitePicker returns the suite the server picks from an offer at v.
func (p *prober) suitePicker(ctx context.Context, v uint16) func([]uint16) (uint16, bool) {
	return func(suites []uint16) (uint16, bool) {
		r, err := p.exchangeALPN(ctx, p.suiteHello(v, suites))
		if err != nil || !r.accepts(v) {
			return 0, false
		}
		p.noteFlight(v, r)
		return offered(p, r.flight.Reply.CipherSuite, suites, hello.CipherSuiteName)
	}
}

// suiteOrder says whose order decides. Picks made against the order of
// the offers show the server's; otherwise one hello offers the first two
// suites found in swapped order: a server that still picks the first
// enforces its own order. joint tells whether the enumeration's second hello was a joint one,
// which offers the suites in jointOffer's order.
func (p *prober) suiteOrder(ctx context.Context, v uint16, found []uint16, joint bool) string {
	if len(found) < 2 {
		return ""
	}
	second := restOffer(v)
	if joint {
		second = jointOffer(v)
	}
	if !inClientOrder(found, offer(v), second, restOffer(v)) {
		return "server"
	}
	switch s, ok := p.suitePicker(ctx, v)([]uint16{found[1], found[0]}); {
	case ok && s == found[0]:
		return "server"
	case ok && s == found[1]:
		return "client"
	}
	return ""
}

// The TLS 1.3 groups are enumerated through HelloRetryRequests and the
// ECDHE curves of the highest earlier version through ServerKeyExchange
// messages.

// pickGroup13 returns the group a TLS 1.3 server asks for when offered
// groups with an empty key_share.
func (p *prober) pickGroup13(ctx context.Context) func([]tls.CurveID) (tls.CurveID, bool) {
	return func(groups []tls.CurveID) (tls.CurveID, bool) {
		r, err := p.exchange(ctx, p.tls13Hello(hello.TLS13CipherSuites(), groups, []tls.CurveID{}))
		if err != nil || !r.accepts(tls.VersionTLS13) {
			return 0, false
		}
		return offered(p, r.flight.Reply.KeyShare, groups, hello.GroupName)
	}
}

// pickCurve returns the curve of the ServerKeyExchange a server sends at
// v when offered ECDHE suites and curves. In TLS 1.2 and earlier the
// curve of an ECDSA certificate must be among the client's curves too
// (RFC 8422, section 5.3), so it is kept in every offer, last: a server
// that then picks it again ends the enumeration.
func (p *prober) pickCurve(ctx context.Context, v uint16, f *hello.ServerFlight, suites []uint16) func([]tls.CurveID) (tls.CurveID, bool) {
	certCurve := certCurve(f)
	return func(curves []tls.CurveID) (tls.CurveID, bool) {
		offer := curves
		if certCurve != 0 && !slices.Contains(curves, certCurve) {
			offer = append(slices.Clone(curves), certCurve)
		}
		r, err := p.exchangeALPN(ctx, p.withALPN(p.legacyHello(v, suites, offer)))
		if err != nil || !r.accepts(v) || r.flight.KeyExchange == nil || r.flight.KeyExchange.Group == certCurve && !slices.Contains(curves, certCurve) {
			return 0, false
		}
		return offered(p, r.flight.KeyExchange.Group, curves, hello.GroupName)
	}
}

// certCurve returns the curve of the ECDSA leaf certificate in flight f,
// or 0.
func certCurve(f *hello.ServerFlight) tls.CurveID {
	if len(f.Certificates) == 0 {
		return 0
	}
	leaf, err := x509.ParseCertificate(f.Certificates[0])
	if err != nil {
		return 0
	}
	if k, ok := leaf.PublicKey.(*ecdsa.PublicKey); ok {
		return ecdsaCurves[k.Curve]
	}
	return 0
}

// ecdsaCurves maps the certificate curves to their group code points.
var ecdsaCurves = map[elliptic.Curve]tls.CurveID{
	elliptic.P256(): tls.CurveP256, elliptic.P384(): tls.CurveP384, elliptic.P521(): tls.CurveP521,
}

// offered checks that the server picked from the offer; a pick from
// outside it is a server bug, noted, and ends the enumeration.
func offered[T comparable](p *prober, x T, offer []T, name func(T) string) (T, bool) {
	if !slices.Contains(offer, x) {
		p.note("server picked %s, which was not offered", name(x))
		return x, false
	}
	return x, true
}

// inClientOrder reports whether suites found by elimination could have
// been picked by the client's order: pick i from a hello that offered
// them in the order orders[i], the last order standing for every later
// pick. A server that follows the client's order picks, each time, the
// suite that comes first in that hello's order among those still to be
// found; any other pattern shows the server's own order.
func inClientOrder(found []uint16, orders ...[]uint16) bool {
	for i, s := range found {
		order := orders[min(i, len(orders)-1)]
		at := slices.Index(order, s)
		for _, t := range found[i+1:] {
			if j := slices.Index(order, t); j >= 0 && (at < 0 || j < at) {
				return false
			}
		}
	}
	return true
}
