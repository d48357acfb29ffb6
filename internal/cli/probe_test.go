package cli

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/testpki"
	"github.com/tlsfloor/tlsfloor/internal/tlslab"
)

// probeDoc is the part of a "tlsfloor.probe/v1" document the tests read.
type probeDoc struct {
	Schema   string `json:"schema"`
	Findings []struct {
		RuleID  string `json:"rule_id"`
		Verdict string `json:"verdict"`
		Target  string `json:"target"`
		Details struct {
			Target           string              `json:"target"`
			Address          string              `json:"address"`
			AcceptedVersions []string            `json:"accepted_versions"`
			Refused          map[string]any      `json:"refused"`
			CipherSuites     map[string][]string `json:"cipher_suites"`
			Groups           map[string][]string `json:"groups"`
			Certificate      *struct {
				Trusted bool `json:"trusted"`
			} `json:"certificate"`
			BelowFloor bool `json:"below_floor"`
		} `json:"details"`
	} `json:"findings"`
	Summary struct {
		Read    int `json:"read"`
		Skipped []struct {
			Reason string `json:"reason"`
			Count  int    `json:"count"`
		} `json:"skipped"`
	} `json:"summary"`
}

// TestProbeCommand probes a real TLS 1.1-only OpenSSL server, a Go TLS 1.3
// server and a bad target through the CLI, and reads the JSON document.
func TestProbeCommand(t *testing.T) {
	ca := testpki.New(t)
	old := tlslab.OpenSSL(t, ca, testpki.ECDSA, tlslab.OnlyTLS11...)
	modern := tlslab.GoTLS(t, ca, &tls.Config{MinVersion: tls.VersionTLS13})
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, ca.CertPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	err := Main(context.Background(), []string{"probe", "--format", "json", "--fail-on", "below-floor", "--ca", caFile, old, modern, "http://plain.example"}, strings.NewReader(""), &stdout, &stderr)
	if code := ExitCode(err); code != ExitFindings {
		t.Fatalf("exit code %d (%v), want %d; stderr:\n%s", code, err, ExitFindings, stderr.String())
	}
	var doc probeDoc
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout.String())
	}
	if doc.Schema != "tlsfloor.probe/v1" || doc.Summary.Read != 2 || len(doc.Summary.Skipped) != 1 || doc.Summary.Skipped[0].Count != 1 {
		t.Errorf("schema %q, summary %+v: want probe/v1, 2 read, 1 unparsable target skipped", doc.Schema, doc.Summary)
	}
	if !strings.Contains(stderr.String(), "plain http has no TLS") {
		t.Errorf("stderr does not name the bad target:\n%s", stderr.String())
	}
	for _, f := range doc.Findings {
		d := f.Details
		switch f.Target {
		case old:
			if f.Verdict != "fail" || !d.BelowFloor || strings.Join(d.AcceptedVersions, ",") != "TLS 1.1" || len(d.CipherSuites["TLS 1.1"]) == 0 {
				t.Errorf("TLS 1.1 server: %+v", f)
			}
		case modern:
			if f.Verdict != "pass" || d.BelowFloor || strings.Join(d.AcceptedVersions, ",") != "TLS 1.3" || d.Certificate == nil || !d.Certificate.Trusted || d.Refused["TLS 1.2"] == nil {
				t.Errorf("TLS 1.3 server: %+v", f)
			}
		default:
			t.Errorf("unexpected finding for %q", f.Target)
		}
	}
	if len(doc.Findings) != 2 {
		t.Errorf("%d findings, want one per endpoint", len(doc.Findings))
	}
}

// TestProbeVersionsOnly sweeps with --versions-only: versions only, no
// suites, groups or certificate.
func TestProbeVersionsOnly(t *testing.T) {
	ca := testpki.New(t)
	modern := tlslab.GoTLS(t, ca, &tls.Config{MinVersion: tls.VersionTLS12})
	var stdout, stderr bytes.Buffer
	err := Main(context.Background(), []string{"probe", "--versions-only", "--format", "json", modern}, strings.NewReader(""), &stdout, &stderr)
	if err != nil {
		t.Fatalf("probe: %v\n%s", err, stderr.String())
	}
	var doc probeDoc
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil || len(doc.Findings) != 1 {
		t.Fatalf("output: %v\n%s", err, stdout.String())
	}
	d := doc.Findings[0].Details
	if strings.Join(d.AcceptedVersions, ",") != "TLS 1.2,TLS 1.3" || len(d.CipherSuites) != 0 || d.Certificate != nil {
		t.Errorf("versions-only details: %+v", d)
	}
}

// TestProbeText probes two real servers through the CLI in the text
// format: a table per endpoint, then the table of both.
func TestProbeText(t *testing.T) {
	ca := testpki.New(t)
	old := tlslab.OpenSSL(t, ca, testpki.ECDSA, tlslab.OnlyTLS11...)
	modern := tlslab.GoTLS(t, ca, &tls.Config{MinVersion: tls.VersionTLS13, CurvePreferences: []tls.CurveID{tls.X25519MLKEM768}})
	var stdout, stderr bytes.Buffer
	err := Main(context.Background(), []string{"probe", old, modern}, strings.NewReader(""), &stdout, &stderr)
	if code := ExitCode(err); code != ExitFindings {
		t.Fatalf("exit code %d (%v), want %d; stderr:\n%s", code, err, ExitFindings, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{
		"VERSION  RESULT", "TLS 1.1  accepted", "TLS 1.3  refused       alert: protocol version not supported",
		"X25519MLKEM768 (PQ hybrid)", "certificate  CN=localhost", "not trusted: x509:",
		"TARGET", old + "  fail", modern + "  pass", "probe: 2 checks: 1 pass, 0 warn, 1 fail, 0 unknown",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
