package html

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// chartOptions is a trail-like chart and table.
func chartOptions() Options {
	return Options{
		Chart: &Chart{
			Title:      "TLS version share per day",
			Categories: []string{"2024-05-01", "2024-05-02", "2024-05-03"},
			Series: []Series{
				{Name: "TLSv1", Values: []int{3, 0, 1}},
				{Name: "TLSv1.1", Values: []int{1, 0, 0}},
				{Name: "TLSv1.2", Values: []int{10, 5, 0}},
				{Name: "TLSv1.3", Values: []int{6, 5, 0}},
			},
		},
		Tables: []Table{{
			Caption: "TLS version share per service",
			Header:  []string{"service", "TLSv1", "TLSv1.2"},
			Rows:    [][]string{{"sts.amazonaws.com", "25.00%", "75.00%"}},
		}},
	}
}

func render(t *testing.T, c reporttest.Case, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := reporttest.Feed(NewWithOptions(&buf, opt), c); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, c := range reporttest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			reporttest.Golden(t, filepath.Join("testdata", c.Name+".html"), render(t, c, Options{}), *update)
		})
	}
	t.Run("chart", func(t *testing.T) {
		reporttest.Golden(t, filepath.Join("testdata", "chart.html"), render(t, reporttest.Mixed(), chartOptions()), *update)
	})
}

// parseXHTML checks that page is well-formed XML with an html root, and
// returns its text content and the names of every element.
func parseXHTML(t *testing.T, page []byte) (text string, elements []string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(page))
	dec.Strict = true
	var b strings.Builder
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("page is not well-formed XHTML: %v\n%s", err, page)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 && tok.Name.Local != "html" {
				t.Fatalf("root element %q, want html", tok.Name.Local)
			}
			depth++
			elements = append(elements, tok.Name.Local)
		case xml.EndElement:
			depth--
		case xml.CharData:
			b.Write(tok)
			b.WriteByte('\n')
		}
	}
	if depth != 0 {
		t.Fatalf("unbalanced elements: depth %d at the end", depth)
	}
	return b.String(), elements
}

func TestWellFormedAndSelfContained(t *testing.T) {
	for _, c := range reporttest.Cases() {
		page := render(t, c, chartOptions())
		_, elements := parseXHTML(t, page)
		for _, e := range elements {
			switch e {
			case "script", "link", "img", "iframe", "object":
				t.Errorf("%s: page has a <%s> element: it must load nothing", c.Name, e)
			}
		}
		for _, ref := range []string{"http://", "https://"} {
			for _, line := range strings.Split(string(page), "\n") {
				if strings.Contains(line, ref) && !strings.Contains(line, "xmlns=") && !strings.Contains(line, "<td") && !strings.Contains(line, "<dd>") {
					t.Errorf("%s: page refers outside itself: %s", c.Name, line)
				}
			}
		}
	}
}

// TestChartDrawn checks the stacked bars: one rectangle per non-zero
// value, and each day's rectangles fill the plot height.
func TestChartDrawn(t *testing.T) {
	opt := chartOptions()
	d := opt.Chart.layout()
	if got, want := len(d.Bars), 7; got != want {
		t.Errorf("%d bars, want %d (one per non-zero value)", got, want)
	}
	page := string(render(t, reporttest.Empty(), opt))
	for _, want := range []string{"<svg", "2024-05-01: TLSv1 3 of 20 (15.0%)", "2024-05-03: TLSv1 1 of 1 (100.0%)"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// TestFixesOnce checks that findings sharing a remediation point to one
// numbered fix, shown once.
func TestFixesOnce(t *testing.T) {
	c := reporttest.Empty()
	for i, fix := range []string{"upgrade A", "upgrade B", "upgrade A"} {
		c.Findings = append(c.Findings, finding.Finding{RuleID: "R", Target: string(rune('x' + i)), Remediation: fix})
	}
	page := string(render(t, c, Options{}))
	if strings.Count(page, "upgrade A") != 1 || strings.Count(page, `href="#fix-1"`) != 2 || !strings.Contains(page, `<li id="fix-2">upgrade B</li>`) {
		t.Errorf("fixes not numbered once each:\n%s", page)
	}
}

// TestHostileValuesEscaped feeds markup in every field a caller controls:
// it must come out as text, and the page must stay well-formed.
func TestHostileValuesEscaped(t *testing.T) {
	hostileUA := `"><script>alert(1)</script><img src=x onerror=alert(2)>`
	hostileARN := `arn:aws:iam::111122223333:user/</td></tr></table><script>x()</script>&amp;`
	c := reporttest.Empty()
	c.Findings = []finding.Finding{{
		RuleID: "TF-TRAIL-CALLER", Severity: finding.High, Title: "t",
		Target: hostileARN, Message: "calls from " + hostileUA,
		Evidence:    []finding.Evidence{{Name: "user agent", Value: hostileUA}, {Name: `<b>name</b>`, Value: "]]><!--"}},
		Remediation: `<a href="javascript:alert(3)">fix</a>`,
	}}
	c.Summary.Findings = 1
	opt := chartOptions()
	opt.Chart.Categories[0] = `<tspan>2024</tspan>`
	opt.Tables[0].Rows[0][0] = `<td onclick="x()">`
	page := render(t, c, opt)
	text, elements := parseXHTML(t, page)
	for _, e := range elements {
		if e == "script" || e == "img" || e == "b" || e == "tspan" {
			t.Errorf("hostile markup became a <%s> element", e)
		}
	}
	if strings.Contains(string(page), "javascript:") && !strings.Contains(string(page), "&lt;a href=&#34;javascript:") {
		t.Errorf("a javascript: link escaped its text:\n%s", page)
	}
	for _, want := range []string{hostileUA, hostileARN, `<a href="javascript:alert(3)">fix</a>`, `<td onclick="x()">`, "]]><!--"} {
		if !strings.Contains(text, want) {
			t.Errorf("text %q not shown as text", want)
		}
	}
}
