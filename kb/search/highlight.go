package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// Snippets mark the query's words in a page's practices. Bleve finds
// them by searching the index again for the marks, restricted to the
// page: each mark's postings are then walked from the start of the index
// to the page's documents (zap advances one document at a time), and a
// phrase's positions read at every document on the way. At 100,000
// practices that was most of the time of a query with a term of two
// words ("child trafficking": 140 ms of 250). The marks are found in the
// page's own text instead: each word that could be one (it starts as a
// mark's stem does) is analysed as indexing analyses it, and Bleve's
// highlighter then picks and formats the passage from those locations,
// as before.

// marker is what a query marks in a practice's text: terms, as the text
// analyzer makes them, and phrases, as terms in a row.
type marker struct {
	terms   map[string]bool
	phrases [][]string // each of two terms or more; "" stands for a stop word
	probes  []string   // how a word that may be a mark begins
}

// add marks text: its one term, or its terms in a row.
func (m *marker) add(an analysis.Analyzer, text string) {
	phrase := phraseTerms(an, text)
	switch len(phrase) {
	case 0:
		return
	case 1:
		m.addTerm(phrase[0])
		return
	}
	for _, t := range phrase {
		if t != "" {
			m.probe(t)
		}
	}
	m.phrases = append(m.phrases, phrase)
}

// addWords marks each of text's words wherever it is.
func (m *marker) addWords(an analysis.Analyzer, text string) {
	for _, t := range an.Analyze([]byte(text)) {
		m.addTerm(string(t.Term))
	}
}

func (m *marker) addTerm(term string) {
	if m.terms == nil {
		m.terms = map[string]bool{}
	}
	m.terms[term] = true
	m.probe(term)
}

// probe notes how a word stemmed to term begins: stems keep the start
// of their word (its first three letters; a Devanagari word's first
// letter, which normalisation may follow with a sign), except for the
// irregular plurals, whose own start is noted too.
func (m *marker) probe(term string) {
	add := func(p string) {
		for _, have := range m.probes {
			if strings.HasPrefix(p, have) {
				return
			}
		}
		m.probes = append(m.probes, p)
	}
	if isDevanagari(term) {
		_, size := utf8.DecodeRuneInString(term)
		add(term[:size])
		return
	}
	add(term[:min(3, len(term))])
	for plural, single := range irregular {
		if stemWord(single) == term {
			add(plural[:min(3, len(plural))])
		}
	}
}

// empty reports whether nothing is marked.
func (m *marker) empty() bool { return m == nil || (len(m.terms) == 0 && len(m.phrases) == 0) }

// locate returns where the marks are in text, as Bleve's highlighter
// reads term vectors.
func (m *marker) locate(an analysis.Analyzer, text string) bsearch.TermLocationMap {
	out := bsearch.TermLocationMap{}
	if m.empty() {
		return out
	}
	lower := asciiLower(text)
	found := map[int]bool{}
	var starts []int
	for _, p := range m.probes {
		for from := 0; ; {
			i := strings.Index(lower[from:], p)
			if i < 0 {
				break
			}
			i += from
			from = i + len(p)
			if !found[i] && wordStartsAt(lower, i) {
				found[i] = true
				starts = append(starts, i)
			}
		}
	}
	marked := map[int]bool{} // by start: a word is marked once
	mark := func(term string, start, end int) {
		if !marked[start] {
			marked[start] = true
			out.AddLocation(term, &bsearch.Location{Start: uint64(start), End: uint64(end)})
		}
	}
	for _, start := range starts {
		end := wordEnd(lower, start)
		term := stemOf(an, lower[start:end])
		if m.terms[term] {
			mark(term, start, end)
		}
		for _, phrase := range m.phrases {
			if phrase[0] == term {
				markPhrase(an, lower, start, end, phrase, mark)
			}
		}
	}
	return out
}

// markPhrase marks the phrase's words if they follow the word at
// start..end in the text, one word (or stop word) each.
func markPhrase(an analysis.Analyzer, lower string, start, end int, phrase []string, mark func(term string, start, end int)) {
	locs := [][2]int{{start, end}}
	at := end
	for _, want := range phrase[1:] {
		s := nextWord(lower, at)
		if s < 0 {
			return
		}
		e := wordEnd(lower, s)
		term := stemOf(an, lower[s:e])
		if term != want {
			return
		}
		if want != "" {
			locs = append(locs, [2]int{s, e})
		}
		at = e
	}
	for i, t := range nonEmpty(phrase) {
		mark(t, locs[i][0], locs[i][1])
	}
}

func nonEmpty(terms []string) []string {
	var out []string
	for _, t := range terms {
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

// stemOf analyses one word as the text is analysed: "" for a stop word.
func stemOf(an analysis.Analyzer, word string) string {
	toks := an.Analyze([]byte(word))
	if len(toks) == 0 {
		return ""
	}
	return string(toks[0].Term)
}

// asciiLower lower-cases ASCII letters only, so that byte offsets stay
// those of the text.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// wordStartsAt reports whether a word begins at byte i.
func wordStartsAt(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !isWordRune(r)
}

// wordEnd is where the word that begins at start ends.
func wordEnd(s string, start int) int {
	i := start
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			break
		}
		i += size
	}
	return i
}

// nextWord is where the next word after byte at begins, or -1.
func nextWord(s string, at int) int {
	for i := at; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			return i
		}
		i += size
	}
	return -1
}
