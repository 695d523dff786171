package search

import (
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

// TestTextAnalyzerStemsByScript checks that Hindi word forms meet on one
// term while English words keep the English chain.
func TestTextAnalyzerStemsByScript(t *testing.T) {
	a := buildMapping().AnalyzerNamed(textAnalyzer)
	term := func(w string) string {
		toks := a.Analyze([]byte(w))
		if len(toks) != 1 {
			t.Fatalf("%q gave %d tokens, want 1", w, len(toks))
		}
		return string(toks[0].Term)
	}
	for _, pair := range [][2]string{{"थाना", "थानों"}, {"गाँव", "गाँवों"}, {"लड़की", "लड़कियों"}, {"ज़िला", "जिले"}, {"warehouses", "warehouse"}} {
		if a, b := term(pair[0]), term(pair[1]); a != b {
			t.Errorf("%q → %q and %q → %q: want one term", pair[0], a, pair[1], b)
		}
	}
	if got := a.Analyze([]byte("बच्चों को थाने में लाया गया")); !hasTerm(got, "थान") || hasTerm(got, "में") {
		t.Errorf("Hindi sentence: terms %v, want थान and no stop word में", terms(got))
	}
	if got := term("trafficking"); got != "traffick" {
		t.Errorf("English word: %q, want the Porter stem traffick", got)
	}
	if k := termKey("मानव तस्करों विरोधी इकाई"); k != termKey("मानव तस्करी विरोधी इकाई") {
		t.Errorf("synonym keys differ by word form: %q vs %q", k, termKey("मानव तस्करी विरोधी इकाई"))
	}
}

func terms(ts analysis.TokenStream) []string {
	var out []string
	for _, t := range ts {
		out = append(out, string(t.Term))
	}
	return out
}

func hasTerm(ts analysis.TokenStream, term string) bool {
	for _, t := range terms(ts) {
		if t == term {
			return true
		}
	}
	return false
}
