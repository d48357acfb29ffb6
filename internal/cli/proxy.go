package cli

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/proxy"
	"github.com/tlsfloor/tlsfloor/internal/proxy/config"
)

// proxyCommand returns the proxy command.
func proxyCommand() *Command {
	return &Command{
		Name:    "proxy",
		Summary: "run an HTTP CONNECT proxy that refuses TLS below the floor",
		Usage: `Usage: tlsfloor proxy [flags]

Proxy is an HTTP CONNECT egress proxy that holds the TLS floor on the
network, for clients that cannot be changed. It reads each tunnel's
ClientHello (across records; the highest supported_versions entry counts,
not the record version) and the server's reply, and refuses a tunnel below
--floor with a TLS protocol_version alert (--mode enforce, the default), or
logs it and lets it through (--mode audit).

Destinations must match --allow: by default the AWS domains of every
partition (*.amazonaws.com, *.api.aws, ...). Names are resolved and checked
at dial time: loopback, private, link-local (169.254.169.254) and the other
special-purpose addresses are refused unless an --allow CIDR covers them.
The proxy listens on 127.0.0.1:3128 unless told otherwise; --users-file
requires Proxy-Authorization: Basic. With --tls-cert and --tls-key it is
an HTTPS proxy: clients reach it over TLS 1.2 or later (whatever --floor
says about the tunnels), as curl does with --proxy https://HOST:PORT and
--proxy-cacert; --client-ca then requires a client certificate from one of
its CAs (curl --proxy-cert and --proxy-key), whose Subject CN, else first
subject alternative name, is logged as the client's identity. With
--users-file too, a client needs both. Each decision is one JSON line on
standard error (a ClientHello whose SNI differs from the CONNECT host is
let through, with sni_mismatch true); --metrics serves Prometheus metrics
at /metrics on a listener of its own.

Every tunnel holds up to 6 file descriptors (two sockets and a splice pipe
each way), so --max-conns 4096, the default, needs about 24,600 open files.
At start the proxy raises its soft RLIMIT_NOFILE as far as that needs, up to
the hard limit, and warns with the --max-conns that fits when the hard
limit is lower (raise it with ulimit -Hn or systemd's LimitNOFILE=).

--upgrade serves clients that cannot speak TLS 1.2 at all: they send
plain-HTTP proxy requests (GET http://sts.us-east-1.amazonaws.com/...) and
the proxy sends them upstream over TLS under --floor, host and path
unchanged, so SigV4 signatures still verify. Between client and proxy such
requests, and the answers, travel in plain text: run the proxy on the
client's host. Only loopback clients may use it unless --upgrade-client
names more.

--config reads the same settings from a YAML file (keys listen, metrics,
mode, floor, allow, resolve, users_file, tls: {cert_file, key_file,
client_ca_file}, upgrade: {enabled, clients, ca_file}, limits: {max_conns,
header_timeout, hello_timeout, idle_timeout, dial_timeout}, drain_timeout);
flags given override it. SIGHUP reloads the file, the users file and the
TLS files: a file with any error is rejected whole, the error logged, and
the running settings kept. SIGTERM or SIGINT stops accepting and waits up
to --drain-timeout for open tunnels. Settings weaker than the
default (audit mode, upgrade mode, a non-loopback listener, an --allow CIDR
over special-purpose addresses) are warned about.

Example:

	$ tlsfloor proxy --mode audit      # log who is below the floor; refuse no one yet
	$ HTTPS_PROXY=http://127.0.0.1:3128 aws sts get-caller-identity
	$ tlsfloor proxy --config /etc/tlsfloor/proxy.yaml --metrics 127.0.0.1:9810
	$ kill -HUP "$(pidof tlsfloor)"    # reload /etc/tlsfloor/proxy.yaml
	$ tlsfloor proxy --listen 10.0.0.5:3128 --tls-cert proxy.pem --tls-key proxy-key.pem --client-ca clients.pem
	$ curl --proxy https://10.0.0.5:3128 --proxy-cacert ca.pem --proxy-cert me.pem --proxy-key me-key.pem https://sts.amazonaws.com/
`,
		Setup: setupProxy,
	}
}

// proxyFlags are proxy's flags. Their values land in flagged; only the
// flags given are copied over the configuration file's values.
type proxyFlags struct {
	fs         *flag.FlagSet
	configPath string
	flagged    config.File
}

func setupProxy(fs *flag.FlagSet) RunFunc { return newProxyFlags(fs).run }

// newProxyFlags registers proxy's flags on fs.
func newProxyFlags(fs *flag.FlagSet) *proxyFlags {
	pf := &proxyFlags{fs: fs, flagged: *config.Defaults()}
	f := &pf.flagged
	fs.StringVar(&pf.configPath, "config", "", "read settings from the YAML `file`; flags given override it; SIGHUP reloads it")
	fs.Var(checked(&f.Listen, config.CheckAddr), "listen", "accept clients on `addr` (host:port)")
	fs.Var(checked(&f.Metrics, config.CheckAddr), "metrics", "serve Prometheus metrics at http://`addr`/metrics (default off)")
	fs.Var(&modeValue{&f.Mode}, "mode", "enforce (refuse tunnels below the floor) or audit (log them, let them through): the `mode`")
	fs.Var(&floorValue{&f.Floor}, "floor", "hold tunnels to the TLS `floor`: 1.2, 1.3 or pq")
	fs.Var(&allowValue{dst: &f.Allow}, "allow", "allow destinations matching `pattern` (host, *.suffix or CIDR; repeatable; replaces the AWS domains)")
	fs.Var(&resolveValue{&f.Resolve}, "resolve", "dial `host:port:addr` for host:port, as curl does (repeatable)")
	fs.StringVar(&f.UsersFile, "users-file", "", "require Proxy-Authorization: Basic from the name:password lines of `file`")
	fs.StringVar(&f.TLS.CertFile, "tls-cert", "", "listen with TLS (an HTTPS proxy), with the PEM certificate chain in `file`")
	fs.StringVar(&f.TLS.KeyFile, "tls-key", "", "read the private key of --tls-cert from the PEM `file`")
	fs.StringVar(&f.TLS.ClientCAFile, "client-ca", "", "require client certificates from the CAs in the PEM `file` (needs --tls-cert)")
	fs.BoolVar(&f.Upgrade.Enabled, "upgrade", false, "serve plain-HTTP requests by sending them upstream over TLS (weaker; see above)")
	fs.Var(&prefixList{&f.Upgrade.Clients}, "upgrade-client", "let clients in `cidr` use upgrade mode (repeatable; default loopback clients only)")
	fs.StringVar(&f.UpgradeCA, "upgrade-ca", "", "verify upgrade mode's upstream servers against the PEM `file` instead of the system roots")
	setupProxyLimits(fs, f)
	return pf
}

// setupProxyLimits registers the limit flags; zero keeps the proxy's
// default for each.
func setupProxyLimits(fs *flag.FlagSet, f *config.File) {
	fs.IntVar(&f.Limits.MaxConns, "max-conns", 0, "accept at most `n` client connections at once (0: "+strconv.Itoa(proxy.DefaultMaxConns)+")")
	fs.DurationVar(&f.Limits.HeaderTimeout, "header-timeout", 0, "give a client `duration` to send its CONNECT request (0: "+proxy.DefaultHeaderTimeout.String()+")")
	fs.DurationVar(&f.Limits.HelloTimeout, "hello-timeout", 0, "give a client `duration` to send its ClientHello (0: "+proxy.DefaultHelloTimeout.String()+")")
	fs.DurationVar(&f.Limits.IdleTimeout, "idle-timeout", 0, "close a tunnel idle both ways for `duration` (0: "+proxy.DefaultIdleTimeout.String()+")")
	fs.DurationVar(&f.Limits.DialTimeout, "dial-timeout", 0, "give up connecting to a destination after `duration` (0: "+proxy.DefaultDialTimeout.String()+")")
	fs.DurationVar(&f.DrainTimeout, "drain-timeout", config.DefaultDrainTimeout, "on SIGTERM or SIGINT, wait up to `duration` for open tunnels")
}

// proxyFlagFields copy each flag's value from the flags to a File.
var proxyFlagFields = map[string]func(dst, src *config.File){
	"listen":         func(d, s *config.File) { d.Listen = s.Listen },
	"metrics":        func(d, s *config.File) { d.Metrics = s.Metrics },
	"mode":           func(d, s *config.File) { d.Mode = s.Mode },
	"floor":          func(d, s *config.File) { d.Floor = s.Floor },
	"allow":          func(d, s *config.File) { d.Allow = s.Allow },
	"resolve":        func(d, s *config.File) { d.Resolve = s.Resolve },
	"users-file":     func(d, s *config.File) { d.UsersFile = s.UsersFile },
	"tls-cert":       func(d, s *config.File) { d.TLS.CertFile = s.TLS.CertFile },
	"tls-key":        func(d, s *config.File) { d.TLS.KeyFile = s.TLS.KeyFile },
	"client-ca":      func(d, s *config.File) { d.TLS.ClientCAFile = s.TLS.ClientCAFile },
	"upgrade":        func(d, s *config.File) { d.Upgrade.Enabled = s.Upgrade.Enabled },
	"upgrade-client": func(d, s *config.File) { d.Upgrade.Clients = s.Upgrade.Clients },
	"upgrade-ca":     func(d, s *config.File) { d.UpgradeCA = s.UpgradeCA },
	"max-conns":      func(d, s *config.File) { d.Limits.MaxConns = s.Limits.MaxConns },
	"header-timeout": func(d, s *config.File) { d.Limits.HeaderTimeout = s.Limits.HeaderTimeout },
	"hello-timeout":  func(d, s *config.File) { d.Limits.HelloTimeout = s.Limits.HelloTimeout },
	"idle-timeout":   func(d, s *config.File) { d.Limits.IdleTimeout = s.Limits.IdleTimeout },
	"dial-timeout":   func(d, s *config.File) { d.Limits.DialTimeout = s.Limits.DialTimeout },
	"drain-timeout":  func(d, s *config.File) { d.DrainTimeout = s.DrainTimeout },
}

// load reads the configuration file, if any, puts the flags given on top,
// and returns the result with the proxy options it sets.
func (pf *proxyFlags) load() (*config.File, proxy.Options, error) {
	cfg := config.Defaults()
	if pf.configPath != "" {
		var err error
		if cfg, err = config.Load(pf.configPath); err != nil {
			return nil, proxy.Options{}, err
		}
	}
	pf.fs.Visit(func(fl *flag.Flag) {
		if copyField := proxyFlagFields[fl.Name]; copyField != nil {
			copyField(cfg, &pf.flagged)
		}
	})
	opts, err := cfg.Options()
	return cfg, opts, err
}

func (pf *proxyFlags) run(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		return Usagef("proxy takes no arguments, got %q", args[0])
	}
	if err := pf.checkDurations(); err != nil {
		return err
	}
	cfg, opts, err := pf.load()
	if err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(env.Stderr, nil))
	warnWeaker(env, log, cfg)
	checkOpenFiles(env, log, maxConns(opts))
	srv, err := proxy.New(opts, log)
	if err != nil {
		return err
	}
	d := &proxyDaemon{flags: pf, env: env, log: log, srv: srv, cfg: cfg, opts: opts}
	return d.run(ctx)
}

// maxConns is the connection cap opts set.
func maxConns(opts proxy.Options) int {
	return cmp.Or(opts.Limits.MaxConns, proxy.DefaultMaxConns)
}

// checkDurations refuses negative durations and limits from the flags,
// which the flag package accepts.
func (pf *proxyFlags) checkDurations() error {
	f := &pf.flagged
	for name, d := range map[string]time.Duration{
		"header-timeout": f.Limits.HeaderTimeout, "hello-timeout": f.Limits.HelloTimeout,
		"idle-timeout": f.Limits.IdleTimeout, "dial-timeout": f.Limits.DialTimeout, "drain-timeout": f.DrainTimeout,
	} {
		if d < 0 {
			return Usagef("--%s %v: want 0 or a positive duration", name, d)
		}
	}
	if f.Limits.MaxConns < 0 {
		return Usagef("--max-conns %d: want 0 or more", f.Limits.MaxConns)
	}
	return nil
}

// warnWeaker warns, on standard error and in the log, about every setting
// weaker than the default.
func warnWeaker(env *Env, log *slog.Logger, cfg *config.File) {
	for _, w := range cfg.Warnings() {
		env.Warningf("%s", w.Text)
	}
	logWeaker(log, cfg)
}

// logWeaker logs the settings weaker than the default that the proxy
// engine does not log itself: it logs audit and upgrade mode when it
// starts and reloads.
func logWeaker(log *slog.Logger, cfg *config.File) {
	for _, w := range cfg.Warnings() {
		if w.Key != "mode" && w.Key != "upgrade" {
			log.Warn("weaker than the default", "key", w.Key, proxy.FieldWarning, w.Text)
		}
	}
}

// proxyDaemon is a running proxy: its listeners, its signals, and the
// configuration in force.
type proxyDaemon struct {
	flags   *proxyFlags
	env     *Env
	log     *slog.Logger
	srv     *proxy.Server
	cfg     *config.File
	opts    proxy.Options
	metrics *http.Server
}

// run listens, serves until ctx is cancelled or serving fails, reloads on
// SIGHUP, and drains on the way out.
func (d *proxyDaemon) run(ctx context.Context) error {
	ln, err := net.Listen("tcp", d.cfg.Listen)
	if err != nil {
		return err
	}
	if err := d.startMetrics(); err != nil {
		ln.Close()
		return err
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	served := make(chan error, 1)
	go func() { served <- d.srv.Serve(ln) }()
	d.log.Info("listening", "addr", ln.Addr().String(), "tls", d.cfg.TLS.CertFile != "", "client_certs", d.cfg.TLS.ClientCAFile != "",
		"mode", config.ModeName(d.cfg.Mode), "floor", d.cfg.Floor.String(), "config", d.flags.configPath)
	return d.loop(ctx, hup, served)
}

func (d *proxyDaemon) loop(ctx context.Context, hup <-chan os.Signal, served <-chan error) error {
	for {
		select {
		case <-ctx.Done():
			d.shutdown()
			return nil
		case <-hup:
			d.reload()
		case err := <-served:
			d.shutdown()
			return fmt.Errorf("serving: %w", err)
		}
	}
}

// startMetrics starts the metrics listener, if one is configured.
func (d *proxyDaemon) startMetrics() error {
	if d.cfg.Metrics == "" {
		return nil
	}
	ln, err := net.Listen("tcp", d.cfg.Metrics)
	if err != nil {
		return fmt.Errorf("metrics: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", d.srv.Metrics())
	d.metrics = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(d.log.Handler(), slog.LevelWarn)}
	go d.metrics.Serve(ln)
	d.log.Info("metrics listening", "addr", ln.Addr().String())
	return nil
}

// reload reads the configuration again and hands it to the server; a
// configuration with any error is rejected whole and the running one kept.
// The listeners stay where they are until a restart.
func (d *proxyDaemon) reload() {
	path := d.flags.configPath
	cfg, opts, err := d.flags.load()
	if err == nil {
		err = d.srv.Reload(opts)
	}
	if err != nil {
		d.log.Error("reload rejected; the running configuration is kept", "config", path, "error", err.Error())
		return
	}
	d.keepListeners(cfg)
	logWeaker(d.log, cfg)
	if maxConns(opts) != maxConns(d.opts) {
		checkOpenFiles(d.env, d.log, maxConns(opts))
	}
	d.cfg, d.opts = cfg, opts
	d.log.Info("reloaded", "config", path, "mode", config.ModeName(cfg.Mode), "floor", cfg.Floor.String())
}

// keepListeners keeps the running listen and metrics addresses in cfg,
// saying so when the new configuration names others.
func (d *proxyDaemon) keepListeners(cfg *config.File) {
	for _, l := range []struct {
		key       string
		old, next *string
	}{{"listen", &d.cfg.Listen, &cfg.Listen}, {"metrics", &d.cfg.Metrics, &cfg.Metrics}} {
		if *l.old != *l.next {
			d.log.Warn("address change takes effect after a restart", "key", l.key, "addr", *l.old, "new_addr", *l.next)
			*l.next = *l.old
		}
	}
}

// shutdown stops accepting and waits up to the drain timeout for open
// tunnels, then closes what is left.
func (d *proxyDaemon) shutdown() {
	timeout := d.cfg.DrainTimeout
	d.log.Info("draining", "drain_timeout", timeout.String())
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	err := d.srv.Shutdown(ctx)
	if d.metrics != nil {
		d.metrics.Close()
	}
	if err != nil && !errors.Is(err, proxy.ErrServerClosed) {
		d.log.Warn("drain timeout passed; open tunnels were closed", "error", err.Error())
	}
	d.log.Info("stopped")
}

// checkedValue is a string flag that check accepts.
type checkedValue struct {
	p     *string
	check func(string) error
}

func checked(p *string, check func(string) error) *checkedValue { return &checkedValue{p, check} }

func (v *checkedValue) String() string {
	if v.p == nil {
		return ""
	}
	return *v.p
}

func (v *checkedValue) Set(s string) error {
	if err := v.check(s); err != nil {
		return err
	}
	*v.p = s
	return nil
}

// modeValue is --mode.
type modeValue struct{ p *proxy.Mode }

func (v *modeValue) String() string {
	if v.p == nil {
		return ""
	}
	return config.ModeName(*v.p)
}

func (v *modeValue) Set(s string) (err error) {
	*v.p, err = config.ParseMode(s)
	return err
}

// floorValue is --floor.
type floorValue struct{ p *config.Floor }

func (v *floorValue) String() string {
	if v.p == nil {
		return ""
	}
	return v.p.String()
}

func (v *floorValue) Set(s string) (err error) {
	*v.p, err = config.ParseFloor(s)
	return err
}

// allowValue is the repeatable --allow: the first one replaces the default
// list.
type allowValue struct{ dst *[]proxy.Pattern }

func (v *allowValue) String() string { return "" }

func (v *allowValue) Set(s string) error {
	p, err := proxy.ParsePattern(s)
	if err != nil {
		return err
	}
	*v.dst = append(*v.dst, p)
	return nil
}

// resolveValue is the repeatable --resolve.
type resolveValue struct{ m *map[string]netip.AddrPort }

func (v *resolveValue) String() string { return "" }

func (v *resolveValue) Set(s string) error {
	key, ap, err := config.ParseResolve(s)
	if err != nil {
		return err
	}
	if *v.m == nil {
		*v.m = map[string]netip.AddrPort{}
	}
	(*v.m)[key] = ap
	return nil
}

// prefixList is a repeatable CIDR flag.
type prefixList struct{ dst *[]netip.Prefix }

func (v *prefixList) String() string { return "" }

func (v *prefixList) Set(s string) error {
	p, err := config.ParsePrefix(s)
	if err == nil {
		*v.dst = append(*v.dst, p)
	}
	return err
}
