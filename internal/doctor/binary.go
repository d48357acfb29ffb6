package doctor

import (
	"debug/buildinfo"
	"fmt"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/platform"
)

// collectBinary reads a Go binary's build information: the toolchain it
// was built with and the DefaultGODEBUG its go.mod's go line and
// //go:debug directives recorded (go.dev/doc/godebug).
func (c *collector) collectBinary(path string) {
	rt, err := goBinary(path)
	if err != nil {
		c.issue(path, err)
		return
	}
	c.facts.Runtimes = append(c.facts.Runtimes, rt)
}

func goBinary(path string) (platform.Runtime, error) {
	info, err := buildinfo.ReadFile(path)
	if err != nil {
		return platform.Runtime{}, fmt.Errorf("not a Go binary with build information: %w", err)
	}
	s := map[string]string{"binary": path, "module": info.Main.Path}
	for _, kv := range info.Settings {
		if kv.Key == "DefaultGODEBUG" {
			s["DefaultGODEBUG"] = kv.Value
		}
	}
	return platform.Runtime{Name: platform.RuntimeGo, Version: strings.TrimPrefix(info.GoVersion, "go"), Path: path, Settings: s}, nil
}
