package bench

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/hello"
	"github.com/tlsfloor/tlsfloor/internal/probe/lab"
)

// toolTlsfloor names tlsfloor's own rows.
const toolTlsfloor = "tlsfloor"

// verdict is how a tool's report compares with a server's Expect: ok
// when it matches; detail says what was missing or extra, or why there
// is no answer.
type verdict struct {
	ok     bool
	na     bool // nothing to compare: the tool failed or Expect is silent
	detail string
}

// String is the table cell: "yes", "no", or "n/a".
func (v verdict) String() string {
	switch {
	case v.na:
		return "n/a"
	case v.ok:
		return "yes"
	}
	return "no"
}

// checkVersions compares the versions a tool saw with those the server
// accepts. SSL 2.0 counts only when a tool claims it.
func checkVersions(f found, e lab.Expect) verdict {
	return compareSets(f.versions, e.Versions, hello.VersionName)
}

// checkGroups compares the groups a tool saw with those the server
// accepts: TLS 1.3 groups and earlier curves each, for tools that tell
// them apart, else the one list with their union.
func checkGroups(f found, e lab.Expect) verdict {
	if e.Groups13 == nil && e.Groups12 == nil {
		return verdict{na: true, detail: "Expect declares no groups"}
	}
	var v verdict
	if f.split {
		v13 := compareSets(f.groups13, e.Groups13, hello.GroupName)
		v12 := compareSets(f.groups12, e.Groups12, hello.GroupName)
		v = verdict{ok: v13.ok && v12.ok, detail: joinDetails("TLS 1.3 groups", v13, "TLS <= 1.2 curves", v12)}
	} else {
		v = compareSets(f.groups, append(slices.Clone(e.Groups13), e.Groups12...), hello.GroupName)
	}
	if len(f.unknown) > 0 {
		v.ok = false
		v.detail = strings.TrimPrefix(v.detail+"; unknown names "+strings.Join(f.unknown, ", "), "; ")
	}
	return v
}

// joinDetails labels and joins the details of two verdicts.
func joinDetails(l1 string, v1 verdict, l2 string, v2 verdict) string {
	var parts []string
	if v1.detail != "" {
		parts = append(parts, l1+": "+v1.detail)
	}
	if v2.detail != "" {
		parts = append(parts, l2+": "+v2.detail)
	}
	return strings.Join(parts, "; ")
}

// compareSets compares got with want as sets and names what is missing
// and what is extra.
func compareSets[T comparable](got, want []T, name func(T) string) verdict {
	var missing, extra []string
	for _, w := range want {
		if !slices.Contains(got, w) {
			missing = appendNew(missing, name(w))
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			extra = appendNew(extra, name(g))
		}
	}
	var parts []string
	if len(missing) > 0 {
		parts = append(parts, "missing "+strings.Join(missing, ", "))
	}
	if len(extra) > 0 {
		parts = append(parts, "extra "+strings.Join(extra, ", "))
	}
	return verdict{ok: len(parts) == 0, detail: strings.Join(parts, ", ")}
}

// row is one tool's run against one server.
type row struct {
	server, tool string
	wall         time.Duration
	versions     verdict
	groups       verdict
	failure      string // why the tool gave no usable answer, if so
	note         string // what else is worth knowing: errors, subset run
}

// failed makes a row for a run that gave nothing to compare.
func failed(server, tool string, wall time.Duration, why string) row {
	na := verdict{na: true}
	return row{server: server, tool: tool, wall: wall, versions: na, groups: na, failure: why}
}

// judged makes a row from what a tool found.
func judged(server, tool string, wall time.Duration, f found, e lab.Expect) row {
	return row{server: server, tool: tool, wall: wall, versions: checkVersions(f, e), groups: checkGroups(f, e), note: f.remark}
}

// writeTable prints the rows as a Markdown table, each tool's wall time
// also as a ratio to tlsfloor's on the same server, then the details of
// every wrong or failed row.
func writeTable(w io.Writer, rows []row) {
	base := map[string]time.Duration{}
	for _, r := range rows {
		if r.tool == toolTlsfloor && r.failure == "" {
			base[r.server] = r.wall
		}
	}
	fmt.Fprintln(w, "| server | tool | seconds | versions right? | groups right? | tool/tlsfloor |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	for _, r := range rows {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", r.server, r.tool, seconds(r), r.versions, r.groups, ratio(r, base[r.server]))
	}
	fmt.Fprintln(w)
	for _, r := range rows {
		for _, d := range r.details() {
			fmt.Fprintf(w, "- %s, %s: %s\n", r.server, r.tool, d)
		}
	}
}

// details lists what a row's cells do not say.
func (r row) details() []string {
	var d []string
	if r.failure != "" {
		d = append(d, r.failure)
	}
	if r.versions.detail != "" {
		d = append(d, "versions: "+r.versions.detail)
	}
	if r.groups.detail != "" && !r.groups.na {
		d = append(d, "groups: "+r.groups.detail)
	}
	if r.note != "" {
		d = append(d, r.note)
	}
	return d
}

// seconds formats a row's wall time; a failed run's time is kept, as a
// timeout costs the user that long too.
func seconds(r row) string {
	s := fmt.Sprintf("%.3f", r.wall.Seconds())
	if r.failure != "" {
		s += " (failed)"
	}
	return s
}

// ratio is the row's wall time over tlsfloor's, "1" for tlsfloor itself.
func ratio(r row, base time.Duration) string {
	switch {
	case r.tool == toolTlsfloor:
		return "1"
	case base <= 0 || r.wall <= 0:
		return "n/a"
	}
	return fmt.Sprintf("%.0f", r.wall.Seconds()/base.Seconds())
}

// summary checks the goals over the rows: sslscan at least 20 times
// slower than tlsfloor on every server, and tlsfloor right wherever any
// peer is right.
func summary(rows []row) []string {
	byServer := map[string][]row{}
	var servers []string
	for _, r := range rows {
		if _, ok := byServer[r.server]; !ok {
			servers = append(servers, r.server)
		}
		byServer[r.server] = append(byServer[r.server], r)
	}
	var out []string
	for _, s := range servers {
		out = append(out, serverSummary(s, byServer[s]))
	}
	return out
}

// serverSummary states the two goals for one server's rows.
func serverSummary(server string, rows []row) string {
	var us row
	var sslscan *row
	for i, r := range rows {
		switch r.tool {
		case toolTlsfloor:
			us = r
		case "sslscan":
			sslscan = &rows[i]
		}
	}
	speed := "sslscan not run"
	if sslscan != nil && sslscan.failure == "" && us.failure == "" && us.wall > 0 {
		x := sslscan.wall.Seconds() / us.wall.Seconds()
		speed = fmt.Sprintf("sslscan/tlsfloor %.1fx (goal >= 20x: %s)", x, yesNo(x >= 20))
	}
	var worse []string
	for _, r := range rows {
		if r.tool == toolTlsfloor {
			continue
		}
		if r.versions.ok && !us.versions.ok || r.groups.ok && !us.groups.ok {
			worse = append(worse, r.tool)
		}
	}
	correct := "tlsfloor as right as every peer: yes"
	if len(worse) > 0 {
		correct = "tlsfloor as right as every peer: no, " + strings.Join(worse, ", ") + " got more right"
	}
	return fmt.Sprintf("%s: %s; %s", server, speed, correct)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
