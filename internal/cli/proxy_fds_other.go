//go:build !linux

package cli

import "errors"

// openFilesLimit is not read on this system: the check is skipped.
func openFilesLimit() (soft, hard uint64, ok bool) { return 0, 0, false }

func setOpenFilesLimit(soft, hard uint64) error {
	return errors.New("not supported on this system")
}
