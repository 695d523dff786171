package indexer

import (
	"regexp"
	"strings"
)

var (
	// venueWords are the places victims are found in or taken from:
	// "rescued from brothels in Meerut" names where they were exploited,
	// not where they came from, as "from villages in Ganjam" does.
	venueWords = wordSet("brothel brothels kiln kilns unit units factory factories mill mills spa spas bar bars home homes hotel hotels workshop workshops agency agencies quarry quarries farm farms shop shops eateries circus circuses household households house houses flat flats dhaba dhabas")
	// notVictims are the people a place is named with who were not
	// moved: "officers from Nagaland", "case studies from Tamil Nadu",
	// "resource persons from Delhi".
	notVictims = wordSet("officer officers official officials person persons expert experts study studies team teams delegate delegates delegation trainer trainers speaker speakers participant participants representative representatives volunteer volunteers staff ngo ngos police counterpart counterparts colleague colleagues judge judges lawyer lawyers doctor doctors")
	// originWords name where people belong: "natives of Malda",
	// "residents of Sahibganj", "girls missing from the hill districts".
	originWords = wordSet("native natives resident residents missing")
	// onwardRE: "kept in Kolkata for a week before being sent on to
	// Telangana": the place before is a stop on the way.
	onwardRE = regexp.MustCompile(`(?i)\b(on to|onward to|onwards to|then)\b`)
)

// roleBefore reads the words just before a place for its role.
func roleBefore(s string, f found, earlier []found) role {
	from := 0
	if n := len(earlier); n > 0 {
		from = earlier[n-1].end
	}
	before := strings.ToLower(s[from:f.start])
	after := strings.ToLower(s[f.end:])
	if strings.HasPrefix(strings.TrimSpace(after), "border") {
		if strings.Contains(before, "across") || strings.Contains(before, "from") {
			return source // "across the Nepal border"
		}
		return none
	}
	words := strings.FieldsFunc(before, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '(' })
	if len(words) > 6 {
		words = words[len(words)-6:]
	}
	for i := len(words) - 1; i >= 0; i-- {
		w := words[i]
		if !cueWords[w] {
			if w == "transit" {
				return transit
			}
			if originWords[w] && len(words)-i <= 3 {
				return source
			}
			continue
		}
		if r, ok := cueRole(s, f, earlier, words, i); ok {
			return r
		}
	}
	return none
}

// cueRole is the role the cue words[i] gives the place after it, and
// false when the cue says nothing and the words before it must be read.
func cueRole(s string, f found, earlier []found, words []string, i int) (role, bool) {
	prev := ""
	if i > 0 {
		prev = words[i-1]
	}
	switch words[i] {
	case "from":
		if notVictims[prev] {
			return none, true
		}
		return source, true
	case "through", "via":
		return transit, true
	case "to", "into", "towards":
		if prev == "belonging" || homewardRE.MatchString(s[:f.start]) {
			return source, true // "belonging to Malda", "repatriated to Odisha"
		}
		return destination, true
	case "for":
		if prev == "bound" || prev == "headed" || prev == "destined" {
			return destination, true // "a train bound for Mumbai"
		}
		return none, false
	case "of":
		return none, false // "villages of north Bihar": read on for the cue
	case "in", "at", "near", "off", "across":
		return placeRole(s, f, earlier, words, i), true
	}
	return none, true
}

// placeRole reads "in", "at" and the like: where victims ended up when
// the sentence moves them, where they came from when a cue a few words
// before says so.
func placeRole(s string, f found, earlier []found, words []string, i int) role {
	if i > 0 && words[i-1] == "border" {
		return transit // "the border at Raxaul"
	}
	if r, ok := roleOfPhrase(words[max(0, i-3):i]); ok {
		return r // "from villages in Ganjam", "to spinning mills in Tamil Nadu"
	}
	if homewardRE.MatchString(s[:f.start]) {
		return source
	}
	hasSource := false
	for _, e := range earlier {
		hasSource = hasSource || e.role == source
	}
	if movementRE.MatchString(s[:f.start]) || hasSource {
		return destination
	}
	return none
}

// roleOfPhrase reads "from villages", "to spinning mills": a cue a few
// words before "in" gives the place after it its role; "from brothels"
// names where victims were exploited.
func roleOfPhrase(words []string) (role, bool) {
	venue := false
	for i := len(words) - 1; i >= 0; i-- {
		switch w := words[i]; w {
		case "from":
			if venue {
				return destination, true
			}
			return source, true
		case "to", "into":
			return destination, true
		case "through", "via":
			return transit, true
		case "in", "at", "of", "and", "by", "with":
			return none, false
		default:
			venue = venue || venueWords[w]
			if originWords[w] {
				return source, true // "missing in the hill districts of"
			}
		}
	}
	return none, false
}

// onward makes stops of the destinations a sentence names before
// another it reaches "then" or "on to": "taken to Siliguri and then by
// train to Delhi".
func onward(s string, places []found) {
	for i := 1; i < len(places); i++ {
		if places[i].role != destination || !onwardRE.MatchString(s[places[i-1].end:places[i].start]) {
			continue
		}
		for j := range places[:i] {
			if places[j].role == destination {
				places[j].role = transit
			}
		}
	}
}
