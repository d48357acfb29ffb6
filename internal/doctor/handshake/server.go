package handshake

import (
	"bufio"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"
)

// body is what every lab server answers to an HTTP request.
const body = "tlsfloor handshake lab ok\n"

// ecdheSuites and rsaKexSuites are the TLS 1.0 and 1.1 servers' suites,
// all CBC. Both families are offered so that a refusal is about the
// version: an OpenSSL 3 client at security level 1 or more refuses the
// SHA-1 signature an ECDHE key exchange needs below TLS 1.2, but RSA key
// exchange signs nothing, and old endpoints offered it.
var (
	ecdheSuites = []uint16{
		tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
		tls.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, tls.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
	}
	rsaKexSuites = []uint16{
		tls.TLS_RSA_WITH_AES_128_CBC_SHA, tls.TLS_RSA_WITH_AES_256_CBC_SHA, tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
	}
)

// labServers describes the servers of a run, in the order they are tried.
func labServers() []Server {
	return []Server{
		{Name: "TLS 1.0", Version: tls.VersionTLS10},
		{Name: "TLS 1.1", Version: tls.VersionTLS11},
		{Name: "TLS 1.2", Version: tls.VersionTLS12},
		{Name: "TLS 1.3", Version: tls.VersionTLS13},
		{Name: "TLS 1.3 X25519MLKEM768", Version: tls.VersionTLS13, PostQuantum: true},
	}
}

// serverConfig limits a server to s.Version, and to the hybrid
// post-quantum group for the post-quantum server. MinVersion is always set:
// a Go server with no MinVersion refuses TLS 1.0 and 1.1.
func serverConfig(s Server, certs []tls.Certificate) *tls.Config {
	cfg := &tls.Config{
		Certificates: certs,
		MinVersion:   s.Version,
		MaxVersion:   s.Version,
	}
	if s.Version < tls.VersionTLS12 {
		cfg.CipherSuites = append(slices.Clone(ecdheSuites), rsaKexSuites...)
	}
	if s.PostQuantum {
		cfg.CurvePreferences = []tls.CurveID{tls.X25519MLKEM768}
	}
	return cfg
}

// forHello returns the config for one ClientHello: below TLS 1.2, a
// client that offers RSA key exchange gets only that, the family it is
// likeliest to complete (see rsaKexSuites); otherwise nil, for cfg itself.
func forHello(cfg *tls.Config, h *tls.ClientHelloInfo) *tls.Config {
	if cfg.MaxVersion >= tls.VersionTLS12 || !slices.ContainsFunc(h.CipherSuites, isRSAKex) {
		return nil
	}
	rsa := cfg.Clone()
	rsa.CipherSuites = rsaKexSuites
	return rsa
}

func isRSAKex(id uint16) bool { return slices.Contains(rsaKexSuites, id) }

// labServer is a running lab server. It records the handshakes of the
// connections accepted while a window is open; attempts take turns so
// that each window holds one client's connections only.
type labServer struct {
	Server
	ln      net.Listener
	cfg     *tls.Config
	timeout time.Duration
	stop    context.Context // done when the server closes
	cancel  context.CancelFunc
	turn    sync.Mutex // held by the attempt that owns the window
	done    sync.WaitGroup

	mu      sync.Mutex
	gen     uint64 // window generation; odd while a window is open
	pending int    // handshakes of this window still running
	recs    []connRecord
}

// connRecord is the server's account of one connection.
type connRecord struct {
	hello   bool     // a ClientHello arrived
	offered []uint16 // versions it offered
	state   tls.ConnectionState
	err     error // nil when the handshake completed
}

// startServer listens on 127.0.0.1 and serves until close.
func startServer(s Server, certs []tls.Certificate, timeout time.Duration) (*labServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen for %s server: %w", s.Name, err)
	}
	s.Addr = ln.Addr().String()
	ls := &labServer{Server: s, ln: ln, cfg: serverConfig(s, certs), timeout: timeout}
	ls.stop, ls.cancel = context.WithCancel(context.Background())
	ls.done.Add(1)
	go ls.serve()
	return ls, nil
}

// close stops the listener, cuts every connection short and waits for
// them to finish.
func (ls *labServer) close() {
	ls.cancel()
	ls.ln.Close()
	ls.done.Wait()
}

func (ls *labServer) serve() {
	defer ls.done.Done()
	for {
		c, err := ls.ln.Accept()
		if err != nil {
			return
		}
		gen, rec := ls.admit()
		ls.done.Add(1)
		go func() {
			defer ls.done.Done()
			ls.handle(c, gen, rec)
		}()
	}
}

// admit notes a new connection; it is recorded only if a window is open.
func (ls *labServer) admit() (gen uint64, record bool) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if ls.gen%2 == 1 {
		ls.pending++
		return ls.gen, true
	}
	return ls.gen, false
}

// handle runs the handshake, records it and answers one HTTP request.
// Closing the TLS connection sends close_notify, which OpenSSL 3 clients
// need to end without an "unexpected eof" error.
func (ls *labServer) handle(c net.Conn, gen uint64, record bool) {
	c.SetDeadline(time.Now().Add(ls.timeout))
	defer context.AfterFunc(ls.stop, func() { c.SetDeadline(time.Now()) })()
	var r connRecord
	cfg := ls.cfg.Clone()
	cfg.GetConfigForClient = func(h *tls.ClientHelloInfo) (*tls.Config, error) {
		r.hello, r.offered = true, slices.Clone(h.SupportedVersions)
		return forHello(ls.cfg, h), nil
	}
	tc := tls.Server(c, cfg)
	defer tc.Close()
	r.err = tc.HandshakeContext(ls.stop)
	r.state = tc.ConnectionState()
	if record {
		ls.store(gen, r)
	}
	if r.err == nil {
		respond(tc)
	}
}

// store adds r to the window it was admitted in, if that is still open.
func (ls *labServer) store(gen uint64, r connRecord) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if gen == ls.gen {
		ls.recs = append(ls.recs, r)
		ls.pending--
	}
}

// respond answers one HTTP/1.1 request, draining its body first so that
// clients that send one see no reset.
func respond(c net.Conn) {
	req, err := http.ReadRequest(bufio.NewReader(c))
	if err != nil {
		return
	}
	io.Copy(io.Discard, io.LimitReader(req.Body, 1<<20))
	io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n"+
		"Content-Length: "+strconv.Itoa(len(body))+"\r\n\r\n"+body)
}

// open takes the server for one attempt and opens a recording window.
func (ls *labServer) open() {
	ls.turn.Lock()
	ls.mu.Lock()
	defer ls.mu.Unlock()
	ls.gen++
	ls.pending, ls.recs = 0, nil
}

// shut waits up to grace for the handshakes the window admitted, closes
// the window, releases the server and returns what it recorded.
func (ls *labServer) shut(grace time.Duration) []connRecord {
	defer ls.turn.Unlock()
	deadline := time.Now().Add(grace)
	for ls.waiting() && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	ls.mu.Lock()
	defer ls.mu.Unlock()
	ls.gen++
	return ls.recs
}

func (ls *labServer) waiting() bool {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return ls.pending > 0
}
