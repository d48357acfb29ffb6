package probe

import (
	"context"
	"sync"
	"time"
)

// job is an endpoint ready to be scheduled: resolved, with the key the
// per-IP cap counts.
type job struct {
	ep         Endpoint
	ip, key    string
	resolveErr error
	start      time.Time
}

// Run probes endpoints concurrently and calls emit with each Result as it
// finishes, one call at a time, in completion order. At most
// opts.Concurrency endpoints are probed at once, at most opts.PerIP of
// them on one IP address, and new connections across all endpoints are
// limited to opts.Rate a second. Run returns once every endpoint has been
// emitted; when ctx is done the remaining endpoints are emitted quickly,
// with the context's error.
func Run(ctx context.Context, endpoints []Endpoint, opts Options, emit func(Result)) {
	opts = opts.withDefaults()
	lim := newLimiter(opts.Rate, opts.Burst)
	var emitMu sync.Mutex
	s := newScheduler(opts.Concurrency, opts.PerIP, func(j job) {
		r := probeResolved(ctx, j.ep, j.ip, j.resolveErr, opts, lim, j.start)
		emitMu.Lock()
		defer emitMu.Unlock()
		emit(r)
	})
	resolveAll(ctx, endpoints, opts, s.add)
	s.wait()
}

// resolveAll resolves the endpoints, opts.Concurrency at a time, and
// hands each to add as soon as it is resolved.
func resolveAll(ctx context.Context, endpoints []Endpoint, opts Options, add func(job)) {
	next := make(chan Endpoint)
	var wg sync.WaitGroup
	for range min(opts.Concurrency, len(endpoints)) {
		wg.Go(func() {
			for ep := range next {
				start := time.Now()
				ip, err := resolve(ctx, ep, opts.ConnectTimeout)
				add(job{ep: ep, ip: ip, key: hostKey(ep, ip), resolveErr: err, start: start})
			}
		})
	}
	for _, ep := range endpoints {
		next <- ep
	}
	close(next)
	wg.Wait()
}
