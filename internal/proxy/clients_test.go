package proxy_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/proxy"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
	"github.com/tlsfloor/tlsfloor/internal/tlslab"
)

// run runs a real client with a bounded time and returns its combined
// output.
func run(t *testing.T, stdin string, name string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append(os.Environ(), "no_proxy=", "NO_PROXY=", "https_proxy=", "HTTPS_PROXY=", "http_proxy=", "HTTP_PROXY=", "all_proxy=", "ALL_PROXY=")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// clientCase is one run of a real client through the proxy.
type clientCase struct {
	name    string
	args    func(l *lab) []string
	refused bool   // the proxy must refuse it below the floor
	output  string // in the client's output
}

// runClients runs each case against a fresh lab and checks the proxy's
// decision and, for refusals, that the destination saw nothing.
func runClients(t *testing.T, bin string, cases []clientCase) {
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			l := newLab(t, nil, nil)
			out, err := run(t, "", bin, tt.args(l)...)
			if tt.refused == (err == nil) || !strings.Contains(out, tt.output) {
				t.Fatalf("%s %s: %v, want refused=%v and output with %q:\n%s", filepath.Base(bin), tt.name, err, tt.refused, tt.output, out)
			}
			d := l.logs.waitDecision(t, 1)[0]
			if tt.refused {
				checkDecision(t, d, map[string]any{proxy.FieldDecision: "deny", proxy.FieldReason: proxy.ReasonBelowFloor})
				if n := l.conns.Load(); n != 0 {
					t.Errorf("the destination accepted %d connections for a refused tunnel", n)
				}
				return
			}
			checkDecision(t, d, map[string]any{proxy.FieldDecision: "allow", proxy.FieldReason: "ok"})
		})
	}
}

func TestCurl(t *testing.T) {
	curl := need(t, "curl")
	base := func(l *lab) []string {
		return []string{"-sS", "--max-time", "30", "--proxy", "http://" + l.proxy, "--cacert", l.caFile()}
	}
	runClients(t, curl, []clientCase{
		{name: "TLS 1.0", refused: true, output: "protocol version", args: func(l *lab) []string {
			return append(base(l), "--tlsv1.0", "--tls-max", "1.0", "--ciphers", "DEFAULT@SECLEVEL=0", l.url())
		}},
		{name: "TLS 1.1", refused: true, output: "protocol version", args: func(l *lab) []string {
			return append(base(l), "--tlsv1.1", "--tls-max", "1.1", "--ciphers", "DEFAULT@SECLEVEL=0", l.url())
		}},
		{name: "default", output: "tlslab ok", args: func(l *lab) []string { return append(base(l), l.url()) }},
		{name: "TLS 1.2", output: "tlslab ok", args: func(l *lab) []string { return append(base(l), "--tlsv1.2", "--tls-max", "1.2", l.url()) }},
	})
}

func TestOpenSSLClient(t *testing.T) {
	openssl := need(t, "openssl")
	base := func(l *lab) []string {
		return []string{"s_client", "-proxy", l.proxy, "-connect", l.dest(), "-servername", awsHost, "-CAfile", l.caFile(), "-verify_return_error", "-brief"}
	}
	runClients(t, openssl, []clientCase{
		{name: "TLS 1.1", refused: true, output: "alert protocol version", args: func(l *lab) []string {
			return append(base(l), "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0")
		}},
		{name: "TLS 1.3", output: "Protocol version: TLSv1.3", args: func(l *lab) []string { return append(base(l), "-tls1_3") }},
	})
}

const pythonClient = `
import ssl, sys, urllib.request
proxy, url, cafile, legacy = sys.argv[1:5]
ctx = ssl.create_default_context(cafile=cafile)
if legacy == "1":
    ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    ctx.minimum_version = ssl.TLSVersion.TLSv1
    ctx.maximum_version = ssl.TLSVersion.TLSv1
opener = urllib.request.build_opener(
    urllib.request.ProxyHandler({"https": proxy}),
    urllib.request.HTTPSHandler(context=ctx))
try:
    print(opener.open(url, timeout=30).read().decode(), end="")
except Exception as e:
    print("error:", e)
    sys.exit(1)
`

func TestPythonURLLib(t *testing.T) {
	python := need(t, "python3")
	args := func(legacy string) func(l *lab) []string {
		return func(l *lab) []string {
			return []string{"-c", pythonClient, "http://" + l.proxy, l.url(), l.caFile(), legacy}
		}
	}
	runClients(t, python, []clientCase{
		{name: "TLS 1.0", refused: true, output: "PROTOCOL_VERSION", args: args("1")},
		{name: "default", output: "tlslab ok", args: args("0")},
	})
}

const nodeClient = `
const http = require("http"), tls = require("tls"), fs = require("fs");
const [proxyHost, proxyPort, dest, cafile, legacy] = process.argv.slice(1);
const [host, port] = dest.split(":");
const req = http.request({host: proxyHost, port: proxyPort, method: "CONNECT", path: dest});
req.on("connect", (res, socket) => {
  if (res.statusCode !== 200) { console.log("CONNECT status", res.statusCode); process.exit(1); }
  const opts = {socket, servername: host, ca: fs.readFileSync(cafile)};
  if (legacy === "1") Object.assign(opts, {minVersion: "TLSv1", maxVersion: "TLSv1", ciphers: "DEFAULT:@SECLEVEL=0"});
  const s = tls.connect(opts, () => {
    s.write("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
  });
  let body = "";
  s.on("data", d => body += d);
  s.on("end", () => { console.log(s.getProtocol(), body); });
  s.on("error", e => { console.log("error:", e.message); process.exit(1); });
});
req.on("error", e => { console.log("error:", e.message); process.exit(1); });
req.end();
`

func TestNode(t *testing.T) {
	node := need(t, "node")
	args := func(legacy string) func(l *lab) []string {
		return func(l *lab) []string {
			host, port, _ := strings.Cut(l.proxy, ":")
			return []string{"-e", nodeClient, host, port, l.dest(), l.caFile(), legacy}
		}
	}
	runClients(t, node, []clientCase{
		{name: "TLS 1.0", refused: true, output: "protocol version", args: args("1")},
		{name: "default", output: "tlslab ok", args: args("0")},
	})
}

const javaClient = `
import java.io.InputStream;
import java.net.URL;
import javax.net.ssl.HttpsURLConnection;

public class ProxyClient {
    public static void main(String[] args) throws Exception {
        HttpsURLConnection c = (HttpsURLConnection) new URL(args[0]).openConnection();
        c.setConnectTimeout(30000);
        c.setReadTimeout(30000);
        try (InputStream in = c.getInputStream()) {
            System.out.print(new String(in.readAllBytes()));
            System.out.println(c.getCipherSuite());
        } catch (Exception e) {
            System.out.println("error: " + e);
            System.exit(1);
        }
    }
}
`

// TestJava runs a Java client through https.proxyHost; the TLS 1.0 case
// re-enables TLS 1.0 (disabled in the JDK's java.security) so that the
// client really offers it.
func TestJava(t *testing.T) {
	java := need(t, "java")
	keytool := need(t, "keytool")
	dir := t.TempDir()
	src := filepath.Join(dir, "ProxyClient.java")
	legacy := filepath.Join(dir, "legacy.security")
	os.WriteFile(src, []byte(javaClient), 0o644)
	os.WriteFile(legacy, []byte("jdk.tls.disabledAlgorithms=\n"), 0o644)
	args := func(extra ...string) func(l *lab) []string {
		return func(l *lab) []string {
			store := filepath.Join(l.t.TempDir(), "trust.p12")
			if out, err := run(l.t, "", keytool, "-importcert", "-noprompt", "-alias", "lab", "-file", l.caFile(),
				"-keystore", store, "-storetype", "PKCS12", "-storepass", "changeit"); err != nil {
				l.t.Fatalf("keytool: %v\n%s", err, out)
			}
			host, port, _ := strings.Cut(l.proxy, ":")
			a := []string{"-Dhttps.proxyHost=" + host, "-Dhttps.proxyPort=" + port,
				"-Djavax.net.ssl.trustStore=" + store, "-Djavax.net.ssl.trustStorePassword=changeit", "-Djavax.net.ssl.trustStoreType=PKCS12"}
			return append(append(a, extra...), src, l.url())
		}
	}
	runClients(t, java, []clientCase{
		{name: "TLS 1.0", refused: true, output: "protocol_version", args: args("-Djava.security.properties="+legacy, "-Djdk.tls.client.protocols=TLSv1")},
		{name: "default", output: "tlslab ok", args: args()},
	})
}

// TestOpenSSLServer puts openssl s_server, limited to TLS 1.1, behind the
// proxy: curl offers TLS 1.1 to 1.3, so the ClientHello passes, and the
// proxy must catch the downgrade in the ServerHello.
func TestOpenSSLServer(t *testing.T) {
	curl := need(t, "curl")
	need(t, "openssl")
	for _, mode := range []proxy.Mode{proxy.Enforce, proxy.Audit} {
		t.Run(mode.String(), func(t *testing.T) {
			ca := testpki.New(t)
			dest := tlslab.OpenSSL(t, ca, testpki.ECDSA, tlslab.OnlyTLS11...)
			_, _, caFile := ca.Files(t, ca.Leaf(t, testpki.ECDSA))
			_, proxyAddr, logs := startProxy(t, proxy.Options{Mode: mode, Allow: []proxy.Pattern{mustPattern("127.0.0.1/32")}, Lookup: noDNS})
			out, err := run(t, "", curl, "-sS", "--max-time", "30", "--proxy", "http://"+proxyAddr, "--cacert", caFile,
				"--tlsv1.1", "--ciphers", "DEFAULT@SECLEVEL=0", "https://"+dest+"/")
			switch {
			case mode == proxy.Enforce && (err == nil || !strings.Contains(out, "protocol version")):
				t.Fatalf("curl to a TLS 1.1 server through an enforcing proxy: %v\n%s", err, out)
			case mode == proxy.Audit && (err != nil || !strings.Contains(out, "TLSv1.1")):
				t.Fatalf("curl to a TLS 1.1 server through an auditing proxy: %v\n%s", err, out)
			}
			decision := map[proxy.Mode]string{proxy.Enforce: "deny", proxy.Audit: "would_deny"}[mode]
			checkDecision(t, logs.only(t), map[string]any{proxy.FieldDecision: decision, proxy.FieldReason: proxy.ReasonServerBelowFloor,
				proxy.FieldNegotiatedVersion: "TLS 1.1", proxy.FieldDestination: dest})
		})
	}
}
