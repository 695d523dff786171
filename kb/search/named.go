package search

import (
	"strings"
	"sync"
	"unicode"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
)

// A query's words often name a field value: a place ("Jharkhand",
// "झारखंड", "Orissa"), a theme ("rescue"), a form of exploitation ("bal
// shram"), a law ("POCSO") or an agency ("AHTU"). Such a unit matches the
// field as well as the words, so that "Jharkhand" typed in the box finds
// every practice the Jharkhand filter finds, and the page offers the
// value as a filter. Themes, forms of exploitation, laws and agencies are
// read by the same rules the reader tags practices with, so a query and
// a practice agree on what names what.

// boostField weighs a match of a named field value: a practice tagged
// with it is about it, which a word in passing does not say.
const boostField = 2.0

// umbrella is the key of the term that names every form of
// exploitation at once.
var umbrella = termKey("trafficking")

// maxPlaceWords is the most words a place name has ("Dadra and Nagar
// Haveli and Daman and Diu" is listed under shorter names too).
const maxPlaceWords = 4

// named returns the field values a unit names, and adds to the plan the
// terms that match them.
func (b queryBuilder) named(p *plan, u unit) ([]*node, []kb.NamedField) {
	var kids []*node
	var out []kb.NamedField
	add := func(facet, field, value string) {
		for _, f := range out {
			if f.Facet == facet && f.Value == value {
				return
			}
		}
		out = append(out, kb.NamedField{Facet: facet, Value: value, Text: u.text})
		kids = append(kids, termNode(field, value))
		p.score(field, value, boostField)
	}
	if pl := u.place; pl != nil {
		for _, name := range pl.names {
			if !strings.EqualFold(name, u.text) {
				kids = append(kids, b.words(p, "title", name, boostTitle*boostSynonym), b.words(p, "text", name, boostText*boostSynonym))
			}
		}
		if pl.facet != "" {
			add(pl.facet, pl.field, pl.value)
		}
	}
	if u.key != "" && (u.key == umbrella || contains(u.alts, "trafficking")) {
		// Every form of exploitation is trafficking: a practice tagged
		// with one is about trafficking whether or not it says the word.
		for _, v := range indexer.Exploitations() {
			kids = append(kids, termNode("exploitation", v))
		}
		kids = append(kids, termNode("terms", exploitationToken))
	}
	for _, text := range append([]string{u.text}, u.alts...) {
		f := fieldsOf(text)
		for _, v := range f.Themes {
			add("theme", "themes", v)
		}
		for _, v := range f.Exploitation {
			add("exploitation", "exploitation", v)
		}
		for _, v := range f.Laws {
			add("law", "laws", v)
		}
		for _, v := range f.Agencies {
			add("agency", "agencies", v)
		}
	}
	return kids, out
}

// placeName is a place a query names: its field and value as practices
// record them (none for a place abroad), and all its names, in every
// script, to match the text with.
type placeName struct {
	facet, field, value string
	names               []string
}

// placeOf returns the place that words (as typed) name, or nil. A name
// that is also an ordinary word names a place only when typed with a
// capital or in Devanagari.
func placeOf(typed string) *placeName {
	return lookupPlace(typed, hasUpperOrIndic(typed))
}

func hasUpperOrIndic(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) || r >= 0x900 {
			return true
		}
	}
	return false
}

// fieldsCache keeps what the reader's rules find in a query's words and
// their synonyms: the same few thousand terms come back in every search,
// and reading them cost a tenth of a search's time.
var fieldsCache = struct {
	sync.Mutex
	m map[string]indexer.Fields
}{m: map[string]indexer.Fields{}}

// maxCachedFields bounds the cache; when full it starts again.
const maxCachedFields = 20000

// fieldsOf returns the fields the reader's rules find in text, reading
// an acronym in capitals too ("ahtu" is the agency AHTU).
func fieldsOf(text string) indexer.Fields {
	fieldsCache.Lock()
	f, ok := fieldsCache.m[text]
	fieldsCache.Unlock()
	if ok {
		return f
	}
	f = indexer.ReadFieldsFromText("", text)
	if isAcronym(strings.ToUpper(text)) {
		f.Agencies = append(f.Agencies, indexer.ReadFieldsFromText("", strings.ToUpper(text)).Agencies...)
	}
	fieldsCache.Lock()
	if len(fieldsCache.m) >= maxCachedFields {
		fieldsCache.m = map[string]indexer.Fields{}
	}
	fieldsCache.m[text] = f
	fieldsCache.Unlock()
	return f
}
