package indexer

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/compendium-kb/compendium/kb/gazetteer"
)

// RoutePlace is a place on a trafficking route: a state, union territory
// or country, with the district or city when the text names one.
type RoutePlace struct {
	Region   string `json:"region"`
	Locality string `json:"locality,omitempty"`
}

// Route is one movement a case deals with, split as the Counter
// Trafficking Data Collaborative's standard (HTCDS) and UNODC's case law
// database split it: where victims come from, where they pass, where
// they are exploited. Either end may be unknown (empty Region).
type Route struct {
	Source      RoutePlace   `json:"source"`
	Transit     []RoutePlace `json:"transit,omitempty"`
	Destination RoutePlace   `json:"destination"`
}

// localities are districts, cities and border posts that cases name
// instead of their state, and the Gulf countries named as destinations.
var localities = buildLocalities(map[string][]string{
	"Andhra Pradesh":       {"Anantapur", "Vijayawada", "Visakhapatnam", "Kakinada", "East Godavari", "Guntur", "Krishna"},
	"Assam":                {"Guwahati", "Kokrajhar", "Sonitpur", "Tezpur", "Kamrup", "Silchar", "Dhubri"},
	"Bihar":                {"Patna", "Sitamarhi", "Raxaul", "Muzaffarpur", "Kishanganj", "Araria", "Purnia", "Gaya"},
	"Chhattisgarh":         {"Jashpur", "Raipur", "Bilaspur"},
	"Delhi":                {"South West Delhi", "GB Road"},
	"Gujarat":              {"Surat", "Ahmedabad", "Vadodara"},
	"Haryana":              {"Mewat", "Nuh", "Gurgaon", "Gurugram", "Faridabad"},
	"Jharkhand":            {"Gumla", "Ranchi", "Sahibganj", "Dumka", "Khunti"},
	"Karnataka":            {"Belgaum", "Belagavi", "Bangalore", "Bengaluru", "Mysore"},
	"Kerala":               {"Ernakulam", "Kochi", "Thiruvananthapuram"},
	"Madhya Pradesh":       {"Jhabua", "Indore", "Bhopal", "Mandsaur", "Neemuch"},
	"Maharashtra":          {"Bhiwandi", "Thane", "Pune", "Nagpur", "Kamathipura"},
	"Odisha":               {"Ganjam", "Berhampur", "Bhubaneswar", "Koraput", "Balangir"},
	"Rajasthan":            {"Jaipur", "Ajmer", "Jodhpur", "Udaipur"},
	"Tamil Nadu":           {"Tiruvallur", "Tiruppur", "Coimbatore", "Gummidipoondi"},
	"Telangana":            {"Hyderabad", "Karimnagar", "Warangal"},
	"Uttar Pradesh":        {"Gorakhpur", "Meerut", "Agra", "Lucknow", "Varanasi", "Kanpur", "Noida", "Ghaziabad"},
	"Uttarakhand":          {"Dehradun", "Haridwar"},
	"West Bengal":          {"North 24 Parganas", "South 24 Parganas", "Petrapole", "Murshidabad", "Siliguri", "Sonagachi", "Basirhat"},
	"United Arab Emirates": {"Dubai", "Abu Dhabi", "Sharjah", "UAE"},
	"Saudi Arabia":         {"Riyadh", "Jeddah"},
	"Oman":                 nil, "Qatar": nil, "Kuwait": nil, "Bahrain": nil, "Gulf states": {"Gulf"},
})

// buildLocalities maps every spelling to its place: a locality with its
// region, and every name of the states, union territories, neighbouring
// countries and the cities that stand for their states (kb/gazetteer) to
// the region under its current name. Acronyms ("UP") and names that are
// ordinary words ("China", "Madras") are left out: this finder matches
// any case and takes no context.
func isAcronym(s string) bool { return strings.ToUpper(s) == s && strings.ToLower(s) != s }

func buildLocalities(m map[string][]string) map[string]RoutePlace {
	out := map[string]RoutePlace{}
	for region, names := range m {
		out[strings.ToLower(region)] = RoutePlace{Region: region}
		for _, n := range names {
			out[strings.ToLower(n)] = canonical(RoutePlace{Region: region, Locality: n})
		}
	}
	for _, p := range regionPlaces() {
		place := RoutePlace{Region: regionOf(p)}
		if p.Kind == gazetteer.KindCity || p.Kind == gazetteer.KindDistrict {
			place.Locality = p.Name
		}
		for _, n := range p.Names() {
			k := strings.ToLower(n)
			if _, ok := out[k]; ok || p.NeedsContext(n) || isAcronym(n) {
				continue
			}
			out[k] = place
		}
	}
	return out
}

// canonical names a listed locality as the gazetteer does, so that what
// the reader proposes reads back unchanged on a form: "Guwahati" is the
// district of Kamrup Metropolitan, "Gurgaon" is Gurugram.
func canonical(p RoutePlace) RoutePlace {
	for _, g := range gazetteer.Lookup(p.Locality) {
		if q := routePlaceOf(g); q.Region == p.Region {
			return q
		}
	}
	return p
}

var (
	routePlaceRE = func() *regexp.Regexp {
		var names []string
		for k := range localities {
			names = append(names, regexp.QuoteMeta(k))
		}
		sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
		return regexp.MustCompile(`(?i)\b(` + strings.Join(names, "|") + `)\b`)
	}()
	sentenceRE = regexp.MustCompile(`[^.!?\n]+`)
	// movementRE finds a verb of moving people: only then does "in" or
	// "at" a place say where victims ended up.
	movementRE = regexp.MustCompile(`(?i)\b(brought|taken|sent|moved|placed|sold|trafficked|lured|migrat\w*|recruit\w*|transported|carried|found|traced|smuggled|crossed|rescued|supplied|worked|exploited|confined|employed|kept)\b`)
	// homewardRE marks a movement back home: "repatriated to Odisha"
	// names the source.
	homewardRE = regexp.MustCompile(`(?i)\b(returned|repatriated|escorted home|restored|sent back|brought back|home to)\b`)
	// policeLearntRE: "Police in Gumla district of Jharkhand learnt that
	// girls were being taken to Delhi": the police's own place is where
	// the victims were taken from.
	policeLearntRE = regexp.MustCompile(`(?i)^\W*(?:the\s+)?police (?:in|of|at)\b[^.]*\b(?:learnt|learned|found|noticed|discovered|received (?:information|a complaint))\b[^.]*\b(?:taken|sent|trafficked|moved|brought|sold)\b`)
	// agencyAfterRE: "the Delhi police", "Bihar labour department" name
	// an agency, not a place on a route.
	agencyAfterRE = regexp.MustCompile(`(?i)^\s*(police|labour department|government|ahtu|cid|high court|women's commission)\b`)
	sameListRE    = regexp.MustCompile(`(?i)^\s*(,|and|or|, and|,\s*and)\s*$`)
	ofLocalityRE  = regexp.MustCompile(`(?i)^\s*(district\s+)?(of|in|,)\s*$`)
	cueWords      = map[string]bool{"from": true, "to": true, "into": true, "in": true, "at": true, "near": true, "off": true, "through": true, "via": true, "across": true, "towards": true, "between": true, "of": true, "for": true}
)

// PlaceOf finds a state, union territory, country, district or city by
// any accepted spelling.
func PlaceOf(name string) (RoutePlace, bool) {
	p, ok := localities[strings.ToLower(strings.TrimSpace(name))]
	return p, ok
}

type role int

const (
	none role = iota
	source
	transit
	destination
)

type found struct {
	place      RoutePlace
	role       role
	start, end int
}

// Routes proposes the routes a case's text describes, sentence by
// sentence: "girls from Jharkhand placed in Delhi homes", "brought by
// train from Assam to Tamil Nadu", "across the Nepal border at Raxaul".
// A reviewer confirms or edits them; this is a proposal, not a record.
func Routes(text string) []Route {
	var routes []Route
	for _, loc := range sentenceRE.FindAllStringIndex(text, -1) {
		routes = append(routes, sentenceRoutes(text[loc[0]:loc[1]])...)
	}
	return withPolicePlace(mergeRoutes(routes), text)
}

func sentenceRoutes(s string) []Route {
	var places []found
	for _, m := range placesIn(s) {
		p := m.place
		if agencyAfterRE.MatchString(s[m.end:]) {
			continue
		}
		f := found{place: p, start: m.start, end: m.end}
		if n := len(places); n > 0 {
			prev := &places[n-1]
			gap := s[prev.end:m.start]
			if prev.place.Locality != "" && prev.place.Region == p.Region && p.Locality == "" && ofLocalityRE.MatchString(gap) {
				continue // "Bhiwandi in Thane district of Maharashtra": the same place
			}
			if sameListRE.MatchString(gap) {
				f.role = prev.role
				places = append(places, f)
				continue
			}
		}
		f.role = m.role
		if f.role == none {
			f.role = roleBefore(s, f, places)
		}
		places = append(places, f)
	}
	if len(places) > 1 && places[0].role == none && policeLearntRE.MatchString(s) && slices.ContainsFunc(places[1:], func(f found) bool { return f.role == destination }) {
		places[0].role = source
	}
	onward(s, places)
	return assemble(places)
}

// assemble makes a sentence's routes: each source to each destination,
// through its transit places; a side may be unknown.
func assemble(places []found) []Route {
	var src, via, dst []RoutePlace
	for _, f := range places {
		switch f.role {
		case source:
			src = addPlace(src, f.place)
		case transit:
			via = addPlace(via, f.place)
		case destination:
			dst = addPlace(dst, f.place)
		}
	}
	if len(src) == 0 && len(dst) == 0 {
		return nil
	}
	if len(src) == 0 {
		src = []RoutePlace{{}}
	}
	if len(dst) == 0 {
		dst = []RoutePlace{{}}
	}
	var out []Route
	for _, s := range src {
		for _, d := range dst {
			out = append(out, Route{Source: s, Transit: via, Destination: d})
		}
	}
	return out
}

func addPlace(list []RoutePlace, p RoutePlace) []RoutePlace {
	for _, x := range list {
		if x.Region == p.Region {
			return list
		}
	}
	return append(list, p)
}

// mergeRoutes joins what sentences say apart ("from Anantapur" in one,
// "in Bhiwandi" in the next): routes known only at the source take the
// destinations known only at the destination, and a route with an
// unknown end is dropped when a fuller one covers it.
func mergeRoutes(rs []Route) []Route {
	var full, srcOnly, dstOnly []Route
	for _, r := range rs {
		switch {
		case r.Source.Region != "" && r.Destination.Region != "":
			full = append(full, r)
		case r.Source.Region != "":
			srcOnly = append(srcOnly, r)
		default:
			dstOnly = append(dstOnly, r)
		}
	}
	if len(srcOnly) > 0 && len(dstOnly) > 0 {
		for _, s := range srcOnly {
			for _, d := range dstOnly {
				full = append(full, Route{Source: s.Source, Transit: append(append([]RoutePlace(nil), s.Transit...), d.Transit...), Destination: d.Destination})
			}
		}
		srcOnly, dstOnly = nil, nil
	}
	var out []Route
	seen := map[string]bool{}
	add := func(r Route) {
		key := r.Source.Region + ">" + r.Destination.Region
		if seen[key] || r.Source.Region != "" && r.Source.Region == r.Destination.Region && len(r.Transit) == 0 {
			return
		}
		seen[key] = true
		out = append(out, r)
	}
	for _, r := range full {
		add(r)
	}
	for _, r := range append(srcOnly, dstOnly...) {
		covered := false
		for _, f := range full {
			covered = covered || (r.Source.Region != "" && f.Source.Region == r.Source.Region) || (r.Destination.Region != "" && f.Destination.Region == r.Destination.Region)
			// Found "at Patna" on the way from Bihar to Delhi: a place
			// of the fuller route, not another destination.
			covered = covered || r.Source.Region == "" && (f.Source.Region == r.Destination.Region || slices.ContainsFunc(f.Transit, func(t RoutePlace) bool { return t.Region == r.Destination.Region }))
		}
		if !covered {
			add(r)
		}
	}
	return out
}
