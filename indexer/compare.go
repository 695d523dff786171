package indexer

import (
	"strings"
	"unicode"
)

// WordF1 compares two texts as bags of words (lower-cased, punctuation
// trimmed): the F1 of the words they share. It measures whether an
// extractor found the same words with the same boundaries, whatever the
// order it read them in.
func WordF1(got, want string) float64 {
	g, w := wordBag(got), wordBag(want)
	ng, nw := 0, 0
	for _, n := range g {
		ng += n
	}
	for _, n := range w {
		nw += n
	}
	if ng == 0 && nw == 0 {
		return 1
	}
	common := 0
	for word, n := range g {
		common += min(n, w[word])
	}
	if common == 0 {
		return 0
	}
	p, r := float64(common)/float64(ng), float64(common)/float64(nw)
	return 2 * p * r / (p + r)
}

func wordBag(s string) map[string]int {
	bag := map[string]int{}
	// Invisible format characters (bidi marks) are not part of words.
	// Control characters stand between words (some tools write a space
	// glyph's code, 3, as is).
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.Is(unicode.Cf, r):
			return -1
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
	for _, f := range strings.Fields(normalizeText(s)) {
		f = strings.TrimFunc(strings.ToLower(f), func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) })
		if f != "" {
			bag[f]++
		}
	}
	return bag
}
