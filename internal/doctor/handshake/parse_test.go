package handshake

import (
	"crypto/tls"
	"slices"
	"strings"
	"testing"
)

func TestAccounts(t *testing.T) {
	tests := []struct {
		name  string
		parse func(string) account
		out   string
		want  account
	}{
		{"curl 7", curlAccount, "* ALPN: server did not agree on a protocol\n* SSL connection using TLSv1.2 / ECDHE-ECDSA-AES128-GCM-SHA256\n",
			account{tls.VersionTLS12, "TLSv1.2 ECDHE-ECDSA-AES128-GCM-SHA256"}},
		{"curl 8", curlAccount, "* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384 / x25519 / RSASSA-PSS\n",
			account{tls.VersionTLS13, "TLSv1.3 TLS_AES_256_GCM_SHA384 x25519"}},
		{"curl failed", curlAccount, "curl: (35) error\n", account{}},
		{"openssl 3.0", opensslAccount, "CONNECTION ESTABLISHED\nProtocol version: TLSv1\nCiphersuite: AES128-SHA\nPeer certificate: CN = 127.0.0.1\n",
			account{tls.VersionTLS10, "TLSv1 AES128-SHA"}},
		{"openssl 3.0 temp key", opensslAccount, "Protocol version: TLSv1.3\nCiphersuite: TLS_AES_128_GCM_SHA256\nServer Temp Key: X25519, 253 bits\n",
			account{tls.VersionTLS13, "TLSv1.3 TLS_AES_128_GCM_SHA256 X25519"}},
		{"openssl 3.5", opensslAccount, "Protocol version: TLSv1.3\nCiphersuite: TLS_AES_128_GCM_SHA256\nNegotiated TLS1.3 group: X25519MLKEM768\n",
			account{tls.VersionTLS13, "TLSv1.3 TLS_AES_128_GCM_SHA256 X25519MLKEM768"}},
		{"probe", probeAccount, "tlsfloor-probe TLSv1.1 TLS_RSA_WITH_AES_128_CBC_SHA -\nHTTP/1.1 200 OK\n",
			account{tls.VersionTLS11, "TLSv1.1 TLS_RSA_WITH_AES_128_CBC_SHA"}},
		{"no probe line", probeAccount, "SSLError: boom\n", account{}},
	}
	for _, tt := range tests {
		if got := tt.parse(tt.out); got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestFailureText(t *testing.T) {
	tests := []struct{ out, want string }{
		{"* Trying 127.0.0.1\ncurl: (35) OpenSSL/3.0.19: error:0A00042E:SSL routines::tlsv1 alert protocol version\n",
			"curl: (35) OpenSSL/3.0.19: error:0A00042E:SSL routines::tlsv1 alert protocol version"},
		{"\n\njust this\n\n", "just this"},
		{"", ""},
		{strings.Repeat("x", 500) + " error", strings.Repeat("x", 300) + "…"},
	}
	for _, tt := range tests {
		if got := failureText(tt.out); got != tt.want {
			t.Errorf("failureText(%q) = %q, want %q", tt.out, got, tt.want)
		}
	}
}

func TestClientEnv(t *testing.T) {
	base := []string{
		"PATH=/usr/bin", "HOME=/home/u", "NODE_OPTIONS=--tls-min-v1.0", "JAVA_TOOL_OPTIONS=-Dx=y",
		"OPENSSL_CONF=/etc/weak.cnf", "LC_ALL=C", "GODEBUG=tls10server=1", "PYENV_ROOT=/p",
		"HTTPS_PROXY=http://proxy:3128", "https_proxy=http://proxy:3128", "AWS_ACCESS_KEY_ID=AKIAREAL",
		"AWS_PROFILE=prod", "SSL_CERT_FILE=/etc/ssl/certs/ca.pem", "CURL_CA_BUNDLE=/x", "SECRET=1",
	}
	env := clientEnv(base, []string{"AWS_CA_BUNDLE=/lab/ca.pem"})
	for _, want := range []string{"PATH=/usr/bin", "HOME=/home/u", "NODE_OPTIONS=--tls-min-v1.0", "JAVA_TOOL_OPTIONS=-Dx=y",
		"OPENSSL_CONF=/etc/weak.cnf", "LC_ALL=C", "GODEBUG=tls10server=1", "PYENV_ROOT=/p",
		"NO_PROXY=127.0.0.1,localhost", "AWS_CA_BUNDLE=/lab/ca.pem"} {
		if !slices.Contains(env, want) {
			t.Errorf("client environment lacks %s", want)
		}
	}
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		if strings.Contains(strings.ToUpper(name), "PROXY") && !strings.EqualFold(name, "NO_PROXY") ||
			name == "AWS_ACCESS_KEY_ID" || name == "AWS_PROFILE" || name == "SSL_CERT_FILE" || name == "CURL_CA_BUNDLE" || name == "SECRET" {
			t.Errorf("client environment leaks %s", kv)
		}
	}
}
