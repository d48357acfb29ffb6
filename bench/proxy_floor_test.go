//go:build unix

package bench

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os"
	"testing"
)

// floorAddrEnv gives TestProxyFloorHelper the address to listen on.
const floorAddrEnv = "TLSFLOOR_BENCH_FLOOR_ADDR"

// startFloorProxy starts the "go-splice" route of TestProxyPeers: this
// test binary run as the least a Go CONNECT proxy can do (read the
// request, dial, answer 200, io.Copy both ways, which splices), with no
// checks, no ClientHello and no log. It is not a product: it measures what
// the Go runtime and the kernel's loopback cost on the machine, the floor
// under any proxy written in Go.
func startFloorProxy(t *testing.T) proxyRoute {
	t.Helper()
	addr := "127.0.0.1:" + proxyFreePort(t)
	pid := startProxyProcess(t, "go-splice", addr, []string{floorAddrEnv + "=" + addr},
		os.Args[0], "-test.run=^TestProxyFloorHelper$", "-test.count=1")
	return proxyRoute{name: "go-splice", addr: addr, pid: pid}
}

// TestProxyFloorHelper is the process of startFloorProxy; it serves until
// it is killed, and skips when run otherwise.
func TestProxyFloorHelper(t *testing.T) {
	addr := os.Getenv(floorAddrEnv)
	if addr == "" {
		t.Skip("the helper process of TestProxyPeers")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	for {
		c, err := ln.Accept()
		if err != nil {
			t.Fatal(err)
		}
		go floorTunnel(c.(*net.TCPConn))
	}
}

// floorTunnel serves one CONNECT request on c. The bench clients send
// nothing before the 200, so the request reader holds nothing after it.
func floorTunnel(c *net.TCPConn) {
	defer c.Close()
	req, err := http.ReadRequest(bufio.NewReader(c))
	if err != nil || req.Method != http.MethodConnect {
		return
	}
	up, err := net.Dial("tcp", req.Host)
	if err != nil {
		return
	}
	defer up.Close()
	io.WriteString(c, "HTTP/1.1 200 Connection established\r\n\r\n")
	done := make(chan struct{})
	go func() {
		io.Copy(up, c)
		up.(*net.TCPConn).CloseWrite()
		close(done)
	}()
	io.Copy(c, up)
	c.CloseWrite()
	<-done
}
