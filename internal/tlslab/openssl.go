package tlslab

import (
	"os/exec"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/probe/lab"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
)

// Flags for openssl s_server that limit it to one protocol version.
// OpenSSL 3 refuses TLS 1.0 and 1.1 at its default security level, so the
// legacy ones also lower it to 0 (OpenSSL 3.0 man page ssl_ctx_set_security_level).
var (
	OnlyTLS10 = []string{"-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"}
	OnlyTLS11 = []string{"-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0"}
	OnlyTLS12 = []string{"-tls1_2"}
	OnlyTLS13 = []string{"-tls1_3"}
)

// OpenSSL starts `openssl s_server -www` on 127.0.0.1 with a leaf from ca of
// key type kt and the extra flags given, and returns its host:port. The
// server answers HTTP GET requests with a status page. The test fails if
// openssl is not installed: these tests need the real peer.
func OpenSSL(t testing.TB, ca *testpki.CA, kt testpki.KeyType, flags ...string) string {
	t.Helper()
	bin, err := exec.LookPath("openssl")
	if err != nil {
		t.Fatalf("tlslab: openssl not found (install the openssl package): %v", err)
	}
	certFile, keyFile, _ := ca.Files(t, ca.Leaf(t, kt))
	addr, _ := lab.SServer(t, "tlslab", bin, certFile, keyFile, flags...)
	return addr
}
