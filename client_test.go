package tlsfloor_test

import (
	"crypto/tls"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
	"github.com/tlsfloor/tlsfloor/internal/tlslab"
)

// server is a lab server limited to one version.
type server struct {
	name    string
	version uint16
	start   func(t *testing.T, ca *testpki.CA) string // returns host:port
}

func goServer(version uint16) func(*testing.T, *testpki.CA) string {
	return func(t *testing.T, ca *testpki.CA) string {
		cfg := &tls.Config{MinVersion: version, MaxVersion: version}
		return strings.TrimPrefix(tlslab.GoHTTPS(t, ca, cfg), "https://")
	}
}

func opensslServer(flags []string) func(*testing.T, *testpki.CA) string {
	return func(t *testing.T, ca *testpki.CA) string {
		return tlslab.OpenSSL(t, ca, testpki.ECDSA, flags...)
	}
}

// versionServers are real servers that speak exactly one version each.
var versionServers = []server{
	{name: "go/TLS1.0", version: tls.VersionTLS10, start: goServer(tls.VersionTLS10)},
	{name: "go/TLS1.1", version: tls.VersionTLS11, start: goServer(tls.VersionTLS11)},
	{name: "go/TLS1.2", version: tls.VersionTLS12, start: goServer(tls.VersionTLS12)},
	{name: "go/TLS1.3", version: tls.VersionTLS13, start: goServer(tls.VersionTLS13)},
	{name: "openssl/TLS1.0", version: tls.VersionTLS10, start: opensslServer(tlslab.OnlyTLS10)},
	{name: "openssl/TLS1.1", version: tls.VersionTLS11, start: opensslServer(tlslab.OnlyTLS11)},
	{name: "openssl/TLS1.2", version: tls.VersionTLS12, start: opensslServer(tlslab.OnlyTLS12)},
	{name: "openssl/TLS1.3", version: tls.VersionTLS13, start: opensslServer(tlslab.OnlyTLS13)},
}

// recorder collects observer events.
type recorder struct {
	mu     sync.Mutex
	events []tlsfloor.Event
}

func (r *recorder) observe(ev tlsfloor.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, ev)
}

func (r *recorder) all() []tlsfloor.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]tlsfloor.Event(nil), r.events...)
}

func (r *recorder) one(t *testing.T) tlsfloor.Event {
	t.Helper()
	evs := r.all()
	if len(evs) != 1 {
		t.Fatalf("observer got %d events, want 1: %+v", len(evs), evs)
	}
	return evs[0]
}

func get(t *testing.T, c *http.Client, url string) (*http.Response, error) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		t.Fatalf("read body: %v", err)
	}
	return resp, nil
}

// TestClientFloor drives Policy.Client against real servers limited to each
// version: below the floor must fail with a DowngradeError, at or above it
// must succeed.
func TestClientFloor(t *testing.T) {
	ca := testpki.New(t)
	for _, srv := range versionServers {
		t.Run(srv.name, func(t *testing.T) {
			addr := srv.start(t, ca)
			rec := &recorder{}
			p := tlsfloor.Policy{Observer: rec.observe}
			client := p.Client(&http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: ca.Pool()}}})
			resp, err := get(t, client, "https://"+addr+"/")
			ev := rec.one(t)
			if srv.version < tls.VersionTLS12 {
				wantRefused(t, err, ev, srv.version)
				return
			}
			if err != nil {
				t.Fatalf("GET at %s: %v", tls.VersionName(srv.version), err)
			}
			if resp.TLS.Version != srv.version || ev.Version != srv.version || ev.Outcome != tlsfloor.Accepted {
				t.Errorf("negotiated %s, event %+v; want %s accepted", tls.VersionName(resp.TLS.Version), ev, tls.VersionName(srv.version))
			}
		})
	}
}

// wantRefused checks a refusal error and its event. A server that picks a
// version below the floor is named with it; one that refuses the client's
// versions outright has none to name.
func wantRefused(t *testing.T, err error, ev tlsfloor.Event, serverVersion uint16) {
	t.Helper()
	var de *tlsfloor.DowngradeError
	if !errors.As(err, &de) {
		t.Fatalf("error = %v, want a *tlsfloor.DowngradeError", err)
	}
	if de.Problem != tlsfloor.ProblemVersion || de.Floor != tls.VersionTLS12 {
		t.Errorf("DowngradeError = %+v, want a version problem against TLS 1.2", de)
	}
	if de.Version != serverVersion {
		t.Errorf("DowngradeError names %s, want %s", tls.VersionName(de.Version), tls.VersionName(serverVersion))
	}
	if !strings.Contains(err.Error(), "TLS 1.2") {
		t.Errorf("error %q does not name the floor", err)
	}
	if ev.Outcome != tlsfloor.Refused || !errors.As(ev.Err, &de) {
		t.Errorf("event = %+v, want a refusal carrying the DowngradeError", ev)
	}
}

// TestServerChoosesLowVersionIsNamed pins the error text for a server that
// speaks only TLS 1.1: it refuses the policy's ClientHello outright, and
// the diagnostic handshake names the version it does speak.
func TestServerChoosesLowVersionIsNamed(t *testing.T) {
	ca := testpki.New(t)
	addr := tlslab.OpenSSL(t, ca, testpki.ECDSA, tlslab.OnlyTLS11...)
	client := tlsfloor.Default.Client(&http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: ca.Pool()}}})
	_, err := get(t, client, "https://"+addr+"/")
	var de *tlsfloor.DowngradeError
	if !errors.As(err, &de) || de.Version != tls.VersionTLS11 {
		t.Fatalf("error = %v, want a DowngradeError naming TLS 1.1", err)
	}
	want := "refused every version at or above the floor TLS 1.2; it negotiates TLS 1.1"
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error = %q, want it to contain %q", err, want)
	}
}
