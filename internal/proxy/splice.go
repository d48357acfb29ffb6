package proxy

import (
	"errors"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// spliceChunk is how much one copy call moves before the idle deadline
// is pushed back. Copies between *net.TCPConn go through splice(2) on
// Linux, including through an *io.LimitedReader, so the bytes never enter
// user space.
const spliceChunk = 4 << 20

// splice copies both ways until each side has finished sending, passing
// each half-close on, or until the tunnel has been idle in both
// directions for IdleTimeout. It closes the tunnel when both directions
// are done.
func (s *Server) splice(c *clientConn, rec *record) {
	up := c.upstream
	idle := c.cfg.limits.IdleTimeout
	var upLast, downLast atomic.Int64
	now := time.Now().UnixNano()
	upLast.Store(now)
	downLast.Store(now)
	var wg sync.WaitGroup
	var upBytes int64
	var ended atomic.Int32 // directions that ended
	wg.Go(func() {
		upBytes = pump(up, c.conn, &upLast, &downLast, idle, c, &ended)
	})
	down := pump(c.conn, up, &downLast, &upLast, idle, c, &ended)
	wg.Wait()
	c.close()
	rec.up += upBytes
	rec.down += down
}

var copyBufPool = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// pump copies src to dst and returns the bytes copied. On EOF it
// half-closes dst, unless the other direction has ended already: then
// the close that follows sends the FIN, and the shutdown(2) is saved. On
// any other error, including idleness, it closes the whole tunnel so that
// the other direction ends too.
func pump(dst, src net.Conn, self, other *atomic.Int64, idle time.Duration, c *clientConn, ended *atomic.Int32) int64 {
	bp := copyBufPool.Get().(*[]byte)
	defer copyBufPool.Put(bp)
	var total int64
	for {
		src.SetReadDeadline(time.Now().Add(idle))
		lr := io.LimitedReader{R: src, N: spliceChunk}
		n, err := io.CopyBuffer(dst, &lr, *bp)
		total += n
		if n > 0 {
			self.Store(time.Now().UnixNano())
		}
		switch {
		case err == nil && lr.N > 0: // EOF
			if ended.Add(1) == 1 {
				closeWrite(dst)
			}
			return total
		case err == nil:
		case errors.Is(err, os.ErrDeadlineExceeded) && active(n, other, idle):
		default:
			c.close()
			return total
		}
	}
}

// active reports whether the tunnel moved bytes within the idle timeout.
func active(n int64, other *atomic.Int64, idle time.Duration) bool {
	return n > 0 || time.Since(time.Unix(0, other.Load())) < idle
}

// closeWrite half-closes c when it can, and closes it otherwise.
func closeWrite(c net.Conn) {
	if cw, ok := c.(interface{ CloseWrite() error }); ok {
		cw.CloseWrite()
		return
	}
	c.Close()
}
