package lexicon

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
)

//go:embed lexicon.txt
var data string

// Concept is one thing officers name, with its names in English, in
// Hindi and in romanised Hindi. Its slices are shared: read them, do not
// change them.
type Concept struct {
	Kind    string   // one of Kinds(): "exploitation", "victim", "offender", "place", ...
	English []string // the first is preferred
	Hindi   []string // Devanagari, with the common spelling variants
	Roman   []string // romanised Hindi as officers type it, with its common spellings
	Source  string   // where the usage comes from
	// Related names, by their preferred English term, the concepts that
	// may share a term with this one ("pimp" and "agent" are both दलाल).
	Related []string
}

// lexicon is the parsed data with its look-up tables.
type lexicon struct {
	concepts []Concept
	byKey    map[string][]int // termKeys → concepts, in file order
	words    map[string]bool  // each word of a term, keyed as its term is
}

// load parses the embedded data once. The data is part of the program,
// so a mistake in it is a bug that every test of the package reports.
var load = sync.OnceValue(func() *lexicon {
	concepts, err := Parse(strings.NewReader(data))
	if err != nil {
		panic("lexicon.txt: " + err.Error())
	}
	return index(concepts)
})

func index(concepts []Concept) *lexicon {
	l := &lexicon{concepts: concepts, byKey: map[string][]int{}, words: map[string]bool{}}
	for i, c := range concepts {
		for _, k := range termKeys(c) {
			l.byKey[k] = append(l.byKey[k], i)
			script := k[:2]
			for _, w := range strings.Fields(k[2:]) {
				l.words[script+w] = true
			}
		}
	}
	return l
}

// All returns every concept of the lexicon, in the data file's order.
func All() []Concept { return append([]Concept(nil), load().concepts...) }

// Lookup returns the concepts that list a term, whatever its script: a
// Devanagari term is compared folded by nukta and nasal spelling, an
// English one by its words in lower case, and a romanised one by
// FoldRoman, so that "bacche" finds the entry that lists "bachche".
func Lookup(term string) []Concept {
	l := load()
	var keys []string
	if hasDevanagari(term) {
		keys = []string{"h:" + foldHindi(term)}
	} else {
		keys = []string{"e:" + englishKey(term), "r:" + FoldRoman(term)}
	}
	var found []int
	for _, k := range keys {
		for _, i := range l.byKey[k] {
			if !slices.Contains(found, i) {
				found = append(found, i)
			}
		}
	}
	out := make([]Concept, len(found))
	for n, i := range found {
		out[n] = l.concepts[i]
	}
	return out
}

// IsWord reports whether a single word, in any script, occurs in some
// term of the lexicon: the spelling suggester counts these as words of
// the dictionary. A romanised word counts in any spelling FoldRoman
// folds together ("gaayab" as "gayab").
func IsWord(w string) bool {
	w = strings.TrimSpace(w)
	if w == "" || strings.ContainsAny(w, " \t") {
		return false
	}
	l := load()
	if hasDevanagari(w) {
		return l.words["h:"+foldHindi(w)]
	}
	return l.words["e:"+englishKey(w)] || l.words["r:"+FoldRoman(w)]
}

// Groups returns each concept as one synonym group, its English, Hindi
// and romanised terms as listed, so that a search for any of them finds
// the others.
func Groups() [][]string {
	l := load()
	out := make([][]string, len(l.concepts))
	for i, c := range l.concepts {
		g := make([]string, 0, len(c.English)+len(c.Hindi)+len(c.Roman))
		g = appendNew(g, c.English...)
		g = appendNew(g, c.Hindi...)
		out[i] = appendNew(g, c.Roman...)
	}
	return out
}
