package winreg

import (
	"cmp"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/platform"
)

// windows reads the SCHANNEL, .NET Framework, WinHTTP and update facts;
// it returns nil when the export holds none of the keys they come from.
func (r *reader) windows() *platform.Windows {
	ndp4, ndp35 := r.key(pathNDP4Full), r.key(pathNDP35)
	w := &platform.Windows{
		Schannel:             r.schannel(),
		NetFramework:         r.netFrameworkKeys(),
		NetFramework4Release: int(deref(r.dword(ndp4, "Release"))),
		NetFramework35:       deref(r.dword(ndp35, "Install")) == 1,
		WinHTTP:              r.winHTTP(),
		Hotfixes:             r.hotfixes(),
	}
	protocols := r.controlSet + `\` + pathProtocols
	if ndp4 == nil && ndp35 == nil && len(w.Schannel) == 0 && len(w.NetFramework) == 0 &&
		len(w.WinHTTP) == 0 && w.Hotfixes == nil && r.key(protocols) == nil && len(r.below(protocols)) == 0 {
		return nil
	}
	return w
}

// schannel lists the SCHANNEL\Protocols\<P>\{Client,Server} keys, by
// protocol name and side.
func (r *reader) schannel() []platform.SchannelKey {
	var list []platform.SchannelKey
	for _, sub := range r.below(r.controlSet + `\` + pathProtocols) {
		if len(sub.names) != 2 {
			continue
		}
		side := sideName(sub.names[1])
		if side == "" {
			continue
		}
		list = append(list, platform.SchannelKey{
			Protocol:          sub.names[0],
			Side:              side,
			Enabled:           r.dword(sub.key, "Enabled"),
			DisabledByDefault: r.dword(sub.key, "DisabledByDefault"),
		})
	}
	slices.SortStableFunc(list, func(a, b platform.SchannelKey) int {
		return cmp.Or(cmp.Compare(a.Protocol, b.Protocol), cmp.Compare(a.Side, b.Side))
	})
	return list
}

// sideName returns "Client" or "Server" for a key name that is either,
// without regard to case, and "" otherwise.
func sideName(name string) string {
	for _, side := range []string{"Client", "Server"} {
		if strings.EqualFold(name, side) {
			return side
		}
	}
	return ""
}

// netFrameworkKeys lists those of the four .NETFramework keys the export
// holds, with the paths spelled as in netFrameworkPaths.
func (r *reader) netFrameworkKeys() []platform.NetFrameworkKey {
	var list []platform.NetFrameworkKey
	for _, p := range netFrameworkPaths {
		k := r.key(p)
		if k == nil {
			continue
		}
		list = append(list, platform.NetFrameworkKey{
			Path:                     p,
			SchUseStrongCrypto:       r.dword(k, "SchUseStrongCrypto"),
			SystemDefaultTlsVersions: r.dword(k, "SystemDefaultTlsVersions"),
		})
	}
	return list
}

// winHTTP lists those of the two WinHttp keys the export holds.
func (r *reader) winHTTP() []platform.WinHTTPKey {
	var list []platform.WinHTTPKey
	for _, p := range winHTTPPaths {
		if k := r.key(p); k != nil {
			list = append(list, platform.WinHTTPKey{Path: p, DefaultSecureProtocols: r.dword(k, "DefaultSecureProtocols")})
		}
	}
	return list
}

// kbPattern finds a KB article number in a servicing package name such
// as "Package_for_KB3154518~31bf3856ad364e35~amd64~~6.1.1.1".
var kbPattern = regexp.MustCompile(`(?i)KB(\d+)`)

// hotfixes lists the KB articles named by Component Based Servicing
// packages, in numeric order. It returns nil when the export does not
// hold the Packages key or any package.
func (r *reader) hotfixes() []string {
	subs := r.below(pathPackages)
	if len(subs) == 0 && r.key(pathPackages) == nil {
		return nil
	}
	seen := map[int]bool{}
	for _, sub := range subs {
		if len(sub.names) != 1 {
			continue
		}
		if m := kbPattern.FindStringSubmatch(sub.names[0]); m != nil {
			if n, err := strconv.Atoi(m[1]); err == nil {
				seen[n] = true
			}
		}
	}
	list := []string{}
	for _, n := range slices.Sorted(maps.Keys(seen)) {
		list = append(list, "KB"+strconv.Itoa(n))
	}
	return list
}

// subkey is a key below another, with the names of the levels between
// them as the export spells them.
type subkey struct {
	key   *Key
	names []string
}

// below returns the keys below path under HKEY_LOCAL_MACHINE, at any
// depth, in export order.
func (r *reader) below(path string) []subkey {
	base := canonical(`HKEY_LOCAL_MACHINE\`+path) + `\`
	depth := strings.Count(base, `\`)
	var list []subkey
	for i, c := range r.canon {
		if !strings.HasPrefix(c, base) {
			continue
		}
		k := &r.e.Keys[i]
		names := strings.Split(strings.TrimRight(k.Path, `\`), `\`)
		list = append(list, subkey{key: k, names: names[depth:]})
	}
	return list
}
