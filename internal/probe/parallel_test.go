package probe_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/probe"
)

// TestProbeParallelDeterministic: an endpoint probed with its
// enumerations side by side gives the same result as one probed a
// connection at a time, every time.
func TestProbeParallelDeterministic(t *testing.T) {
	ep := goEndpoints(t, 1)[0]
	probeWith := func(parallel int) probe.Result {
		r := probe.Probe(context.Background(), ep, probe.Options{EndpointParallel: parallel})
		r.Elapsed = 0
		if r.Certificate != nil {
			c := *r.Certificate
			r.Certificate = &c
		}
		return r
	}
	want := probeWith(1)
	if len(want.Errors) > 0 || len(want.AcceptedVersions) == 0 {
		t.Fatalf("sequential probe: accepted %v, errors %q", want.AcceptedVersions, want.Errors)
	}
	for i := range 5 {
		if got := probeWith(4 + i%3); !reflect.DeepEqual(got, want) {
			t.Fatalf("parallel probe %d:\n got %+v\nwant %+v", i, got, want)
		}
	}
}

// TestProbeParallelBudget: the connection budget holds exactly however
// many enumerations dial at once.
func TestProbeParallelBudget(t *testing.T) {
	ep := goEndpoints(t, 1)[0]
	for _, limit := range []int{1, 2, 5, 7, 12} {
		r := probe.Probe(context.Background(), ep, probe.Options{MaxConnections: limit, EndpointParallel: 8, ReadTimeout: time.Second})
		if r.Connections != limit {
			t.Errorf("limit %d: %d connections, errors %q", limit, r.Connections, r.Errors)
		}
	}
}
