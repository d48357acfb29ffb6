package proxy

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// plain handles a request other than CONNECT: upgrade mode when it is on
// and applies, 405 otherwise. It reports whether the connection may carry
// a further request.
func (s *Server) plain(c *clientConn, req *http.Request, rec *record) bool {
	rec.destination = req.Host
	if !c.cfg.opts.Upgrade.Enabled || req.URL.Scheme != "http" || req.URL.Host == "" {
		rec.dec = deny(ReasonMethodNotAllowed, fmt.Sprintf("%s with a %s target: this proxy tunnels CONNECT requests only", quoteUser(req.Method), targetForm(req)))
		s.refuseRequest(c, rec)
		return false
	}
	rec.kind = KindUpgrade
	if !c.cfg.upgradeClient(c.conn.RemoteAddr()) {
		rec.dec = deny(ReasonUpgradeClientNotAllowed, "upgrade mode serves "+c.cfg.upgradeClientsString()+" only")
		s.refuseRequest(c, rec)
		return false
	}
	return s.upgrade(c, req, rec)
}

func targetForm(req *http.Request) string {
	if req.URL.Scheme != "" {
		return req.URL.Scheme + " absolute-form"
	}
	return "origin-form"
}

// upgradeClient reports whether addr may use upgrade mode.
func (c *config) upgradeClient(addr net.Addr) bool {
	ap, err := netip.ParseAddrPort(addr.String())
	if err != nil {
		return false
	}
	ip := ap.Addr().Unmap()
	if len(c.opts.Upgrade.Clients) == 0 {
		return ip.IsLoopback()
	}
	for _, p := range c.opts.Upgrade.Clients {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

func (c *config) upgradeClientsString() string {
	if len(c.opts.Upgrade.Clients) == 0 {
		return "loopback clients"
	}
	var s []string
	for _, p := range c.opts.Upgrade.Clients {
		s = append(s, p.String())
	}
	return strings.Join(s, ", ")
}

// upgrade sends a plain-HTTP request upstream over TLS under the policy,
// with the same host and path, and relays the response.
func (s *Server) upgrade(c *clientConn, req *http.Request, rec *record) bool {
	hostport := upstreamHostPort(req.URL)
	d, dec := c.cfg.allow.parseDestination(hostport)
	if dec.Allow {
		_, dec = c.cfg.resolve(context.Background(), d)
	}
	if rec.dec = dec; !dec.Allow {
		s.refuseRequest(c, rec)
		return false
	}
	body := &countingReader{r: req.Body}
	resp, err := c.cfg.upstream.RoundTrip(upstreamRequest(req, hostport, body))
	rec.up = body.n.Load()
	if err != nil {
		rec.dec = upgradeError(err)
		s.refuseRequest(c, rec)
		return false
	}
	defer resp.Body.Close()
	if resp.TLS != nil {
		rec.negotiated = hello.VersionName(resp.TLS.Version)
	}
	rec.dec = allow(ReasonUpgraded)
	keep := s.relay(c, req, resp, rec)
	rec.up = body.n.Load()
	s.finish(rec)
	return keep && body.done(req)
}

// upstreamHostPort is the TLS destination of an http:// URL: its port
// when it names one, else 443.
func upstreamHostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "443"
	}
	return net.JoinHostPort(u.Hostname(), port)
}

// upstreamRequest copies req for the upstream: https, the same Host
// header and path, and no hop-by-hop headers.
func upstreamRequest(req *http.Request, hostport string, body io.Reader) *http.Request {
	out := req.Clone(context.Background())
	out.URL.Scheme = "https"
	out.URL.Host = hostport
	out.Host = req.Host
	out.RequestURI = ""
	out.Close = false
	if req.Body != nil && req.Body != http.NoBody {
		out.Body = io.NopCloser(body)
	}
	removeHopByHop(out.Header)
	return out
}

// hopByHop are the headers that belong to one connection (RFC 9110,
// section 7.6.1), plus the proxy credentials, which stop here.
var hopByHop = []string{"Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authenticate",
	"Proxy-Authorization", "Te", "Trailer", "Transfer-Encoding", "Upgrade"}

func removeHopByHop(h http.Header) {
	for _, v := range h.Values("Connection") {
		for _, name := range strings.Split(v, ",") {
			h.Del(strings.TrimSpace(name))
		}
	}
	for _, name := range hopByHop {
		h.Del(name)
	}
}

// relay writes the upstream response to the client in the client's
// HTTP version and reports whether the connection stays open.
func (s *Server) relay(c *clientConn, req *http.Request, resp *http.Response, rec *record) bool {
	removeHopByHop(resp.Header)
	resp.Proto, resp.ProtoMajor, resp.ProtoMinor = req.Proto, req.ProtoMajor, req.ProtoMinor
	resp.Close = req.Close || !req.ProtoAtLeast(1, 1)
	if !req.ProtoAtLeast(1, 1) {
		resp.TransferEncoding = nil
	}
	w := &countingWriter{w: c.conn}
	err := resp.Write(w)
	rec.down = w.n
	return err == nil && !resp.Close
}

// upgradeError turns an upstream failure into a decision.
func upgradeError(err error) Decision {
	var re *refusedError
	var de *tlsfloor.DowngradeError
	switch {
	case errors.As(err, &re):
		return re.d
	case errors.As(err, &de):
		return judgeDowngrade(de)
	}
	return deny(ReasonUpgradeFailed, err.Error())
}

// judgeDowngrade names the policy refusal of an upstream connection.
func judgeDowngrade(de *tlsfloor.DowngradeError) Decision {
	switch de.Problem {
	case tlsfloor.ProblemCipherSuite:
		return deny(ReasonServerInsecureSuite, de.Error())
	case tlsfloor.ProblemKeyExchange:
		return deny(ReasonServerNoPQGroup, de.Error())
	}
	return deny(ReasonServerBelowFloor, de.Error())
}

// upstreamTransport is the TLS client of upgrade mode: the policy's
// transport, dialling through the allowlist's checks, trusting RootCAs.
func (c *config) upstreamTransport() *http.Transport {
	return c.opts.Policy.Transport(&http.Transport{
		DialContext:           c.dialChecked,
		TLSClientConfig:       &tls.Config{RootCAs: c.opts.RootCAs},
		TLSHandshakeTimeout:   c.limits.HelloTimeout,
		ResponseHeaderTimeout: c.limits.IdleTimeout,
		IdleConnTimeout:       c.limits.IdleTimeout,
		MaxIdleConnsPerHost:   16,
		DisableCompression:    true,
	})
}

// countingReader counts a request body as the upstream transport reads
// it, possibly from its own goroutine after RoundTrip has returned (when
// the server answers before reading the whole body).
type countingReader struct {
	r   io.Reader
	n   atomic.Int64
	eof atomic.Bool
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	if err == io.EOF {
		c.eof.Store(true)
	}
	return n, err
}

// done reports whether req's body, if it has one, was read to its end:
// only then may the client's next request be read, since the transport
// may still be reading the body from the client connection otherwise.
func (c *countingReader) done(req *http.Request) bool {
	return req.Body == nil || req.Body == http.NoBody || c.eof.Load()
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
