package search

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
)

// englishWords reads the word list of package english (75,000 words, more
// than the stem cache holds, so it is cleared on the way).
func englishWords(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("english/words.txt.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	sc := bufio.NewScanner(z)
	for sc.Scan() {
		out = append(out, strings.ToLower(sc.Text()))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// bleveStem is what Bleve's own Porter filter makes of a word.
func bleveStem(w string) string {
	return string(porter.NewPorterStemmer().Filter(analysis.TokenStream{{Term: []byte(w)}})[0].Term)
}

// TestStemCacheAgreesWithPorter: a remembered stem is the stem, for every
// English word, for words too long to keep, and after the cache was
// cleared for being full.
func TestStemCacheAgreesWithPorter(t *testing.T) {
	words := append(englishWords(t), "", "a", "is", "naïve", "café's", "\xff\xfeabc",
		"antihumantraffickingunitsantihumantraffickingunits", strings.Repeat("trafficking", 5))
	if len(words) <= stemCacheSize {
		t.Fatalf("%d words do not fill the cache of %d", len(words), stemCacheSize)
	}
	for round := range 2 { // the second round reads what the first kept
		bad := 0
		for _, w := range words {
			if got, want := porterStems.stem([]byte(w)), bleveStem(w); got != want && bad < 10 {
				bad++
				t.Errorf("round %d: %q stems to %q, Porter says %q", round, w, got, want)
			}
		}
	}
	if n := len(porterStems.m); n > stemCacheSize {
		t.Errorf("the cache holds %d words, more than %d", n, stemCacheSize)
	}
}

// oldScriptStem is the script stem as it was before stems were cached:
// Bleve's Porter filter on every English token.
type oldScriptStem struct{ scriptStem }

func (f oldScriptStem) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := input[:0]
	for _, tok := range input {
		one := analysis.TokenStream{tok}
		if isDevanagari(string(tok.Term)) {
			one = hindiStem(one, f.hindi)
		} else {
			if single, ok := irregular[string(tok.Term)]; ok {
				tok.Term = []byte(single)
			}
			one = porter.NewPorterStemmer().Filter(one)
		}
		out = append(out, one...)
	}
	return out
}

// TestTextAnalyzerAsBefore: the analyzers that stem give the same tokens
// as with Bleve's Porter filter, on English, Hindi and mixed practices.
func TestTextAnalyzerAsBefore(t *testing.T) {
	var texts []string
	for _, p := range generated(200, 3) {
		texts = append(texts, p.Title, p.Text)
	}
	data, err := os.ReadFile("../../samples/hindi-practices.json")
	if err != nil {
		t.Fatal(err)
	}
	var hindi struct {
		Practices []struct{ Title, Summary, Text string }
	}
	if err := json.Unmarshal(data, &hindi); err != nil {
		t.Fatal(err)
	}
	for _, p := range hindi.Practices {
		texts = append(texts, p.Title, p.Summary, p.Text)
	}
	texts = append(texts, "The AHTU's women and children: रेलवे स्टेशन पर 12 बच्चों को Childline ने बचाया.")
	m := buildMapping()
	for _, name := range []string{textAnalyzer, pairsAnalyzer} {
		a := m.AnalyzerNamed(name).(*analysis.DefaultAnalyzer)
		old := *a
		old.TokenFilters = append([]analysis.TokenFilter(nil), a.TokenFilters...)
		for i, f := range old.TokenFilters {
			if s, ok := f.(scriptStem); ok {
				old.TokenFilters[i] = oldScriptStem{s}
			}
		}
		for _, text := range texts {
			got, want := a.Analyze([]byte(text)), old.Analyze([]byte(text))
			if len(got) != len(want) {
				t.Fatalf("%s: %d tokens, were %d, for %.60q", name, len(got), len(want), text)
			}
			for i := range got {
				if string(got[i].Term) != string(want[i].Term) || got[i].Position != want[i].Position {
					t.Fatalf("%s: token %d is %q at %d, was %q at %d, in %.60q", name, i, got[i].Term, got[i].Position, want[i].Term, want[i].Position, text)
				}
			}
		}
	}
}
