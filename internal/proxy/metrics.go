package proxy

import (
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// Metric names, in the Prometheus text exposition format 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/).
const (
	MetricDecisions        = "tlsfloor_proxy_decisions_total"
	MetricTunnels          = "tlsfloor_proxy_tunnels_total"
	MetricRefusals         = "tlsfloor_proxy_refusals_total"
	MetricHelloParseErrors = "tlsfloor_proxy_hello_parse_errors_total"
	MetricActiveTunnels    = "tlsfloor_proxy_active_tunnels"
	MetricActiveConns      = "tlsfloor_proxy_active_connections"
	MetricBytes            = "tlsfloor_proxy_bytes_total"
	MetricSNIMismatches    = "tlsfloor_proxy_sni_mismatches_total"
)

// metrics are the proxy's counters. Counters with labels are updated
// once per decision, under a lock; gauges are atomic.
type metrics struct {
	tunnels, conns atomic.Int64
	bytesUp        atomic.Int64
	bytesDown      atomic.Int64

	mu          sync.Mutex
	vecs        map[string]map[string]uint64 // metric -> label set -> count
	helloErrors uint64
}

func newMetrics() *metrics {
	return &metrics{vecs: map[string]map[string]uint64{}}
}

// record counts one decision.
func (m *metrics) record(r *record, value string) {
	m.bytesUp.Add(r.up)
	m.bytesDown.Add(r.down)
	decision := labels("decision", value, "reason", r.dec.Reason, "kind", r.kind)
	var tunnel, refusal string
	if r.offeredMax != 0 {
		tunnel = labels("decision", value, "offered", hello.VersionName(r.offeredMax), "negotiated", orNone(r.negotiated))
	}
	if !r.dec.Allow {
		refusal = labels("reason", r.dec.Reason, "mode", r.mode.String())
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.inc(MetricDecisions, decision)
	m.inc(MetricTunnels, tunnel)
	m.inc(MetricRefusals, refusal)
	if r.sniMismatch {
		m.inc(MetricSNIMismatches, labels("decision", value))
	}
}

// helloError counts a tunnel whose ClientHello could not be parsed.
func (m *metrics) helloError(reason string) {
	if reason != ReasonNotTLS && reason != ReasonHelloMalformed && reason != ReasonHelloTooLarge {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.helloErrors++
}

// inc counts one event with the given label set; "" counts nothing.
func (m *metrics) inc(name, labelSet string) {
	if labelSet == "" {
		return
	}
	if m.vecs[name] == nil {
		m.vecs[name] = map[string]uint64{}
	}
	m.vecs[name][labelSet]++
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// labels renders name/value pairs as a Prometheus label set.
func labels(kv ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `%s="%s"`, kv[i], escapeLabel(kv[i+1]))
	}
	return b.String()
}

var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

func escapeLabel(v string) string { return labelEscaper.Replace(v) }

var metricHelp = []struct{ name, kind, help string }{
	{MetricDecisions, "counter", "Decisions, one per logged line, by decision, reason and kind."},
	{MetricTunnels, "counter", "Tunnels whose ClientHello was read, by decision, highest offered version and negotiated version."},
	{MetricRefusals, "counter", "Refusals (audit mode: would-be refusals), by reason and mode."},
	{MetricHelloParseErrors, "counter", "Tunnels whose first bytes were not a parseable ClientHello."},
	{MetricActiveTunnels, "gauge", "Tunnels open now."},
	{MetricActiveConns, "gauge", "Client connections open now."},
	{MetricBytes, "counter", "Bytes carried by finished tunnels, by direction."},
	{MetricSNIMismatches, "counter", "Tunnels whose ClientHello named a server other than the CONNECT host, by decision."},
}

// Metrics returns an http.Handler that serves the proxy's metrics in the
// Prometheus text format, for a listener of its own.
func (s *Server) Metrics() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		s.metrics.write(w)
	})
}

func (m *metrics) write(w io.Writer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var b strings.Builder
	for _, h := range metricHelp {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s %s\n", h.name, h.help, h.name, h.kind)
		m.writeValues(&b, h.name)
	}
	io.WriteString(w, b.String())
}

func (m *metrics) writeValues(b *strings.Builder, name string) {
	switch name {
	case MetricHelloParseErrors:
		fmt.Fprintf(b, "%s %d\n", name, m.helloErrors)
	case MetricActiveTunnels:
		fmt.Fprintf(b, "%s %d\n", name, m.tunnels.Load())
	case MetricActiveConns:
		fmt.Fprintf(b, "%s %d\n", name, m.conns.Load())
	case MetricBytes:
		fmt.Fprintf(b, "%s{direction=\"up\"} %d\n%s{direction=\"down\"} %d\n", name, m.bytesUp.Load(), name, m.bytesDown.Load())
	default:
		vec := m.vecs[name]
		for _, ls := range slices.Sorted(maps.Keys(vec)) {
			fmt.Fprintf(b, "%s{%s} %d\n", name, ls, vec[ls])
		}
	}
}
