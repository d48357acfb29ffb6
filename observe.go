package tlsfloor

import (
	"crypto/tls"
	"errors"
	"time"
)

// verifier returns a VerifyConnection function that checks the policy,
// then runs next (the caller's own VerifyConnection, if any), and reports
// the handshake to the observer.
func (p Policy) verifier(side Side, addr string, next func(tls.ConnectionState) error) func(tls.ConnectionState) error {
	return func(cs tls.ConnectionState) error {
		err := p.Check(cs)
		if err == nil && next != nil {
			err = next(cs)
		}
		p.emit(stateEvent(side, addr, cs, err))
		return err
	}
}

// stateEvent describes a handshake that reached verification.
func stateEvent(side Side, addr string, cs tls.ConnectionState, err error) Event {
	return Event{
		Side:        side,
		Host:        cs.ServerName,
		Addr:        addr,
		Version:     cs.Version,
		CipherSuite: cs.CipherSuite,
		CurveID:     cs.CurveID,
		Resumed:     cs.DidResume,
		Outcome:     outcome(err),
		Err:         err,
	}
}

func outcome(err error) Outcome {
	var de *DowngradeError
	switch {
	case err == nil:
		return Accepted
	case errors.As(err, &de):
		return Refused
	}
	return Failed
}

// emit fills in the policy fields and hands ev to the observer.
func (p Policy) emit(ev Event) {
	if p.Observer == nil {
		return
	}
	ev.Time = time.Now()
	ev.Policy = p.String()
	ev.Warnings = p.Warnings()
	p.Observer(ev)
}
