//go:build !unix

package lab

import "os/exec"

// isolate does nothing where there are no process groups; servers then run
// as the test's own user.
func isolate(*exec.Cmd, string) error { return nil }

// chownTo does nothing where file ownership is not Unix's.
func chownTo(string, string) error { return nil }

// signalGroup kills the process: there is no gentler portable signal.
func signalGroup(cmd *exec.Cmd, _ bool) { killGroup(cmd) }

// killGroup kills the process.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		cmd.Process.Kill()
	}
}
