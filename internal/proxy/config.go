package proxy

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"
)

// Limit defaults, as documented on Limits.
const (
	DefaultMaxConns      = 4096
	DefaultHeaderTimeout = 10 * time.Second
	DefaultHelloTimeout  = 10 * time.Second
	DefaultIdleTimeout   = 5 * time.Minute
	DefaultDialTimeout   = 10 * time.Second
)

// FDsPerTunnel is how many file descriptors one spliced tunnel holds at
// most: the client's and the destination's sockets, and, on Linux, one
// splice(2) pipe (two descriptors) for each direction, which Go's
// internal/poll holds while io.Copy moves bytes between two TCP sockets
// (splicePipePool in the Go source's src/internal/poll/splice_linux.go).
// A connection that has not reached the splice holds one or two.
const FDsPerTunnel = 6

// maxHeaderBytes bounds a request line and its headers.
const maxHeaderBytes = 32 << 10

// config is Options checked and compiled. A connection keeps the config
// it was accepted under, so Reload never changes a live tunnel.
type config struct {
	opts       Options
	allow      *allowlist
	resolveMap map[string]netip.AddrPort
	users      map[string][32]byte // user name -> SHA-256 of the password
	limits     Limits
	lookup     func(context.Context, string) ([]netip.Addr, error)
	upstream   *http.Transport // upgrade mode only
	listenTLS  *tls.Config     // an HTTPS proxy's own TLS; nil for plain TCP
	warnings   []string
}

// compile checks opts and builds a config; the error names the field.
func compile(opts Options) (*config, error) {
	if err := checkOptions(opts); err != nil {
		return nil, err
	}
	allowed := opts.Allow
	if allowed == nil {
		allowed = DefaultAllow()
	}
	c := &config{
		opts:   opts,
		allow:  compileAllow(allowed),
		limits: withDefaults(opts.Limits),
		lookup: opts.Lookup,
	}
	if c.lookup == nil {
		c.lookup = func(ctx context.Context, host string) ([]netip.Addr, error) {
			return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		}
	}
	c.resolveMap = normalizeResolve(opts.Resolve)
	c.users = hashUsers(opts.Users)
	c.warnings = warnings(opts, allowed)
	c.listenTLS = listenerTLS(opts)
	if opts.Upgrade.Enabled {
		c.upstream = c.upstreamTransport()
	}
	return c, nil
}

func withDefaults(l Limits) Limits {
	l.MaxConns = orDefault(l.MaxConns, DefaultMaxConns)
	l.HeaderTimeout = orDefault(l.HeaderTimeout, DefaultHeaderTimeout)
	l.HelloTimeout = orDefault(l.HelloTimeout, DefaultHelloTimeout)
	l.IdleTimeout = orDefault(l.IdleTimeout, DefaultIdleTimeout)
	l.DialTimeout = orDefault(l.DialTimeout, DefaultDialTimeout)
	return l
}

func orDefault[T int | time.Duration](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}

func normalizeResolve(m map[string]netip.AddrPort) map[string]netip.AddrPort {
	out := make(map[string]netip.AddrPort, len(m))
	for k, v := range m {
		host, port, _ := net.SplitHostPort(k)
		out[net.JoinHostPort(normalizeHost(host), port)] = v
	}
	return out
}

func hashUsers(users map[string]string) map[string][32]byte {
	out := make(map[string][32]byte, len(users))
	for u, p := range users {
		out[u] = sha256.Sum256([]byte(p))
	}
	return out
}

// warnings names every weaker-than-default setting in force.
func warnings(opts Options, allowed []Pattern) []string {
	var w []string
	if opts.Mode == Audit {
		w = append(w, "audit mode: tunnels below the floor are logged and let through")
	}
	w = append(w, opts.Policy.Warnings()...)
	for _, p := range allowed {
		if p.Prefix.IsValid() && p.Prefix.Bits() < wideBits(p.Prefix) {
			w = append(w, fmt.Sprintf("allow %s: a CIDR this wide admits many addresses, special-purpose ones included", p.Prefix))
		}
	}
	if opts.Upgrade.Enabled {
		w = append(w, "upgrade mode: plain-HTTP requests travel unencrypted between client and proxy")
	}
	return w
}

func wideBits(p netip.Prefix) int {
	if p.Addr().Is4() {
		return 8
	}
	return 32
}

// checkOptions validates every field of opts.
func checkOptions(opts Options) error {
	if opts.Mode != Enforce && opts.Mode != Audit {
		return fmt.Errorf("proxy: mode %d is neither enforce nor audit", int(opts.Mode))
	}
	if opts.Allow != nil && len(opts.Allow) == 0 {
		return fmt.Errorf("proxy: allow: an empty list admits no destination (leave it nil for the AWS domains)")
	}
	for i, p := range opts.Allow {
		if err := validPattern(p); err != nil {
			return fmt.Errorf("proxy: allow[%d] %q: %w", i, p, err)
		}
	}
	for _, check := range []func(Options) error{checkResolve, checkUsers, checkTLS, checkUpgrade, checkLimits} {
		if err := check(opts); err != nil {
			return err
		}
	}
	return nil
}

func checkResolve(opts Options) error {
	for k, v := range opts.Resolve {
		host, port, err := net.SplitHostPort(k)
		if err != nil || host == "" || port == "" {
			return fmt.Errorf("proxy: resolve %q: want host:port", k)
		}
		if !v.IsValid() || v.Port() == 0 {
			return fmt.Errorf("proxy: resolve %q: address %v is not ip:port", k, v)
		}
	}
	return nil
}

func checkUsers(opts Options) error {
	for u, p := range opts.Users {
		switch {
		case u == "" || strings.ContainsAny(u, ":\r\n"):
			return fmt.Errorf("proxy: users: user name %q is empty or holds ':' or a line break", u)
		case p == "":
			return fmt.Errorf("proxy: users: user %q has an empty password", u)
		}
	}
	return nil
}

func checkUpgrade(opts Options) error {
	for i, p := range opts.Upgrade.Clients {
		if !p.IsValid() {
			return fmt.Errorf("proxy: upgrade clients[%d]: invalid prefix", i)
		}
	}
	return nil
}

func checkLimits(opts Options) error {
	l := opts.Limits
	if l.MaxConns < 0 {
		return fmt.Errorf("proxy: limits: max conns %d is negative", l.MaxConns)
	}
	timeouts := []struct {
		name string
		d    time.Duration
	}{{"header", l.HeaderTimeout}, {"hello", l.HelloTimeout}, {"idle", l.IdleTimeout}, {"dial", l.DialTimeout}}
	for _, t := range timeouts {
		if t.d < 0 {
			return fmt.Errorf("proxy: limits: %s timeout %v is negative", t.name, t.d)
		}
	}
	return nil
}
