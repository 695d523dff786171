package ui

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/compendium-kb/compendium/kb"
)

// The charts are SVG drawn here, on the server: no script and no CDN to
// read them. Geometry is in the SVG's own units; a chart's viewBox is
// 320 wide, about its width on a 360 px phone, so its text stays legible
// there, and CSS caps its width on a desktop.

const chartWidth = 320

// chart is a bar chart of one grouping, with the table and summary that
// say the same in words.
type chart struct {
	ID, Title, Param, Summary, CSV string
	Bars                           []bar
	Height                         int
	More                           int // groups left out of the chart (all are in the CSV)
}

// bar is one bar: its label above it (in up to two lines), its count at
// its end.
type bar struct {
	Label, Link                    string
	Lines                          []labelLine
	Count                          int
	Y, LabelY, Width, CountX, Rank int
}

// labelLine is one line of a bar's label and its baseline.
type labelLine struct {
	Text string
	Y    int
}

// Label lines: at 13 px a line of the chart's 320 units holds about 44
// Latin letters ("Immoral Traffic (Prevention) Act, 1956" is 38); 40
// leaves room for wide letters and for Devanagari, whose vowel signs
// count as letters but take little room. A label longer than two lines
// ends in "…"; the bar's name, the table and the CSV have it whole.
const (
	labelRunes = 40
	lineH      = 15
)

// maxBars bounds a chart's length; the data table and CSV have all.
const maxBars = 15

func newChart(lang, id, title, param string, groups []kb.StatsGroup, link func(key string) string, label func(key string) string) chart {
	c := chart{ID: id, Title: title, Param: param}
	if len(groups) > maxBars {
		c.More = len(groups) - maxBars
		if param == "year" {
			groups = groups[len(groups)-maxBars:] // years run in order: show the latest
		} else {
			groups = groups[:maxBars]
		}
	}
	most := 1
	for _, g := range groups {
		most = max(most, g.Count)
	}
	const labelW = 40
	y := 0
	for i, g := range groups {
		w := max(2, (chartWidth-labelW)*g.Count/most)
		b := bar{Label: label(g.Key), Link: link(g.Key), Count: g.Count, LabelY: y + 14, Width: w, CountX: w + 4, Rank: i + 1}
		for _, text := range wrapLabel(b.Label, labelRunes) {
			b.Lines = append(b.Lines, labelLine{Text: text, Y: y + 14})
			y += lineH
		}
		b.Y = y + 4
		c.Bars = append(c.Bars, b)
		y += 19
	}
	c.Height = y + 4
	c.Summary = summarise(lang, title, c.Bars, len(groups)+c.More)
	return c
}

// wrapLabel breaks a label into at most two lines of about n letters at
// spaces; what does not fit ends the second line with "…".
func wrapLabel(s string, n int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= n:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	lines = append(lines, line)
	for i, l := range lines {
		if r := []rune(l); len(r) > n {
			lines[i] = string(r[:n-1]) + "…"
		}
	}
	if len(lines) > 2 {
		second := []rune(strings.Join(lines[1:], " "))
		lines = []string{lines[0], string(second[:n-1]) + "…"}
	}
	return lines
}

// summarise says in a sentence, in lang, what a chart shows.
func summarise(lang, title string, bars []bar, groups int) string {
	if len(bars) == 0 {
		return messages.text(lang, "chart_summary_none", "Title", title)
	}
	var top []string
	largest := slices.Clone(bars)
	slices.SortStableFunc(largest, func(a, b bar) int { return b.Count - a.Count })
	for _, b := range largest[:min(3, len(largest))] {
		top = append(top, fmt.Sprintf("%s (%s)", b.Label, formatNumber(lang, b.Count)))
	}
	return messages.text(lang, "chart_summary", "Title", title, "Groups", formatNumber(lang, groups), "Top", strings.Join(top, ", "))
}

// routeMatrix counts practices by source (rows) and destination (columns).
type routeMatrix struct {
	Sources, Destinations []string
	Rows                  []matrixRow
}

type matrixRow struct {
	Source string
	Cells  []matrixCell
}

type matrixCell struct {
	Count int
	Level int // 0-4, for shading
	Link  string
	Label string // "Jharkhand to Delhi: 4 practices"
}

// newMatrix lays the routes out, the busiest sources and destinations
// first, up to limit of each.
func newMatrix(lang string, routes []kb.StatsGroup, limit int, link func(key string) string) routeMatrix {
	bySrc, byDst := map[string]int{}, map[string]int{}
	count := map[[2]string]int{}
	most := 1
	for _, g := range routes {
		s, d, ok := strings.Cut(g.Key, kb.RouteArrow)
		if !ok {
			continue
		}
		bySrc[s] += g.Count
		byDst[d] += g.Count
		count[[2]string{s, d}] = g.Count
		most = max(most, g.Count)
	}
	m := routeMatrix{Sources: ranked(bySrc, limit), Destinations: ranked(byDst, limit)}
	for _, s := range m.Sources {
		row := matrixRow{Source: s}
		for _, d := range m.Destinations {
			n := count[[2]string{s, d}]
			cell := matrixCell{Count: n, Label: messages.text(lang, "route_count", "From", messages.value(lang, s), "To", messages.value(lang, d), "N", formatNumber(lang, n))}
			if n > 0 {
				cell.Level = 1 + 3*(n-1)/max(1, most-1)
				if most == 1 {
					cell.Level = 4
				}
				cell.Link = link(s + kb.RouteArrow + d)
			}
			row.Cells = append(row.Cells, cell)
		}
		m.Rows = append(m.Rows, row)
	}
	return m
}

// ranked lists keys by count, most first, up to limit.
func ranked(counts map[string]int, limit int) []string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys[:min(limit, len(keys))]
}
