package useragent

import (
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/platform"
)

// Facts turns what the agent says into platform facts for the knowledge
// base. What the agent cannot tell stays zero, which the knowledge base
// reports as unknown.
func (a Agent) Facts() platform.Facts {
	f := platform.Facts{OS: a.osFacts()}
	if rt, ok := a.runtimeFacts(); ok {
		f.Runtimes = append(f.Runtimes, rt)
	}
	if ps := a.powerShellFacts(); ps != nil {
		f.Runtimes = append(f.Runtimes, *ps)
	}
	if a.Family == FamilyCLI {
		f.Runtimes = append(f.Runtimes, platform.Runtime{Name: platform.RuntimeAWSCLI, Version: a.SDKVersion})
	}
	return f
}

// osFamilies maps Agent.OS to platform OS families.
var osFamilies = map[string]string{
	"windows": platform.OSWindows,
	"linux":   platform.OSLinux,
	"macos":   platform.OSDarwin,
	"android": platform.OSAndroid,
	"ios":     platform.OSIOS,
}

// osFacts gives the OS; a Windows version is cut to "6.1".
func (a Agent) osFacts() platform.OS {
	o := platform.OS{Family: osFamilies[a.OS], Version: a.OSVersion, Build: a.OSBuild, ServicePack: a.ServicePack, Server: a.Server}
	if a.OS == "windows" {
		o.Version = majorMinor(a.OSVersion)
	}
	return o
}

// runtimeFacts gives the language runtime, if known.
func (a Agent) runtimeFacts() (platform.Runtime, bool) {
	switch a.Runtime {
	case RuntimeNetFramework:
		rt := platform.Runtime{Name: platform.RuntimeNetFramework, Version: frameworkRelease(a.RuntimeVersion)}
		if a.CLRVersion != "" {
			rt.Settings = map[string]string{"CLRVersion": a.CLRVersion}
		}
		return rt, true
	case RuntimeNetCore:
		v := a.RuntimeVersion
		if major(v) == "4" {
			v = "" // a System.Runtime file version, not the product
		}
		return platform.Runtime{Name: platform.RuntimeDotNet, Version: v}, true
	case RuntimeJava:
		return platform.Runtime{Name: platform.RuntimeJava, Version: a.RuntimeVersion}, true
	case RuntimePython:
		if a.Family == FamilyCLI && major(a.SDKVersion) == "2" {
			return platform.Runtime{}, false // bundled, not the host's
		}
		return platform.Runtime{Name: platform.RuntimePython, Version: a.RuntimeVersion}, true
	case RuntimeGo:
		return platform.Runtime{Name: platform.RuntimeGo, Version: a.RuntimeVersion}, true
	case RuntimeNode:
		return platform.Runtime{Name: platform.RuntimeNode, Version: a.RuntimeVersion}, true
	}
	return platform.Runtime{}, false
}

// powerShellFacts gives the PowerShell runtime named in Tool, if any.
func (a Agent) powerShellFacts() *platform.Runtime {
	for _, t := range strings.Fields(a.Tool) {
		name, v, _ := strings.Cut(t, "/")
		switch name {
		case "WindowsPowerShell":
			return &platform.Runtime{Name: platform.RuntimePowerShell, Version: v, Settings: map[string]string{"PSEdition": "Desktop"}}
		case "PowerShellCore":
			return &platform.Runtime{Name: platform.RuntimePowerShell, Version: strings.TrimSuffix(v, ".-1"), Settings: map[string]string{"PSEdition": "Core"}}
		}
	}
	return nil
}

// frameworkRelease cuts "4.8.04084" to "4.8" and keeps "4.7.2" and "3.5".
func frameworkRelease(v string) string {
	p := strings.Split(v, ".")
	if len(p) > 2 && len(p[2]) > 1 {
		p = p[:2]
	}
	return strings.Join(p, ".")
}

// majorMinor cuts "6.1.7601" to "6.1".
func majorMinor(v string) string {
	p := strings.SplitN(v, ".", 3)
	if len(p) > 2 {
		p = p[:2]
	}
	return strings.Join(p, ".")
}
