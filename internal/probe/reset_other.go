//go:build !windows

package probe

import "syscall"

// resetErrors are what a connection reset or aborted by the peer shows.
var resetErrors = []error{syscall.ECONNRESET, syscall.EPIPE}
