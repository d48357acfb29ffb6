package tlslab

import (
	"bufio"
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

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
	args := append([]string{"s_server", "-accept", "127.0.0.1:0", "-cert", certFile, "-key", keyFile, "-www"}, flags...)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatalf("tlslab: %v", err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("tlslab: start openssl s_server: %v", err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	return acceptAddr(t, out, args)
}

// acceptAddr reads s_server's "ACCEPT 127.0.0.1:PORT" line.
func acceptAddr(t testing.TB, out interface{ Read([]byte) (int, error) }, args []string) string {
	t.Helper()
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if addr, ok := strings.CutPrefix(sc.Text(), "ACCEPT "); ok {
				found <- addr
				break
			}
		}
		for sc.Scan() { // keep draining so the server never blocks on stdout
		}
	}()
	select {
	case addr := <-found:
		return addr
	case <-time.After(10 * time.Second):
		t.Fatalf("tlslab: openssl %s printed no ACCEPT line in 10s", strings.Join(args, " "))
		return ""
	}
}
