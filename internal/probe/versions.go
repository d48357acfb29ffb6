package probe

import (
	"context"
	"fmt"
	"sync"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// probeVersions sends one hello per version: the likeliest alone, so
// that an unreachable endpoint costs one connection (and, if it is
// silent, the next alone, so that a silent one costs two), then the
// others side by side. The replies are then taken in versionOrder, as if one after
// another: two in a row that get no TLS answer (silence or garbage) end
// the probe, and the replies after them are not used: the endpoint is not
// a TLS server, or not one that talks to this client.
func (p *prober) probeVersions(ctx context.Context) {
	type outcome struct {
		q   *prober
		r   reply
		err error
	}
	outs := make([]outcome, len(versionOrder))
	ask := func(i int) {
		q := p.fork()
		r, err := q.exchange(ctx, q.versionHello(versionOrder[i]))
		outs[i] = outcome{q, r, err}
	}
	ask(0)
	next := 1
	if outs[0].err == nil && outs[0].r.silent() && !outs[0].r.accepts(versionOrder[0]) {
		// A silent first answer may be a server that never answers: ask
		// the second alone too, so that it costs two connections.
		ask(1)
		next = 2
		if outs[1].err != nil || outs[1].r.silent() && !outs[1].r.accepts(versionOrder[1]) {
			next = len(versionOrder)
		}
	}
	if outs[0].err == nil {
		var wg sync.WaitGroup
		for i := next; i < len(versionOrder); i++ {
			wg.Go(func() { ask(i) })
		}
		wg.Wait()
	}
	for _, o := range outs {
		if o.q != nil {
			p.join(o.q)
		}
	}
	silent := 0
	for i, v := range versionOrder {
		r, err := outs[i].r, outs[i].err
		if outs[i].q == nil || err != nil {
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
			return
		}
	}
}

// accept records an accepting flight and what it tells beyond the version.
func (p *prober) accept(v uint16, r reply) {
	p.accepted[v] = r.flight
	p.noteFlight(v, r)
}

// noteFlight records a DHE prime's size and any error that cut a flight
// short after its ServerHello.
func (p *prober) noteFlight(v uint16, r reply) {
	if kx := r.flight.KeyExchange; kx != nil && kx.DHBits > 0 && (p.dhBits == 0 || kx.DHBits < p.dhBits) {
		p.dhBits = kx.DHBits
	}
	if r.err != nil {
		p.note("%s flight after ServerHello: %v", hello.VersionName(v), r.err)
	}
}
