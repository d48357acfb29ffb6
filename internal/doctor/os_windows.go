package doctor

import (
	"context"
	"errors"
	"os"

	"github.com/tlsfloor/tlsfloor/internal/doctor/winreg"
	"github.com/tlsfloor/tlsfloor/internal/platform"
)

// collectOS reads the Windows version, SCHANNEL, .NET Framework, WinHTTP
// and update facts from the live registry.
func (c *collector) collectOS(context.Context) {
	c.facts.OS.Family = platform.OSWindows
	c.facts.Host, _ = os.Hostname()
	exp, err := winreg.Live()
	if err != nil {
		c.issue("registry", err)
		return
	}
	for _, note := range exp.Notes {
		c.issue("registry", errors.New(note))
	}
	reg, err := winreg.Facts(exp)
	if err != nil {
		c.issue("registry", err)
	}
	overlay(&c.facts, reg)
}
