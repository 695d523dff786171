package gazetteer

import (
	"slices"
	"sort"
	"strings"
)

// index finds places by the key of any of their names. Places keep the
// data file's order, which is the answers' order: states, union
// territories, countries, provinces, districts, towns.
type index struct {
	places  []Place
	byKey   map[string][]int // key to places, ascending
	keys    []string         // every key, sorted, for prefixes
	matcher *matcher
}

func newIndex(list []Place) *index {
	slices.SortStableFunc(list, func(a, b Place) int { return kindRank[a.Kind] - kindRank[b.Kind] })
	x := &index{places: list, byKey: map[string][]int{}}
	for i, p := range list {
		for _, n := range p.Names() {
			k := key(n)
			if k == "" || slices.Contains(x.byKey[k], i) {
				continue
			}
			if len(x.byKey[k]) == 0 {
				x.keys = append(x.keys, k)
			}
			x.byKey[k] = append(x.byKey[k], i)
		}
	}
	sort.Strings(x.keys)
	x.matcher = newMatcher(list)
	return x
}

func (x *index) get(ids []int) []Place {
	out := make([]Place, len(ids))
	for i, id := range ids {
		out[i] = x.places[id].clone()
	}
	return out
}

// Lookup returns every place with this name or alias, in any script,
// case- and space-insensitive ("tamilnadu", "झारखण्ड", "Orissa"); several
// when the name is ambiguous (Aurangabad in Bihar and in Maharashtra),
// states first, then districts, then towns; nil for an unknown name.
func Lookup(name string) []Place {
	x := places()
	ids := x.byKey[key(name)]
	if len(ids) == 0 {
		return nil
	}
	return x.get(ids)
}

// Prefix returns at most n places with a name or alias that starts with
// q, in either script, for completing what a user types: a place whose
// whole name is q first, then by kind (states before districts before
// towns) and the data's order.
func Prefix(q string, n int) []Place {
	k := key(q)
	if k == "" || n <= 0 {
		return nil
	}
	x := places()
	var exact, others []int
	seen := map[int]bool{}
	for i := sort.SearchStrings(x.keys, k); i < len(x.keys) && strings.HasPrefix(x.keys[i], k); i++ {
		for _, id := range x.byKey[x.keys[i]] {
			if seen[id] {
				continue
			}
			seen[id] = true
			if x.keys[i] == k {
				exact = append(exact, id)
			} else {
				others = append(others, id)
			}
		}
	}
	slices.Sort(exact)
	slices.Sort(others)
	ids := append(exact, others...)
	return x.get(ids[:min(n, len(ids))])
}

// States returns the states and union territories, states first.
func States() []Place {
	x := places()
	var ids []int
	for i, p := range x.places {
		if p.Kind == KindState || p.Kind == KindUT {
			ids = append(ids, i)
		}
	}
	return x.get(ids)
}

// Countries returns the countries beside India that the gazetteer knows.
func Countries() []Place {
	x := places()
	var ids []int
	for i, p := range x.places {
		if p.Kind == KindCountry {
			ids = append(ids, i)
		}
	}
	return x.get(ids)
}
