//go:build !linux && !darwin && !windows

package doctor

import (
	"context"
	"os"
	"runtime"
)

func (c *collector) collectOS(context.Context) {
	c.facts.OS.Family = runtime.GOOS
	c.facts.Host, _ = os.Hostname()
}
