package lab

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// configured is a server that reads one configuration file, which names
// the address it listens on.
type configured struct {
	prog string                               // program name, for messages and file names
	conf func(dir, addr string, p pki) string // the file, given its directory, the address and the PKI
	argv func(dir, conf string) []string      // the command line, given the directory and the file
}

// startConfigured writes c's configuration for a fresh PKI with a key of
// type kt and a free 127.0.0.1 port into a private directory, starts the
// server and waits until it listens. e is what it accepts.
func startConfigured(t testing.TB, name string, kt KeyType, e Expect, c configured) Server {
	t.Helper()
	dir := serverDir(t, c.prog, "")
	p := newPKI(t, dir, kt, "")
	addr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	conf := filepath.Join(dir, c.prog+".conf")
	if err := os.WriteFile(conf, []byte(c.conf(dir, addr, p)), 0o600); err != nil {
		t.Fatalf("lab: %v", err)
	}
	pr := start(t, procSpec{name: name + " (" + c.prog + ")", argv: c.argv(dir, conf)})
	pr.waitListening(t, addr)
	return p.server(name, addr, e, pr.log.String)
}
