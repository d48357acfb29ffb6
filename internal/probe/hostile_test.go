package probe_test

import (
	"context"
	"io"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/probe"
)

// hostileServer accepts connections on 127.0.0.1 and hands each to
// handle. Every connection is closed when the test ends.
func hostileServer(t *testing.T, handle func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() {
				defer c.Close()
				handle(c)
			})
		}
	}()
	return ln.Addr().String()
}

// serverHello12 is a TLS 1.2 ServerHello choosing
// TLS_RSA_WITH_AES_128_CBC_SHA, sent whatever the client offers.
func serverHello12() []byte {
	body := append([]byte{3, 3}, make([]byte, 33)...)
	body = append(body, 0x00, 0x2f, 0)
	msg := append([]byte{2, 0, 0, byte(len(body))}, body...)
	return append([]byte{22, 3, 3, 0, byte(len(msg))}, msg...)
}

// readHello reads whatever the client sent first.
func readHello(c net.Conn) {
	c.SetReadDeadline(time.Now().Add(time.Second))
	c.Read(make([]byte, 1<<14))
}

func TestProbeHostile(t *testing.T) {
	tests := []struct {
		name     string
		handle   func(net.Conn)
		refusals []probe.RefusalKind // of every version probed, any of
		errorHas string
		accepted []string
	}{
		{
			name:     "garbage",
			handle:   func(c net.Conn) { readHello(c); io.WriteString(c, "HTTP/1.1 400 Bad Request\r\n\r\n") },
			refusals: []probe.RefusalKind{probe.RefusedGarbage},
			errorHas: "no TLS answer to two probes in a row",
		},
		{
			name:     "never answers",
			handle:   func(c net.Conn) { io.Copy(io.Discard, c) },
			refusals: []probe.RefusalKind{probe.RefusedTimeout},
			errorHas: "no TLS answer to two probes in a row",
		},
		{
			name:     "slow drip",
			handle:   slowDrip,
			refusals: []probe.RefusalKind{probe.RefusedTimeout},
			errorHas: "no TLS answer to two probes in a row",
		},
		{
			name:     "closes after the hello",
			handle:   readHello,
			refusals: []probe.RefusalKind{probe.RefusedClosed},
			errorHas: "no protocol version accepted",
		},
		{
			// Closing with the hello unread makes the kernel send a
			// reset, unless the close wins the race.
			name:     "closes at once",
			handle:   func(c net.Conn) {},
			refusals: []probe.RefusalKind{probe.RefusedClosed, probe.RefusedReset},
			errorHas: "no protocol version accepted",
		},
		{
			name:     "resets",
			handle:   func(c net.Conn) { readHello(c); c.(*net.TCPConn).SetLinger(0) },
			refusals: []probe.RefusalKind{probe.RefusedReset},
			errorHas: "no protocol version accepted",
		},
		{
			name:     "endless certificate",
			handle:   endlessChain,
			errorHas: "exceeds the byte limit",
			accepted: []string{"TLS 1.2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr := hostileServer(t, tt.handle)
			opts := probe.Options{ReadTimeout: 200 * time.Millisecond, ConnectTimeout: time.Second, MaxFlightBytes: 64 << 10}
			r := probe.Probe(context.Background(), probe.Endpoint{Address: addr}, opts)
			t.Logf("%s: %v, %d connections, errors %q", tt.name, r.Elapsed.Round(time.Millisecond), r.Connections, r.Errors)
			if !slices.ContainsFunc(r.Errors, func(e string) bool { return strings.Contains(e, tt.errorHas) }) {
				t.Errorf("errors %q, want one containing %q", r.Errors, tt.errorHas)
			}
			if !slices.Equal(r.AcceptedVersions, tt.accepted) && (len(tt.accepted) > 0 || len(r.AcceptedVersions) > 0) {
				t.Errorf("accepted %v, want %v", r.AcceptedVersions, tt.accepted)
			}
			for v, ref := range r.Refused {
				if tt.refusals != nil && !slices.Contains(tt.refusals, ref.Kind) {
					t.Errorf("%s refused %+v, want kind %v", v, ref, tt.refusals)
				}
			}
		})
	}
}

// slowDrip starts a handshake record and then sends one byte every 20ms,
// forever.
func slowDrip(c net.Conn) {
	readHello(c)
	c.Write([]byte{22, 3, 3, 0x40, 0})
	for {
		time.Sleep(20 * time.Millisecond)
		if _, err := c.Write([]byte{0}); err != nil {
			return
		}
	}
}

// endlessChain sends a ServerHello and then a Certificate message that
// claims 16 MiB and keeps coming.
func endlessChain(c net.Conn) {
	readHello(c)
	c.Write(serverHello12())
	chunk := append([]byte{22, 3, 3, 0x40, 0}, make([]byte, 1<<14)...)
	copy(chunk[5:], []byte{11, 0xff, 0xff, 0xf0, 0xff, 0xff, 0xed})
	for {
		if _, err := c.Write(chunk); err != nil {
			return
		}
		chunk = append([]byte{22, 3, 3, 0x40, 0}, make([]byte, 1<<14)...)
	}
}

// TestProbeUnreachable: nothing listens; the probe ends after one
// connection attempt.
func TestProbeUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	r := probe.Probe(context.Background(), probe.Endpoint{Address: addr}, probe.Options{})
	if r.Connections != 1 || len(r.Errors) != 1 || !strings.Contains(r.Errors[0], "connect:") {
		t.Errorf("connections %d, errors %q; want one failed connect", r.Connections, r.Errors)
	}
}

// TestProbeConnectionBudget stops at the connection limit and says so.
func TestProbeConnectionBudget(t *testing.T) {
	addr := hostileServer(t, func(c net.Conn) { readHello(c); c.Write(serverHello12()) })
	r := probe.Probe(context.Background(), probe.Endpoint{Address: addr}, probe.Options{MaxConnections: 3, ReadTimeout: 200 * time.Millisecond})
	if r.Connections != 3 || !slices.ContainsFunc(r.Errors, func(e string) bool { return strings.Contains(e, "connection limit of 3") }) {
		t.Errorf("connections %d, errors %q; want 3 and the limit reported", r.Connections, r.Errors)
	}
}

// TestProbeCanceled returns at once when the context is done.
func TestProbeCanceled(t *testing.T) {
	addr := hostileServer(t, func(c net.Conn) { io.Copy(io.Discard, c) })
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	r := probe.Probe(ctx, probe.Endpoint{Address: addr}, probe.Options{ReadTimeout: time.Minute})
	if !slices.ContainsFunc(r.Errors, func(e string) bool { return strings.Contains(e, "context canceled") }) {
		t.Errorf("took %v with errors %q; want a prompt context error", r.Elapsed, r.Errors)
	}
}

// TestProbeEndpointTimeout ends a probe at the endpoint time limit and
// says so.
func TestProbeEndpointTimeout(t *testing.T) {
	addr := hostileServer(t, func(c net.Conn) { io.Copy(io.Discard, c) })
	r := probe.Probe(context.Background(), probe.Endpoint{Address: addr}, probe.Options{ReadTimeout: time.Minute, EndpointTimeout: 150 * time.Millisecond})
	if !slices.ContainsFunc(r.Errors, func(e string) bool { return strings.Contains(e, "endpoint time limit of 150ms") }) {
		t.Errorf("took %v with errors %q; want the endpoint time limit", r.Elapsed, r.Errors)
	}
}
