package doctor

import (
	"context"
	"os"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/platform"
)

func (c *collector) collectOS(ctx context.Context) {
	c.facts.OS.Family = platform.OSDarwin
	c.facts.Host, _ = os.Hostname()
	_, name, err := c.output(ctx, "sw_vers", "-productName")
	if err != nil {
		c.issue("sw_vers", err)
		return
	}
	_, version, err := c.output(ctx, "sw_vers", "-productVersion")
	if err != nil {
		c.issue("sw_vers", err)
	}
	c.facts.OS.Name, c.facts.OS.Version = strings.TrimSpace(name), strings.TrimSpace(version)
}
