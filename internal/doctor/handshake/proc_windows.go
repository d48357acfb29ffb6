//go:build windows

package handshake

import "os/exec"

// ownGroup makes cancelling the command kill the client. Windows has no
// process groups to signal: a client's children are not killed, and
// Cmd.WaitDelay bounds how long the run waits for their output pipes.
func ownGroup(cmd *exec.Cmd) {
	cmd.Cancel = func() error { return cmd.Process.Kill() }
}

// killGroup does nothing on Windows; see ownGroup.
func killGroup(*exec.Cmd) error { return nil }
