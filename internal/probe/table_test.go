package probe_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/probe"
	"github.com/tlsfloor/tlsfloor/internal/probe/lab"
	"github.com/tlsfloor/tlsfloor/internal/report/reporttest"
	"github.com/tlsfloor/tlsfloor/internal/report/text"
)

var update = flag.Bool("update", false, "probe lab servers again into testdata/results and rewrite testdata/text")

// tableCases are the lab servers whose recorded results the text table
// is checked on: a pass with the server's suite order, a fail below the
// floor, a TLS 1.3-only server with a post-quantum hybrid, and a server
// that never answers.
var tableCases = []lab.Spec{
	{Name: "nginx-modern", Start: lab.NginxModern},
	{Name: "openssl-legacy", Start: lab.OpenSSLLegacy},
	{Name: "go-x25519mlkem768", Start: lab.GoX25519MLKEM768},
	{Name: "hostile-silent", Start: lab.HostileSilent},
}

// TestTextTable replays recorded results of real lab servers through the
// text format with probe's layout, one endpoint per run and all of them
// in one run (with the summary table), and compares the output with
// testdata/text. With -update it first probes the lab servers again.
func TestTextTable(t *testing.T) {
	var all []probe.Result
	for _, spec := range tableCases {
		path := filepath.Join("testdata", "results", spec.Name+".json")
		if *update {
			record(t, spec, path)
		}
		r := readResult(t, path)
		all = append(all, r)
		t.Run(spec.Name, func(t *testing.T) {
			reporttest.Golden(t, filepath.Join("testdata", "text", spec.Name+".txt"), renderTable(t, r), *update)
		})
	}
	t.Run("all", func(t *testing.T) {
		reporttest.Golden(t, filepath.Join("testdata", "text", "all.txt"), renderTable(t, all...), *update)
	})
}

// record probes a lab server and writes its result to path; a server
// whose program is missing keeps its old recording.
func record(t *testing.T, spec lab.Spec, path string) {
	t.Run("record-"+spec.Name, func(t *testing.T) {
		srv := spec.Start(t)
		r := probe.Probe(context.Background(), probe.Endpoint{Target: spec.Name, Address: srv.Addr, ServerName: "localhost"},
			probe.Options{Roots: srv.CAPool, ReadTimeout: 300 * time.Millisecond})
		b, err := json.MarshalIndent(r, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	})
}

func readResult(t *testing.T, path string) probe.Result {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test with -update to record it)", err)
	}
	var r probe.Result
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return r
}

// renderTable writes results as one run of the text format with probe's
// layout.
func renderTable(t *testing.T, results ...probe.Result) []byte {
	t.Helper()
	c := reporttest.Case{
		Run:     finding.Run{Command: "probe", Floor: "TLS 1.2", Started: reporttest.Started()},
		Summary: finding.Summary{Unit: "endpoints", Read: len(results), Findings: len(results)},
	}
	for _, r := range results {
		c.Findings = append(c.Findings, r.Finding())
	}
	var buf bytes.Buffer
	if err := reporttest.Feed(text.NewWithOptions(&buf, probe.TextOptions()), c); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestTextTableHostile: what a server controls (its certificate's names)
// and what a user typed (the target) reach the terminal escaped.
func TestTextTableHostile(t *testing.T) {
	r := readResult(t, filepath.Join("testdata", "results", "nginx-modern.json"))
	r.Target = "evil\n\x1b[2J.example"
	r.Certificate.Subject = "CN=\x1b]0;owned\x07\u202e"
	r.Certificate.SANs = []string{"a\rb"}
	other := r
	other.Target = "second\x1b"
	out := string(renderTable(t, r, other))
	for _, bad := range []string{"\x1b", "\x07", "\r", "\u202e", "evil\n"} {
		if strings.Contains(out, bad) {
			t.Errorf("output holds %q:\n%s", bad, out)
		}
	}
	for _, want := range []string{`evil\n\x1b[2J.example`, `CN=\x1b]0;owned\a\u202e`, `second\x1b  `} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestTextTableFallback: a finding that carries no probe result keeps
// the default layout.
func TestTextTableFallback(t *testing.T) {
	f := finding.Finding{RuleID: "TF-OTHER", Severity: finding.Low, Title: "something else", Target: "x"}
	out, ok := probe.TextOptions().Block(f)
	if ok || out != "" {
		t.Errorf("Block took a finding of another rule: %q", out)
	}
}
