package probe

import (
	"context"
	"fmt"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// probeVersions sends one hello per version. Two probes in a row that
// get no TLS answer (silence or garbage) end the probe: the endpoint is
// not a TLS server, or not one that talks to this client.
func (p *prober) probeVersions(ctx context.Context) {
	silent := 0
	for _, v := range versionOrder {
		r, err := p.exchange(ctx, p.versionHello(v))
		if err != nil {
			return
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
			p.stop(fmt.Errorf("no TLS answer to two probes in a row (%s); stopped", p.refused[v].Detail))
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
