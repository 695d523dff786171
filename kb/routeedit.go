package kb

import (
	"fmt"
	"strings"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb/gazetteer"
)

// Bounds on the routes a reviewer records for one case.
const (
	MaxRoutes        = 30 // routes of one case
	MaxTransitPlaces = 10 // transit places of one route
	maxPlaceLength   = 100
)

// RouteRow is a route as an edit form shows it: each place as text
// ("Bhiwandi, Maharashtra"), transit places separated by semicolons, and
// whether the reviewer ticked it for removal.
type RouteRow struct {
	Source, Transit, Destination string
	Remove                       bool
}

// RouteRows writes routes as a form's rows.
func RouteRows(rs []Route) []RouteRow {
	rows := make([]RouteRow, len(rs))
	for i, r := range rs {
		via := make([]string, len(r.Transit))
		for j, t := range r.Transit {
			via[j] = t.String()
		}
		rows[i] = RouteRow{Source: r.Source.String(), Transit: strings.Join(via, "; "), Destination: r.Destination.String()}
	}
	return rows
}

// ReadRoutes reads the routes a form's rows give, in order: a row ticked
// for removal or left empty is no route. A place that is not a known
// state, country, district or city is a ValidationError on "routes"
// naming the row as the form numbers it: "route 2: destination “Xyz” is
// not a known state, country, district or city".
func ReadRoutes(rows []RouteRow) ([]Route, error) {
	out := []Route{}
	var problems []string
	lookups := maxNearLookups // "did you mean" for the first unknown places only
	for i, row := range rows {
		if row.Remove || strings.TrimSpace(row.Source+row.Transit+row.Destination) == "" {
			continue
		}
		n := i + 1
		r, ps := readRouteRow(n, row, &lookups)
		if len(ps) == 0 {
			out = append(out, r)
		}
		problems = append(problems, ps...)
	}
	if len(out) > MaxRoutes {
		problems = append(problems, fmt.Sprintf("record at most %d routes for one case", MaxRoutes))
	}
	if len(problems) > 0 {
		return nil, &ValidationError{Fields: map[string]string{"routes": strings.Join(problems, "; ") + "."}}
	}
	return out, nil
}

// readRouteRow reads one row, numbered n, and what is wrong with it;
// lookups is what is left of the form's "did you mean" look-ups.
func readRouteRow(n int, row RouteRow, lookups *int) (Route, []string) {
	var r Route
	var problems []string
	end := func(role, text string) Place {
		places, unknown := readPlaces(text)
		for _, name := range unknown {
			problems = append(problems, unknownPlace(n, role, name, lookups))
		}
		if len(places) > 1 && len(unknown) == 0 {
			problems = append(problems, fmt.Sprintf("route %d: give one %s place (%q names %d); another place is another route", n, role, truncate(text, 60), len(places)))
		}
		if len(places) == 0 {
			return Place{}
		}
		return places[0]
	}
	r.Source = end("source", row.Source)
	r.Destination = end("destination", row.Destination)
	via, unknown := readPlaces(row.Transit)
	for _, name := range unknown {
		problems = append(problems, unknownPlace(n, "transit", name, lookups))
	}
	if len(via) > MaxTransitPlaces {
		problems = append(problems, fmt.Sprintf("route %d: name at most %d transit places", n, MaxTransitPlaces))
	}
	r.Transit = via
	if r.Source.Region == "" && r.Destination.Region == "" && len(problems) == 0 {
		problems = append(problems, fmt.Sprintf("route %d: give a source or a destination, or tick it for removal", n))
	}
	return r, problems
}

// UnknownPlaces lists, as typed, the places rows name that no gazetteer
// knows: kept as written on a submission, shown flagged to the reviewer.
func UnknownPlaces(rows []RouteRow) []string {
	var out []string
	for _, row := range rows {
		for _, text := range []string{row.Source, row.Transit, row.Destination} {
			_, unknown := readPlaces(text)
			out = append(out, unknown...)
		}
	}
	return out
}

// unknownPlace names a place of route n that no gazetteer knows, with
// the names it may have meant while lookups last.
func unknownPlace(n int, role, name string, lookups *int) string {
	msg := fmt.Sprintf("route %d: %s “%s” is not a known state, country, district or city", n, role, truncate(name, 60))
	if *lookups <= 0 {
		return msg
	}
	*lookups--
	if near := SuggestPlaces(name, false); len(near) > 0 {
		msg += " (did you mean " + joinOr(near) + "?)"
	}
	return msg
}

// readPlaces reads places typed as a list: places are separated by
// semicolons or lines, and a comma stays inside a place, "Gumla,
// Jharkhand" being the district and its state (the state also picks
// between places of one name: "Aurangabad, Maharashtra"). "Unknown" and
// the like name no place. A place no gazetteer knows is kept as typed
// (a Locality, no Region) and listed in unknown.
func readPlaces(s string) (places []Place, unknown []string) {
	for _, item := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' }) {
		item = strings.TrimSpace(item)
		if item == "" || notAPlace(item) {
			continue
		}
		found, ok := readPlace(item)
		if !ok {
			unknown = append(unknown, item)
		}
		places = append(places, found...)
	}
	return places, unknown
}

// notAPlace says whether what was typed says the place is not known.
func notAPlace(s string) bool {
	switch strings.ToLower(strings.Trim(s, " .-?")) {
	case "", "unknown", "not known", "na", "n/a", "none", "nil", "अज्ञात", "पता नहीं":
		return true
	}
	return false
}

// readPlace reads one place typed as "name[, district][, state or
// country]". Parts that are each a state or country and do not qualify
// one another ("Bihar, Jharkhand") are read as the list they were
// meant as.
func readPlace(item string) ([]Place, bool) {
	var parts []string
	for _, part := range strings.Split(item, ",") {
		if part = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(part), " district")); part != "" {
			parts = append(parts, part)
		}
	}
	if len(parts) == 0 {
		return nil, true
	}
	region := ""
	if len(parts) > 1 {
		region = regionOf(parts[len(parts)-1])
	}
	p, ok := placeIn(parts[0], region)
	switch {
	case ok && (region == "" || within(p, region)):
		return []Place{p}, true
	case allRegions(parts):
		out := make([]Place, len(parts))
		for i, part := range parts {
			out[i], _ = placeOf(part)
		}
		return out, true
	}
	return []Place{written(truncate(item, maxPlaceLength))}, false
}

// within says whether p lies in region, a state or a country.
func within(p Place, region string) bool {
	if p.Region == region {
		return true
	}
	for _, g := range gazetteer.Lookup(p.Region) {
		if g.Country == region {
			return true
		}
	}
	return false
}

// allRegions says whether every part names a state, union territory or
// country.
func allRegions(parts []string) bool {
	for _, part := range parts {
		if regionOf(part) == "" {
			return false
		}
	}
	return true
}

// placeOf finds a place by any accepted spelling, in English or Hindi,
// under its current English name ("Gurgaon" is Gurugram, Haryana); an
// unknown name is kept as typed.
func placeOf(name string) (Place, bool) { return placeIn(name, "") }

// placeIn is placeOf preferring, of the places a name may be, the one in
// region (a state or a country). The gazetteer knows every state,
// district and town of India and the neighbours' places; the reader's own
// list adds what is no administrative place ("the Gulf", red-light areas).
func placeIn(name, region string) (Place, bool) {
	found := gazetteer.Lookup(name)
	if len(found) == 0 {
		if rp, ok := indexer.PlaceOf(name); ok {
			return Place(rp), true
		}
		return written(name), false
	}
	return routePlace(pickPlace(found, name, region)), true
}

// pickPlace picks, of the places a name may be, one in region, then one
// under that very name: "Guwahati" is the city, not the district of
// Kamrup Metropolitan that also answers to it.
func pickPlace(found []gazetteer.Place, name, region string) gazetteer.Place {
	best, bestScore := found[0], -1
	for _, p := range found {
		score := 0
		if region != "" && (p.State == region || p.Country == region) {
			score += 2
		}
		if strings.EqualFold(p.Name, name) || p.Hindi == name {
			score++
		}
		if score > bestScore {
			best, bestScore = p, score
		}
	}
	return best
}

// regionOf is the state, union territory or country a name names, or "".
func regionOf(name string) string {
	found := gazetteer.Lookup(name)
	if len(found) == 0 {
		return ""
	}
	switch found[0].Kind {
	case gazetteer.KindState, gazetteer.KindUT, gazetteer.KindCountry:
		return found[0].Name
	}
	return ""
}

// routePlace is a gazetteer place on a route: a state or country is the
// region; a district, town or province is the locality of its state in
// India, of its country abroad.
func routePlace(p gazetteer.Place) Place {
	switch {
	case p.Kind == gazetteer.KindState || p.Kind == gazetteer.KindUT || p.Kind == gazetteer.KindCountry:
		return Place{Region: p.Name}
	case p.InIndia():
		return Place{Region: p.State, Locality: p.Name}
	default:
		return Place{Region: p.Country, Locality: p.Name}
	}
}

// canonicalRoutes writes routes sent as JSON under the regions' current
// names; checkRoutes then names what is still unknown.
func canonicalRoutes(rs []Route) []Route {
	out := make([]Route, len(rs))
	fix := func(p Place) Place {
		if p.Region == "" {
			return p
		}
		q, ok := placeOf(p.Region)
		if !ok {
			return p
		}
		if p.Locality != "" {
			q.Locality = strings.TrimSpace(p.Locality)
		}
		return q
	}
	for i, r := range rs {
		out[i] = Route{Source: fix(r.Source), Destination: fix(r.Destination)}
		for _, t := range r.Transit {
			out[i].Transit = append(out[i].Transit, fix(t))
		}
	}
	return out
}

// checkRoutes says what is wrong with routes, numbered from 1, or "".
func checkRoutes(rs []Route) string {
	var problems []string
	lookups := maxNearLookups
	if len(rs) > MaxRoutes {
		problems = append(problems, fmt.Sprintf("record at most %d routes for one case", MaxRoutes))
	}
	for i, r := range rs {
		n := i + 1
		check := func(role string, p Place) {
			if len(p.Region) > maxPlaceLength || len(p.Locality) > maxPlaceLength {
				problems = append(problems, fmt.Sprintf("route %d: a %s place's name is at most %d characters", n, role, maxPlaceLength))
			} else if _, ok := placeOf(p.Region); p.Region != "" && !ok {
				problems = append(problems, unknownPlace(n, role, p.Region, &lookups))
			}
		}
		check("source", r.Source)
		check("destination", r.Destination)
		for _, t := range r.Transit {
			if t.Region == "" {
				problems = append(problems, fmt.Sprintf("route %d: a transit place has no name", n))
			}
			check("transit", t)
		}
		if len(r.Transit) > MaxTransitPlaces {
			problems = append(problems, fmt.Sprintf("route %d: name at most %d transit places", n, MaxTransitPlaces))
		}
		if r.Source.Region == "" && r.Destination.Region == "" {
			problems = append(problems, fmt.Sprintf("route %d: give a source or a destination", n))
		}
	}
	if len(problems) == 0 {
		return ""
	}
	return strings.Join(problems, "; ") + "."
}
