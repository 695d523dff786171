package indexer

import (
	"regexp"
	"slices"
	"strings"

	"github.com/compendium-kb/compendium/kb/gazetteer"
)

// gulfNameRE is a capitalised word after "Gulf" that makes it a name.
var gulfNameRE = regexp.MustCompile(`^ [A-Z]`)

// named is a place named in a sentence, at byte offsets start to end,
// with the role its own words give it (none for most).
type named struct {
	start, end int
	place      RoutePlace
	role       role
}

var (
	// demonymRE: "a Nepali girl", "Bangladeshi women" came from the
	// country; "a Nepali NGO" names no route.
	demonymRE = regexp.MustCompile(`(?i)\b(nepali|nepalese|bangladeshi|burmese|bhutanese|sri lankan)\s+(?:minor\s+)?(girls?|women|woman|children|child|boys?|men|man|minors?|nationals?|workers?|victims?|survivors?|brides?|labourers?|migrants?)\b`)
	demonyms  = map[string]string{"nepali": "Nepal", "nepalese": "Nepal", "bangladeshi": "Bangladesh", "burmese": "Myanmar", "bhutanese": "Bhutan", "sri lankan": "Sri Lanka"}
	// redLightAreas are where women are exploited, whatever the words
	// around them: "rescued 27 women from Kamathipura".
	redLightAreas = map[string]bool{"kamathipura": true, "sonagachi": true, "gb road": true}
)

// placesIn finds the places a sentence names, in order: the reader's own
// localities (red-light areas, "the Gulf", the regions' spellings) and
// every district and town of India and of the neighbours that the
// gazetteer knows, in English or Hindi. Where two overlap the earlier,
// then the longer, wins: "Bhiwandi" once, not as a town and a locality.
// A gazetteer name that is an ordinary word is found only with context
// ("Mandi district"), so "the bar" or "salon" name no place.
func placesIn(s string) []named {
	var all []named
	for _, m := range routePlaceRE.FindAllStringIndex(s, -1) {
		if strings.EqualFold(s[m[0]:m[1]], "gulf") && gulfNameRE.MatchString(s[m[1]:]) {
			continue // the Gulf Cooperation Council, Gulf News: a name, not the region
		}
		n := named{m[0], m[1], localities[strings.ToLower(s[m[0]:m[1]])], none}
		if redLightAreas[strings.ToLower(s[m[0]:m[1]])] {
			n.role = destination
		}
		all = append(all, n)
	}
	gazetteer.Find(s, func(start, end int, places []gazetteer.Place) {
		all = append(all, named{start, end, routePlaceOf(places[0]), none})
	})
	for _, m := range demonymRE.FindAllStringSubmatchIndex(s, -1) {
		all = append(all, named{m[2], m[3], RoutePlace{Region: demonyms[strings.ToLower(s[m[2]:m[3]])]}, source})
	}
	slices.SortStableFunc(all, func(a, b named) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return (b.end - b.start) - (a.end - a.start)
	})
	var out []named
	for _, n := range all {
		if len(out) > 0 && n.start < out[len(out)-1].end {
			continue
		}
		out = append(out, n)
	}
	return out
}

// routePlaceOf is a gazetteer place on a route: a state, union territory
// or country is the region; a district or town is a locality of its
// state in India, of its country abroad.
func routePlaceOf(p gazetteer.Place) RoutePlace {
	if r := regionOf(p); r != "" {
		if r == p.Name {
			return RoutePlace{Region: r}
		}
		return RoutePlace{Region: r, Locality: p.Name}
	}
	if p.InIndia() {
		return RoutePlace{Region: p.State, Locality: p.Name}
	}
	return RoutePlace{Region: p.Country, Locality: p.Name}
}
