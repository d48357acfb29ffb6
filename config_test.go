package tlsfloor_test

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"testing"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
	"github.com/tlsfloor/tlsfloor/internal/tlslab"
)

// dial runs one client handshake with cfg against addr.
func dial(t *testing.T, addr string, cfg *tls.Config) (tls.ConnectionState, error) {
	t.Helper()
	conn, err := tls.Dial("tcp", addr, cfg)
	if err != nil {
		return tls.ConnectionState{}, err
	}
	defer conn.Close()
	return conn.ConnectionState(), nil
}

// TestConfigKeepsBase checks that Config raises what it must and keeps
// everything else.
func TestConfigKeepsBase(t *testing.T) {
	ca := testpki.New(t)
	leaf := ca.Leaf(t, testpki.ECDSA)
	base := &tls.Config{
		MinVersion:         tls.VersionTLS10,
		MaxVersion:         tls.VersionTLS11,
		RootCAs:            ca.Pool(),
		Certificates:       []tls.Certificate{leaf},
		NextProtos:         []string{"h2", "http/1.1"},
		ServerName:         "sts.example",
		InsecureSkipVerify: true,
		CipherSuites:       []uint16{tls.TLS_RSA_WITH_RC4_128_SHA, tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256},
	}
	cfg := tlsfloor.Default.Config(base)
	if cfg.MinVersion != tls.VersionTLS12 || cfg.MaxVersion != 0 {
		t.Errorf("MinVersion, MaxVersion = %x, %x; want TLS 1.2 and no cap", cfg.MinVersion, cfg.MaxVersion)
	}
	if !slices.Equal(cfg.CipherSuites, []uint16{tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}) {
		t.Errorf("CipherSuites = %v, want the insecure suite removed", cfg.CipherSuites)
	}
	if cfg.InsecureSkipVerify {
		t.Error("InsecureSkipVerify kept without the opt-in")
	}
	if cfg.RootCAs != base.RootCAs || len(cfg.Certificates) != 1 || !slices.Equal(cfg.NextProtos, base.NextProtos) || cfg.ServerName != base.ServerName {
		t.Errorf("Config dropped base settings: %+v", cfg)
	}
	if base.MinVersion != tls.VersionTLS10 || !base.InsecureSkipVerify {
		t.Error("Config modified its base")
	}
}

// TestConfigNilBaseSuites checks that a nil suite list becomes an explicit
// secure one, so GODEBUG=tlsrsakex=1,tls3des=1 cannot widen the defaults.
func TestConfigNilBaseSuites(t *testing.T) {
	t.Setenv("GODEBUG", "tlsrsakex=1,tls3des=1")
	cfg := tlsfloor.Default.Config(nil)
	if len(cfg.CipherSuites) == 0 {
		t.Fatal("CipherSuites left nil")
	}
	for _, id := range cfg.CipherSuites {
		for _, bad := range tls.InsecureCipherSuites() {
			if id == bad.ID {
				t.Errorf("CipherSuites includes insecure %s", bad.Name)
			}
		}
	}
}

// TestFloorHoldsAgainstLaxBase covers a base config asking for TLS 1.0,
// and a config edited after Config returned it: against real TLS 1.0 and
// 1.1 servers the handshake must still be refused.
func TestFloorHoldsAgainstLaxBase(t *testing.T) {
	ca := testpki.New(t)
	for _, srv := range versionServers {
		if srv.version >= tls.VersionTLS12 {
			continue
		}
		t.Run(srv.name, func(t *testing.T) {
			addr := srv.start(t, ca)
			lax := &tls.Config{RootCAs: ca.Pool(), MinVersion: tls.VersionTLS10, CipherSuites: allSuiteIDs()}
			if _, err := dial(t, addr, lax); err != nil {
				t.Fatalf("control: a lax config must reach the server: %v", err)
			}
			cfg := tlsfloor.Default.Config(lax)
			if _, err := dial(t, addr, cfg); err == nil {
				t.Error("Config(lax base) connected below the floor")
			}
			cfg.MinVersion, cfg.MaxVersion, cfg.CipherSuites = tls.VersionTLS10, srv.version, allSuiteIDs()
			_, err := dial(t, addr, cfg)
			var de *tlsfloor.DowngradeError
			if !errors.As(err, &de) || de.Version != srv.version {
				t.Errorf("edited config: error = %v, want a DowngradeError naming %s", err, tls.VersionName(srv.version))
			}
		})
	}
}

// exchange dials a tlslab.GoTLS server and reads until it closes, so that
// the server's side of the handshake is over when it returns.
func exchange(t *testing.T, addr string, cfg *tls.Config) (tls.ConnectionState, error) {
	t.Helper()
	conn, err := tls.Dial("tcp", addr, cfg)
	if err != nil {
		return tls.ConnectionState{}, err
	}
	defer conn.Close()
	body, err := io.ReadAll(conn)
	if err != nil || string(body) != tlslab.Body {
		return tls.ConnectionState{}, fmt.Errorf("read %q, %v", body, err)
	}
	return conn.ConnectionState(), nil
}

func allSuiteIDs() []uint16 {
	var ids []uint16
	for _, s := range append(tls.CipherSuites(), tls.InsecureCipherSuites()...) {
		ids = append(ids, s.ID)
	}
	return ids
}

// TestTransportIgnoresLaterEdits edits the transport's TLS config after
// Transport returned, removing even the VerifyConnection hook: the dialer
// re-applies and re-checks the policy.
func TestTransportIgnoresLaterEdits(t *testing.T) {
	ca := testpki.New(t)
	addr := tlslab.OpenSSL(t, ca, testpki.ECDSA, tlslab.OnlyTLS10...)
	tr := tlsfloor.Default.Transport(&http.Transport{TLSClientConfig: &tls.Config{RootCAs: ca.Pool()}})
	tr.TLSClientConfig.MinVersion = tls.VersionTLS10
	tr.TLSClientConfig.CipherSuites = allSuiteIDs()
	tr.TLSClientConfig.VerifyConnection = nil
	_, err := get(t, &http.Client{Transport: tr}, "https://"+addr+"/")
	var de *tlsfloor.DowngradeError
	if !errors.As(err, &de) || de.Version != tls.VersionTLS10 {
		t.Fatalf("error = %v, want a DowngradeError naming TLS 1.0", err)
	}
}

// TestServerConfigGODEBUG runs servers under GODEBUG=tls10server=1, which
// makes a zero-MinVersion crypto/tls server accept TLS 1.0. A plain server
// must accept a TLS 1.0 client (proving the setting is in force); one built
// with ServerConfig must refuse it, also after its MinVersion is edited.
func TestServerConfigGODEBUG(t *testing.T) {
	t.Setenv("GODEBUG", "tls10server=1")
	ca := testpki.New(t)
	client := &tls.Config{RootCAs: ca.Pool(), MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS10}

	plain := tlslab.GoTLS(t, ca, &tls.Config{})
	if cs, err := dial(t, plain, client); err != nil || cs.Version != tls.VersionTLS10 {
		t.Fatalf("control: plain server under tls10server=1: version %x, err %v; want TLS 1.0", cs.Version, err)
	}

	rec := &recorder{}
	srvCfg := tlsfloor.Policy{Observer: rec.observe}.ServerConfig(&tls.Config{Certificates: []tls.Certificate{ca.Leaf(t, testpki.ECDSA)}})
	srvCfg.MinVersion = tls.VersionTLS10 // an edit after the fact
	floored := tlslab.GoTLS(t, ca, srvCfg)
	if _, err := dial(t, floored, client); err == nil {
		t.Fatal("ServerConfig accepted a TLS 1.0 client")
	}
	ev := rec.one(t)
	var de *tlsfloor.DowngradeError
	if ev.Side != tlsfloor.Server || ev.Outcome != tlsfloor.Refused || !errors.As(ev.Err, &de) || de.Offered != tls.VersionTLS10 {
		t.Errorf("event = %+v, want a server-side refusal of a client offering at most TLS 1.0", ev)
	}
	if ev.Addr == "" {
		t.Error("server event has no client address")
	}
}

// TestServerConfigAccepts checks the server side lets TLS 1.2 and 1.3
// clients in and reports them.
func TestServerConfigAccepts(t *testing.T) {
	ca := testpki.New(t)
	rec := &recorder{}
	srvCfg := tlsfloor.Policy{Observer: rec.observe}.ServerConfig(&tls.Config{Certificates: []tls.Certificate{ca.Leaf(t, testpki.ECDSA)}})
	addr := tlslab.GoTLS(t, ca, srvCfg)
	for _, v := range []uint16{tls.VersionTLS12, tls.VersionTLS13} {
		cs, err := exchange(t, addr, &tls.Config{RootCAs: ca.Pool(), MaxVersion: v})
		if err != nil || cs.Version != v {
			t.Errorf("client capped at %s: version %x, err %v", tls.VersionName(v), cs.Version, err)
		}
	}
	for _, ev := range rec.all() {
		if ev.Outcome != tlsfloor.Accepted || ev.Side != tlsfloor.Server || ev.Addr == "" {
			t.Errorf("event = %+v, want an accepted server-side handshake with an address", ev)
		}
	}
	if n := len(rec.all()); n != 2 {
		t.Errorf("observer got %d events, want 2", n)
	}
}

// TestServerConfigUserHook checks that a GetConfigForClient in base is
// honoured and its answer floored.
func TestServerConfigUserHook(t *testing.T) {
	ca := testpki.New(t)
	leaf := ca.Leaf(t, testpki.ECDSA)
	called := false
	base := &tls.Config{GetConfigForClient: func(*tls.ClientHelloInfo) (*tls.Config, error) {
		called = true
		return &tls.Config{Certificates: []tls.Certificate{leaf}, MinVersion: tls.VersionTLS10}, nil
	}}
	addr := tlslab.GoTLS(t, ca, tlsfloor.Default.ServerConfig(base))
	if _, err := dial(t, addr, &tls.Config{RootCAs: ca.Pool(), MaxVersion: tls.VersionTLS11}); err == nil {
		t.Error("hook's TLS 1.0 minimum let a TLS 1.1 client in")
	}
	if _, err := dial(t, addr, &tls.Config{RootCAs: ca.Pool()}); err != nil {
		t.Errorf("TLS 1.3 client refused: %v", err)
	}
	if !called {
		t.Error("base GetConfigForClient not called")
	}
}

// TestPostQuantum: the post-quantum policy fails against servers without a
// hybrid group (Go limited to X25519, and OpenSSL 3.0, which has no ML-KEM)
// and succeeds against a Go server offering X25519MLKEM768.
func TestPostQuantum(t *testing.T) {
	ca := testpki.New(t)
	tests := []struct {
		name  string
		url   func(t *testing.T) string
		group tls.CurveID // 0: must fail
	}{
		{name: "go-x25519-only", url: func(t *testing.T) string {
			return tlslab.GoHTTPS(t, ca, &tls.Config{CurvePreferences: []tls.CurveID{tls.X25519}})
		}},
		{name: "openssl-3.0", url: func(t *testing.T) string {
			return "https://" + tlslab.OpenSSL(t, ca, testpki.ECDSA, tlslab.OnlyTLS13...)
		}},
		{name: "go-mlkem", group: tls.X25519MLKEM768, url: func(t *testing.T) string {
			return tlslab.GoHTTPS(t, ca, &tls.Config{CurvePreferences: []tls.CurveID{tls.X25519MLKEM768, tls.X25519}})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := tlsfloor.PostQuantum.Client(&http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: ca.Pool()}}})
			resp, err := get(t, client, tt.url(t)+"/")
			if tt.group == 0 {
				var de *tlsfloor.DowngradeError
				if !errors.As(err, &de) || de.Problem != tlsfloor.ProblemKeyExchange {
					t.Fatalf("error = %v, want a key-exchange DowngradeError", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("post-quantum handshake: %v", err)
			}
			if cs := resp.TLS; cs.CurveID != tt.group || cs.Version != tls.VersionTLS13 {
				t.Errorf("negotiated %s over %x, want %s over TLS 1.3", cs.CurveID, cs.Version, tt.group)
			}
		})
	}
}

// TestResumedHandshakeIsChecked shows VerifyConnection runs on resumption:
// the observer sees a resumed event, and a policy raised to TLS 1.3 refuses
// to resume a TLS 1.2 session cached earlier.
func TestResumedHandshakeIsChecked(t *testing.T) {
	ca := testpki.New(t)
	addr := tlslab.GoTLS(t, ca, &tls.Config{MaxVersion: tls.VersionTLS12})
	rec := &recorder{}
	cache := tls.NewLRUClientSessionCache(4)
	cfg := tlsfloor.Policy{Observer: rec.observe}.Config(&tls.Config{RootCAs: ca.Pool(), ClientSessionCache: cache, ServerName: "localhost"})
	for range 2 {
		conn, err := tls.Dial("tcp", addr, cfg)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, conn) // let the ticket arrive
		conn.Close()
	}
	evs := rec.all()
	if len(evs) != 2 || evs[0].Resumed || !evs[1].Resumed {
		t.Fatalf("events = %+v, want a full then a resumed handshake", evs)
	}
	strict := tlsfloor.TLS13.Config(&tls.Config{RootCAs: ca.Pool(), ClientSessionCache: cache, ServerName: "localhost"})
	strict.MinVersion, strict.MaxVersion = tls.VersionTLS12, tls.VersionTLS12 // lowered after the fact
	_, err := dial(t, addr, strict)
	var de *tlsfloor.DowngradeError
	if !errors.As(err, &de) || de.Version != tls.VersionTLS12 {
		t.Errorf("error = %v, want the resumed TLS 1.2 session refused by the TLS 1.3 policy", err)
	}
}

// TestProxyKept sends a request through a real CONNECT proxy: the base's
// Proxy setting is kept and the floor still holds through the tunnel.
func TestProxyKept(t *testing.T) {
	ca := testpki.New(t)
	proxyURL, tunnels := tlslab.ConnectProxy(t)
	good := tlslab.GoHTTPS(t, ca, nil)
	bad := "https://" + tlslab.OpenSSL(t, ca, testpki.ECDSA, tlslab.OnlyTLS11...)
	client := tlsfloor.Default.Client(&http.Client{Transport: &http.Transport{
		Proxy:           http.ProxyURL(proxyURL),
		TLSClientConfig: &tls.Config{RootCAs: ca.Pool()},
	}})
	if _, err := get(t, client, good+"/"); err != nil {
		t.Fatalf("through proxy to a TLS 1.3 server: %v", err)
	}
	if _, err := get(t, client, bad+"/"); err == nil {
		t.Fatal("through proxy to a TLS 1.1 server: no error")
	}
	if n := tunnels(); n != 2 {
		t.Errorf("proxy saw %d tunnels, want 2", n)
	}
}

// TestCustomRoundTripper checks that a RoundTripper Client cannot configure
// is wrapped so below-floor responses are refused.
func TestCustomRoundTripper(t *testing.T) {
	ca := testpki.New(t)
	lax := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: ca.Pool(), MinVersion: tls.VersionTLS10, CipherSuites: allSuiteIDs()}}
	client := tlsfloor.Default.Client(&http.Client{Transport: roundTripperFunc(lax.RoundTrip)})
	addr := tlslab.OpenSSL(t, ca, testpki.ECDSA, tlslab.OnlyTLS11...)
	_, err := get(t, client, "https://"+addr+"/")
	var de *tlsfloor.DowngradeError
	if !errors.As(err, &de) || de.Version != tls.VersionTLS11 {
		t.Fatalf("error = %v, want a DowngradeError naming TLS 1.1", err)
	}
	if _, err := get(t, client, tlslab.GoHTTPS(t, ca, nil)+"/"); err != nil {
		t.Errorf("TLS 1.3 through wrapped RoundTripper: %v", err)
	}
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestCustomDialerChecked checks that a DialTLSContext in base is used
// and its connections checked.
func TestCustomDialerChecked(t *testing.T) {
	ca := testpki.New(t)
	addr := tlslab.OpenSSL(t, ca, testpki.ECDSA, tlslab.OnlyTLS10...)
	used := false
	base := &http.Transport{DialTLSContext: func(_ context.Context, network, a string) (net.Conn, error) {
		used = true
		return tls.Dial(network, a, &tls.Config{RootCAs: ca.Pool(), MinVersion: tls.VersionTLS10, CipherSuites: allSuiteIDs()})
	}}
	_, err := get(t, tlsfloor.Default.Client(&http.Client{Transport: base}), "https://"+addr+"/")
	var de *tlsfloor.DowngradeError
	if !used || !errors.As(err, &de) || de.Version != tls.VersionTLS10 {
		t.Fatalf("used %v, error = %v; want the custom dialer used and its TLS 1.0 connection refused", used, err)
	}
}

// TestTransportClone checks that a floored transport's clone dials with its
// own TLS config (as the AWS SDK's BuildableClient clones and edits
// transports) and still holds the floor.
func TestTransportClone(t *testing.T) {
	oldCA, newCA := testpki.New(t), testpki.New(t)
	first := tlsfloor.Default.Transport(&http.Transport{TLSClientConfig: &tls.Config{RootCAs: oldCA.Pool()}})
	clone := first.Clone()
	clone.TLSClientConfig.RootCAs = newCA.Pool()
	client := &http.Client{Transport: clone}
	if _, err := get(t, client, tlslab.GoHTTPS(t, newCA, nil)+"/"); err != nil {
		t.Errorf("clone with new roots: %v", err)
	}
	_, err := get(t, client, "https://"+tlslab.OpenSSL(t, newCA, testpki.ECDSA, tlslab.OnlyTLS11...)+"/")
	var de *tlsfloor.DowngradeError
	if !errors.As(err, &de) || de.Version != tls.VersionTLS11 {
		t.Errorf("clone against TLS 1.1: error = %v, want a DowngradeError naming TLS 1.1", err)
	}
}
