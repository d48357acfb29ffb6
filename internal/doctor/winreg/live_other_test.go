//go:build !windows

package winreg

import (
	"errors"
	"testing"
)

func TestLiveNeedsWindows(t *testing.T) {
	e, err := Live()
	if e != nil || !errors.Is(err, ErrNeedsWindows) {
		t.Errorf("Live() = %v, %v; want nil, ErrNeedsWindows", e, err)
	}
}
