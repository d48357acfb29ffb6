package config

import (
	"bufio"
	"bytes"
	"errors"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/internal/proxy"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
)

func mustPattern(t *testing.T, s string) proxy.Pattern {
	t.Helper()
	p, err := proxy.ParsePattern(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadFull(t *testing.T) {
	f, err := Load("testdata/good/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := &File{
		Path:    "testdata/good/full.yaml",
		Listen:  "127.0.0.1:13128",
		Metrics: "127.0.0.1:19810",
		Mode:    proxy.Audit,
		Floor:   "1.3",
		Allow: []proxy.Pattern{
			mustPattern(t, "*.amazonaws.com"), mustPattern(t, "sts.us-east-1.amazonaws.com"), mustPattern(t, "10.20.0.0/16"),
		},
		Resolve: map[string]netip.AddrPort{
			"sts.eu-west-1.amazonaws.com:443": netip.MustParseAddrPort("10.20.1.5:443"),
			"kms.eu-west-1.amazonaws.com:443": netip.MustParseAddrPort("[2001:db8::5]:443"),
		},
		UsersFile: filepath.Join("testdata", "good", "users.txt"),
		Upgrade: proxy.Upgrade{Enabled: true, Clients: []netip.Prefix{
			netip.MustParsePrefix("10.1.0.0/16"), netip.MustParsePrefix("::1/128"),
		}},
		UpgradeCA: "/etc/tlsfloor/upstream-ca.pem",
		TLS: TLSFiles{
			CertFile:     filepath.Join("testdata", "good", "proxy.pem"),
			KeyFile:      "/etc/tlsfloor/proxy-key.pem",
			ClientCAFile: filepath.Join("testdata", "good", "clients.pem"),
		},
		Limits: proxy.Limits{
			MaxConns: 100, HeaderTimeout: 2 * time.Second, HelloTimeout: 3 * time.Second,
			IdleTimeout: time.Minute, DialTimeout: 4 * time.Second,
		},
		DrainTimeout: 0,
	}
	if diff := cmp.Diff(want, f, cmpopts.IgnoreUnexported(File{}), cmp.Comparer(func(a, b netip.Prefix) bool { return a == b }),
		cmp.Comparer(func(a, b netip.AddrPort) bool { return a == b })); diff != "" {
		t.Errorf("Load (-want +got):\n%s", diff)
	}
	if got := f.Line("limits.idle_timeout"); got != 22 {
		t.Errorf("Line(limits.idle_timeout) = %d, want 22", got)
	}
	if got := f.Line("listen"); got != 2 {
		t.Errorf("Line(listen) = %d, want 2", got)
	}
}

func TestLoadDefaults(t *testing.T) {
	for _, name := range []string{"testdata/good/empty.yaml", "testdata/good/minimal.yaml"} {
		f, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		if f.Listen != DefaultListen || f.DrainTimeout != DefaultDrainTimeout || f.Mode != proxy.Enforce || f.Allow != nil || f.Metrics != "" {
			t.Errorf("%s: defaults not kept: %+v", name, f)
		}
	}
}

func TestLoadAliases(t *testing.T) {
	f, err := Load("testdata/good/aliases.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if f.Limits.HeaderTimeout != 7*time.Second || f.Limits.HelloTimeout != 7*time.Second {
		t.Errorf("limits = %+v, want both timeouts 7s", f.Limits)
	}
}

// TestLoadErrors checks each file under testdata/bad against the error its
// first line announces ("# want: ...").
func TestLoadErrors(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/bad files: %v", err)
	}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			want := wantLine(t, name)
			f, err := Load(name)
			if err == nil {
				t.Fatalf("Load accepted it: %+v", f)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Errorf("error %v (%T) is not an *Error", err, err)
			}
			if err.Error() != want {
				t.Errorf("error\n got: %s\nwant: %s", err, want)
			}
		})
	}
}

func wantLine(t *testing.T, name string) string {
	t.Helper()
	fh, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Scan()
	want, ok := strings.CutPrefix(sc.Text(), "# want: ")
	if !ok {
		t.Fatalf("%s: first line does not start with # want:", name)
	}
	return want
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load("testdata/does-not-exist.yaml")
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "testdata/does-not-exist.yaml") {
		t.Errorf("Load of a missing file: %v, want a not-exist error naming it", err)
	}
}

func TestLoadTooLarge(t *testing.T) {
	name := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(name, []byte("# "+strings.Repeat("x", maxFileSize)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(name)
	if err == nil || !strings.Contains(err.Error(), name+": larger than") {
		t.Errorf("Load of an oversized file: %v", err)
	}
}

func TestOptions(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "users.txt"), "alice:s3cret\n", 0o600)
	cfg := filepath.Join(dir, "proxy.yaml")
	writeFile(t, cfg, "mode: audit\nfloor: pq\nallow: [10.0.0.0/8]\nusers_file: users.txt\nlimits: {max_conns: 9}\n", 0o600)
	f, err := Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	opts, err := f.Options()
	if err != nil {
		t.Fatal(err)
	}
	want := proxy.Options{
		Mode:   proxy.Audit,
		Policy: tlsfloor.PostQuantum,
		Allow:  []proxy.Pattern{mustPattern(t, "10.0.0.0/8")},
		Users:  map[string]string{"alice": "s3cret"},
		Limits: proxy.Limits{MaxConns: 9},
	}
	if diff := cmp.Diff(want, opts, cmpopts.IgnoreUnexported(tlsfloor.Policy{}), cmp.Comparer(func(a, b netip.Prefix) bool { return a == b })); diff != "" {
		t.Errorf("Options (-want +got):\n%s", diff)
	}
	if opts.Policy.String() != tlsfloor.PostQuantum.String() {
		t.Errorf("policy %s, want %s", opts.Policy, tlsfloor.PostQuantum)
	}
}

func TestOptionsUpgradeCA(t *testing.T) {
	dir := t.TempDir()
	ca := testpki.New(t)
	_, _, caFile := ca.Files(t, ca.Leaf(t, testpki.ECDSA))
	f := Defaults()
	f.UpgradeCA = caFile
	opts, err := f.Options()
	if err != nil || opts.RootCAs == nil || !opts.RootCAs.Equal(ca.Pool()) {
		t.Fatalf("Options with upgrade CA: RootCAs %v, %v", opts.RootCAs, err)
	}
	f.UpgradeCA = filepath.Join(dir, "empty.pem")
	writeFile(t, f.UpgradeCA, "not pem\n", 0o600)
	if _, err := f.Options(); err == nil || err.Error() != f.UpgradeCA+": no PEM certificate" {
		t.Errorf("Options with a CA file without certificates: %v", err)
	}
}

// TestOptionsTLS reads a real certificate, key and client CA, and names
// the file at fault when one is wrong.
func TestOptionsTLS(t *testing.T) {
	ca, clients := testpki.New(t), testpki.New(t)
	leaf := ca.Leaf(t, testpki.ECDSA)
	certFile, keyFile, _ := ca.Files(t, leaf)
	_, _, clientCA := clients.Files(t, clients.Leaf(t, testpki.ECDSA))
	otherCert, _, _ := ca.Files(t, ca.Leaf(t, testpki.ECDSA))
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "not.pem")
	writeFile(t, notPEM, "not pem\n", 0o600)

	f := Defaults()
	f.TLS = TLSFiles{CertFile: certFile, KeyFile: keyFile, ClientCAFile: clientCA}
	opts, err := f.Options()
	if err != nil {
		t.Fatal(err)
	}
	if opts.Certificate == nil || !bytes.Equal(opts.Certificate.Certificate[0], leaf.Certificate[0]) || !opts.ClientCAs.Equal(clients.Pool()) {
		t.Errorf("Options did not load the TLS files: certificate %v, client CAs %v", opts.Certificate != nil, opts.ClientCAs)
	}
	if _, err := proxy.New(opts, nil); err != nil {
		t.Errorf("proxy.New with the TLS files: %v", err)
	}
	tests := []struct {
		files TLSFiles
		err   string
	}{
		{TLSFiles{CertFile: otherCert, KeyFile: keyFile}, otherCert + ": with key file " + keyFile + ": tls: private key does not match public key"},
		{TLSFiles{CertFile: notPEM, KeyFile: keyFile}, notPEM + ": with key file " + keyFile + ": tls: failed to find any PEM data in certificate input"},
		{TLSFiles{CertFile: filepath.Join(dir, "missing.pem"), KeyFile: keyFile}, "tls cert file: open " + filepath.Join(dir, "missing.pem") + ": no such file or directory"},
		{TLSFiles{CertFile: certFile, KeyFile: keyFile, ClientCAFile: notPEM}, notPEM + ": no PEM certificate"},
		{TLSFiles{CertFile: certFile}, "tls: cert_file and key_file (--tls-cert, --tls-key) go together: give both or neither"},
		{TLSFiles{ClientCAFile: clientCA}, "tls: client_ca_file (--client-ca) needs cert_file and key_file: client certificates are asked for over TLS only"},
	}
	for _, tt := range tests {
		f.TLS = tt.files
		if _, err := f.Options(); err == nil || err.Error() != tt.err {
			t.Errorf("Options with %+v:\n got %v\nwant %s", tt.files, err, tt.err)
		}
	}
}

func TestOptionsBadUsersFile(t *testing.T) {
	dir := t.TempDir()
	users := filepath.Join(dir, "users.txt")
	writeFile(t, users, "# ok\nalice:one\nbob\n", 0o600)
	f := Defaults()
	f.UsersFile = users
	_, err := f.Options()
	if err == nil || err.Error() != users+":3: want name:password" {
		t.Errorf("Options with a bad users file: %v", err)
	}
	f.UsersFile = filepath.Join(dir, "missing.txt")
	if _, err := f.Options(); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Options with a missing users file: %v", err)
	}
}

func TestParseUsers(t *testing.T) {
	tests := []struct {
		in, err string
		want    map[string]string
	}{
		{in: "alice:a\n  bob:b:c  \n\n# carol:x\n", want: map[string]string{"alice": "a", "bob": "b:c"}},
		{in: "alice:a\nalice:b\n", err: `u.txt:2: user "alice" given twice`},
		{in: ":pw\n", err: "u.txt:1: empty user name"},
		{in: "alice:\n", err: `u.txt:1: empty password for "alice"`},
		{in: "# nobody\n", err: "u.txt: no users (want name:password lines)"},
		{in: "", err: "u.txt: no users (want name:password lines)"},
	}
	for _, tt := range tests {
		got, err := ParseUsers("u.txt", []byte(tt.in))
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseUsers(%q) error %v, want %s", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseUsers(%q): %v", tt.in, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseUsers(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestWarnings(t *testing.T) {
	dir := t.TempDir()
	open := filepath.Join(dir, "users.txt")
	writeFile(t, open, "alice:a\n", 0o644)
	tests := []struct {
		name string
		edit func(*File)
		want []string // substrings, one per warning, in order
	}{
		{name: "defaults", edit: func(*File) {}},
		{name: "audit", edit: func(f *File) { f.Mode = proxy.Audit }, want: []string{"audit mode"}},
		{name: "upgrade", edit: func(f *File) { f.Upgrade.Enabled = true }, want: []string{"upgrade mode: loopback clients"}},
		{name: "upgrade clients", edit: func(f *File) {
			f.Upgrade = proxy.Upgrade{Enabled: true, Clients: []netip.Prefix{netip.MustParsePrefix("10.1.0.0/16")}}
		}, want: []string{"upgrade mode: clients in 10.1.0.0/16"}},
		{name: "upgrade clients unused", edit: func(f *File) {
			f.Upgrade.Clients = []netip.Prefix{netip.MustParsePrefix("10.1.0.0/16")}
		}, want: []string{"upgrade mode is off"}},
		{name: "all interfaces", edit: func(f *File) { f.Listen = ":3128" }, want: []string{"listening on :3128, not a loopback address: every client that reaches it can use the proxy, without authentication"}},
		{name: "public address", edit: func(f *File) { f.Listen = "192.0.2.1:3128" }, want: []string{"listening on 192.0.2.1:3128"}},
		{name: "localhost", edit: func(f *File) { f.Listen = "localhost:3128"; f.Metrics = "[::1]:9810" }},
		{name: "metrics", edit: func(f *File) { f.Metrics = "0.0.0.0:9810" }, want: []string{"metrics on 0.0.0.0:9810"}},
		{name: "special allow", edit: func(f *File) {
			f.Allow = []proxy.Pattern{mustPattern(t, "*.amazonaws.com"), mustPattern(t, "169.254.169.254"), mustPattern(t, "203.0.112.0/23"), mustPattern(t, "10.20.0.0/16")}
		}, want: []string{"allow 169.254.169.254/32 admits special-purpose addresses: link-local (cloud instance metadata lives here)",
			"allow 203.0.112.0/23 admits special-purpose addresses: documentation (TEST-NET-3)", "allow 10.20.0.0/16 admits special-purpose addresses: private (RFC 1918)"}},
		{name: "mapped allow", edit: func(f *File) {
			f.Allow = []proxy.Pattern{mustPattern(t, "::ffff:10.0.0.0/104"), mustPattern(t, "fd00:ec2::254")}
		}, want: []string{"allow ::ffff:10.0.0.0/104 admits special-purpose addresses: private (RFC 1918)",
			"allow fd00:ec2::254/128 admits special-purpose addresses: unique local (private)"}},
		{name: "everything", edit: func(f *File) { f.Allow = []proxy.Pattern{mustPattern(t, "0.0.0.0/0")} },
			want: []string{"allow 0.0.0.0/0 admits special-purpose addresses: broadcast, this network (unspecified), private (RFC 1918), shared address space (CGNAT, RFC 6598), loopback, link-local"}},
		{name: "public allow", edit: func(f *File) { f.Allow = []proxy.Pattern{mustPattern(t, "52.94.0.0/16")} }},
		{name: "users readable", edit: func(f *File) { f.UsersFile = open }, want: []string{"users file " + open + " can be read or written by other users (mode 0644)"}},
		{name: "key readable", edit: func(f *File) { f.TLS.KeyFile = open }, want: []string{"TLS key file " + open + " can be read or written by other users (mode 0644)"}},
		{name: "listening with client certificates", edit: func(f *File) {
			f.Listen, f.UsersFile, f.TLS.ClientCAFile = "10.0.0.5:3128", filepath.Join(dir, "users-private.txt"), "clients.pem"
		}, want: []string{"listening on 10.0.0.5:3128, not a loopback address: every client that reaches it can use the proxy, with certificates from clients.pem and the users of " + filepath.Join(dir, "users-private.txt")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Defaults()
			tt.edit(f)
			got := f.Warnings()
			if len(got) != len(tt.want) {
				t.Fatalf("Warnings() = %q, want %d warnings like %q", got, len(tt.want), tt.want)
			}
			for i := range got {
				if !strings.Contains(got[i].Text, tt.want[i]) {
					t.Errorf("warning %d = %q, want it to contain %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestParseValues(t *testing.T) {
	for _, s := range []string{"1.2", "TLS1.3", "pq", "post-quantum"} {
		if _, err := ParseFloor(s); err != nil {
			t.Errorf("ParseFloor(%q): %v", s, err)
		}
	}
	if m, err := ParseMode("AUDIT"); err != nil || m != proxy.Audit || ModeName(m) != "audit" {
		t.Errorf("ParseMode(AUDIT) = %v, %v", m, err)
	}
	for _, s := range []string{"127.0.0.1:0", "[::1]:3128", ":3128", "localhost:1"} {
		if err := CheckAddr(s); err != nil {
			t.Errorf("CheckAddr(%q): %v", s, err)
		}
	}
	for _, s := range []string{"127.0.0.1", "example.com:80", "127.0.0.1:http", "[::1]:70000"} {
		if err := CheckAddr(s); err == nil {
			t.Errorf("CheckAddr(%q) accepted it", s)
		}
	}
	key, ap, err := ParseResolve("STS.amazonaws.com:443:[::1]")
	if err != nil || key != "sts.amazonaws.com:443" || ap != netip.MustParseAddrPort("[::1]:443") {
		t.Errorf("ParseResolve = %q, %v, %v", key, ap, err)
	}
	if _, _, err := ParseResolve("a.example:443:10.0.0.1,10.0.0.2"); err == nil {
		t.Error("ParseResolve accepted two addresses")
	}
}

func writeFile(t *testing.T, name, content string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(name, mode); err != nil { // past the umask
		t.Fatal(err)
	}
}
