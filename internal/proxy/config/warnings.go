package config

import (
	"fmt"
	"net"
	"net/netip"
	"os"
	"slices"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/proxy"
)

// Warning is one setting weaker than the default.
type Warning struct {
	// Key is the setting: "mode", "upgrade", "upgrade.clients", "listen",
	// "metrics", "allow", "users_file" or "tls.key_file".
	Key string
	// Text says what the setting allows, in one sentence.
	Text string
}

// Warnings describes every setting weaker than the default: audit mode,
// upgrade mode, a proxy or metrics listener reachable from other machines,
// allow CIDRs that admit special-purpose addresses, and a users file or
// TLS key file others can read.
func (f *File) Warnings() []Warning {
	var w []Warning
	if f.Mode == proxy.Audit {
		w = append(w, Warning{"mode", "audit mode: tunnels below the floor are logged and let through, not refused"})
	}
	w = append(w, f.upgradeWarnings()...)
	if !loopbackAddr(f.Listen) {
		w = append(w, Warning{"listen", fmt.Sprintf("listening on %s, not a loopback address: every client that reaches it can use the proxy, %s", f.Listen, f.authText())})
	}
	if f.Metrics != "" && !loopbackAddr(f.Metrics) {
		w = append(w, Warning{"metrics", fmt.Sprintf("metrics on %s, not a loopback address: every client that reaches it can read them", f.Metrics)})
	}
	for _, p := range f.Allow {
		if names := specialNames(p.Prefix); len(names) > 0 {
			w = append(w, Warning{"allow", fmt.Sprintf("allow %s admits special-purpose addresses: %s", p.Prefix, strings.Join(names, ", "))})
		}
	}
	w = append(w, secretWarning("users_file", "users file", f.UsersFile)...)
	w = append(w, secretWarning("tls.key_file", "TLS key file", f.TLS.KeyFile)...)
	return w
}

// secretWarning warns when a file of secrets can be read or written by
// other users.
func secretWarning(key, what, path string) []Warning {
	fi, err := os.Stat(path)
	if path == "" || err != nil || fi.Mode().Perm()&0o077 == 0 {
		return nil
	}
	return []Warning{{key, fmt.Sprintf("%s %s can be read or written by other users (mode %04o): chmod 600 it", what, path, fi.Mode().Perm())}}
}

// authText says how the proxy authenticates its clients.
func (f *File) authText() string {
	var auth []string
	if f.TLS.ClientCAFile != "" {
		auth = append(auth, "certificates from "+f.TLS.ClientCAFile)
	}
	if f.UsersFile != "" {
		auth = append(auth, "the users of "+f.UsersFile)
	}
	if len(auth) == 0 {
		return "without authentication"
	}
	return "with " + strings.Join(auth, " and ")
}

// upgradeWarnings describe upgrade mode's risk, or upgrade clients that
// are set while the mode is off.
func (f *File) upgradeWarnings() []Warning {
	u := f.Upgrade
	if !u.Enabled {
		if len(u.Clients) > 0 {
			return []Warning{{"upgrade.clients", "upgrade clients are set but upgrade mode is off: they are not used"}}
		}
		return nil
	}
	who := "loopback clients"
	if len(u.Clients) > 0 {
		who = "clients in " + joinPrefixes(u.Clients)
	}
	return []Warning{{"upgrade", "upgrade mode: " + who + " may send plain-HTTP requests that the proxy sends upstream over TLS; " +
		"between client and proxy they travel unencrypted, where anyone on the path can read them (signed requests included) and change their bodies"}}
}

func joinPrefixes(ps []netip.Prefix) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return strings.Join(s, ", ")
}

// loopbackAddr reports whether a listening address accepts loopback
// connections only. An empty host means every interface.
func loopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// specialNames names the special-purpose blocks (proxy.SpecialOverlaps)
// an allow CIDR admits, each name once.
func specialNames(p netip.Prefix) []string {
	var names []string
	for _, r := range proxy.SpecialOverlaps(p) {
		if !slices.Contains(names, r.Name) {
			names = append(names, r.Name)
		}
	}
	return names
}
