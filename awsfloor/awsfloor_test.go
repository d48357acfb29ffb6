package awsfloor_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/pem"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/awsfloor"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
	"github.com/tlsfloor/tlsfloor/internal/tlslab"
)

// The STS endpoint is a stand-in: AWS itself is never contacted. It answers
// GetCallerIdentity the way the STS Query API does
// (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
const callerIdentityXML = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::123456789012:user/tlsfloor</Arn>
    <UserId>AIDAEXAMPLEUSERID</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`

// stsServer starts a stand-in STS endpoint with the given TLS config. It
// accepts only SigV4-signed GetCallerIdentity requests.
func stsServer(t *testing.T, ca *testpki.CA, cfg *tls.Config) string {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !strings.HasPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 Credential=AKIDTLSFLOOR/") || !strings.Contains(string(body), "Action=GetCallerIdentity") {
			http.Error(w, "unsigned or unexpected request", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/xml")
		io.WriteString(w, callerIdentityXML)
	}))
	srv.TLS = cfg.Clone()
	srv.TLS.Certificates = []tls.Certificate{ca.Leaf(t, testpki.ECDSA)}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv.URL
}

// callerIdentity calls STS GetCallerIdentity at endpoint through the real
// SDK, configured by awsfloor with p. The test CA is passed as the SDK's
// custom CA bundle, which must keep working alongside the policy.
func callerIdentity(t *testing.T, ca *testpki.CA, p tlsfloor.Policy, endpoint string) (*sts.GetCallerIdentityOutput, error) {
	t.Helper()
	isolateFromLocalAWSConfig(t)
	ctx := context.Background()
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.Cert.Raw})
	cfg, err := awsfloor.LoadDefaultConfig(ctx, p,
		config.WithRegion("us-east-1"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIDTLSFLOOR", "secret", "")),
		config.WithCustomCABundle(bytes.NewReader(caPEM)),
		config.WithRetryMaxAttempts(1),
	)
	if err != nil {
		t.Fatalf("LoadDefaultConfig: %v", err)
	}
	client := sts.NewFromConfig(cfg, func(o *sts.Options) { o.BaseEndpoint = aws.String(endpoint) })
	return client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
}

func isolateFromLocalAWSConfig(t *testing.T) {
	t.Setenv("AWS_CONFIG_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

func TestSTSBelowFloorFails(t *testing.T) {
	ca := testpki.New(t)
	endpoint := "https://" + tlslab.OpenSSL(t, ca, testpki.ECDSA, tlslab.OnlyTLS11...)
	_, err := callerIdentity(t, ca, tlsfloor.Default, endpoint)
	var de *tlsfloor.DowngradeError
	if !errors.As(err, &de) || de.Version != tls.VersionTLS11 || de.Floor != tls.VersionTLS12 {
		t.Fatalf("GetCallerIdentity error = %v, want a DowngradeError naming TLS 1.1 and the TLS 1.2 floor", err)
	}
	for _, want := range []string{"TLS 1.1", "TLS 1.2"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
}

func TestSTSAtFloorSucceeds(t *testing.T) {
	ca := testpki.New(t)
	for _, v := range []uint16{tls.VersionTLS12, tls.VersionTLS13} {
		t.Run(tls.VersionName(v), func(t *testing.T) {
			rec := &observer{}
			endpoint := stsServer(t, ca, &tls.Config{MinVersion: v, MaxVersion: v})
			out, err := callerIdentity(t, ca, tlsfloor.Policy{Observer: rec.observe}, endpoint)
			if err != nil {
				t.Fatalf("GetCallerIdentity: %v", err)
			}
			if aws.ToString(out.Account) != "123456789012" {
				t.Errorf("Account = %q, want the stand-in's", aws.ToString(out.Account))
			}
			if got := rec.versions(); len(got) != 1 || got[0] != v {
				t.Errorf("observed versions %x, want one handshake at %s", got, tls.VersionName(v))
			}
		})
	}
}

func TestSTSPostQuantum(t *testing.T) {
	ca := testpki.New(t)
	tests := []struct {
		name   string
		groups []tls.CurveID
		ok     bool
	}{
		{name: "server without hybrid groups", groups: []tls.CurveID{tls.X25519, tls.CurveP256}},
		{name: "server with X25519MLKEM768", groups: []tls.CurveID{tls.X25519MLKEM768, tls.X25519}, ok: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			endpoint := stsServer(t, ca, &tls.Config{CurvePreferences: tt.groups})
			_, err := callerIdentity(t, ca, tlsfloor.PostQuantum, endpoint)
			var de *tlsfloor.DowngradeError
			switch {
			case tt.ok && err != nil:
				t.Fatalf("GetCallerIdentity: %v", err)
			case !tt.ok && (!errors.As(err, &de) || de.Problem != tlsfloor.ProblemKeyExchange):
				t.Fatalf("error = %v, want a key-exchange DowngradeError", err)
			}
		})
	}
}

// TestLoweredSDKDefault lowers the SDK's package variable: loading a
// config with awsfloor is refused, unless the policy itself was lowered as
// far, and a control shows the lowered SDK default really opens the hole.
func TestLoweredSDKDefault(t *testing.T) {
	ca := testpki.New(t)
	endpoint := "https://" + tlslab.OpenSSL(t, ca, testpki.ECDSA, tlslab.OnlyTLS10...)
	saved := awshttp.DefaultHTTPTransportTLSMinVersion
	t.Cleanup(func() { awshttp.DefaultHTTPTransportTLSMinVersion = saved })
	awshttp.DefaultHTTPTransportTLSMinVersion = tls.VersionTLS10

	tr := awshttp.NewBuildableClient().GetTransport()
	tr.TLSClientConfig.RootCAs, tr.TLSClientConfig.CipherSuites = ca.Pool(), []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA}
	resp, err := (&http.Client{Transport: tr}).Get(endpoint)
	if err != nil || resp.TLS.Version != tls.VersionTLS10 {
		t.Fatalf("control: SDK transport with the lowered default: %v", err)
	}
	resp.Body.Close()

	isolateFromLocalAWSConfig(t)
	_, err = awsfloor.LoadDefaultConfig(context.Background(), tlsfloor.Default, config.WithRegion("us-east-1"))
	var le *awsfloor.LoweredDefaultError
	if !errors.As(err, &le) || le.Version != tls.VersionTLS10 {
		t.Fatalf("LoadDefaultConfig error = %v, want a LoweredDefaultError naming TLS 1.0", err)
	}
	lowered := tlsfloor.Default.InsecureLowerFloor(tls.VersionTLS10, "test of the opt-in")
	if err := awsfloor.CheckSDKDefault(lowered); err != nil {
		t.Errorf("CheckSDKDefault with a policy lowered as far: %v", err)
	}
}

func TestHTTPClientKinds(t *testing.T) {
	tests := []struct {
		name string
		base config.HTTPClient
		ok   bool
	}{
		{name: "nil", base: nil, ok: true},
		{name: "buildable", base: awshttp.NewBuildableClient(), ok: true},
		{name: "http.Client", base: &http.Client{}, ok: true},
		{name: "other", base: doer{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := awsfloor.HTTPClient(tlsfloor.Default, tt.base)
			if (err == nil) != tt.ok || (c == nil) == tt.ok {
				t.Errorf("HTTPClient(%T) = %T, %v; want ok=%v", tt.base, c, err, tt.ok)
			}
		})
	}
}

type doer struct{}

func (doer) Do(*http.Request) (*http.Response, error) { return nil, errors.New("unused") }

type observer struct {
	events []tlsfloor.Event
}

func (o *observer) observe(ev tlsfloor.Event) { o.events = append(o.events, ev) }

func (o *observer) versions() []uint16 {
	var vs []uint16
	for _, ev := range o.events {
		vs = append(vs, ev.Version)
	}
	return vs
}
