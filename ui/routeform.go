package ui

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// The route editor is plain HTML: a row per route (source, transit,
// destination, and a box to remove it) and one empty row that adds a
// route when filled in; to add two, save and fill the next empty row. It
// sits in the inbox's proposal form, the correction form and, for
// reviewers, on a submission's page.

// routeForm is the route editor as a template draws it; the ids of its
// fields begin with Prefix, so that several editors share a page.
type routeForm struct {
	Prefix  string
	Rows    []routeRowView
	Error   string   // what is wrong with the routes sent, naming the route
	Unknown []string // places no gazetteer knows, kept as written
}

type routeRowView struct {
	kb.RouteRow
	N   int  // the row's number, as errors name it
	New bool // the empty row that adds a route
}

// newRouteForm draws rows, then an empty one to add a route.
func newRouteForm(prefix string, rows []kb.RouteRow, problem string) routeForm {
	f := routeForm{Prefix: prefix, Error: problem, Unknown: kb.UnknownPlaces(rows)}
	for i, r := range rows {
		f.Rows = append(f.Rows, routeRowView{RouteRow: r, N: i + 1})
	}
	f.Rows = append(f.Rows, routeRowView{N: len(rows) + 1, New: true})
	return f
}

// formRouteRows reads the editor's rows from a form, in order; ok is
// false when the form has no route editor (then the routes are left as
// they are). Values are copied: Fiber reuses the request's memory.
func formRouteRows(c *fiber.Ctx) (rows []kb.RouteRow, ok bool) {
	args := c.Request().PostArgs()
	if !args.Has("routes_form") {
		return nil, false
	}
	src, via, dst := args.PeekMulti("route_source"), args.PeekMulti("route_transit"), args.PeekMulti("route_destination")
	removed := map[string]bool{}
	for _, v := range args.PeekMulti("route_remove") {
		removed[string(v)] = true
	}
	at := func(vs [][]byte, i int) string {
		if i < len(vs) {
			return string(vs[i])
		}
		return ""
	}
	rows = make([]kb.RouteRow, max(len(src), len(via), len(dst)))
	for i := range rows {
		rows[i] = kb.RouteRow{Source: at(src, i), Transit: at(via, i), Destination: at(dst, i), Remove: removed[strconv.Itoa(i+1)]}
	}
	return rows, true
}

// typedRoutes are rows as the reviewer typed them, to draw again beside
// what is wrong, numbered as the errors number them; the empty rows at
// the end are left out (the editor adds one).
func typedRoutes(rows []kb.RouteRow) []kb.RouteRow {
	n := len(rows)
	for n > 0 && strings.TrimSpace(rows[n-1].Source+rows[n-1].Transit+rows[n-1].Destination) == "" {
		n--
	}
	return rows[:n]
}
