package lab

import (
	"context"
	"net"
	"sync"
	"testing"
)

// serveLoopback starts a listener on 127.0.0.1 and hands every connection
// to handle in a goroutine of its own. At cleanup it cancels ctx, closes
// the listener and every connection still open, and waits for the
// handlers to return, so nothing outlives the test.
func serveLoopback(t testing.TB, handle func(ctx context.Context, c net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("lab: listen: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var (
		mu    sync.Mutex
		conns = map[net.Conn]bool{}
		wg    sync.WaitGroup
	)
	track := func(c net.Conn, open bool) bool {
		mu.Lock()
		defer mu.Unlock()
		if open && ctx.Err() != nil {
			return false
		}
		if open {
			conns[c] = true
		} else {
			delete(conns, c)
		}
		return true
	}
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			if !track(c, true) {
				c.Close()
				return
			}
			wg.Go(func() {
				defer track(c, false)
				defer c.Close()
				handle(ctx, c)
			})
		}
	})
	t.Cleanup(func() {
		mu.Lock()
		cancel()
		for c := range conns {
			c.Close()
		}
		mu.Unlock()
		ln.Close()
		wg.Wait()
	})
	return ln.Addr().String()
}
