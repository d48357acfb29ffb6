package lab

import (
	"context"
	"crypto/rand"
	"io"
	"net"
	"testing"
	"time"
)

// DripInterval is how often the Drip server sends its next byte.
const DripInterval = 100 * time.Millisecond

// dripHead is what the Drip server sends first, a byte at a time: the
// header of a 16 KB handshake record holding a ServerHello, so a client
// keeps waiting for the rest, which is zeros, forever.
var dripHead = []byte{0x16, 0x03, 0x03, 0x40, 0x00, 0x02, 0x00, 0x3f, 0xfc, 0x03, 0x03}

// hostile starts an in-process server with handle and an Expect that
// declares its behaviour.
func hostile(t testing.TB, behaviour string, handle func(ctx context.Context, c net.Conn)) Server {
	t.Helper()
	addr := serveLoopback(t, handle)
	return Server{Name: "hostile-" + behaviour, Addr: addr, Expect: Expect{Hostile: behaviour}, Log: noLog}
}

// HostileGarbage writes 64 random bytes that are not a TLS record to each
// connection, then closes it.
func HostileGarbage(t testing.TB) Server {
	return hostile(t, Garbage, func(_ context.Context, c net.Conn) {
		b := make([]byte, 64)
		rand.Read(b)
		b[0] = 'G' // no TLS content type
		c.SetWriteDeadline(time.Now().Add(handshakeTimeout))
		c.Write(b)
	})
}

// HostileSilent accepts connections, reads whatever comes and never
// answers, until the client or the test ends.
func HostileSilent(t testing.TB) Server {
	return hostile(t, Silent, func(_ context.Context, c net.Conn) {
		io.Copy(io.Discard, c)
	})
}

// HostileDrip sends a record header and then zeros, one byte every
// DripInterval, until the client or the test ends.
func HostileDrip(t testing.TB) Server {
	return hostile(t, Drip, func(ctx context.Context, c net.Conn) {
		tick := time.NewTicker(DripInterval)
		defer tick.Stop()
		for i := 0; ; i++ {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			b := byte(0)
			if i < len(dripHead) {
				b = dripHead[i]
			}
			c.SetWriteDeadline(time.Now().Add(handshakeTimeout))
			if _, err := c.Write([]byte{b}); err != nil {
				return
			}
		}
	})
}

// HostileClose closes each connection as soon as it is accepted.
func HostileClose(t testing.TB) Server {
	return hostile(t, Close, func(context.Context, net.Conn) {})
}
