package probe

import "syscall"

// resetErrors are what a connection reset or aborted by the peer shows,
// as Winsock reports it.
var resetErrors = []error{syscall.WSAECONNRESET, syscall.WSAECONNABORTED}
