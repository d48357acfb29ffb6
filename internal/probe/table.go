package probe

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/hello"
	"github.com/tlsfloor/tlsfloor/internal/report/text"
)

// tableIndent starts every line under an endpoint's first line, as in the
// text format's default layout.
const tableIndent = "    "

// versionRows are the versions of an endpoint's table, highest first.
var versionRows = []string{"TLS 1.3", "TLS 1.2", "TLS 1.1", "TLS 1.0", "SSL 3.0"}

// TextOptions lays out probe findings for the text format: each endpoint
// as its verdict line, a table of versions with their suites (in the
// order the server picked them) and groups (post-quantum hybrids marked),
// refused versions with the reason, and the certificate; after two or
// more endpoints, a table with a row for each. Findings that carry no
// probe Result keep the default layout.
func TextOptions() text.Options {
	s := &summaryTable{}
	return text.Options{
		Block: func(f finding.Finding) (string, bool) {
			r, ok := resultOf(f)
			if !ok {
				return "", false
			}
			s.add(f, r)
			return endpointTable(f, r), true
		},
		Footer: s.String,
	}
}

// resultOf decodes the Result a probe finding carries in its details.
func resultOf(f finding.Finding) (Result, bool) {
	var r Result
	if f.RuleID != RuleFloor && f.RuleID != RuleError || len(f.Details) == 0 {
		return r, false
	}
	return r, json.Unmarshal(f.Details, &r) == nil
}

// endpointTable is one endpoint's block: the verdict line, the evidence
// and fix when it fails, the versions table and the facts under it.
func endpointTable(f finding.Finding, r Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s %s %s\n", text.Clean(r.Target), f.Outcome(), f.Severity, f.RuleID, text.Clean(f.Title))
	facts := [][2]string{{"address", address(r)}}
	for _, e := range r.Evidence {
		facts = append(facts, [2]string{"below floor", e})
	}
	writeFacts(&b, facts)
	if t := versionsTable(r); t != "" {
		b.WriteString("\n" + t + "\n")
	}
	writeFacts(&b, endpointFacts(f, r))
	return b.String()
}

// address is the address connected to, with the resolved IP and the name
// the certificate is checked for when they say more.
func address(r Result) string {
	s := r.Address
	if r.IP != "" && !strings.HasPrefix(r.Address, r.IP) && !strings.HasPrefix(r.Address, "["+r.IP) {
		s += " (" + r.IP + ")"
	}
	if r.ServerName != "" && !strings.HasPrefix(r.Address, r.ServerName) {
		s += ", server name " + r.ServerName
	}
	return s
}

// writeFacts writes name-value lines with the values aligned.
func writeFacts(b *strings.Builder, facts [][2]string) {
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	for _, f := range facts {
		fmt.Fprintf(tw, "%s%s\t%s\n", tableIndent, f[0], text.Clean(f[1]))
	}
	tw.Flush()
}

// versionsTable has a row for each version probed, highest first: its
// suites and groups one per line when accepted, the reason when refused.
func versionsTable(r Result) string {
	full := len(r.CipherSuites) > 0 || len(r.Groups) > 0
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	header := "VERSION\tRESULT\t"
	if full {
		header += "SUITES\tGROUPS"
	}
	rows := 0
	for _, v := range versionRows {
		cells := versionCells(r, v, full)
		if cells == nil {
			continue
		}
		if rows == 0 {
			fmt.Fprintf(tw, "%s%s\n", tableIndent, header)
		}
		rows++
		for _, c := range cells {
			fmt.Fprintf(tw, "%s%s\n", tableIndent, strings.Join(c, "\t"))
		}
	}
	return flushTrimmed(tw, &b)
}

// versionCells are the table's lines for version v, nil when it was not
// probed. A refusal's reason takes the suites column.
func versionCells(r Result, v string, full bool) [][]string {
	if ref, ok := r.Refused[v]; ok {
		line := []string{v, "refused", text.Clean(refusalText(ref))}
		if full {
			line = append(line, "")
		}
		return [][]string{line}
	}
	if !slices.Contains(r.AcceptedVersions, v) {
		return nil
	}
	if !full {
		return [][]string{{v, "accepted", ""}}
	}
	suites, groups := r.CipherSuites[v], r.Groups[v]
	result := []string{"accepted", orderText(r.SuiteOrder[v])}
	n := max(len(suites), len(groups), 1)
	if result[1] != "" {
		n = max(n, 2)
	}
	lines := make([][]string, n)
	for i := range n {
		lines[i] = []string{"", cell(result, i), cell(suites, i), groupText(cell(groups, i))}
	}
	lines[0][0] = v
	if len(suites) == 0 {
		lines[0][2] = "(not found)"
	}
	return lines
}

// flushTrimmed flushes tw and returns what it wrote to b with the
// padding at the end of each line removed.
func flushTrimmed(tw *tabwriter.Writer, b *strings.Builder) string {
	tw.Flush()
	lines := strings.SplitAfter(b.String(), "\n")
	for i, l := range lines {
		if body, ok := strings.CutSuffix(l, "\n"); ok {
			lines[i] = strings.TrimRight(body, " ") + "\n"
		}
	}
	return strings.Join(lines, "")
}

func cell(s []string, i int) string {
	if i < len(s) {
		return text.Clean(s[i])
	}
	return ""
}

// refusalText says how a version was refused.
func refusalText(ref Refusal) string {
	switch ref.Kind {
	case RefusedAlert:
		return "alert: " + strings.TrimPrefix(ref.Detail, "tls: ")
	case RefusedLowerVersion:
		return ref.Detail
	}
	return string(ref.Kind) + ": " + ref.Detail
}

// orderText says whose order the suites are in.
func orderText(order string) string {
	if order == "" {
		return ""
	}
	return order + " order"
}

// groupText marks the post-quantum hybrids.
func groupText(name string) string {
	for _, g := range tls13Groups {
		if hello.IsHybrid(g) && name == hello.GroupName(g) {
			return name + " (PQ hybrid)"
		}
	}
	return name
}

// endpointFacts are the lines under the versions table: certificate,
// ALPN, handshake, DHE size, errors, the fix, and the probe's cost.
func endpointFacts(f finding.Finding, r Result) [][2]string {
	var facts [][2]string
	facts = append(facts, certFacts(r.Certificate)...)
	if r.ALPN != "" {
		facts = append(facts, [2]string{"ALPN", r.ALPN})
	}
	if h := r.Handshake; h != nil {
		facts = append(facts, [2]string{"handshake", strings.Join(nonEmpty(h.Version, h.CipherSuite, h.Group), ", ")})
	}
	if r.DHBits > 0 {
		facts = append(facts, [2]string{"DHE", fmt.Sprintf("%d-bit prime (smallest seen)", r.DHBits)})
	}
	for _, e := range r.Errors {
		facts = append(facts, [2]string{"error", e})
	}
	if f.Outcome() == finding.VerdictFail && f.Remediation != "" {
		facts = append(facts, [2]string{"fix", f.Remediation})
	}
	return append(facts, [2]string{"probe", fmt.Sprintf("%d connections in %v", r.Connections, r.Elapsed.Round(time.Millisecond))})
}

// certFacts describe the leaf certificate over a few lines.
func certFacts(c *Certificate) [][2]string {
	if c == nil {
		return [][2]string{{"certificate", "none seen"}}
	}
	trust := "trusted"
	if !c.Trusted {
		trust = "not trusted: " + c.TrustError
	}
	lines := []string{
		c.Subject,
		"issued by " + c.Issuer,
		fmt.Sprintf("%s %d-bit key, signed with %s, chain of %d", c.KeyType, c.KeyBits, c.SignatureAlgorithm, c.ChainLength),
		fmt.Sprintf("valid %s to %s", c.NotBefore.UTC().Format(time.DateOnly), c.NotAfter.UTC().Format(time.DateOnly)),
	}
	if len(c.SANs) > 0 {
		lines = append(lines, "names "+strings.Join(c.SANs, ", "))
	}
	lines = append(lines, trust, "from the "+c.Source)
	facts := make([][2]string, len(lines))
	for i, l := range lines {
		facts[i][1] = l
	}
	facts[0][0] = "certificate"
	return facts
}

func nonEmpty(s ...string) []string {
	return slices.DeleteFunc(s, func(x string) bool { return x == "" })
}

// summaryTable collects a row per endpoint, for the table after them.
type summaryTable struct {
	rows [][]string
}

// add records the row of one endpoint.
func (s *summaryTable) add(f finding.Finding, r Result) {
	versions := "none"
	if len(r.AcceptedVersions) > 0 {
		versions = strings.Join(r.AcceptedVersions, ", ")
	}
	s.rows = append(s.rows, []string{
		r.Target, r.Address, string(f.Outcome()), versions, hybridText(r), certText(r.Certificate), fmt.Sprint(len(r.Errors)),
	})
}

// hybridText says whether a post-quantum hybrid group was seen: "-" when
// TLS 1.3 was not accepted or its groups not probed.
func hybridText(r Result) string {
	g, ok := r.Groups["TLS 1.3"]
	if !ok {
		return "-"
	}
	var hybrids []string
	for _, name := range g {
		if groupText(name) != name {
			hybrids = append(hybrids, name)
		}
	}
	if len(hybrids) == 0 {
		return "no"
	}
	return strings.Join(hybrids, ", ")
}

func certText(c *Certificate) string {
	switch {
	case c == nil:
		return "-"
	case c.Trusted:
		return "trusted"
	}
	return "not trusted"
}

// String is the table, after a blank line, or "" for fewer than two
// endpoints.
func (s *summaryTable) String() string {
	if len(s.rows) < 2 {
		return ""
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TARGET\tADDRESS\tVERDICT\tVERSIONS\tPQ HYBRIDS\tCERTIFICATE\tERRORS")
	for _, row := range s.rows {
		for i := range row {
			row[i] = text.Clean(row[i])
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	return flushTrimmed(tw, &b) + "\n"
}
