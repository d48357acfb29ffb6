package doctor

import (
	"context"
	"os"

	"github.com/tlsfloor/tlsfloor/internal/platform"
)

func (c *collector) collectOS(context.Context) {
	c.facts.OS.Family = platform.OSWindows
	c.facts.Host, _ = os.Hostname()
}
