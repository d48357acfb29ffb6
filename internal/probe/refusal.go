package probe

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"slices"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// accepts reports whether the server answered with a ServerHello (or,
// for TLS 1.3, a HelloRetryRequest) for version v.
func (r reply) accepts(v uint16) bool {
	return r.flight != nil && r.flight.Reply.Kind == hello.ServerHello && r.flight.Reply.Version == v
}

// silent reports whether the reply shows no TLS server at all: a timeout
// or bytes that are not TLS.
func (r reply) silent() bool {
	noReply := r.flight == nil || r.flight.Reply.Kind == 0
	return noReply && (isTimeout(r.err) || errors.Is(r.err, hello.ErrNotTLS))
}

// refusal says how the server refused version v.
func (r reply) refusal(v uint16) Refusal {
	if r.flight != nil {
		switch got := r.flight.Reply; {
		case got.Kind == hello.Alert:
			return Refusal{Kind: RefusedAlert, Alert: got.AlertDescription, Detail: tls.AlertError(got.AlertDescription).Error()}
		case got.Kind == hello.ServerHello && got.Version < v:
			return Refusal{Kind: RefusedLowerVersion, Detail: "server chose " + hello.VersionName(got.Version)}
		case got.Kind == hello.ServerHello:
			return Refusal{Kind: RefusedGarbage, Detail: fmt.Sprintf("server chose %s, which was not offered", hello.VersionName(got.Version))}
		}
	}
	return transportRefusal(r.err)
}

// transportRefusal classifies a reply that never got to a TLS message.
func transportRefusal(err error) Refusal {
	switch {
	case errors.Is(err, hello.ErrNotTLS):
		return Refusal{Kind: RefusedGarbage, Detail: "reply is not TLS"}
	case isTimeout(err):
		return Refusal{Kind: RefusedTimeout, Detail: "no complete reply before the deadline"}
	case isReset(err):
		return Refusal{Kind: RefusedReset, Detail: "connection reset"}
	case errors.Is(err, io.EOF):
		return Refusal{Kind: RefusedClosed, Detail: "connection closed without a reply"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return Refusal{Kind: RefusedClosed, Detail: "connection closed inside the reply"}
	case err == nil:
		return Refusal{Kind: RefusedGarbage, Detail: "no reply"}
	}
	return Refusal{Kind: RefusedGarbage, Detail: err.Error()}
}

func isReset(err error) bool {
	return slices.ContainsFunc(resetErrors, func(e error) bool { return errors.Is(err, e) })
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}
