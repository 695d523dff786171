package ui

import (
	"strings"

	"github.com/compendium-kb/compendium/kb"
)

// routesInWords writes routes for a handout in words, "Gumla, Jharkhand
// to Delhi via Ranchi, Jharkhand", not arrows: the handout's font has no
// arrow, and words read the same in print, on screen and read aloud.
func routesInWords(lang string, rs []kb.Route) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		end := func(p kb.Place) string {
			switch {
			case p.Region != "":
				return placeIn(lang, p)
			case p.Locality != "":
				return p.Locality + " (" + messages.text(lang, "place_not_in_gazetteer") + ")"
			}
			return messages.text(lang, "route_unknown")
		}
		from, to := end(r.Source), end(r.Destination)
		if len(r.Transit) == 0 {
			parts[i] = messages.text(lang, "route_words", "From", from, "To", to)
			continue
		}
		via := make([]string, len(r.Transit))
		for j, t := range r.Transit {
			via[j] = end(t)
		}
		parts[i] = messages.text(lang, "route_words_via", "From", from, "To", to, "Via", strings.Join(via, " / "))
	}
	return strings.Join(parts, "; ")
}
