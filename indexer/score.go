package indexer

import (
	"sort"
	"strings"
	"unicode"
)

// ExpectedCase is a case study as a sample's JSON file lists it.
type ExpectedCase struct {
	Title     string   `json:"title"`
	Section   string   `json:"section"`
	States    []string `json:"states"`
	PageStart int      `json:"page_start"`
	PageEnd   int      `json:"page_end"`
}

// Score compares extracted case studies with the expected ones.
type Score struct {
	Expected, Found, Matched int
	PagesExact, SectionRight int
	StatesRight              int
	Misses                   []string // expected titles not found
	Extra                    []string // found titles not expected
	Wrong                    []string // matched cases with a wrong field
}

// Precision is the share of found cases that were expected.
func (s Score) Precision() float64 { return ratio(s.Matched, s.Found) }

// Recall is the share of expected cases that were found.
func (s Score) Recall() float64 { return ratio(s.Matched, s.Expected) }

// F1 is the harmonic mean of precision and recall.
func (s Score) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// PageAccuracy, SectionAccuracy and StateAccuracy are shares of matched cases.
func (s Score) PageAccuracy() float64    { return ratio(s.PagesExact, s.Matched) }
func (s Score) SectionAccuracy() float64 { return ratio(s.SectionRight, s.Matched) }
func (s Score) StateAccuracy() float64   { return ratio(s.StatesRight, s.Matched) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// ScoreCases matches found cases to expected ones by title words and
// counts what agrees.
func ScoreCases(expected []ExpectedCase, found []CaseStudy) Score {
	s := Score{Expected: len(expected), Found: len(found)}
	used := make([]bool, len(found))
	for _, e := range expected {
		best, bestSim := -1, 0.6
		for i, f := range found {
			if used[i] {
				continue
			}
			if sim := titleSimilarity(e.Title, f.Title); sim >= bestSim {
				best, bestSim = i, sim
			}
		}
		if best < 0 {
			s.Misses = append(s.Misses, e.Title)
			continue
		}
		used[best] = true
		f := found[best]
		s.Matched++
		ok := true
		if f.PageStart == e.PageStart && f.PageEnd == e.PageEnd {
			s.PagesExact++
		} else {
			ok = false
		}
		if foldWords(f.Section) == foldWords(e.Section) {
			s.SectionRight++
		} else {
			ok = false
		}
		if sameSet(f.States, e.States) {
			s.StatesRight++
		} else {
			ok = false
		}
		if !ok {
			s.Wrong = append(s.Wrong, e.Title)
		}
	}
	for i, f := range found {
		if !used[i] {
			s.Extra = append(s.Extra, f.Title)
		}
	}
	return s
}

func foldWords(s string) string {
	return strings.Join(words(s), " ")
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// titleSimilarity is the Jaccard similarity of the titles' word sets.
func titleSimilarity(a, b string) float64 {
	wa, wb := map[string]bool{}, map[string]bool{}
	for _, w := range words(a) {
		wa[w] = true
	}
	for _, w := range words(b) {
		wb[w] = true
	}
	inter := 0
	for w := range wa {
		if wb[w] {
			inter++
		}
	}
	union := len(wa) + len(wb) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

func sameSet(a, b []string) bool {
	x, y := append([]string(nil), a...), append([]string(nil), b...)
	sort.Strings(x)
	sort.Strings(y)
	return strings.Join(x, "|") == strings.Join(y, "|")
}
