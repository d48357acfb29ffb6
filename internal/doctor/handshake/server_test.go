package handshake

import (
	"context"
	"crypto/tls"
	"io"
	"strings"
	"testing"
	"time"
)

// startTestLab starts a lab for tests that drive it with Go clients.
func startTestLab(t *testing.T) *lab {
	t.Helper()
	l, err := startLab(5 * time.Second)
	if err != nil {
		t.Fatalf("startLab: %v", err)
	}
	t.Cleanup(l.close)
	return l
}

// dial completes one handshake with s using cfg, trusting the lab CA, and
// reads the HTTP answer.
func dial(t *testing.T, l *lab, s *labServer, cfg *tls.Config) (tls.ConnectionState, string) {
	t.Helper()
	cfg.RootCAs, cfg.ServerName = l.ca.Pool(), "127.0.0.1"
	c, err := tls.Dial("tcp", s.Addr, cfg)
	if err != nil {
		t.Fatalf("dial %s: %v", s.Name, err)
	}
	defer c.Close()
	io.WriteString(c, httpGet("127.0.0.1"))
	answer, err := io.ReadAll(c)
	if err != nil {
		t.Fatalf("read %s: %v", s.Name, err)
	}
	return c.ConnectionState(), string(answer)
}

func TestSelfCheck(t *testing.T) {
	l := startTestLab(t)
	if err := l.selfCheck(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestLegacySuiteChoice checks the TLS 1.0 server picks RSA key exchange
// when offered, and ECDHE with CBC otherwise.
func TestLegacySuiteChoice(t *testing.T) {
	l := startTestLab(t)
	s := l.servers[0]
	tests := []struct {
		offer []uint16
		want  uint16
	}{
		{[]uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, tls.TLS_RSA_WITH_AES_128_CBC_SHA}, tls.TLS_RSA_WITH_AES_128_CBC_SHA},
		{[]uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA}, tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA},
		{[]uint16{tls.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA}, tls.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA},
	}
	for _, tt := range tests {
		cfg := &tls.Config{MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS10, CipherSuites: tt.offer}
		st, answer := dial(t, l, s, cfg)
		if st.Version != tls.VersionTLS10 || st.CipherSuite != tt.want {
			t.Errorf("offer %v: got %s %s, want TLS 1.0 %s", tt.offer, tls.VersionName(st.Version),
				tls.CipherSuiteName(st.CipherSuite), tls.CipherSuiteName(tt.want))
		}
		if !strings.HasSuffix(answer, body) {
			t.Errorf("answer %q does not end with the lab body", answer)
		}
	}
}

// TestWindowRecords checks a window records only its own connections,
// with what the server negotiated and what the client offered.
func TestWindowRecords(t *testing.T) {
	l := startTestLab(t)
	s := l.servers[4] // post-quantum
	dial(t, l, s, &tls.Config{})
	s.open()
	dial(t, l, s, &tls.Config{})
	recs := s.shut(time.Second)
	dial(t, l, s, &tls.Config{})
	if len(recs) != 1 {
		t.Fatalf("window recorded %d connections, want 1", len(recs))
	}
	r := recs[0]
	if r.err != nil || r.state.Version != tls.VersionTLS13 || r.state.CurveID != tls.X25519MLKEM768 {
		t.Errorf("got %v %s %s, want TLS 1.3 with X25519MLKEM768", r.err, tls.VersionName(r.state.Version), r.state.CurveID)
	}
	if !r.hello || len(r.offered) == 0 || r.offered[0] != tls.VersionTLS13 {
		t.Errorf("offered %x, want TLS 1.3 first", r.offered)
	}
}

// TestWindowRecordsRefusal checks a refused handshake is recorded with
// the server's reason.
func TestWindowRecordsRefusal(t *testing.T) {
	l := startTestLab(t)
	s := l.servers[1] // TLS 1.1
	s.open()
	c, err := tls.Dial("tcp", s.Addr, &tls.Config{RootCAs: l.ca.Pool(), MinVersion: tls.VersionTLS12})
	if err == nil {
		c.Close()
		t.Fatal("a TLS 1.2+ client completed a handshake with the TLS 1.1 server")
	}
	recs := s.shut(time.Second)
	if len(recs) != 1 || !recs[0].hello || recs[0].err == nil {
		t.Fatalf("got %+v, want one refused ClientHello", recs)
	}
	if !strings.Contains(recs[0].err.Error(), "unsupported versions") {
		t.Errorf("server error %q does not name the version", recs[0].err)
	}
}

// TestSelfCheckCatchesBrokenServer proves the self-check stops a run whose
// post-quantum server cannot work, here because GODEBUG disables ML-KEM.
func TestSelfCheckCatchesBrokenServer(t *testing.T) {
	t.Setenv("GODEBUG", "tlsmlkem=0")
	l := startTestLab(t)
	err := l.selfCheck(context.Background())
	if err == nil || !strings.Contains(err.Error(), "X25519MLKEM768") {
		t.Fatalf("selfCheck: got %v, want the post-quantum server reported broken", err)
	}
	t.Log(err)
}
