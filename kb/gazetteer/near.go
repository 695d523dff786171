package gazetteer

import (
	"slices"
	"unicode/utf8"
)

// Near returns at most n places whose name or alias is nearest to name by
// edit distance, for "did you mean": Near("Jharkhnd", 1) is Jharkhand. A
// name is near when at most a quarter of its letters, and at least one,
// differ; places at the same distance keep the order of Lookup.
func Near(name string, n int) []Place {
	k := key(name)
	if k == "" || n <= 0 {
		return nil
	}
	x := places()
	limit := 1 + utf8.RuneCountInString(k)/4
	best := map[int]int{} // place to its smallest distance
	q := []rune(k)
	for _, cand := range x.keys {
		if d := utf8.RuneCountInString(cand) - len(q); d > limit || -d > limit {
			continue
		}
		d := distance(q, []rune(cand), limit)
		if d > limit {
			continue
		}
		for _, id := range x.byKey[cand] {
			if old, ok := best[id]; !ok || d < old {
				best[id] = d
			}
		}
	}
	ids := make([]int, 0, len(best))
	for id := range best {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b int) int {
		if best[a] != best[b] {
			return best[a] - best[b]
		}
		return a - b
	})
	return x.get(ids[:min(n, len(ids))])
}

// distance is the Levenshtein distance of a and b, or limit+1 once it
// must exceed limit.
func distance(a, b []rune, limit int) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
