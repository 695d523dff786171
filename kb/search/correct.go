package search

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// A word that is neither English, nor indexed, nor a word of the lexicon
// is most likely a typo of a lexicon word: officers type Hindi and
// romanised Hindi on phones ("bal shrm", "bachhe gyab", "पुर्नवास"), and
// the index's own words cannot correct those (an English practice has no
// "shram"). Such a word is read as the nearest word of the synonym list
// and lexicon before the query is grouped into units, so that the
// concept it misspells is found in every language. Words the lexicon
// does not know keep the index's typo tolerance (query.go).

// wordList indexes the list's words by their first letter for the
// nearest-word search.
type wordList map[rune][]string

func newWordList(words map[string]bool) wordList {
	v := wordList{}
	for w := range words {
		if r, _ := utf8.DecodeRuneInString(w); utf8.RuneCountInString(w) >= 3 {
			v[r] = append(v[r], w)
		}
	}
	for _, list := range v {
		sort.Strings(list) // ties go to the first, the same every run
	}
	return v
}

// nearest returns the word of the list closest to w (one edit for words
// of up to four letters, two beyond, a swap of two letters counting as
// one), or "". Of words as close, one the index has wins ("brik": brick,
// not bhik), then one that w's letters could be typed from by leaving
// some out. Only words with w's first letter are tried: typos rarely
// touch it, and it keeps the search to a few hundred words.
func (v wordList) nearest(w string, indexed func(string) bool) string {
	w = strings.ToLower(w)
	a := []rune(w)
	if len(a) < 3 {
		return ""
	}
	limit := 1
	if len(a) > 4 {
		limit = 2
	}
	type cand struct {
		word    string
		d       int
		indexed bool
		longer  bool
	}
	better := func(x, y cand) bool {
		if x.d != y.d {
			return x.d < y.d
		}
		if x.indexed != y.indexed {
			return x.indexed
		}
		return x.longer && !y.longer
	}
	best := cand{d: limit + 1}
	for _, c := range v[a[0]] {
		b := []rune(c)
		if len(b)-len(a) > limit || len(a)-len(b) > limit {
			continue
		}
		d := editDistance(a, b, limit)
		if d > limit || d > best.d {
			continue
		}
		if x := (cand{c, d, indexed != nil && indexed(c), len(b) > len(a)}); better(x, best) {
			best = x
		}
	}
	return best.word
}

// editDistance is the optimal string alignment distance (Levenshtein
// with a swap of neighbours as one edit), or limit+1 once it exceeds
// limit.
func editDistance(a, b []rune, limit int) int {
	pp := make([]int, len(b)+1) // row i-2
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], pp[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		pp, prev, cur = prev, cur, pp
	}
	return prev[len(b)]
}

// corrected replaces each word that is a typo of a list word by that
// word; d says which words the index has. A place's name is no typo
// ("गुमला", "Simdega"), in a name of several words too.
func (b queryBuilder) corrected(words []string, d dictionary) []string {
	out := make([]string, len(words))
	copy(out, words)
	var indexed func(string) bool
	if d != nil {
		indexed = d.known
	}
	for i := 0; i < len(words); i++ {
		if n := placeAt(words, i); n > 0 {
			i += n - 1
			continue
		}
		w := words[i]
		lower := strings.ToLower(strings.TrimFunc(w, notWordRune))
		if lower == "" || !isWord(lower) || b.syn.isWord(lower) || b.added.hasWord(lower) || (isASCII(lower) && b.knownWord(w)) || (d != nil && d.known(lower)) {
			continue
		}
		if c := b.syn.vocab.nearest(lower, indexed); c != "" {
			out[i] = c
		}
	}
	return out
}

// placeAt is how many words from i name a place, longest first, or 0.
func placeAt(words []string, i int) int {
	for n := min(maxPlaceWords, len(words)-i); n >= 1; n-- {
		if placeOf(strings.Join(words[i:i+n], " ")) != nil {
			return n
		}
	}
	return 0
}
