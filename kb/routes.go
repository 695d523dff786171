package kb

import (
	"slices"
	"strings"

	"github.com/compendium-kb/compendium/indexer"
)

// Place is a place on a trafficking route: a state, union territory or
// country (Region, as named today), and the district or city when known.
// A place no gazetteer knows keeps its name as typed in Locality and has
// no Region: it is shown, flagged, but counted nowhere, so a misspelt or
// missing district never becomes a source area of its own.
type Place struct {
	Region   string `json:"region" bson:"region"`
	Locality string `json:"locality,omitempty" bson:"locality,omitempty"`
}

// written is a place no gazetteer knows, kept as typed.
func written(name string) Place { return Place{Locality: name} }

// Known says whether the place is one the gazetteer or the reader knows.
func (p Place) Known() bool { return p.Region != "" }

// String names the place as a reader expects: "Bhiwandi, Maharashtra";
// a place no gazetteer knows, as it was typed.
func (p Place) String() string {
	if p.Region == "" {
		return p.Locality
	}
	if p.Locality != "" && p.Locality != p.Region {
		return p.Locality + ", " + p.Region
	}
	return p.Region
}

// Route is one movement a practice deals with, split as the Counter
// Trafficking Data Collaborative's standard (HTCDS) and UNODC's case law
// database split it: source, transit places, destination. Either end may
// be unknown (an empty Region).
type Route struct {
	Source      Place   `json:"source" bson:"source"`
	Transit     []Place `json:"transit,omitempty" bson:"transit,omitempty"`
	Destination Place   `json:"destination" bson:"destination"`
}

// NotInGazetteer flags, in a route's words, a place kept as typed.
const NotInGazetteer = "not in the gazetteer"

// RouteArrow joins a route's ends in its key and its label.
const RouteArrow = " → "

// Key names a route by its regions, as the route facet counts it:
// "Jharkhand → Delhi"; empty when either end is unknown or not in the
// gazetteer.
func (r Route) Key() string {
	if r.Source.Region == "" || r.Destination.Region == "" {
		return ""
	}
	return r.Source.Region + RouteArrow + r.Destination.Region
}

// String describes the route for lists, handouts and exports.
func (r Route) String() string {
	end := func(p Place) string {
		switch {
		case p.Locality != "" && p.Region == "":
			return p.Locality + " (" + NotInGazetteer + ")"
		case p.Region == "":
			return "unknown"
		}
		return p.String()
	}
	s := end(r.Source)
	for _, t := range r.Transit {
		s += RouteArrow + "via " + t.String()
	}
	return s + RouteArrow + end(r.Destination)
}

// RoutesText lists routes in a sentence: "Jharkhand → Delhi; Nepal →
// via Raxaul, Bihar → unknown".
func RoutesText(rs []Route) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.String()
	}
	return strings.Join(parts, "; ")
}

// ProposeRoutes reads the routes a case's text describes; reviewers
// confirm or edit them.
func ProposeRoutes(text string) []Route {
	var out []Route
	for _, r := range indexer.Routes(text) {
		kr := Route{Source: Place(r.Source), Destination: Place(r.Destination)}
		for _, t := range r.Transit {
			kr.Transit = append(kr.Transit, Place(t))
		}
		out = append(out, kr)
	}
	return out
}

// RouteRegions lists the regions a practice's routes name in a role
// ("source", "transit" or "destination"), and the route keys for
// "route", each once.
func (p Practice) RouteRegions(role string) []string {
	var out []string
	add := func(s string) {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, r := range p.Routes {
		switch role {
		case "source":
			add(countedRegion(r.Source.Region))
		case "destination":
			add(countedRegion(r.Destination.Region))
		case "transit":
			for _, t := range r.Transit {
				add(countedRegion(t.Region))
			}
		case "route":
			if countedRegion(r.Source.Region) != "" && countedRegion(r.Destination.Region) != "" {
				add(r.Key())
			}
		}
	}
	return out
}

// countedRegion is region when statistics may count it: a state, union
// territory or country, or a region of the reader's own ("Gulf states").
// Records saved before places were checked may hold a district or a
// misspelling as their region ("Pakur"); those count nowhere.
func countedRegion(region string) string {
	if region == "" || regionOf(region) != region {
		if rp, ok := indexer.PlaceOf(region); !ok || rp.Region != region {
			return ""
		}
	}
	return region
}

// RoutesFromForm makes routes from the places a submitter lists as
// sources, transit points and destinations (places separated by
// semicolons or lines, a comma inside a place: "Gumla, Jharkhand; Pakur";
// a known district or city finds its state): each source to each
// destination, through every transit point. A place no gazetteer knows
// is kept as written, flagged and counted nowhere.
func RoutesFromForm(sources, transit, destinations string) []Route {
	src, via, dst := formPlaces(sources), formPlaces(transit), formPlaces(destinations)
	if len(src) == 0 && len(dst) == 0 {
		return nil
	}
	if len(src) == 0 {
		src = []Place{{}}
	}
	if len(dst) == 0 {
		dst = []Place{{}}
	}
	var out []Route
	for _, s := range src {
		for _, d := range dst {
			out = append(out, Route{Source: s, Transit: via, Destination: d})
		}
	}
	return out
}

// routes are the routes a submitter listed, or else those the text
// describes.
func (f SubmissionFields) routes(body string) []Route {
	if rs := RoutesFromForm(f.Sources, f.Transit, f.Destinations); len(rs) > 0 {
		return rs
	}
	return ProposeRoutes(body)
}

// Routes are the routes the practice will record when published: those
// the submitter listed, or else those its text describes, for a reviewer
// to confirm.
func (f SubmissionFields) Routes() []Route {
	return f.routes(strings.Join([]string{f.Problem, f.Action, f.Results, f.Lessons}, "\n\n"))
}

// formPlaces reads a list of places as a submitter typed it; a name no
// gazetteer knows is kept as typed.
func formPlaces(s string) []Place {
	places, _ := readPlaces(s)
	return places
}
