package winreg

import (
	"testing"
)

// TestLive reads this machine's registry: every Windows has a build
// number and a computer name, and the facts must read without error.
func TestLive(t *testing.T) {
	e, err := Live()
	if err != nil {
		t.Fatal(err)
	}
	f, err := Facts(e)
	if err != nil {
		t.Fatal(err)
	}
	if f.OS.Family != "windows" || f.OS.Build == 0 || f.Host == "" {
		t.Errorf("Facts(Live()) = %+v, want a Windows build and host", f)
	}
}

// TestLiveBranches checks that Live reads every branch it lists without
// failing on keys that are missing on this machine.
func TestLiveBranches(t *testing.T) {
	for _, b := range branches() {
		m := newMerger()
		if err := readBranch(m, b); err != nil {
			t.Errorf("%s: %v", b.path, err)
		}
	}
}
