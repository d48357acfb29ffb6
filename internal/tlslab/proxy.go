package tlslab

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
)

// ConnectProxy starts a plain HTTP CONNECT proxy on 127.0.0.1 that tunnels
// to loopback addresses only. It returns the proxy URL and a function that
// counts the tunnels opened so far.
func ConnectProxy(t testing.TB) (*url.URL, func() int) {
	t.Helper()
	var tunnels atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect || !loopback(r.Host) {
			http.Error(w, "tlslab proxy: CONNECT to loopback only", http.StatusForbidden)
			return
		}
		tunnels.Add(1)
		tunnel(w, r.Host)
	}))
	t.Cleanup(srv.Close)
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatalf("tlslab: %v", err)
	}
	return u, func() int { return int(tunnels.Load()) }
}

func loopback(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	ip := net.ParseIP(host)
	return err == nil && ip != nil && ip.IsLoopback()
}

func tunnel(w http.ResponseWriter, target string) {
	up, err := net.Dial("tcp", target)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer up.Close()
	down, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	defer down.Close()
	if _, err := io.WriteString(down, "HTTP/1.1 200 Connection established\r\n\r\n"); err != nil {
		return
	}
	go func() {
		io.Copy(up, buf)
		up.(*net.TCPConn).CloseWrite()
	}()
	io.Copy(down, up)
}
