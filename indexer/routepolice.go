package indexer

import (
	"regexp"
	"slices"
)

var (
	// policeAfterRE: "the Jind police", "Bengaluru district police".
	policeAfterRE = regexp.MustCompile(`(?i)^ +(?:district +|city +|railway +)?(?:police|ahtu|grp)\b`)
	// policeBeforeRE: "Police in Jind district", "the GRP at Jhansi",
	// "AHTU Sahibganj", "the AHTU of Lohardaga".
	policeBeforeRE = regexp.MustCompile(`(?i)\b(?:police|ahtu|grp)(?:\s+station)?(?:\s+(?:in|of|at))?\s+(?:the\s+)?$`)
)

// policePlace is the place of the police that tell a case, the first
// the text names: "The Jind police", "the GRP at Jhansi".
func policePlace(text string) (RoutePlace, bool) {
	for _, m := range placesIn(text) {
		if m.role != none {
			continue
		}
		if policeAfterRE.MatchString(text[m.end:]) || policeBeforeRE.MatchString(text[:m.start]) {
			return m.place, true
		}
	}
	return RoutePlace{}, false
}

// withPolicePlace completes routes that all lack the same end with the
// police's own place. Police write of where they work: victims "brought
// from Jharkhand" that the Jind police found were brought to Haryana;
// families the GRP at Jhansi saw "migrating to Delhi" left from there.
// A route whose other end is the police's own region stays as it was, and
// so do routes that pass through it.
func withPolicePlace(rs []Route, text string) []Route {
	if len(rs) == 0 {
		return rs
	}
	noSource, noDestination := true, true
	for _, r := range rs {
		noSource = noSource && r.Source.Region == "" && r.Destination.Region != ""
		noDestination = noDestination && r.Destination.Region == "" && r.Source.Region != ""
	}
	if !noSource && !noDestination {
		return rs
	}
	police, ok := policePlace(text)
	if !ok || slices.ContainsFunc(rs, func(r Route) bool {
		return slices.ContainsFunc(r.Transit, func(t RoutePlace) bool { return t.Region == police.Region })
	}) {
		return rs // police on the way, at the border, saw neither end
	}
	out := make([]Route, len(rs))
	for i, r := range rs {
		switch {
		case noSource && r.Destination.Region != police.Region:
			r.Source = police
		case noDestination && r.Source.Region != police.Region:
			r.Destination = police
		}
		out[i] = r
	}
	return out
}
