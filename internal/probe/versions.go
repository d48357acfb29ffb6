package probe

import (
	"context"
	"crypto/tls"
	"fmt"
	"slices"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// versionAsk is the answer to one version hello, complete once done is
// closed. q is nil when the hello was not sent.
type versionAsk struct {
	v    uint16
	q    *prober
	r    reply
	err  error
	done chan struct{}
}

// askVersions sends one hello per version: the likeliest alone until its
// connection is open, so that an unreachable endpoint costs one
// connection, then the second, so that a silent one costs two, then,
// once either answers, the others side by side. It returns once those
// are sent; flight waits for their answers, and recordVersions takes
// them in.
func (p *prober) askVersions(ctx context.Context) {
	p.asks = make([]*versionAsk, len(versionOrder))
	for i, v := range versionOrder {
		p.asks[i] = &versionAsk{v: v, done: make(chan struct{})}
	}
	for _, a := range p.asks {
		a.q = p.fork()
	}
	ask := func(a *versionAsk, dialed func()) {
		defer close(a.done)
		a.r, a.err = a.q.askVersion(ctx, a.v, dialed)
	}
	first, second := p.asks[0], p.asks[1]
	secondSent := false
	ask(first, func() {
		secondSent = true
		go ask(second, nil)
	})
	answered := func(a *versionAsk) bool { return a.err == nil && (!a.r.silent() || a.r.accepts(a.v)) }
	rest := first.err == nil
	if rest && !answered(first) {
		<-second.done
		rest = answered(second)
	}
	for _, a := range p.asks[1:] {
		switch {
		case a == second && secondSent:
		case rest && a != second:
			go ask(a, nil)
		default:
			a.q = nil // never sent
			close(a.done)
		}
	}
}

// flight waits for the answer to the version hello for v and returns
// the flight that accepted it, or nil. Forks call it to start on a
// version as soon as its answer is in.
func (p *prober) flight(v uint16) *hello.ServerFlight {
	a := p.asks[slices.Index(versionOrder, v)]
	<-a.done
	if a.q == nil || a.err != nil || !a.r.accepts(v) {
		return nil
	}
	return a.r.flight
}

// highestFlight returns the first of versions, highest first, whose
// hello was accepted, waiting only for the answers it needs, or 0.
func (p *prober) highestFlight(versions ...uint16) uint16 {
	for _, v := range versions {
		if p.flight(v) != nil {
			return v
		}
	}
	return 0
}

// recordVersions waits for every version answer and takes them in
// versionOrder, as if one after another: two in a row that get no TLS
// answer (silence or garbage) end the probe, and the answers after them
// are not used: the endpoint is not a TLS server, or not one that talks
// to this client. It reports whether it ended the probe so.
func (p *prober) recordVersions() bool {
	for _, a := range p.asks {
		<-a.done
		if a.q != nil {
			p.join(a.q)
		}
	}
	silent := 0
	for _, a := range p.asks {
		v, r := a.v, a.r
		if a.q == nil || a.err != nil {
			continue
		}
		if r.accepts(v) {
			p.accept(v, r)
			silent = 0
			continue
		}
		p.refused[v] = r.refusal(v)
		if r.silent() {
			silent++
		} else {
			silent = 0
		}
		if silent == 2 {
			err := fmt.Errorf("no TLS answer to two probes in a row (%s); stopped", p.refused[v].Detail)
			if p.stop(err) != err {
				p.note("%v", err) // stopped by another error first
			}
			return true
		}
	}
	return false
}

// alertProtocolVersion is the protocol_version alert (RFC 8446, section 6.2).
const alertProtocolVersion = 70

// askVersion sends the version hello for v. A TLS 1.3 hello, whose
// key_share is empty, refused with an alert other than protocol_version is
// sent again with key shares, in case the server cannot handle an empty
// key_share.
// dialed is called once the first hello's connection is open.
func (p *prober) askVersion(ctx context.Context, v uint16, dialed func()) (reply, error) {
	r, err := p.exchangeDialed(ctx, p.versionHello(v), dialed)
	if err != nil || v != tls.VersionTLS13 || r.flight == nil || r.flight.Reply.Kind != hello.Alert ||
		r.flight.Reply.AlertDescription == alertProtocolVersion {
		return r, err
	}
	r, err = p.exchange(ctx, p.tls13VersionHello(retryShares))
	r.withShares = true
	return r, err
}

// firstGroup13 returns, as a list, the group named by the
// HelloRetryRequest that answered the TLS 1.3 version hello, which
// offered every group with no key share: the group enumeration's first
// hello would get the same answer.
func (p *prober) firstGroup13() []tls.CurveID {
	a := p.asks[slices.Index(versionOrder, tls.VersionTLS13)]
	if p.flight(tls.VersionTLS13) == nil || a.r.withShares || !a.r.flight.Reply.HelloRetry || !slices.Contains(tls13Groups, a.r.flight.Reply.KeyShare) {
		return nil
	}
	return []tls.CurveID{a.r.flight.Reply.KeyShare}
}

// accept records an accepting flight and what it tells beyond the version.
func (p *prober) accept(v uint16, r reply) {
	p.accepted[v] = r.flight
	p.noteFlight(v, r)
}

// noteFlight records a DHE prime's size, the ALPN protocol selected, and
// any error that cut a flight short after its ServerHello.
func (p *prober) noteFlight(v uint16, r reply) {
	if kx := r.flight.KeyExchange; kx != nil && kx.DHBits > 0 && (p.dhBits == 0 || kx.DHBits < p.dhBits) {
		p.dhBits = kx.DHBits
	}
	if a := r.flight.Reply.ALPN; a != "" && p.alpn == "" {
		p.alpn = a
	}
	if r.err != nil {
		p.note("%s flight after ServerHello: %v", hello.VersionName(v), r.err)
	}
}
