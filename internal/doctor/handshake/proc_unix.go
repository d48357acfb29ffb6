//go:build unix

package handshake

import (
	"os/exec"
	"syscall"
)

// ownGroup puts the client in a process group of its own and makes
// cancelling the command kill that whole group, so that a client's
// children (a version manager's shim, a JVM's helpers) die with it.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return killGroup(cmd) }
}

// killGroup kills the client's process group. It is also called after the
// client exits, to stop anything it left running; the group is then
// usually gone already.
func killGroup(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}
