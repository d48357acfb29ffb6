package probe

import (
	"context"
	"sync"
	"testing"
	"time"
)

// TestSchedulerCaps runs jobs that block until released: the scheduler
// must fill every slot the caps allow, and no more.
func TestSchedulerCaps(t *testing.T) {
	tests := []struct {
		name           string
		keys           []string // one job per entry
		global, perKey int
		wantRunning    int // once the scheduler settles
	}{
		{name: "global cap", keys: []string{"a", "b", "c", "d", "e"}, global: 3, perKey: 2, wantRunning: 3},
		{name: "per-key cap", keys: []string{"a", "a", "a", "a", "b"}, global: 8, perKey: 2, wantRunning: 3},
		{name: "one key", keys: []string{"a", "a", "a"}, global: 8, perKey: 1, wantRunning: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			running, perKey := 0, map[string]int{}
			release := make(chan struct{})
			s := newScheduler(tt.global, tt.perKey, func(j job) {
				mu.Lock()
				running++
				if perKey[j.key]++; perKey[j.key] > tt.perKey || running > tt.global {
					t.Errorf("%d running, %d for %s", running, perKey[j.key], j.key)
				}
				mu.Unlock()
				<-release
				mu.Lock()
				running--
				perKey[j.key]--
				mu.Unlock()
			})
			for _, k := range tt.keys {
				s.add(job{key: k})
			}
			waitFor(t, func() bool { mu.Lock(); defer mu.Unlock(); return running == tt.wantRunning })
			close(release)
			s.wait()
		})
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached in 5s")
		}
	}
}

func TestLimiter(t *testing.T) {
	if newLimiter(0, 5) != nil {
		t.Error("a zero rate made a limiter")
	}
	if err := (*limiter)(nil).wait(context.Background()); err != nil {
		t.Errorf("nil limiter: %v", err)
	}
	l := newLimiter(100, 2)
	start := time.Now()
	for range 7 { // 2 from the burst, 5 earned at 10ms each
		if err := l.wait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d < 45*time.Millisecond {
		t.Errorf("7 tokens at 100/s with burst 2 took %v, want about 50ms", d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := l.wait(ctx); err == nil {
		t.Error("wait on a canceled context succeeded")
	}
}
