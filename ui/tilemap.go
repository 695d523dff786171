package ui

import (
	"math"
	"sort"
	"strings"

	"github.com/compendium-kb/compendium/kb"
)

// No boundary data can be had here with a clear licence, so the map of
// India is a tile grid: a square per state or union territory, placed
// roughly where it lies, and the neighbouring countries that cases name
// as sources around it. It shows counts and routes, not borders.

// tile is a region's place in the grid: column, row and a short code.
type tile struct {
	Code     string
	Col, Row int
}

var tiles = map[string]tile{
	"Jammu and Kashmir": {"JK", 2, 0}, "Ladakh": {"LA", 3, 0},
	"Chandigarh": {"CH", 0, 1}, "Punjab": {"PB", 1, 1}, "Himachal Pradesh": {"HP", 2, 1}, "Uttarakhand": {"UK", 3, 1}, "Nepal": {"NP", 4, 1},
	"Rajasthan": {"RJ", 0, 2}, "Haryana": {"HR", 1, 2}, "Delhi": {"DL", 2, 2}, "Uttar Pradesh": {"UP", 3, 2}, "Bihar": {"BR", 4, 2},
	"Sikkim": {"SK", 5, 2}, "Bhutan": {"BT", 6, 2}, "Arunachal Pradesh": {"AR", 7, 2},
	"Gujarat": {"GJ", 0, 3}, "Madhya Pradesh": {"MP", 1, 3}, "Chhattisgarh": {"CG", 2, 3}, "Jharkhand": {"JH", 3, 3},
	"West Bengal": {"WB", 4, 3}, "Bangladesh": {"BD", 5, 3}, "Assam": {"AS", 6, 3}, "Nagaland": {"NL", 7, 3},
	"Dadra and Nagar Haveli and Daman and Diu": {"DN", 0, 4}, "Maharashtra": {"MH", 1, 4}, "Telangana": {"TG", 2, 4}, "Odisha": {"OD", 3, 4},
	"Tripura": {"TR", 5, 4}, "Meghalaya": {"ML", 6, 4}, "Manipur": {"MN", 7, 4},
	"Goa": {"GA", 0, 5}, "Karnataka": {"KA", 1, 5}, "Andhra Pradesh": {"AP", 2, 5}, "Mizoram": {"MZ", 6, 5}, "Myanmar": {"MM", 7, 5},
	"Lakshadweep": {"LD", 0, 6}, "Kerala": {"KL", 1, 6}, "Tamil Nadu": {"TN", 2, 6}, "Puducherry": {"PY", 3, 6}, "Andaman and Nicobar Islands": {"AN", 5, 6},
	"Sri Lanka": {"LK", 3, 7}, "Gulf states": {"GF", 0, 7},
}

const tileSize, tileStep = 36, 40

// tileMap is the map as the template draws it.
type tileMap struct {
	Width, Height int
	Tiles         []mapTile
	Routes        []mapRoute
	Summary       string
}

type mapTile struct {
	Name, Code, Link string
	X, Y, TextX      int
	CodeY, CountY    int
	Count, Level     int
	Abroad           bool
}

type mapRoute struct {
	Label, Link    string
	X1, Y1, X2, Y2 int
	Width          int
}

// newTileMap shades each region by its count of practices and draws the
// busiest routes between them.
func newTileMap(lang string, byRegion map[string]int, routes []kb.StatsGroup, link func(region string) string, routeLink func(key string) string) tileMap {
	m := tileMap{Width: 8 * tileStep, Height: 8 * tileStep}
	most := 1
	for _, n := range byRegion {
		most = max(most, n)
	}
	for name, t := range tiles {
		n := byRegion[name]
		mt := mapTile{Name: name, Code: t.Code, X: t.Col * tileStep, Y: t.Row * tileStep, Count: n, Abroad: isAbroad(name)}
		mt.TextX, mt.CodeY, mt.CountY = mt.X+tileSize/2, mt.Y+15, mt.Y+30
		if n > 0 {
			mt.Level = 1 + int(math.Round(3*float64(n-1)/float64(max(1, most-1))))
			mt.Link = link(name)
		}
		m.Tiles = append(m.Tiles, mt)
	}
	sortTiles(m.Tiles)
	busiest := 0
	for _, g := range routes {
		s, d, ok := strings.Cut(g.Key, kb.RouteArrow)
		a, okA := tiles[s]
		b, okB := tiles[d]
		if !ok || !okA || !okB || s == d || len(m.Routes) == 12 {
			continue
		}
		busiest = max(busiest, g.Count)
		label := messages.text(lang, "route_count", "From", messages.value(lang, s), "To", messages.value(lang, d), "N", messages.text(lang, "n_practices", "Count", g.Count))
		r := mapRoute{Label: label, Link: routeLink(g.Key), Width: 1 + 2*g.Count/max(1, busiest)}
		r.X1, r.Y1, r.X2, r.Y2 = between(a, b)
		m.Routes = append(m.Routes, r)
	}
	m.Summary = messages.text(lang, "map_summary", "Regions", formatNumber(lang, len(byRegion)), "Routes", formatNumber(lang, len(m.Routes)))
	return m
}

// between is a line from tile a to tile b that starts and stops at their
// edges, so that neither tile's code and count is covered: stopping 13
// units short of the centres, as before, left the arrowhead on the count
// of a tile entered from above or below. The labels are drawn over the
// lines too, with a halo, where a line crosses a tile between.
func between(a, b tile) (x1, y1, x2, y2 int) {
	ax, ay := float64(a.Col*tileStep+tileSize/2), float64(a.Row*tileStep+tileSize/2)
	bx, by := float64(b.Col*tileStep+tileSize/2), float64(b.Row*tileStep+tileSize/2)
	dx, dy := bx-ax, by-ay
	l := math.Hypot(dx, dy)
	ux, uy := dx/l, dy/l
	// From a centre to the square's edge along (ux, uy), and a unit more.
	half := float64(tileSize) / 2
	edge := math.Min(half/math.Max(math.Abs(ux), 1e-9), half/math.Max(math.Abs(uy), 1e-9)) + 1
	return int(math.Round(ax + ux*edge)), int(math.Round(ay + uy*edge)), int(math.Round(bx - ux*edge)), int(math.Round(by - uy*edge))
}

func isAbroad(name string) bool {
	switch name {
	case "Nepal", "Bhutan", "Bangladesh", "Myanmar", "Sri Lanka", "Gulf states":
		return true
	}
	return false
}

// sortTiles orders tiles by row then column: reading order, so that
// keyboard focus moves across the map as a reader's eye does.
func sortTiles(ts []mapTile) {
	sort.Slice(ts, func(i, j int) bool {
		if ts[i].Y != ts[j].Y {
			return ts[i].Y < ts[j].Y
		}
		return ts[i].X < ts[j].X
	})
}
