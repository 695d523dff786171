package search

import (
	"slices"
	"strings"
	"sync/atomic"
)

// addedSynonyms are the synonym groups an admin keeps in the database.
// Unlike the built-in list, whose terms are found in each practice at
// indexing time, these are matched when a query is read: a word of the
// query that one of them lists also matches the others, as phrases. So
// they take effect at the next search, with no rebuild.
type addedSynonyms struct {
	byTerm atomic.Pointer[map[string][]string]
}

// of returns the other terms of the groups listing term.
func (a *addedSynonyms) of(term string) []string {
	if a == nil {
		return nil
	}
	m := a.byTerm.Load()
	if m == nil {
		return nil
	}
	return (*m)[strings.ToLower(strings.TrimSpace(term))]
}

// has reports whether some group lists text as a term.
func (a *addedSynonyms) has(text string) bool { return len(a.of(text)) > 0 }

// hasWord reports whether some term an admin added has the word: a word
// they chose is no typo.
func (a *addedSynonyms) hasWord(w string) bool {
	if a == nil {
		return false
	}
	m := a.byTerm.Load()
	if m == nil {
		return false
	}
	for term := range *m {
		if slices.Contains(strings.Fields(term), w) {
			return true
		}
	}
	return false
}

// SetAddedSynonyms replaces the synonym groups kept in the database and
// forgets cached answers, which may have been read without them.
func (x *Index) SetAddedSynonyms(groups [][]string) {
	m := map[string][]string{}
	for _, g := range groups {
		for _, t := range g {
			t = strings.ToLower(strings.TrimSpace(t))
			for _, other := range g {
				if other = strings.ToLower(strings.TrimSpace(other)); other != t && other != "" {
					m[t] = append(m[t], other)
				}
			}
		}
	}
	x.query.added.byTerm.Store(&m)
	x.cache.invalidate()
}
