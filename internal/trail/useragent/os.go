package useragent

import (
	"strconv"
	"strings"
)

// osName maps the spellings agents use to one OS name.
func osName(s string) string {
	l := strings.ToLower(strings.TrimSpace(s))
	switch {
	case strings.HasPrefix(l, "win"), strings.HasPrefix(l, "microsoft windows"):
		return "windows"
	case l == "linux":
		return "linux"
	case l == "darwin", l == "macos", strings.HasPrefix(l, "mac os"):
		return "macos"
	case l == "android", l == "ios", l == "unix":
		return l
	case l == "", l == "unknown":
		return ""
	}
	return "other"
}

// parseWindowsText reads "Microsoft Windows NT 6.1.7601 Service Pack 1" and
// "Microsoft Windows 10.0.15063".
func parseWindowsText(a *Agent, s string) {
	a.OS = "windows"
	f := strings.Fields(s)
	for i, w := range f {
		if w[0] >= '0' && w[0] <= '9' && a.OSVersion == "" {
			parseWindowsVersion(a, w)
		}
		if w == "Pack" && i+1 < len(f) {
			a.ServicePack, _ = strconv.Atoi(f[i+1])
		}
	}
}

// parseWindowsVersion reads "6.1.7601" or "6.1.7601.65536": the third part
// is the build, and a fourth part of Environment.OSVersion carries the
// service pack in its high 16 bits.
func parseWindowsVersion(a *Agent, v string) {
	a.OSVersion = v
	p := strings.Split(v, ".")
	if len(p) > 2 {
		a.OSBuild, _ = strconv.Atoi(p[2])
	}
	if len(p) > 3 {
		if r, err := strconv.Atoi(p[3]); err == nil && r>>16 > 0 {
			a.ServicePack = r >> 16
		}
	}
	windowsNotes(a)
}

// windowsNotes says what a Windows version leaves open.
func windowsNotes(a *Agent) {
	switch a.OSBuild {
	case 7601:
		a.note(note7601)
	case 9200:
		a.note(note9200)
	}
}
