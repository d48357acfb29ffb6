//go:build !unix && !windows

package handshake

import "os/exec"

// ownGroup makes cancelling the command kill the client itself, the only
// process this platform lets the lab signal.
func ownGroup(cmd *exec.Cmd) {
	cmd.Cancel = func() error { return cmd.Process.Kill() }
}

// killGroup does nothing here; see ownGroup.
func killGroup(*exec.Cmd) error { return nil }
