package awsfloor_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/awsfloor"
	"github.com/tlsfloor/tlsfloor/internal/proxy"
	"github.com/tlsfloor/tlsfloor/internal/proxy/proxytest"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
)

// stsHost is the AWS name the SDK is pointed at; the proxy maps it to the
// stand-in on 127.0.0.1, so no DNS and no AWS is involved.
const stsHost = "sts.us-east-1.amazonaws.com"

// signedSTSServer is a stand-in STS endpoint with a certificate for
// stsHost that verifies each request's SigV4 signature by signing it
// again with the test's secret key.
func signedSTSServer(t *testing.T, ca *testpki.CA, cfg *tls.Config) (port string) {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := verifySigV4(r); err != nil {
			http.Error(w, err.Error(), http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/xml")
		io.WriteString(w, callerIdentityXML)
	}))
	srv.TLS = cfg.Clone()
	srv.TLS.Certificates = []tls.Certificate{ca.Leaf(t, testpki.ECDSA, stsHost)}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	_, port, _ = net.SplitHostPort(srv.Listener.Addr().String())
	return port
}

// verifySigV4 recomputes the request's signature over the headers it
// names as signed, with the stand-in credentials, and compares.
func verifySigV4(r *http.Request) error {
	body, _ := io.ReadAll(r.Body)
	auth := r.Header.Get("Authorization")
	_, signedList, ok := strings.Cut(auth, "SignedHeaders=")
	if !ok || !strings.Contains(string(body), "Action=GetCallerIdentity") {
		return fmt.Errorf("unsigned or unexpected request")
	}
	signedList, _, _ = strings.Cut(signedList, ",")
	when, err := time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date"))
	if err != nil {
		return fmt.Errorf("X-Amz-Date: %v", err)
	}
	again, _ := http.NewRequest(r.Method, "https://"+r.Host+r.URL.RequestURI(), bytes.NewReader(body))
	for _, h := range strings.Split(signedList, ";") {
		if h != "host" {
			again.Header[http.CanonicalHeaderKey(h)] = r.Header.Values(h)
		}
	}
	sum := sha256.Sum256(body)
	creds := aws.Credentials{AccessKeyID: "AKIDTLSFLOOR", SecretAccessKey: "secret"}
	if err := (v4.NewSigner()).SignHTTP(context.Background(), creds, again, hex.EncodeToString(sum[:]), "sts", "us-east-1", when); err != nil {
		return err
	}
	if again.Header.Get("Authorization") != auth {
		return fmt.Errorf("SigV4 signature does not verify for host %s", r.Host)
	}
	return nil
}

// startProxy runs the tlsfloor proxy on 127.0.0.1 in front of the
// stand-in, and returns its address and the decisions it logs.
func startProxy(t *testing.T, port string, edit func(*proxy.Options)) (string, func() []map[string]any) {
	t.Helper()
	opts := proxy.Options{
		Allow:   append(proxy.DefaultAllow(), proxy.Pattern{Prefix: netip.MustParsePrefix("127.0.0.1/32")}),
		Resolve: map[string]netip.AddrPort{net.JoinHostPort(stsHost, port): netip.MustParseAddrPort("127.0.0.1:" + port)},
		Lookup:  func(context.Context, string) ([]netip.Addr, error) { return nil, errors.New("no DNS in tests") },
	}
	if edit != nil {
		edit(&opts)
	}
	logs := &proxytest.LogSink{}
	_, addr := proxytest.Start(t, opts, logs)
	return addr, func() []map[string]any { return logs.Decisions(t) }
}

// waitDecision waits, boundedly, for the proxy's first decision line: a
// tunnel's line is written when the tunnel ends.
func waitDecision(t *testing.T, decisions func() []map[string]any) map[string]any {
	t.Helper()
	for range 500 {
		if d := decisions(); len(d) > 0 {
			return d[0]
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the proxy logged no decision")
	return nil
}

// TestSTSThroughProxy runs the SDK in a child process whose only proxy
// setting is HTTPS_PROXY, as a deployed program would have it: the SDK's
// transport reads the environment once per process, so a fresh process
// is the faithful test.
func TestSTSThroughProxy(t *testing.T) {
	tests := []struct {
		name     string
		server   *tls.Config
		policy   tlsfloor.Policy
		want     string // in the child's output
		decision string
		reason   string
	}{
		{name: "allowed", server: &tls.Config{}, want: "account 123456789012", decision: "allow", reason: proxy.ReasonOK},
		{name: "destination below the proxy's floor", server: &tls.Config{MaxVersion: tls.VersionTLS12}, policy: tlsfloor.TLS13,
			want: "protocol version", decision: "deny", reason: proxy.ReasonServerBelowFloor},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ca := testpki.New(t)
			port := signedSTSServer(t, ca, tt.server)
			addr, decisions := startProxy(t, port, func(o *proxy.Options) {
				o.Policy = tt.policy
				o.Users = map[string]string{"sdk": "pw"}
			})
			caFile := filepath.Join(t.TempDir(), "ca.pem")
			os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.Cert.Raw}), 0o644)
			cmd := exec.Command(os.Args[0], "-test.run=^TestSTSProxyChild$", "-test.v")
			cmd.Env = append(os.Environ(), "TLSFLOOR_PROXY_CHILD=1", "HTTPS_PROXY=http://sdk:pw@"+addr, "NO_PROXY=", "no_proxy=",
				"AWS_CA_BUNDLE="+caFile, "TLSFLOOR_ENDPOINT=https://"+net.JoinHostPort(stsHost, port))
			out, _ := cmd.CombinedOutput()
			if !strings.Contains(string(out), tt.want) {
				t.Fatalf("child output lacks %q:\n%s", tt.want, out)
			}
			d := waitDecision(t, decisions)
			for k, v := range map[string]string{proxy.FieldDecision: tt.decision, proxy.FieldReason: tt.reason, proxy.FieldIdentity: "sdk", proxy.FieldSNI: stsHost} {
				if d[k] != v {
					t.Errorf("decision %s = %v, want %s (%v)", k, d[k], v, d)
				}
			}
		})
	}
}

// TestSTSProxyChild is the SDK side of TestSTSThroughProxy; it runs only
// in the child process.
func TestSTSProxyChild(t *testing.T) {
	if os.Getenv("TLSFLOOR_PROXY_CHILD") != "1" {
		t.Skip("runs as the child of TestSTSThroughProxy")
	}
	isolateFromLocalAWSConfig(t)
	ctx := context.Background()
	cfg, err := awsfloor.LoadDefaultConfig(ctx, tlsfloor.Default,
		config.WithRegion("us-east-1"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIDTLSFLOOR", "secret", "")),
		config.WithRetryMaxAttempts(1),
	)
	if err != nil {
		t.Fatalf("LoadDefaultConfig: %v", err)
	}
	client := sts.NewFromConfig(cfg, func(o *sts.Options) { o.BaseEndpoint = aws.String(os.Getenv("TLSFLOOR_ENDPOINT")) })
	out, err := client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatalf("GetCallerIdentity: %v", err)
	}
	fmt.Println("account", aws.ToString(out.Account))
}

// TestSTSUpgradeMode sends the SDK's plain-HTTP request to the proxy in
// upgrade mode; the stand-in receives it over TLS and verifies its SigV4
// signature, which holds because host and path are unchanged.
func TestSTSUpgradeMode(t *testing.T) {
	ca := testpki.New(t)
	port := signedSTSServer(t, ca, &tls.Config{})
	addr, decisions := startProxy(t, port, func(o *proxy.Options) {
		o.Upgrade.Enabled = true
		o.RootCAs = ca.Pool()
	})
	isolateFromLocalAWSConfig(t)
	ctx := context.Background()
	viaProxy := awshttp.NewBuildableClient().WithTransportOptions(func(tr *http.Transport) {
		tr.Proxy = http.ProxyURL(mustURL(t, "http://"+addr))
	})
	cfg, err := awsfloor.LoadDefaultConfig(ctx, tlsfloor.Default,
		config.WithRegion("us-east-1"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIDTLSFLOOR", "secret", "")),
		config.WithRetryMaxAttempts(1),
		config.WithHTTPClient(viaProxy),
	)
	if err != nil {
		t.Fatal(err)
	}
	client := sts.NewFromConfig(cfg, func(o *sts.Options) { o.BaseEndpoint = aws.String("http://" + net.JoinHostPort(stsHost, port)) })
	out, err := client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatalf("GetCallerIdentity through upgrade mode: %v", err)
	}
	if aws.ToString(out.Account) != "123456789012" {
		t.Errorf("Account = %q", aws.ToString(out.Account))
	}
	d := waitDecision(t, decisions)
	if d[proxy.FieldReason] != proxy.ReasonUpgraded || d[proxy.FieldNegotiatedVersion] != "TLS 1.3" {
		t.Errorf("decision %v, want upgraded at TLS 1.3", d)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
