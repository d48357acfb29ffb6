package html

import (
	"fmt"
	"strconv"
)

// Chart is a stacked 100% bar chart: one bar per category (a day), each
// split by the series' shares of the bar's total.
type Chart struct {
	// Title is shown above the chart.
	Title string
	// Categories label the bars, left to right.
	Categories []string
	// Series are stacked bottom to top; Values has one count per category.
	Series []Series
}

// Series is one stacked part of every bar.
type Series struct {
	Name   string
	Values []int
}

// Chart geometry, in SVG user units.
const (
	chartWidth  = 760
	chartHeight = 260
	plotLeft    = 44
	plotTop     = 10
	plotWidth   = 700
	plotHeight  = 200
	maxLabels   = 12
)

// palette colours the series in order; red tones for the old versions
// first, so TLS 1.0 and 1.1 stand out.
var palette = []string{"#c0392b", "#e67e22", "#2e86c1", "#27ae60", "#8e44ad", "#7f8c8d"}

// chartData is a Chart laid out for the template.
type chartData struct {
	Title         string
	Width, Height int
	Bars          []rect
	Labels        []label
	Ticks         []label
	Legend        []legend
}

type rect struct {
	X, Y, W, H string
	Fill       string
	Tip        string
}

type label struct {
	X, Y string
	Text string
}

type legend struct {
	X    string
	Fill string
	Name string
}

// layout computes the rectangles of every bar and the labels.
func (c *Chart) layout() *chartData {
	d := &chartData{Title: c.Title, Width: chartWidth, Height: chartHeight}
	n := len(c.Categories)
	if n == 0 {
		return d
	}
	slot := float64(plotWidth) / float64(n)
	for i, cat := range c.Categories {
		d.Bars = append(d.Bars, c.bar(i, cat, slot)...)
	}
	step := (n + maxLabels - 1) / maxLabels
	for i := 0; i < n; i += step {
		d.Labels = append(d.Labels, label{X: num(plotLeft + slot*(float64(i)+0.5)), Y: num(plotTop + plotHeight + 16), Text: c.Categories[i]})
	}
	for _, p := range []int{0, 50, 100} {
		d.Ticks = append(d.Ticks, label{X: num(plotLeft - 6), Y: num(plotTop + plotHeight*(1-float64(p)/100) + 4), Text: strconv.Itoa(p) + "%"})
	}
	for i, s := range c.Series {
		d.Legend = append(d.Legend, legend{X: num(float64(plotLeft + 110*i)), Fill: color(i), Name: s.Name})
	}
	return d
}

// bar returns the stacked rectangles of category i.
func (c *Chart) bar(i int, cat string, slot float64) []rect {
	total := 0
	for _, s := range c.Series {
		total += value(s, i)
	}
	if total == 0 {
		return nil
	}
	var out []rect
	y := float64(plotTop + plotHeight)
	x, w := plotLeft+slot*float64(i)+slot*0.1, slot*0.8
	for j, s := range c.Series {
		v := value(s, i)
		if v == 0 {
			continue
		}
		h := float64(plotHeight) * float64(v) / float64(total)
		y -= h
		tip := fmt.Sprintf("%s: %s %d of %d (%.1f%%)", cat, s.Name, v, total, 100*float64(v)/float64(total))
		out = append(out, rect{X: num(x), Y: num(y), W: num(w), H: num(h), Fill: color(j), Tip: tip})
	}
	return out
}

func value(s Series, i int) int {
	if i < len(s.Values) && s.Values[i] > 0 {
		return s.Values[i]
	}
	return 0
}

func color(i int) string { return palette[i%len(palette)] }

// num formats a coordinate with two decimals at most.
func num(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }
