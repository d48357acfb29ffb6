// Package bench compares tlsfloor with its peers. Each benchmark runs both
// sides in one run and reports their ratio; results are recorded in
// README.md beside this file.
package bench

import (
	"crypto/tls"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
	"github.com/tlsfloor/tlsfloor/internal/tlslab"
)

// BenchmarkHandshake measures full HTTPS handshakes per second through a
// client from Policy.Client and through a plain http.Client with the same
// TLS settings, against one loopback Go server. The two are interleaved in
// each iteration so that machine noise hits both alike; the metrics are
// each side's handshakes per second and policy/plain, the ratio.
func BenchmarkHandshake(b *testing.B) {
	for _, v := range []uint16{tls.VersionTLS12, tls.VersionTLS13} {
		b.Run(tls.VersionName(v), func(b *testing.B) { benchHandshake(b, v) })
	}
}

func benchHandshake(b *testing.B, version uint16) {
	ca := testpki.New(b)
	url := tlslab.GoHTTPS(b, ca, &tls.Config{MaxVersion: version}) + "/"
	newTransport := func() *http.Transport {
		return &http.Transport{DisableKeepAlives: true, TLSClientConfig: &tls.Config{RootCAs: ca.Pool()}}
	}
	plain := &http.Client{Transport: newTransport()}
	floored := tlsfloor.Default.Client(&http.Client{Transport: newTransport()})
	var plainTime, policyTime time.Duration
	b.ResetTimer()
	for b.Loop() {
		plainTime += timed(b, plain, url)
		policyTime += timed(b, floored, url)
	}
	n := float64(b.N)
	b.ReportMetric(n/plainTime.Seconds(), "plain-hs/s")
	b.ReportMetric(n/policyTime.Seconds(), "policy-hs/s")
	b.ReportMetric(plainTime.Seconds()/policyTime.Seconds(), "policy/plain")
}

// timed makes one request on a new connection and returns how long it took.
func timed(b *testing.B, c *http.Client, url string) time.Duration {
	start := time.Now()
	resp, err := c.Get(url)
	if err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.TLS == nil || resp.TLS.DidResume {
		b.Fatal("no full TLS handshake; the benchmark needs one per request")
	}
	return time.Since(start)
}
