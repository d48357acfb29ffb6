package winreg

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/platform"
)

// Facts returns what the export says about the machine: its Windows
// version and the SCHANNEL, .NET Framework, WinHTTP and update values that
// decide TLS (see [platform.Windows]), the ComputerName as Host, and the
// installed .NET Framework and Windows PowerShell versions as Runtimes.
// OS.Family is always "windows".
//
// A value the export does not contain stays zero or nil, which the
// knowledge base reads as unknown; Facts never fills in a default. A
// value of the wrong type, such as an Enabled that is not a REG_DWORD or
// a CurrentBuildNumber that is not a number, is an error naming it.
//
// Hotfixes are listed only when the export holds the Component Based
// Servicing package keys (as [Live] reads them); otherwise they come from
// a snapshot.
func Facts(e *Export) (platform.Facts, error) {
	if e == nil {
		return platform.Facts{}, errors.New("reg: no export to read facts from")
	}
	r := newReader(e)
	r.controlSet = r.findControlSet()
	f := platform.Facts{OS: r.os(), Windows: r.windows(), Runtimes: r.runtimes()}
	f.Host = r.text(r.key(r.controlSet+`\`+pathComputerName), "ComputerName")
	if r.err != nil {
		return platform.Facts{}, r.err
	}
	return f, nil
}

// reader reads facts from an export, keeping the first error.
type reader struct {
	e          *Export
	canon      []string        // canonical path of each key in e.Keys
	index      map[string]*Key // keys by canonical path
	controlSet string          // `SYSTEM\CurrentControlSet` or the one it points to
	err        error
}

// newReader indexes e's keys by canonical path, so that reading the facts
// of a large export stays linear in its size.
func newReader(e *Export) *reader {
	r := &reader{e: e, canon: make([]string, len(e.Keys)), index: make(map[string]*Key, len(e.Keys))}
	for i := range e.Keys {
		r.canon[i] = canonical(e.Keys[i].Path)
		if _, dup := r.index[r.canon[i]]; !dup {
			r.index[r.canon[i]] = &e.Keys[i]
		}
	}
	return r
}

// key returns the key at path under HKEY_LOCAL_MACHINE, or nil.
func (r *reader) key(path string) *Key {
	return r.index[canonical(`HKEY_LOCAL_MACHINE\`+path)]
}

// findControlSet returns the control set the export holds: CurrentControlSet,
// or for an export of an offline SYSTEM hive (which has none) the set
// SYSTEM\Select Current names.
func (r *reader) findControlSet() string {
	if len(r.below(currentControlSet)) > 0 || r.key(currentControlSet) != nil {
		return currentControlSet
	}
	if n := r.dword(r.key(pathSelect), "Current"); n != nil {
		return fmt.Sprintf(`SYSTEM\ControlSet%03d`, *n)
	}
	return currentControlSet
}

// os reads the Windows version from CurrentVersion.
func (r *reader) os() platform.OS {
	k := r.key(pathCurrentVersion)
	return platform.OS{
		Family:      platform.OSWindows,
		Name:        r.text(k, "ProductName"),
		Version:     r.version(k),
		Build:       r.build(k),
		UBR:         int(deref(r.dword(k, "UBR"))),
		ServicePack: servicePack(r.text(k, "CSDVersion")),
		Server:      strings.Contains(strings.ToLower(r.text(k, "InstallationType")), "server"),
	}
}

// version returns "10.0" from the major and minor numbers Windows 10 and
// later keep, else CurrentVersion ("6.1"), which Windows 10 leaves at 6.3.
func (r *reader) version(k *Key) string {
	major, minor := r.dword(k, "CurrentMajorVersionNumber"), r.dword(k, "CurrentMinorVersionNumber")
	if major != nil && minor != nil {
		return fmt.Sprintf("%d.%d", *major, *minor)
	}
	return r.text(k, "CurrentVersion")
}

// build returns CurrentBuildNumber, or CurrentBuild where that is missing.
func (r *reader) build(k *Key) int {
	name := "CurrentBuildNumber"
	s := r.text(k, name)
	if s == "" {
		name = "CurrentBuild"
		s = r.text(k, name)
	}
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		r.fail(k, name, "%s is not a build number", quote(s))
		return 0
	}
	return n
}

// servicePackPattern finds the number in "Service Pack 1".
var servicePackPattern = regexp.MustCompile(`(?i)service pack (\d+)`)

// servicePack returns the service pack number CSDVersion names, 0 if none.
func servicePack(csd string) int {
	m := servicePackPattern.FindStringSubmatch(csd)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// runtimes lists the .NET Framework and Windows PowerShell installations.
func (r *reader) runtimes() []platform.Runtime {
	var list []platform.Runtime
	if rt, ok := r.netFramework4(); ok {
		list = append(list, rt)
	}
	if rt, ok := r.netFramework35(); ok {
		list = append(list, rt)
	}
	for _, p := range powerShellPaths {
		if rt, ok := r.powerShell(p); ok {
			list = append(list, rt)
		}
	}
	return list
}

// netFramework4 reads NDP\v4\Full: Version, with Release as a setting.
func (r *reader) netFramework4() (platform.Runtime, bool) {
	k := r.key(pathNDP4Full)
	v := r.text(k, "Version")
	if v == "" {
		return platform.Runtime{}, false
	}
	rt := platform.Runtime{Name: platform.RuntimeNetFramework, Version: v, Path: `HKLM\` + pathNDP4Full}
	if rel := r.dword(k, "Release"); rel != nil {
		rt.Settings = map[string]string{"Release": strconv.FormatUint(uint64(*rel), 10)}
	}
	return rt, true
}

// netFramework35 reads NDP\v3.5 when Install is 1: Version, with the
// service pack as a setting.
func (r *reader) netFramework35() (platform.Runtime, bool) {
	k := r.key(pathNDP35)
	v := r.text(k, "Version")
	if v == "" || deref(r.dword(k, "Install")) != 1 {
		return platform.Runtime{}, false
	}
	rt := platform.Runtime{Name: platform.RuntimeNetFramework, Version: v, Path: `HKLM\` + pathNDP35}
	if sp := r.dword(k, "SP"); sp != nil {
		rt.Settings = map[string]string{"SP": strconv.FormatUint(uint64(*sp), 10)}
	}
	return rt, true
}

// powerShell reads a Windows PowerShell engine key: PowerShellVersion,
// with its CLR version and the edition "Desktop" as settings.
func (r *reader) powerShell(path string) (platform.Runtime, bool) {
	k := r.key(path)
	v := r.text(k, "PowerShellVersion")
	if v == "" {
		return platform.Runtime{}, false
	}
	settings := map[string]string{"PSEdition": "Desktop"}
	if clr := r.text(k, "RuntimeVersion"); clr != "" {
		settings["CLRVersion"] = strings.TrimPrefix(clr, "v")
	}
	return platform.Runtime{Name: platform.RuntimePowerShell, Version: v, Path: `HKLM\` + path, Settings: settings}, true
}

// dword returns the REG_DWORD called name in k, nil when k or the value is
// absent; a value of another type is an error.
func (r *reader) dword(k *Key, name string) *uint32 {
	if k == nil {
		return nil
	}
	v, ok := k.Get(name)
	if !ok {
		return nil
	}
	u, ok := v.DWORD()
	if !ok {
		r.fail(k, name, "is %s of %d bytes, want REG_DWORD", v.Type, len(v.Data))
		return nil
	}
	return &u
}

// text returns the REG_SZ or REG_EXPAND_SZ called name in k, "" when k
// or the value is absent; a value of another type is an error.
func (r *reader) text(k *Key, name string) string {
	if k == nil {
		return ""
	}
	v, ok := k.Get(name)
	if !ok {
		return ""
	}
	s, ok := v.Text()
	if !ok {
		r.fail(k, name, "is %s, want REG_SZ", v.Type)
	}
	return s
}

// fail records the first error, naming the export, key and value.
func (r *reader) fail(k *Key, name, format string, args ...any) {
	if r.err == nil {
		msg := fmt.Sprintf(format, args...)
		r.err = fmt.Errorf("reg: %s: %s value %s %s", r.e.Name, k.Path, quote(name), msg)
	}
}

// deref returns *p, or 0 for nil.
func deref(p *uint32) uint32 {
	if p == nil {
		return 0
	}
	return *p
}
