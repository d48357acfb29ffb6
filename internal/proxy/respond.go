package proxy

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// HeaderReason is the response header that carries the reason code of a
// refusal to the client.
const HeaderReason = "X-Tlsfloor-Reason"

// refuseRequest logs a refused request, then answers it with the status
// its reason calls for. The connection is closed by the caller.
func (s *Server) refuseRequest(c *clientConn, rec *record) {
	var extra []string
	status := statusFor(rec.dec.Reason)
	switch status {
	case http.StatusProxyAuthRequired:
		extra = append(extra, `Proxy-Authenticate: Basic realm="tlsfloor", charset="UTF-8"`)
	case http.StatusMethodNotAllowed:
		extra = append(extra, "Allow: CONNECT")
	}
	s.finish(rec)
	c.writeStatus(status, rec.dec, extra)
}

// writeStatus answers the client within HeaderTimeout.
func (c *clientConn) writeStatus(status int, dec Decision, extra []string) {
	c.conn.SetWriteDeadline(time.Now().Add(c.cfg.limits.HeaderTimeout))
	writeStatus(c.conn, status, dec, extra)
}

func statusFor(reason string) int {
	switch reason {
	case ReasonAuthRequired:
		return http.StatusProxyAuthRequired
	case ReasonResolveFailed, ReasonDialFailed, ReasonUpgradeFailed,
		ReasonServerBelowFloor, ReasonServerInsecureSuite, ReasonServerNoPQGroup:
		return http.StatusBadGateway
	case ReasonBadRequest:
		return http.StatusBadRequest
	case ReasonMethodNotAllowed:
		return http.StatusMethodNotAllowed
	}
	return http.StatusForbidden
}

// writeStatus writes a complete plain-text response that closes the
// connection. Write errors are ignored: the connection is closed next.
func writeStatus(w io.Writer, status int, dec Decision, extra []string) {
	body := "tlsfloor proxy: " + dec.Reason
	if dec.Detail != "" {
		body += ": " + strings.ReplaceAll(dec.Detail, "\n", " ")
	}
	body += "\n"
	var b strings.Builder
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	for _, h := range extra {
		b.WriteString(h + "\r\n")
	}
	fmt.Fprintf(&b, "%s: %s\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s",
		HeaderReason, dec.Reason, len(body), body)
	io.WriteString(w, b.String())
}
