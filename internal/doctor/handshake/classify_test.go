package handshake

import (
	"crypto/tls"
	"errors"
	"net"
	"strings"
	"testing"
)

// remoteAlert is how crypto/tls reports an alert the peer sent.
func remoteAlert(text string) error {
	return &net.OpError{Op: "remote error", Err: errors.New(text)}
}

var tls12 = Server{Name: "TLS 1.2", Version: tls.VersionTLS12}

func TestClassify(t *testing.T) {
	ok := connRecord{hello: true, offered: []uint16{tls.VersionTLS12},
		state: tls.ConnectionState{Version: tls.VersionTLS12, CipherSuite: tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CurveID: tls.X25519}}
	refused := connRecord{hello: true, offered: []uint16{tls.VersionTLS13}, err: errors.New("tls: client offered only unsupported versions: [304]")}
	distrust := connRecord{hello: true, err: remoteAlert("tls: unknown certificate authority")}
	noHello := connRecord{err: errors.New("EOF")}
	failed := clientRun{started: true, err: errors.New("exit status 1"), out: "noise\ncurl: (35) alert protocol version\n"}
	tests := []struct {
		name       string
		run        clientRun
		recs       []connRecord
		acct       account
		want       Outcome
		wantDetail string
	}{
		{"negotiated", clientRun{started: true}, []connRecord{ok}, account{version: tls.VersionTLS12}, Negotiated, ""},
		{"server record wins over a failed client", failed, []connRecord{refused, ok}, account{}, Negotiated, "client failed after the handshake"},
		{"negotiated after a timeout", clientRun{started: true, timedOut: true}, []connRecord{ok}, account{}, Negotiated, "timed out after"},
		{"client account disagrees", clientRun{started: true}, []connRecord{ok}, account{version: tls.VersionTLS13}, Negotiated, "client reported TLS 1.3"},
		{"refused", failed, []connRecord{refused}, account{}, Refused, "alert protocol version (server: tls: client offered only"},
		{"untrusted certificate", failed, []connRecord{distrust}, account{}, Error, "did not trust"},
		{"no ClientHello", failed, []connRecord{noHello}, account{}, Error, "no ClientHello"},
		{"no connection", failed, nil, account{}, Error, "server saw no connection"},
		{"did not start", clientRun{err: errors.New("exec: no such file")}, nil, account{}, Error, "did not start"},
		{"timeout", clientRun{started: true, timedOut: true}, []connRecord{refused}, account{}, Timeout, "killed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := classify(tls12, tt.run, tt.recs, tt.acct)
			if a.Outcome != tt.want || !strings.Contains(a.Detail, tt.wantDetail) {
				t.Errorf("got %s, detail %q; want %s with %q", a.Outcome, a.Detail, tt.want, tt.wantDetail)
			}
			if a.Outcome == Negotiated && (a.Version != tls.VersionTLS12 || a.Group != tls.X25519) {
				t.Errorf("negotiated fields not from the server record: %+v", a)
			}
		})
	}
}

func TestTrustFailure(t *testing.T) {
	for err, want := range map[error]bool{
		remoteAlert("tls: bad certificate"):                true,
		remoteAlert("tls: protocol version not supported"): false,
		errors.New("tls: unknown certificate authority"):   false, // not sent by the peer
		nil: false,
	} {
		if got := trustFailure(err); got != want {
			t.Errorf("trustFailure(%v) = %v, want %v", err, got, want)
		}
	}
}
