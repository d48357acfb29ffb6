package doctor

import (
	"context"
	"os"

	"github.com/tlsfloor/tlsfloor/internal/platform"
)

// osReleasePath is the file systemd's os-release(5) defines.
const osReleasePath = "/etc/os-release"

func (c *collector) collectOS(context.Context) {
	c.facts.OS.Family = platform.OSLinux
	c.facts.Host, _ = os.Hostname()
	f, err := os.Open(osReleasePath)
	if err != nil {
		c.issue(osReleasePath, err)
		return
	}
	defer f.Close()
	rel, err := parseOSRelease(osReleasePath, f)
	if err != nil {
		c.issue(osReleasePath, err)
	}
	c.facts.OS.Name, c.facts.OS.Version = rel["PRETTY_NAME"], rel["VERSION_ID"]
}
