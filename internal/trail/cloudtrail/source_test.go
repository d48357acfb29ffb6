package cloudtrail

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// dirSource serves local files through the Source interface, counting
// what it opens.
type dirSource struct {
	mu     sync.Mutex
	root   string
	opened []string
	failOn string
}

func (d *dirSource) List(context.Context) ([]string, error) {
	return ListFiles([]string{d.root})
}

func (d *dirSource) Open(_ context.Context, name string) (io.ReadCloser, error) {
	d.mu.Lock()
	d.opened = append(d.opened, name)
	d.mu.Unlock()
	if d.failOn != "" && strings.Contains(name, d.failOn) {
		return nil, errors.New("access denied")
	}
	return os.Open(name)
}

// TestScanSourceMatchesScan reads the fixtures both ways: the reports must
// be the same, and digest and insight files must not be opened.
func TestScanSourceMatchesScan(t *testing.T) {
	const root = "testdata/AWSLogs"
	want, err := Scan(context.Background(), []string{root}, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 3} {
		src := &dirSource{root: root}
		var steps []int
		total := -1
		opt := Options{Workers: workers, ProgressEvery: time.Nanosecond, Progress: func(p Progress) {
			if len(steps) > 0 && p.FilesDone < steps[len(steps)-1] || total >= 0 && p.Files != total {
				t.Errorf("progress %+v after %v", p, steps)
			}
			steps = append(steps, p.FilesDone)
			total = p.Files
		}}
		got, err := ScanSource(context.Background(), src, opt)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, cmp.Comparer(sameError)); diff != "" {
			t.Errorf("workers %d: ScanSource differs from Scan (-Scan +ScanSource):\n%s", workers, diff)
		}
		for _, name := range src.opened {
			if k := Classify(name); k != KindLog {
				t.Errorf("opened %s, a file of kind %d", name, k)
			}
		}
		if len(steps) == 0 || steps[len(steps)-1] != got.Totals.Files+got.Totals.Skipped.Digest+got.Totals.Skipped.Insight+got.Totals.Skipped.NotCloudTrail {
			t.Errorf("progress ended at %v, want every listed object", steps)
		}
	}
}

func sameError(a, b error) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Error() == b.Error()
}

// TestScanSourceOpenError checks that an object that cannot be opened is
// named, counted, and does not stop the others.
func TestScanSourceOpenError(t *testing.T) {
	src := &dirSource{root: "testdata/AWSLogs", failOn: "ValidAllVersion1"}
	rep, err := ScanSource(context.Background(), src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, fe := range rep.Totals.Unreadable {
		if strings.Contains(fe.File, "ValidAllVersion1") && strings.Contains(fe.Error(), "access denied") {
			found = true
		}
	}
	if !found || rep.Totals.Read == 0 || !rep.Totals.Reconciles() {
		t.Errorf("unreadable %v, totals %+v: want the failed object named and the rest read", rep.Totals.Unreadable, rep.Totals)
	}
}
