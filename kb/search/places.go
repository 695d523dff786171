package search

import "github.com/compendium-kb/compendium/kb/gazetteer"

// lookupPlace finds the place typed names in the gazetteer, in any
// script and by old names ("Orissa", "झारखण्ड"); strong says the name
// was typed as a name (a capital, or Devanagari), which a name that is
// also an ordinary word needs ("Mandi", "Una").
func lookupPlace(typed string, strong bool) *placeName {
	ps := gazetteer.Lookup(typed)
	if len(ps) == 0 || (ps[0].Common && !strong) {
		return nil
	}
	p := ps[0] // states first, then districts and cities
	pn := &placeName{names: p.Names()}
	switch {
	case p.Kind == gazetteer.KindState || p.Kind == gazetteer.KindUT:
		pn.facet, pn.field, pn.value = "state", "states", p.Name
	case p.InIndia():
		pn.facet, pn.field, pn.value = "district", "districts", p.Name
	}
	return pn
}
