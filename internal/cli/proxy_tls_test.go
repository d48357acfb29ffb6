//go:build unix

package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/proxy"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
	"github.com/tlsfloor/tlsfloor/internal/tlslab"
)

// tlsFiles are an HTTPS proxy's certificate and key from the lab CA, and
// client certificates from two client CAs.
type tlsFiles struct {
	cert, key    string
	caA, caB     string // PEM of each client CA
	certA, keyA  string // client "billing-service" from CA A
	certB, keyB  string // client "batch" from CA B
	clientCAFile string // where the proxy reads its client CAs; holds caA
}

func newTLSFiles(t *testing.T, lab *proxyLab) *tlsFiles {
	t.Helper()
	f := &tlsFiles{}
	f.cert, f.key, _ = lab.ca.Files(t, lab.ca.Leaf(t, testpki.ECDSA))
	a, b := testpki.New(t), testpki.New(t)
	f.certA, f.keyA, f.caA = a.Files(t, a.Client(t, "billing-service"))
	f.certB, f.keyB, f.caB = b.Files(t, b.Client(t, "batch"))
	f.clientCAFile = filepath.Join(t.TempDir(), "clients.pem")
	copyTestFile(t, f.caA, f.clientCAFile)
	return f
}

func copyTestFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, to, string(b))
}

// curlTLS fetches awsName's URL through the HTTPS proxy at addr with the
// client certificate in cert and key, if given.
func (l *proxyLab) curlTLS(t *testing.T, addr, cert, key string) (string, error) {
	t.Helper()
	args := []string{"-sS", "--max-time", "60", "--proxy", "https://" + addr, "--proxy-cacert", l.caFile, "--cacert", l.caFile}
	if cert != "" {
		args = append(args, "--proxy-cert", cert, "--proxy-key", key)
	}
	cmd := exec.Command("curl", append(args, "https://"+awsName+":"+l.port+"/")...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// decisionWith matches a decision line by reason and identity.
func decisionWith(reason, identity string) func(map[string]any) bool {
	return func(m map[string]any) bool {
		return m["msg"] == proxy.LogMessage && m[proxy.FieldReason] == reason && m[proxy.FieldIdentity] == identity
	}
}

// TestProxyClientCertReload runs "tlsfloor proxy --config" as an HTTPS
// proxy that requires client certificates, with a real curl; replaces the
// client CA file and reloads it with a real SIGHUP, after which only the
// new CA's clients get in; then a broken CA file is rejected whole.
func TestProxyClientCertReload(t *testing.T) {
	lab := newProxyLab(t)
	f := newTLSFiles(t, lab)
	cfg := filepath.Join(t.TempDir(), "proxy.yaml")
	writeTestFile(t, cfg, lab.config(fmt.Sprintf("tls:\n  cert_file: %s\n  key_file: %s\n  client_ca_file: %s\n", f.cert, f.key, f.clientCAFile)))
	p := startProxy(t, "--config", cfg)
	if m := p.logs.wait(t, msgIs("listening")); m["tls"] != true || m["client_certs"] != true {
		t.Errorf("listening line %v, want tls and client_certs true", m)
	}

	if out, err := lab.curlTLS(t, p.addr, f.certA, f.keyA); err != nil || out != tlslab.Body {
		t.Fatalf("client from CA A: %v\n%s", err, out)
	}
	p.logs.wait(t, decisionWith(proxy.ReasonOK, "billing-service"))
	if out, err := lab.curlTLS(t, p.addr, "", ""); err == nil {
		t.Fatalf("client without a certificate got through:\n%s", out)
	}
	p.logs.wait(t, decisionWith(proxy.ReasonClientCertMissing, ""))

	copyTestFile(t, f.caB, f.clientCAFile)
	p.hup(t, "reloaded")
	if out, err := lab.curlTLS(t, p.addr, f.certA, f.keyA); err == nil {
		t.Fatalf("client from CA A after the reload to CA B got through:\n%s", out)
	}
	p.logs.wait(t, decisionWith(proxy.ReasonClientCertInvalid, ""))
	if out, err := lab.curlTLS(t, p.addr, f.certB, f.keyB); err != nil || out != tlslab.Body {
		t.Fatalf("client from CA B after the reload: %v\n%s", err, out)
	}
	p.logs.wait(t, decisionWith(proxy.ReasonOK, "batch"))

	writeTestFile(t, f.clientCAFile, "not a certificate\n")
	rejected := p.hup(t, "reload rejected; the running configuration is kept")
	if want := f.clientCAFile + ": no PEM certificate"; rejected["error"] != want {
		t.Errorf("rejection error %q, want %q", rejected["error"], want)
	}
	if out, err := lab.curlTLS(t, p.addr, f.certB, f.keyB); err != nil || out != tlslab.Body {
		t.Fatalf("client from CA B after a rejected reload: %v\n%s", err, out)
	}
	if err := p.stop(t); err != nil {
		t.Fatalf("proxy ended with %v", err)
	}
}

// TestProxyTLSFlags: the flags set the same files, and a plain-HTTP proxy
// client is told to use TLS.
func TestProxyTLSFlags(t *testing.T) {
	lab := newProxyLab(t)
	f := newTLSFiles(t, lab)
	p := startProxy(t, "--allow", "*.amazonaws.com", "--allow", "127.0.0.1/32", "--resolve", awsName+":"+lab.port+":127.0.0.1",
		"--tls-cert", f.cert, "--tls-key", f.key, "--client-ca", f.clientCAFile)
	if out, err := lab.curlTLS(t, p.addr, f.certA, f.keyA); err != nil || out != tlslab.Body {
		t.Fatalf("client from CA A: %v\n%s", err, out)
	}
	p.logs.wait(t, decisionWith(proxy.ReasonOK, "billing-service"))
	out, err := lab.curl(t, p.addr)
	if err == nil || !strings.Contains(out, "400") {
		t.Fatalf("plain-HTTP proxy client: %v, want a 400 answer\n%s", err, out)
	}
	p.logs.wait(t, decisionWith(proxy.ReasonClientTLSFailed, ""))
	if err := p.stop(t); err != nil {
		t.Fatalf("proxy ended with %v", err)
	}
}
