package lab

import (
	"crypto/tls"
	"fmt"
	"strings"
	"testing"
)

// NginxConfig configures an nginx HTTPS server.
type NginxConfig struct {
	// Protocols is ssl_protocols, e.g. "TLSv1.2 TLSv1.3".
	Protocols string
	// Ciphers is ssl_ciphers, the OpenSSL cipher string for TLS 1.2 and
	// below.
	Ciphers string
	// Ciphersuites are the TLS 1.3 suites (ssl_conf_command Ciphersuites);
	// "" keeps OpenSSL's default.
	Ciphersuites string
	// Curves is ssl_ecdh_curve; "" means DefaultGroups.
	Curves string
	// PreferServer is ssl_prefer_server_ciphers.
	PreferServer bool
	// Key is the type of the server's key.
	Key KeyType
}

// Nginx starts Debian's nginx in the foreground on a free 127.0.0.1 port
// with cfg, answering "ok" to every request. Its Expect is derived from
// cfg; DHE suites are left out, as nginx uses none without ssl_dhparam.
func Nginx(t testing.TB, name string, cfg NginxConfig) Server {
	t.Helper()
	bin := need(t, "nginx", "nginx-light")
	if cfg.Curves == "" {
		cfg.Curves = DefaultGroups
	}
	return startConfigured(t, name, cfg.Key, cfg.expect(t), configured{prog: "nginx", conf: cfg.conf,
		argv: func(dir, conf string) []string { return []string{bin, "-e", "stderr", "-p", dir, "-c", conf} }})
}

// conf is the nginx.conf for cfg: one process in the foreground, every
// file under dir.
func (cfg NginxConfig) conf(dir, addr string, p pki) string {
	var b strings.Builder
	fmt.Fprintf(&b, "daemon off;\nmaster_process off;\nworker_processes 1;\npid %s/nginx.pid;\nerror_log stderr notice;\n", dir)
	b.WriteString("events { worker_connections 64; }\nhttp {\n")
	fmt.Fprintf(&b, "  access_log %s/access.log;\n", dir)
	for _, tmp := range []string{"client_body", "proxy", "fastcgi", "uwsgi", "scgi"} {
		fmt.Fprintf(&b, "  %s_temp_path %s/%s;\n", tmp, dir, tmp)
	}
	fmt.Fprintf(&b, "  server {\n    listen %s ssl;\n    server_name localhost;\n", addr)
	fmt.Fprintf(&b, "    ssl_certificate %s;\n    ssl_certificate_key %s;\n", p.cert, p.key)
	fmt.Fprintf(&b, "    ssl_protocols %s;\n    ssl_ciphers '%s';\n    ssl_ecdh_curve %s;\n", cfg.Protocols, cfg.Ciphers, cfg.Curves)
	fmt.Fprintf(&b, "    ssl_prefer_server_ciphers %s;\n", onOff(cfg.PreferServer))
	if cfg.Ciphersuites != "" {
		fmt.Fprintf(&b, "    ssl_conf_command Ciphersuites %s;\n", cfg.Ciphersuites)
	}
	b.WriteString("    location / { return 200 \"ok\\n\"; }\n  }\n}\n")
	return b.String()
}

// onOff spells a bool as nginx does.
func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// expect derives what nginx with cfg accepts.
func (cfg NginxConfig) expect(t testing.TB) Expect {
	t.Helper()
	e := Expect{Versions: parseProtocols(t, cfg.Protocols), ServerPref: cfg.PreferServer}
	e.Suites = opensslSuites(t, e.Versions, cipherConfig{cipher: cfg.Ciphers, ciphersuites: cfg.Ciphersuites, key: cfg.Key, noDHE: true})
	e.Groups13, e.Groups12 = opensslGroups(t, cfg.Curves, e.Versions)
	return e
}

// parseProtocols turns "TLSv1 TLSv1.2" into versions, lowest first.
func parseProtocols(t testing.TB, list string) []uint16 {
	t.Helper()
	var vs []uint16
	for _, v := range versionRange(SSL30, tls.VersionTLS13) {
		if strings.Contains(" "+list+" ", " "+VersionName(v)+" ") {
			vs = append(vs, v)
		}
	}
	if len(vs) == 0 {
		t.Fatalf("lab: no protocol in %q", list)
	}
	return vs
}

// NginxModern accepts TLS 1.2 and 1.3 with ECDHE AEAD suites, two TLS 1.3
// suites, X25519 and P-256, and an RSA key, picking suites by its own
// order.
func NginxModern(t testing.TB) Server {
	return Nginx(t, "nginx-modern", NginxConfig{
		Protocols: "TLSv1.2 TLSv1.3", Ciphers: "ECDHE+AESGCM:ECDHE+CHACHA20",
		Ciphersuites: "TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256",
		Curves:       "X25519:P-256", PreferServer: true, Key: RSA,
	})
}

// NginxLegacy accepts TLS 1.0 to 1.2 at security level 0 with OpenSSL's
// default suites, letting the client's order decide.
func NginxLegacy(t testing.TB) Server {
	return Nginx(t, "nginx-legacy", NginxConfig{
		Protocols: "TLSv1 TLSv1.1 TLSv1.2", Ciphers: "DEFAULT:@SECLEVEL=0", Key: RSA,
	})
}
