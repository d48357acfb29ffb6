package probe

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// versionOrder is the order versions are probed in: the likeliest first,
// so that a silent endpoint is given up on early.
var versionOrder = []uint16{tls.VersionTLS12, tls.VersionTLS13, tls.VersionTLS11, tls.VersionTLS10, hello.VersionSSL30}

// prober holds one endpoint's probe as it runs. Its connections are made
// one after another, so it needs no locking.
type prober struct {
	ep       Endpoint
	opts     Options
	limiter  *limiter
	ip       string // resolved address, "" with the endpoint's own Dial
	dialAddr string
	name     string // name the certificate is verified for
	sni      string // server_name sent; empty for an IP address
	conns    int
	stopped  error
	errs     []string

	accepted map[uint16]*hello.ServerFlight // first accepting flight per version
	refused  map[uint16]Refusal
	suites   map[uint16][]uint16
	order    map[uint16]string
	groups13 []tls.CurveID
	curves   []tls.CurveID // ECDHE curves at curveVersion
	curveVer uint16
	dhBits   int
	cert     *Certificate
	hs       *Handshake
	hsGroup  tls.CurveID
}

// Probe probes one endpoint with opts and returns what it found. It does
// not fail: unreachable endpoints, hostile servers and exhausted budgets
// end up in Result.Errors. It returns when ctx is done.
func Probe(ctx context.Context, ep Endpoint, opts Options) Result {
	opts = opts.withDefaults()
	start := time.Now()
	ip, err := resolve(ctx, ep, opts.ConnectTimeout)
	return probeResolved(ctx, ep, ip, err, opts, newLimiter(opts.Rate, opts.Burst), start)
}

// probeResolved probes an endpoint whose address is resolved (or failed
// to resolve with resolveErr), sharing limiter with other probes.
func probeResolved(ctx context.Context, ep Endpoint, ip string, resolveErr error, opts Options, lim *limiter, start time.Time) Result {
	p := newProber(ep, ip, opts, lim)
	if resolveErr != nil {
		p.stop(resolveErr)
	} else {
		limit := fmt.Errorf("endpoint time limit of %v reached; results are incomplete", opts.EndpointTimeout)
		ctx, cancel := context.WithTimeoutCause(ctx, opts.EndpointTimeout, limit)
		defer cancel()
		p.run(ctx)
		if deadline, _ := ctx.Deadline(); !time.Now().Before(deadline) {
			// Whatever operation the deadline cut short, say why. (An
			// operation that used the deadline itself can fail just
			// before the context is marked done, so check the clock.)
			p.note("%v", limit)
		}
	}
	r := p.result()
	r.Elapsed = time.Since(start)
	return r
}

func newProber(ep Endpoint, ip string, opts Options, lim *limiter) *prober {
	host, port, _ := net.SplitHostPort(ep.Address)
	p := &prober{
		ep: ep, opts: opts, limiter: lim, ip: ip, dialAddr: ep.Address, name: ep.ServerName,
		accepted: map[uint16]*hello.ServerFlight{}, refused: map[uint16]Refusal{},
		suites: map[uint16][]uint16{}, order: map[uint16]string{},
	}
	if ip != "" {
		p.dialAddr = net.JoinHostPort(ip, port)
	}
	if p.name == "" {
		p.name = host
	}
	p.name = strings.TrimSuffix(p.name, ".")
	if _, err := netip.ParseAddr(p.name); err != nil {
		p.sni = p.name
	}
	return p
}

// run probes versions, then suites and groups for the versions accepted,
// then runs the full handshake; each step stops once the probe stopped.
// In versions-only mode it stops after the versions.
func (p *prober) run(ctx context.Context) {
	p.probeVersions(ctx)
	if p.opts.VersionsOnly {
		return
	}
	p.probeSuites(ctx)
	p.probeGroups(ctx)
	p.probeCertificate(ctx)
}

// highest returns the highest accepted version of those given, or 0.
func (p *prober) highest(versions ...uint16) uint16 {
	best := uint16(0)
	for _, v := range versions {
		if p.accepted[v] != nil {
			best = max(best, v)
		}
	}
	return best
}
