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
// once per decision, under a lock; gauges are atomic. Label sets are kept
// as comparable arrays and rendered only when the metrics are served.
type metrics struct {
	tunnels, conns atomic.Int64
	bytesUp        atomic.Int64
	bytesDown      atomic.Int64

	mu          sync.Mutex
	vecs        map[string]map[labelSet]uint64 // metric -> label set -> count
	helloErrors uint64
}

// labelSet is up to three label name/value pairs; the zero labelSet
// counts nothing.
type labelSet [3][2]string

func newMetrics() *metrics {
	return &metrics{vecs: map[string]map[labelSet]uint64{}}
}

// record counts one decision.
func (m *metrics) record(r *record, value string) {
	m.bytesUp.Add(r.up)
	m.bytesDown.Add(r.down)
	decision := labels("decision", value, "reason", r.dec.Reason, "kind", r.kind)
	var tunnel, refusal labelSet
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

// inc counts one event with the given label set; the zero set counts
// nothing.
func (m *metrics) inc(name string, ls labelSet) {
	if ls == (labelSet{}) {
		return
	}
	if m.vecs[name] == nil {
		m.vecs[name] = map[labelSet]uint64{}
	}
	m.vecs[name][ls]++
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// labels collects up to three name/value pairs as a label set.
func labels(kv ...string) labelSet {
	var ls labelSet
	for i := 0; i+1 < len(kv) && i/2 < len(ls); i += 2 {
		ls[i/2] = [2]string{kv[i], kv[i+1]}
	}
	return ls
}

// String renders ls in the Prometheus text format, without braces.
func (ls labelSet) String() string {
	var b strings.Builder
	for i, kv := range ls {
		if kv[0] == "" {
			break
		}
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `%s="%s"`, kv[0], escapeLabel(kv[1]))
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
		rendered := map[string]uint64{}
		for ls, n := range m.vecs[name] {
			rendered[ls.String()] = n
		}
		for _, ls := range slices.Sorted(maps.Keys(rendered)) {
			fmt.Fprintf(b, "%s{%s} %d\n", name, ls, rendered[ls])
		}
	}
}
