package trail

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/tlsfloor/tlsfloor/internal/report/html"
	"github.com/tlsfloor/tlsfloor/internal/trail/cloudtrail"
)

// HTMLOptions are the parts of trail's HTML page (internal/report/html)
// besides the findings: a chart of the TLS version share per day, and
// tables of the totals and of the share per service.
func HTMLOptions(rep *cloudtrail.Report) html.Options {
	d := Details(rep, "")
	return html.Options{
		Title:  "tlsfloor trail: callers below " + d.Floor,
		Chart:  dayChart(d.ByDay),
		Tables: []html.Table{totalsTable(d), classTable(d.Totals.WithoutTLS), serviceTable(d.ByService)},
	}
}

// versionsOf lists the versions seen in shares: the standard four, then
// any other spelling.
func versionsOf(shares []Share) []string {
	vs := slices.Clone(StandardVersions)
	for _, s := range shares {
		for _, v := range slices.Sorted(maps.Keys(s.Versions)) {
			if !slices.Contains(vs, v) {
				vs = append(vs, v)
			}
		}
	}
	return vs
}

func dayChart(days []Share) *html.Chart {
	c := &html.Chart{Title: "TLS version share per day (records with a TLS version)"}
	vs := versionsOf(days)
	for _, v := range vs {
		c.Series = append(c.Series, html.Series{Name: v})
	}
	for _, d := range days {
		c.Categories = append(c.Categories, cmp.Or(d.Key, "no time"))
		for i, v := range vs {
			c.Series[i].Values = append(c.Series[i].Values, d.Versions[v])
		}
	}
	return c
}

func totalsTable(d RunDetails) html.Table {
	t, f := d.Totals, d.FilesSkipped
	n := strconv.Itoa
	return html.Table{
		Caption: "Records and files",
		Header:  []string{"what", "count"},
		Rows: [][]string{
			{"records read", n(t.Read)},
			{"counted (distinct, with a TLS version)", n(t.Counted)},
			{"duplicate event IDs", n(t.Duplicates)},
			{"without tlsDetails", n(t.WithoutTLS.NoDetails)},
			{"tlsDetails without tlsVersion", n(t.WithoutTLS.EmptyVersion)},
			{"invalid records", n(t.SkippedRecords - t.TooLarge)},
			{"records too large", n(t.TooLarge)},
			{"files read", n(t.Files)},
			{"files skipped: digest", n(f.Digest)},
			{"files skipped: insight", n(f.Insight)},
			{"files skipped: not CloudTrail", n(f.NotCloudTrail)},
			{"files unreadable", n(f.Unreadable)},
			{"records reconcile", strconv.FormatBool(t.Reconciles)},
		},
	}
}

// classNames are the words of the class table, by the JSON's class name.
var classNames = map[string]string{
	"aws_service_event": "AWS service event (eventType AwsServiceEvent)",
	"aws_service":       "AWS service (userIdentity type AWSService, or invokedBy)",
	"aws_internal":      "AWS internal (user agent or source a service principal, or AWS Internal)",
	"console":           "console-proxied (sessionCredentialFromConsole)",
	"customer":          "customer caller: TLS version unknown",
}

func classTable(w WithoutTLS) html.Table {
	t := html.Table{Caption: "Records without a TLS version, by caller", Header: []string{"caller", "records"}}
	for _, c := range cloudtrail.Classes() {
		t.Rows = append(t.Rows, []string{classNames[c.String()], strconv.Itoa(w.ByClass[c.String()])})
	}
	t.Rows = append(t.Rows, []string{"AWS-operated in all", strconv.Itoa(w.AWSOperated)}, []string{"in all", strconv.Itoa(w.Total)})
	return t
}

func serviceTable(services []Share) html.Table {
	vs := versionsOf(services)
	t := html.Table{Caption: "TLS version share per service", Header: append([]string{"service", "records", "with TLS version", "without", "coverage"}, vs...)}
	for _, s := range services {
		row := []string{cmp.Or(s.Key, "(none)"), strconv.Itoa(s.Records), strconv.Itoa(s.WithTLS), strconv.Itoa(s.WithoutTLS), fmt.Sprintf("%.2f%%", s.Coverage)}
		for _, v := range vs {
			row = append(row, fmt.Sprintf("%d (%.2f%%)", s.Versions[v], s.Percent[v]))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
