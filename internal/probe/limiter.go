package probe

import (
	"context"
	"sync"
	"time"
)

// limiter is a token bucket: rate tokens a second, at most burst saved
// up. A nil limiter, or one with no rate, never waits.
type limiter struct {
	mu     sync.Mutex
	rate   float64
	burst  float64
	tokens float64
	last   time.Time
}

func newLimiter(rate float64, burst int) *limiter {
	if rate <= 0 {
		return nil
	}
	b := float64(max(burst, 1))
	return &limiter{rate: rate, burst: b, tokens: b, last: time.Now()}
}

// wait takes a token, waiting for it if the bucket is empty, or returns
// the context's error.
func (l *limiter) wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil || l == nil {
		return err
	}
	d := l.reserve()
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		l.refund()
		return ctx.Err()
	}
}

// reserve takes a token, possibly one not yet earned, and returns how
// long until it is.
func (l *limiter) reserve() time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	l.tokens = min(l.burst, l.tokens+now.Sub(l.last).Seconds()*l.rate)
	l.last = now
	l.tokens--
	if l.tokens >= 0 {
		return 0
	}
	return time.Duration(-l.tokens / l.rate * float64(time.Second))
}

func (l *limiter) refund() {
	l.mu.Lock()
	l.tokens++
	l.mu.Unlock()
}
