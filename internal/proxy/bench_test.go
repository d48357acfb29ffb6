package proxy_test

import (
	"bufio"
	"crypto/tls"
	"io"
	"log/slog"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/proxy"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
	"github.com/tlsfloor/tlsfloor/internal/tlslab"
)

// benchLab is a TLS destination and a proxy in front of it, with logging
// to io.Discard so that its cost is counted.
type benchLab struct {
	dest, proxy string
	client      *tls.Config
}

// newBenchLab starts a TLS server on 127.0.0.1 that runs serve on each
// handshaken connection, and a proxy that admits it.
func newBenchLab(b *testing.B, serve func(*tls.Conn)) *benchLab {
	b.Helper()
	ca := testpki.New(b)
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{ca.Leaf(b, testpki.ECDSA, awsHost)}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ln.Close() })
	go tlslab.Serve(ln, serve)
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	opts := labOptions(port)
	srv, err := proxy.New(opts, slog.New(slog.NewJSONHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	pln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	go srv.Serve(pln)
	b.Cleanup(func() { pln.Close() })
	return &benchLab{
		dest:   ln.Addr().String(),
		proxy:  pln.Addr().String(),
		client: &tls.Config{RootCAs: ca.Pool(), ServerName: awsHost, ClientSessionCache: nil},
	}
}

// dial opens a TCP connection to the destination, directly or through a
// CONNECT tunnel.
func (l *benchLab) dial(b *testing.B, viaProxy bool) net.Conn {
	if !viaProxy {
		c, err := net.Dial("tcp", l.dest)
		if err != nil {
			b.Fatal(err)
		}
		return c
	}
	c, err := net.Dial("tcp", l.proxy)
	if err != nil {
		b.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(l.dest)
	io.WriteString(c, "CONNECT "+net.JoinHostPort(awsHost, port)+" HTTP/1.1\r\n\r\n")
	br := bufio.NewReaderSize(c, 64)
	resp, err := http.ReadResponse(br, &http.Request{Method: http.MethodConnect})
	if err != nil || resp.StatusCode != 200 || br.Buffered() != 0 {
		b.Fatalf("CONNECT: %v", err)
	}
	return c
}

// handshake runs one full TLS handshake and reads the server's first byte.
func (l *benchLab) handshake(b *testing.B, viaProxy bool) {
	c := l.dial(b, viaProxy)
	defer c.Close()
	tc := tls.Client(c, l.client)
	if _, err := io.ReadFull(tc, make([]byte, 1)); err != nil {
		b.Fatal(err)
	}
}

func modes(b *testing.B, f func(b *testing.B, viaProxy bool)) {
	b.Run("direct", func(b *testing.B) { f(b, false) })
	b.Run("proxy", func(b *testing.B) { f(b, true) })
}

func writeByte(c *tls.Conn) { c.Write([]byte{1}) }

// BenchmarkTunnelSetup measures a new connection and full TLS 1.3
// handshake, one at a time: ns/op is the setup latency.
func BenchmarkTunnelSetup(b *testing.B) {
	l := newBenchLab(b, writeByte)
	modes(b, func(b *testing.B, viaProxy bool) {
		for b.Loop() {
			l.handshake(b, viaProxy)
		}
	})
}

// BenchmarkTunnelsPerSecond runs 16 setups at a time.
func BenchmarkTunnelsPerSecond(b *testing.B) {
	l := newBenchLab(b, writeByte)
	modes(b, func(b *testing.B, viaProxy bool) {
		b.SetParallelism(16)
		start := time.Now()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.handshake(b, viaProxy)
			}
		})
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "tunnels/s")
	})
}

const bulkChunk = 1 << 20

// BenchmarkBulk measures the throughput of one TLS connection that
// streams from the server.
func BenchmarkBulk(b *testing.B) {
	data := make([]byte, bulkChunk)
	l := newBenchLab(b, func(c *tls.Conn) {
		for {
			if _, err := c.Write(data); err != nil {
				return
			}
		}
	})
	modes(b, func(b *testing.B, viaProxy bool) {
		c := l.dial(b, viaProxy)
		defer c.Close()
		tc := tls.Client(c, l.client)
		buf := make([]byte, 64<<10)
		b.SetBytes(bulkChunk)
		for b.Loop() {
			if _, err := io.ReadFull(tc, make([]byte, 0)); err != nil {
				b.Fatal(err)
			}
			for n := 0; n < bulkChunk; {
				m, err := tc.Read(buf)
				if err != nil {
					b.Fatal(err)
				}
				n += m
			}
		}
	})
}

// BenchmarkBulkAfterHandshake measures the tunnel's own forwarding: after
// the TLS handshake the server streams plain bytes on the TCP connection,
// so that encryption does not mask the copy.
func BenchmarkBulkAfterHandshake(b *testing.B) {
	data := make([]byte, bulkChunk)
	l := newBenchLab(b, func(c *tls.Conn) {
		raw := c.NetConn()
		for {
			if _, err := raw.Write(data); err != nil {
				return
			}
		}
	})
	modes(b, func(b *testing.B, viaProxy bool) {
		c := l.dial(b, viaProxy)
		defer c.Close()
		if err := tls.Client(c, l.client).Handshake(); err != nil {
			b.Fatal(err)
		}
		buf := make([]byte, 256<<10)
		b.SetBytes(bulkChunk)
		for b.Loop() {
			for n := 0; n < bulkChunk; {
				m, err := c.Read(buf)
				if err != nil {
					b.Fatal(err)
				}
				n += m
			}
		}
	})
}
