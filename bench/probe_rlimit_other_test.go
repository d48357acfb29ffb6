//go:build !linux

package bench

import "testing"

// raiseFDLimit does nothing outside Linux: the sweep then needs a limit
// on open files above need set beforehand.
func raiseFDLimit(tb testing.TB, need uint64) {}
