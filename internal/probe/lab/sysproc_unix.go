//go:build unix

package lab

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"strconv"
	"syscall"
)

// isolate puts cmd in a process group of its own, so that stopping it also
// stops its children, and runs it as the user runAs when the test runs as
// root (servers such as PostgreSQL refuse to run as root).
func isolate(cmd *exec.Cmd, runAs string) error {
	attr := &syscall.SysProcAttr{Setpgid: true}
	if runAs != "" && os.Geteuid() == 0 {
		uid, gid, err := lookupIDs(runAs)
		if err != nil {
			return err
		}
		attr.Credential = &syscall.Credential{Uid: uid, Gid: gid}
	}
	cmd.SysProcAttr = attr
	return nil
}

// lookupIDs returns the user and group IDs of the user name.
func lookupIDs(name string) (uid, gid uint32, err error) {
	u, err := user.Lookup(name)
	if err != nil {
		return 0, 0, fmt.Errorf("user %s: %w", name, err)
	}
	id, err1 := strconv.ParseUint(u.Uid, 10, 32)
	g, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("user %s: ids %s:%s", name, u.Uid, u.Gid)
	}
	return uint32(id), uint32(g), nil
}

// chownTo gives path to the user name when the test runs as root, so that
// a server running as that user can use it.
func chownTo(path, name string) error {
	if name == "" || os.Geteuid() != 0 {
		return nil
	}
	uid, gid, err := lookupIDs(name)
	if err != nil {
		return err
	}
	return os.Chown(path, int(uid), int(gid))
}

// signalGroup asks cmd's process group to stop: SIGINT (a fast shutdown
// for PostgreSQL) when interrupt is set, else SIGTERM.
func signalGroup(cmd *exec.Cmd, interrupt bool) {
	sig := syscall.SIGTERM
	if interrupt {
		sig = syscall.SIGINT
	}
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, sig)
	}
}

// killGroup kills cmd's process group.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
