package probe

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// versionOrder is the order versions are probed in: the likeliest first,
// so that a silent endpoint is given up on early.
var versionOrder = []uint16{tls.VersionTLS12, tls.VersionTLS13, tls.VersionTLS11, tls.VersionTLS10, hello.VersionSSL30}

// prober holds one endpoint's probe as it runs. Independent enumerations
// run side by side, each on a fork of the prober (see fork): forks share
// the endpoint's connection state through sh, which is locked, read the
// results of earlier steps, and keep their own notes and DHE size until
// they are joined, in a fixed order. Only the prober that run was called
// on writes results.
type prober struct {
	ep       Endpoint
	opts     Options
	limiter  *limiter
	ip       string // resolved address, "" with the endpoint's own Dial
	dialAddr string
	name     string // name the certificate is verified for
	sni      string // server_name sent; empty for an IP address
	sh       *shared
	errs     []string
	asks     []*versionAsk // the version hellos, in versionOrder

	accepted map[uint16]*hello.ServerFlight // first accepting flight per version
	refused  map[uint16]Refusal
	suites   map[uint16][]uint16
	order    map[uint16]string
	groups13 []tls.CurveID
	curves   []tls.CurveID // ECDHE curves at curveVersion
	curveVer uint16
	dhBits   int
	alpn     string // protocol selected in a TLS 1.2 or earlier ServerHello
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
		sh: &shared{slots: make(chan struct{}, opts.EndpointParallel)},
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

// shared is the state of one endpoint's probe that its forks share.
type shared struct {
	mu      sync.Mutex
	conns   int   // connections made or being made
	stopped error // why the probe stopped, nil while it runs
	noALPN  bool  // the server refused the ALPN protocols offered
	// slots holds a token for every open connection, at most
	// Options.EndpointParallel.
	slots chan struct{}
}

// run probes versions and, unless in versions-only mode, the suites and
// groups of each version accepted and the certificate chain, each
// enumeration starting as soon as the version answers it needs are in.
// Each step stops once the probe stopped.
func (p *prober) run(ctx context.Context) {
	p.askVersions(ctx)
	if p.opts.VersionsOnly {
		p.recordVersions()
		return
	}
	e := p.startEnumerations(ctx)
	silent := p.recordVersions()
	e.wg.Wait()
	if silent {
		// Not a TLS server, or not one that talks to this client: what
		// the enumerations found is not used.
		e.joinNotes(p)
		p.rawChain()
		return
	}
	e.record(p)
}

// fork returns a prober that shares p's connection state and the
// version answers, with notes, DHE size and ALPN of its own, for a
// goroutine. Forks read the version answers through flight, never p's
// maps, which only p writes.
func (p *prober) fork() *prober {
	q := *p
	q.errs, q.dhBits, q.alpn = nil, 0, ""
	return &q
}

// join takes over the notes, DHE size and ALPN of a fork that has ended.
func (p *prober) join(q *prober) {
	for _, e := range q.errs {
		p.note("%s", e)
	}
	if q.dhBits > 0 && (p.dhBits == 0 || q.dhBits < p.dhBits) {
		p.dhBits = q.dhBits
	}
	if p.alpn == "" {
		p.alpn = q.alpn
	}
}

// stoppedErr returns why the probe stopped, or nil.
func (p *prober) stoppedErr() error {
	p.sh.mu.Lock()
	defer p.sh.mu.Unlock()
	return p.sh.stopped
}

// connections returns how many connections the probe made.
func (p *prober) connections() int {
	p.sh.mu.Lock()
	defer p.sh.mu.Unlock()
	return p.sh.conns
}
