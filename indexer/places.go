package indexer

import (
	"strings"

	"github.com/compendium-kb/compendium/kb/gazetteer"
)

// stateCities are the cities that texts name for their state: girls sold
// "in Mumbai" were taken to Maharashtra, and StateOf("Bombay") is
// Maharashtra. Other districts and towns are no state's name; a case's
// prose still gives it their states (appendStatesOfPlaces).
var stateCities = map[string]bool{"Mumbai": true, "Kolkata": true, "Chennai": true, "New Delhi": true}

// regionOf is the state, union territory or neighbouring country a place
// stands for in a case's fields, or "".
func regionOf(p gazetteer.Place) string {
	switch {
	case p.Kind == gazetteer.KindState || p.Kind == gazetteer.KindUT || p.Kind == gazetteer.KindCountry:
		return p.Name
	case p.InIndia() && stateCities[p.Name]:
		return p.State
	}
	return ""
}

// appendPlaces adds the states and countries named in s, in English or
// Hindi and by old names, under their current names, keeping the order of
// first mention. The gazetteer finds whole words only, so "Goalpara" is
// no Goa and "बिहारी" no Bihar.
func appendPlaces(dst []string, s string) []string {
	gazetteer.Find(s, func(_, _ int, places []gazetteer.Place) {
		for _, p := range places {
			if r := regionOf(p); r != "" {
				dst = addUnique(dst, r)
				return
			}
		}
	})
	return dst
}

// appendStatesOfPlaces adds the state of each district and town of India
// that s names, when every place of that name lies in that one state:
// girls rescued "in Jaipur" were in Rajasthan, which the case need not
// say; "Bharatpur", a district of Rajasthan and a town of Nepal, gives
// none.
func appendStatesOfPlaces(dst []string, s string) []string {
	gazetteer.Find(s, func(_, _ int, places []gazetteer.Place) {
		state := ""
		for _, p := range places {
			if !p.InIndia() || state != "" && p.State != state {
				return
			}
			state = p.State
		}
		if state != "" {
			dst = addUnique(dst, state)
		}
	})
	return dst
}

// appendDistricts adds the districts of India named in s, in English or
// Hindi, under their current names ("Gurgaon" is Gurugram). A name that
// is an ordinary word counts only with context ("Mandi district").
func appendDistricts(dst []string, s string) []string {
	gazetteer.Find(s, func(_, _ int, places []gazetteer.Place) {
		for _, p := range places {
			if p.Kind == gazetteer.KindDistrict && p.InIndia() {
				dst = addUnique(dst, p.Name)
				return
			}
		}
	})
	return dst
}

// districtName is a district's current name when the gazetteer knows
// it, else the name as written.
func districtName(name string) string {
	for _, p := range gazetteer.Lookup(name) {
		if p.Kind == gazetteer.KindDistrict && p.InIndia() {
			return p.Name
		}
	}
	return name
}

// StateOf returns the current name of a state, union territory or
// neighbouring country named in any accepted spelling, English or Hindi
// (a city that stands for its state, "Bombay", gives the state), or "".
func StateOf(name string) string {
	for _, p := range gazetteer.Lookup(strings.TrimSpace(name)) {
		if r := regionOf(p); r != "" {
			return r
		}
	}
	return ""
}

// isCountry says whether a region is a country rather than a state.
func isCountry(region string) bool {
	for _, p := range gazetteer.Lookup(region) {
		if p.Kind == gazetteer.KindCountry {
			return true
		}
	}
	return false
}

// regionPlaces are the places named as regions: the states, union
// territories and neighbouring countries, and the cities that stand for
// their states.
func regionPlaces() []gazetteer.Place {
	out := append(gazetteer.States(), gazetteer.Countries()...)
	for city := range stateCities {
		for _, p := range gazetteer.Lookup(city) {
			if p.InIndia() && p.Name == city {
				out = append(out, p)
				break
			}
		}
	}
	return out
}
