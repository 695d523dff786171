package ui

import (
	"cmp"
	"context"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// Statistics are read through the same query as search (words, filters,
// the query language), so every chart follows the search it was reached
// from and every bar links back to the practices behind it.

// statsAccess is how the statistics page and API check who may read
// them: an admin may close them to people who are not signed in.
func (h *handlers) statsAccess(c *fiber.Ctx) error {
	ok, err := h.mayReadStatistics(c)
	if err != nil {
		return err
	}
	if ok {
		return c.Next()
	}
	return signedIn(c)
}

// apiStats answers GET /api/v1/stats?group=…&q=…&state=…: the total and
// a count per group; figures=1 adds figure totals; format=csv a table.
func (h *handlers) apiStats(c *fiber.Ctx) error {
	q, err := queryFromRequest(c)
	if err != nil {
		return err
	}
	group := c.Query("group", "state")
	st, err := h.svc.Stats(c.UserContext(), q, group, c.QueryBool("figures") || c.Query("format") == "csv")
	if err != nil {
		return err
	}
	if c.Query("format") == "csv" {
		return statsCSV(c, st)
	}
	return c.JSON(st)
}

// statsCSV writes a grouping as CSV: key, count, then each measure's
// total and how many practices report it.
func statsCSV(c *fiber.Ctx, st kb.Stats) error {
	c.Set("Content-Type", "text/csv; charset=utf-8")
	c.Set("Content-Disposition", `attachment; filename="statistics-by-`+st.Group+`.csv"`)
	w, err := newSafeCSV(c.Response().BodyWriter())
	if err != nil {
		return err
	}
	head := []string{st.Group, "practices"}
	for _, m := range kb.Measures {
		head = append(head, m.Label, m.Label+": practices reporting")
	}
	_ = w.Write(head)
	for _, g := range st.Groups {
		row := []string{g.Key, strconv.Itoa(g.Count)}
		for _, f := range g.Figures {
			row = append(row, strconv.Itoa(f.Total), strconv.Itoa(f.Practices))
		}
		_ = w.Write(row)
	}
	return w.Flush()
}

// statsPage is the statistics page: counts, routes, figures and the map.
type statsPage struct {
	page
	Q          kb.Query
	Hidden     []activeFilter // the active filters, as hidden fields: Label is the name
	Active     []activeFilter
	Total      int
	Charts     []chart
	Matrix     routeMatrix
	Busiest    chart
	Map        tileMap
	ByState    figureTable
	ByYear     figureTable
	Measures   []kb.Measure
	SearchLink string
	Exports    []activeFilter // Label: format, Remove: address
}

// figureTable is figure totals by group, each total with how many
// practices report it.
type figureTable struct {
	Title, Param, CSV string
	All               []kb.FigureTotal
	Rows              []figureRow
}

type figureRow struct {
	Key, Link string
	Totals    []kb.FigureTotal
}

// statsCharts are the bar charts of the page, in order, each with its
// title's message id.
var statsCharts = []struct{ group, title, param string }{
	{"state", "stats_by_state", "state"}, {"year", "stats_by_year", "year"}, {"theme", "stats_by_theme", "theme"},
	{"exploitation", "stats_by_exploitation", "exploitation"}, {"evidence", "stats_by_evidence", "evidence"},
	{"document", "stats_by_document", "document"},
	{"source", "stats_sources", "source"}, {"destination", "stats_destinations", "destination"}, {"transit", "stats_transit", "transit"},
}

func (h *handlers) statisticsPage(c *fiber.Ctx) error {
	q, err := queryFromRequest(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	titles, err := h.svc.DocumentTitles(ctx)
	if err != nil {
		return err
	}
	p := statsPage{page: h.pageFor(c, "Statistics"), Q: q, Measures: kb.Measures, SearchLink: "/?" + encode(q).Encode()}
	p.SearchPage = true
	for _, sc := range statsCharts {
		st, err := h.svc.Stats(ctx, q, sc.group, false)
		if err != nil {
			return err
		}
		p.Total = st.Total
		label := func(k string) string { return messages.value(p.Lang, k) }
		switch sc.group {
		case "year":
			label = func(k string) string { return k }
		case "evidence":
			label = func(k string) string { return messages.value(p.Lang, kb.EvidenceLabel(k).Text()) }
		case "document":
			label = func(k string) string { return cmp.Or(titles[k], k) }
		}
		ch := newChart(p.Lang, "chart-"+sc.group, messages.text(p.Lang, sc.title), sc.param, st.Groups, func(k string) string { return searchLink(q, sc.param, k, true) }, label)
		ch.CSV = statsLink(q, sc.group, "csv")
		p.Charts = append(p.Charts, ch)
	}
	if err := h.routeCharts(ctx, q, &p); err != nil {
		return err
	}
	if p.ByState, err = h.figureTable(ctx, q, "state", messages.text(p.Lang, "stats_figures_state")); err != nil {
		return err
	}
	if p.ByYear, err = h.figureTable(ctx, q, "year", messages.text(p.Lang, "stats_figures_year")); err != nil {
		return err
	}
	for param, values := range q.Filters() {
		for _, v := range values {
			p.Hidden = append(p.Hidden, activeFilter{Label: param, Remove: v})
			name, ok := messages.lookup(p.Lang, "facet_"+param)
			if !ok {
				name = param
			}
			p.Active = append(p.Active, activeFilter{Label: name + ": " + messages.value(p.Lang, v), Remove: statsRemove(q, param, v)})
		}
	}
	p.Exports = []activeFilter{{Label: "CSV", Remove: exportLink(q, "csv")}, {Label: "Excel (XLSX)", Remove: exportLink(q, "xlsx")}}
	return h.render(c, "stats", p)
}

// routeName shows a route key ("Jharkhand → Delhi") in lang.
func routeName(lang, key string) string {
	s, d, ok := strings.Cut(key, kb.RouteArrow)
	if !ok {
		return messages.value(lang, key)
	}
	return messages.value(lang, s) + kb.RouteArrow + messages.value(lang, d)
}

// routeCharts fills the route matrix, the busiest routes and the map.
func (h *handlers) routeCharts(ctx context.Context, q kb.Query, p *statsPage) error {
	routes, err := h.svc.Stats(ctx, q, "route", false)
	if err != nil {
		return err
	}
	link := func(k string) string { return searchLink(q, "route", k, true) }
	p.Matrix = newMatrix(p.Lang, routes.Groups, 10, link)
	p.Busiest = newChart(p.Lang, "chart-route", messages.text(p.Lang, "stats_busiest"), "route", routes.Groups, link, func(k string) string { return routeName(p.Lang, k) })
	p.Busiest.CSV = statsLink(q, "route", "csv")
	byRegion := map[string]int{}
	for _, group := range []string{"state", "source", "destination"} {
		st, err := h.svc.Stats(ctx, q, group, false)
		if err != nil {
			return err
		}
		for _, g := range st.Groups {
			if _, ok := tiles[g.Key]; ok && (group == "state" || isAbroad(g.Key)) {
				byRegion[g.Key] = max(byRegion[g.Key], g.Count)
			}
		}
	}
	p.Map = newTileMap(p.Lang, byRegion, routes.Groups, func(r string) string {
		if isAbroad(r) {
			return searchLink(q, "source", r, true)
		}
		return searchLink(q, "state", r, true)
	}, link)
	return nil
}

func (h *handlers) figureTable(ctx context.Context, q kb.Query, group, title string) (figureTable, error) {
	st, err := h.svc.Stats(ctx, q, group, true)
	if err != nil {
		return figureTable{}, err
	}
	t := figureTable{Title: title, Param: group, CSV: statsLink(q, group, "csv"), All: st.Figures}
	for _, g := range st.Groups {
		reported := false
		for _, f := range g.Figures {
			reported = reported || f.Practices > 0
		}
		if reported {
			t.Rows = append(t.Rows, figureRow{Key: g.Key, Link: searchLink(q, group, g.Key, true), Totals: g.Figures})
		}
	}
	return t, nil
}

// statsLink is the API address of a grouping of the query.
func statsLink(q kb.Query, group, format string) string {
	v := encode(q)
	v.Set("group", group)
	v.Set("format", format)
	return "/api/v1/stats?" + v.Encode()
}

// statsRemove is the statistics of the query without one filter.
func statsRemove(q kb.Query, param, value string) string {
	return "/stats" + searchLink(q, param, value, false)[1:]
}

// exportLink is the address of the query's export in a format.
func exportLink(q kb.Query, format string) string {
	v := encode(q)
	v.Set("format", format)
	return "/api/v1/search?" + v.Encode()
}
