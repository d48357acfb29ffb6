package proxy

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// Field names of the decision log line. Every decision is one line with
// the message LogMessage and these fields; fields that do not apply are
// empty (strings), empty lists or zero.
const (
	FieldClient            = "client"             // client address, ip:port
	FieldIdentity          = "identity"           // client certificate identity, else Proxy-Authorization user name
	FieldUser              = "user"               // Proxy-Authorization user name
	FieldKind              = "kind"               // "connect" or "upgrade"
	FieldDestination       = "destination"        // host:port requested
	FieldSNI               = "sni"                // server_name of the ClientHello
	FieldSNIMismatch       = "sni_mismatch"       // true when the SNI names a host other than the CONNECT host
	FieldOfferedVersions   = "offered_versions"   // versions the client offered, highest first
	FieldOfferedGroups     = "offered_groups"     // supported_groups of the ClientHello
	FieldNegotiatedVersion = "negotiated_version" // version the destination chose
	FieldDecision          = "decision"           // "allow", "deny" or "would_deny" (audit mode)
	FieldReason            = "reason"             // a Reason constant
	FieldDetail            = "detail"             // human explanation
	FieldMode              = "mode"               // "enforce" or "audit"
	FieldBytesUp           = "bytes_up"           // bytes from client to destination
	FieldBytesDown         = "bytes_down"         // bytes from destination to client
	FieldDurationMS        = "duration_ms"        // connection time, milliseconds
	FieldWarning           = "warning"            // an insecure option in force (startup lines)
)

// LogMessage is the message of every decision line.
const LogMessage = "proxy decision"

// Decision field values.
const (
	DecisionAllow     = "allow"
	DecisionDeny      = "deny"
	DecisionWouldDeny = "would_deny"
)

// Kinds of requests.
const (
	KindConnect = "connect"
	KindUpgrade = "upgrade"
)

// String returns "enforce" or "audit".
func (m Mode) String() string {
	if m == Audit {
		return "audit"
	}
	return "enforce"
}

// record collects what one decision line says.
type record struct {
	client, identity, user, kind, destination string
	sni                                       string
	sniMismatch                               bool
	offered, groups                           []string
	negotiated                                string
	dec                                       Decision
	mode                                      Mode
	up, down                                  int64
	start                                     time.Time
	offeredMax                                uint16
	logged                                    bool
	tunnel                                    bool // counted in the active tunnels
}

func (c *clientConn) newRecord() *record {
	return &record{client: c.conn.RemoteAddr().String(), identity: c.certIdentity, kind: KindConnect, mode: c.cfg.opts.Mode, start: time.Now()}
}

// setHello records what the ClientHello offered.
func (r *record) setHello(h *hello.ClientHelloInfo) {
	r.sni = h.ServerName
	r.sniMismatch = sniMismatch(r.destination, h.ServerName)
	r.offeredMax = h.HighestVersion()
	r.offered = offeredVersions(h)
	r.groups = make([]string, 0, len(h.Groups))
	for _, g := range h.Groups {
		if !isGREASE(uint16(g)) {
			r.groups = append(r.groups, hello.GroupName(g))
		}
	}
}

// sniMismatch reports whether a ClientHello's server_name names a host
// other than the CONNECT request's, compared without regard to case or a
// trailing dot. A hello without server_name names none and does not
// mismatch. The tunnel goes where CONNECT said either way; a mismatch is a
// client that tells the destination it wants another host (domain
// fronting, or a misconfigured client), which the log and metrics show.
func sniMismatch(hostport, sni string) bool {
	if sni == "" {
		return false
	}
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	return normalizeHost(host) != normalizeHost(sni)
}

func offeredVersions(h *hello.ClientHelloInfo) []string {
	if h.SupportedVersions == nil {
		return []string{hello.VersionName(h.LegacyVersion)}
	}
	out := make([]string, 0, len(h.SupportedVersions))
	for _, v := range h.SupportedVersions {
		if !isGREASE(v) {
			out = append(out, hello.VersionName(v))
		}
	}
	return out
}

// isGREASE reports whether v is a GREASE value 0x?A?A (RFC 8701).
func isGREASE(v uint16) bool { return v&0x0f0f == 0x0a0a && v>>8 == v&0xff }

// decisionValue names what happened to the connection.
func (r *record) decisionValue() string {
	switch {
	case r.dec.Allow:
		return DecisionAllow
	case r.mode == Audit && r.dec.Auditable():
		return DecisionWouldDeny
	}
	return DecisionDeny
}

// finish logs the decision line and counts it, once. Refusals are
// logged before the client is answered, so that the line is there when
// the client sees the refusal.
func (s *Server) finish(r *record) {
	if r.logged {
		return
	}
	r.logged = true
	if r.tunnel {
		s.metrics.tunnels.Add(-1)
	}
	value := r.decisionValue()
	s.metrics.record(r, value)
	level := slog.LevelInfo
	switch {
	case value != DecisionAllow && r.dec.Reason == ReasonNoRequest:
		level = slog.LevelDebug
	case value != DecisionAllow:
		level = slog.LevelWarn
	}
	s.log.LogAttrs(context.Background(), level, LogMessage,
		slog.String(FieldClient, r.client),
		slog.String(FieldIdentity, r.identity),
		slog.String(FieldUser, r.user),
		slog.String(FieldKind, r.kind),
		slog.String(FieldDestination, r.destination),
		slog.String(FieldSNI, r.sni),
		slog.Bool(FieldSNIMismatch, r.sniMismatch),
		slog.Any(FieldOfferedVersions, nonNil(r.offered)),
		slog.Any(FieldOfferedGroups, nonNil(r.groups)),
		slog.String(FieldNegotiatedVersion, r.negotiated),
		slog.String(FieldDecision, value),
		slog.String(FieldReason, r.dec.Reason),
		slog.String(FieldDetail, r.dec.Detail),
		slog.String(FieldMode, r.mode.String()),
		slog.Int64(FieldBytesUp, r.up),
		slog.Int64(FieldBytesDown, r.down),
		slog.Int64(FieldDurationMS, time.Since(r.start).Milliseconds()),
	)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// ParseMode parses "enforce" or "audit", as Mode.String spells them.
func ParseMode(s string) (Mode, error) {
	switch s {
	case "enforce":
		return Enforce, nil
	case "audit":
		return Audit, nil
	}
	return Enforce, fmt.Errorf("mode %q: want enforce or audit", s)
}
