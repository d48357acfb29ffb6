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
func eliminate[T comparable](all []T, pick func([]T) (T, bool)) []T {
	var found []T
	rest := slices.Clone(all)
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

// enumerate runs, side by side on forks, the suite enumeration of every
// accepted version, the TLS 1.3 group enumeration, the ECDHE curve
// enumeration and the full handshake, then records their results and
// notes in that order, whichever finished first.
func (p *prober) enumerate(ctx context.Context) {
	if p.stoppedErr() != nil {
		p.rawChain()
		return
	}
	type suitesOut struct {
		q      *prober
		suites []uint16
		found  bool // suites is the enumeration's result
		order  string
		done   chan struct{}
	}
	var wg sync.WaitGroup
	suites := make([]suitesOut, len(versionOrder))
	for i, v := range versionOrder {
		if p.accepted[v] == nil {
			continue
		}
		o := &suites[i]
		o.q, o.done = p.fork(), make(chan struct{})
		wg.Go(func() {
			defer close(o.done)
			o.suites, o.found = o.q.probeSuites(ctx, v)
			o.order = o.q.suiteOrder(ctx, v, o.suites)
		})
	}
	var q13 *prober
	var groups13 []tls.CurveID
	if p.accepted[tls.VersionTLS13] != nil {
		q13 = p.fork()
		wg.Go(func() { groups13 = eliminate(tls13Groups, q13.pickGroup13(ctx)) })
	}
	var qc *prober
	var curves []tls.CurveID
	curveVer := p.highest(tls.VersionTLS10, tls.VersionTLS11, tls.VersionTLS12)
	if curveVer != 0 {
		qc = p.fork()
		o := &suites[slices.Index(versionOrder, curveVer)]
		wg.Go(func() {
			// A version hello answered with an ECDHE suite shows ECDHE
			// at once; otherwise the suites found tell.
			ecdhe := offer(curveVer)
			if first := p.accepted[curveVer].Reply.CipherSuite; !slices.Contains(ecdhe, first) || !isECDHE(first) {
				<-o.done
				ecdhe = o.suites
			}
			ecdhe = slices.DeleteFunc(slices.Clone(ecdhe), func(s uint16) bool { return !isECDHE(s) })
			if len(ecdhe) == 0 || qc.stoppedErr() != nil {
				curveVer = 0
				return
			}
			curves = eliminate(ecCurves, qc.pickCurve(ctx, curveVer, ecdhe))
		})
	}
	var qh *prober
	var hs *tls.ConnectionState
	var hsVer uint16
	var hsErr error
	if hsVer = p.highest(tls.VersionTLS10, tls.VersionTLS11, tls.VersionTLS12, tls.VersionTLS13); hsVer != 0 {
		qh = p.fork()
		wg.Go(func() { hs, hsErr = qh.handshake(ctx, hsVer) })
	}
	wg.Wait()

	for i, v := range versionOrder {
		if o := suites[i]; o.q != nil {
			p.join(o.q)
			if o.found {
				p.suites[v] = o.suites
			}
			p.order[v] = o.order
		}
	}
	if q13 != nil {
		p.join(q13)
		p.groups13 = groups13
	}
	if qc != nil {
		p.join(qc)
		if curveVer != 0 {
			p.curveVer, p.curves = curveVer, curves
		}
	}
	if qh != nil {
		p.join(qh)
	}
	p.recordHandshake(hsVer, hs, hsErr)
}

func isECDHE(s uint16) bool { return hello.SuiteKeyExchange(s) == hello.KeyExchangeECDHE }

// probeSuites enumerates the suites of accepted version v, and reports
// whether it could. The version probe offered every suite already, so its
// pick is the first.
func (p *prober) probeSuites(ctx context.Context, v uint16) ([]uint16, bool) {
	all := offer(v)
	first := p.accepted[v].Reply.CipherSuite
	if !slices.Contains(all, first) {
		p.note("%s: server chose suite %s, which was not offered", hello.VersionName(v), hello.CipherSuiteName(first))
		return nil, false
	}
	rest := slices.DeleteFunc(all, func(s uint16) bool { return s == first })
	return append([]uint16{first}, eliminate(rest, p.suitePicker(ctx, v))...), true
}

// suitePicker returns the suite the server picks from an offer at v.
func (p *prober) suitePicker(ctx context.Context, v uint16) func([]uint16) (uint16, bool) {
	return func(suites []uint16) (uint16, bool) {
		r, err := p.exchange(ctx, p.suiteHello(v, suites))
		if err != nil || !r.accepts(v) {
			return 0, false
		}
		p.noteFlight(v, r)
		return offered(p, r.flight.Reply.CipherSuite, suites, hello.CipherSuiteName)
	}
}

// suiteOrder offers the first two suites found in swapped order: a server
// that still picks the first enforces its own order.
func (p *prober) suiteOrder(ctx context.Context, v uint16, found []uint16) string {
	if len(found) < 2 {
		return ""
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
func (p *prober) pickCurve(ctx context.Context, v uint16, suites []uint16) func([]tls.CurveID) (tls.CurveID, bool) {
	certCurve := p.certCurve(v)
	return func(curves []tls.CurveID) (tls.CurveID, bool) {
		offer := curves
		if certCurve != 0 && !slices.Contains(curves, certCurve) {
			offer = append(slices.Clone(curves), certCurve)
		}
		r, err := p.exchange(ctx, p.legacyHello(v, suites, offer))
		if err != nil || !r.accepts(v) || r.flight.KeyExchange == nil || r.flight.KeyExchange.Group == certCurve && !slices.Contains(curves, certCurve) {
			return 0, false
		}
		return offered(p, r.flight.KeyExchange.Group, curves, hello.GroupName)
	}
}

// certCurve returns the curve of the ECDSA leaf certificate in the flight
// accepted at v, or 0.
func (p *prober) certCurve(v uint16) tls.CurveID {
	f := p.accepted[v]
	if f == nil || len(f.Certificates) == 0 {
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
