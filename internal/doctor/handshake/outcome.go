package handshake

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
)

// trustAlerts are the alerts a client sends when it does not accept the
// server's certificate, as crypto/tls spells them after "remote error: ".
var trustAlerts = []string{
	"tls: bad certificate", "tls: unsupported certificate", "tls: revoked certificate",
	"tls: expired certificate", "tls: unknown certificate", "tls: unknown certificate authority",
}

// classify turns the client's run and the server's records of the window
// into an attempt. The server's record decides: a completed handshake is
// Negotiated whatever the client did next.
func classify(s Server, run clientRun, recs []connRecord, acct account) Attempt {
	a := Attempt{Server: s.Name, ClientSaw: acct.text}
	if r, ok := completed(recs); ok {
		return negotiated(a, r, run, acct)
	}
	if r, ok := lastHello(recs); ok {
		a.Offered = r.offered
	}
	a.Outcome, a.Detail = failedOutcome(run, recs)
	return a
}

// completed returns the first record of a completed handshake.
func completed(recs []connRecord) (connRecord, bool) {
	i := slices.IndexFunc(recs, func(r connRecord) bool { return r.err == nil })
	if i < 0 {
		return connRecord{}, false
	}
	return recs[i], true
}

// lastHello returns the last record in which a ClientHello arrived.
func lastHello(recs []connRecord) (connRecord, bool) {
	for i := len(recs) - 1; i >= 0; i-- {
		if recs[i].hello {
			return recs[i], true
		}
	}
	return connRecord{}, false
}

// negotiated fills in what the server negotiated, and notes where the
// client's account or exit disagrees.
func negotiated(a Attempt, r connRecord, run clientRun, acct account) Attempt {
	a.Outcome, a.Offered = Negotiated, r.offered
	a.Version, a.CipherSuite, a.Group = r.state.Version, r.state.CipherSuite, r.state.CurveID
	var notes []string
	if acct.version != 0 && acct.version != a.Version {
		notes = append(notes, "client reported "+tls.VersionName(acct.version)+", server negotiated "+tls.VersionName(a.Version))
	}
	if run.timedOut {
		notes = append(notes, "client timed out after the handshake")
	} else if run.err != nil {
		notes = append(notes, "client failed after the handshake: "+failureText(run.out))
	}
	a.Detail = strings.Join(notes, "; ")
	return a
}

// failedOutcome explains an attempt in which no handshake completed.
func failedOutcome(run clientRun, recs []connRecord) (Outcome, string) {
	client := clientText(run)
	r, hello := lastHello(recs)
	switch {
	case !run.started:
		return Error, "client did not start: " + client
	case run.timedOut:
		return Timeout, "client still running at the timeout, killed" + serverView(recs)
	case hello && trustFailure(r.err):
		return Error, "client did not trust the lab certificate: " + client + serverView(recs)
	case hello:
		return Refused, client + serverView(recs)
	case len(recs) > 0:
		return Error, "client sent no ClientHello: " + client
	default:
		return Error, "server saw no connection: " + client
	}
}

// clientText is the client's error, or its exit status when it gave none.
func clientText(run clientRun) string {
	if run.err == nil {
		return "client exited 0"
	}
	if text := failureText(run.out); text != "" {
		return text
	}
	return run.err.Error()
}

// serverView is the server's handshake error of the last record, as a
// parenthesised note.
func serverView(recs []connRecord) string {
	if len(recs) == 0 || recs[len(recs)-1].err == nil {
		return ""
	}
	return fmt.Sprintf(" (server: %v)", recs[len(recs)-1].err)
}

// trustFailure reports whether err is an alert the client sent because it
// rejected the certificate.
func trustFailure(err error) bool {
	var op *net.OpError
	if !errors.As(err, &op) || op.Op != "remote error" || op.Err == nil {
		return false
	}
	return slices.Contains(trustAlerts, op.Err.Error())
}
