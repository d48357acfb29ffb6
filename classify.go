package tlsfloor

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
)

// TLS alert numbers (RFC 8446, section 6).
const (
	alertHandshakeFailure     tls.AlertError = 40
	alertProtocolVersion      tls.AlertError = 70
	alertInsufficientSecurity tls.AlertError = 71
)

// crypto/tls reports a server that picked a version the client did not
// offer with this message (golang/go@go1.26.8:src/crypto/tls/handshake_client.go).
const unsupportedVersionPrefix = "tls: server selected unsupported protocol version "

// classify turns a failed client handshake into a *DowngradeError when the
// failure is the policy's doing, and otherwise wraps it with the host.
func (p Policy) classify(host string, err error) error {
	var de *DowngradeError
	if errors.As(err, &de) {
		return err
	}
	if problem, version := p.refusal(err); problem != 0 {
		return &DowngradeError{Host: host, Problem: problem, Version: version, Floor: p.Floor(), Policy: p.String(), Err: err}
	}
	return fmt.Errorf("tlsfloor: handshake with %s: %w", host, err)
}

// refusal recognises the handshake errors a floor causes: the server chose
// a version below it, the server refused every version at or above it, or
// (under a post-quantum policy, which offers only hybrid groups) the server
// supports none of the groups offered.
func (p Policy) refusal(err error) (Problem, uint16) {
	if v, ok := unsupportedVersion(err); ok {
		return ProblemVersion, v
	}
	if alert, ok := remoteAlert(err); ok {
		return p.alertProblem(uint8(alert)), 0
	}
	return 0, 0
}

// alertProblem says which problem a server's alert in reply to the
// policy's ClientHello stands for, if any.
func (p Policy) alertProblem(desc uint8) Problem {
	switch alert := tls.AlertError(desc); {
	case alert == alertProtocolVersion:
		return ProblemVersion
	case p.PostQuantum && (alert == alertHandshakeFailure || alert == alertInsufficientSecurity):
		return ProblemKeyExchange
	}
	return 0
}

// remoteAlert finds the alert a peer sent. crypto/tls reports it as a
// *net.OpError with Op "remote error" whose Err is an unexported alert type
// (golang/go@go1.26.8:src/crypto/tls/conn.go, readRecordOrCCS), so the
// alert is recognised by its text, which tls.AlertError shares. (An
// AlertError in an error chain is an alert this side sent, not received.)
func remoteAlert(err error) (tls.AlertError, bool) {
	op, ok := errors.AsType[*net.OpError](err)
	if !ok || op.Op != "remote error" || op.Err == nil {
		return 0, false
	}
	for _, a := range []tls.AlertError{alertHandshakeFailure, alertProtocolVersion, alertInsufficientSecurity} {
		if op.Err.Error() == a.Error() {
			return a, true
		}
	}
	return 0, false
}

func unsupportedVersion(err error) (uint16, bool) {
	for e := err; e != nil; e = errors.Unwrap(e) {
		hex, ok := strings.CutPrefix(e.Error(), unsupportedVersionPrefix)
		if !ok {
			continue
		}
		v, perr := strconv.ParseUint(hex, 16, 16)
		return uint16(v), perr == nil
	}
	return 0, false
}
