//go:build linux

package cli

import "syscall"

// openFilesLimit returns the soft and hard RLIMIT_NOFILE.
func openFilesLimit() (soft, hard uint64, ok bool) {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r); err != nil {
		return 0, 0, false
	}
	return r.Cur, r.Max, true
}

// setOpenFilesLimit sets RLIMIT_NOFILE.
func setOpenFilesLimit(soft, hard uint64) error {
	return syscall.Setrlimit(syscall.RLIMIT_NOFILE, &syscall.Rlimit{Cur: soft, Max: hard})
}
