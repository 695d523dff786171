package search

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"strings"
	"unicode"

	"github.com/compendium-kb/compendium/kb/lexicon"
)

//go:embed synonyms.txt
var synonymList string

// synonyms knows the terms of the list by key: a term's words stemmed, as
// the text fields' analyzer stems them, so that "Anti Human Trafficking
// Units" is the term "anti human trafficking unit".
type synonyms struct {
	alts    map[string][]string // key → the other terms of its groups, as listed
	longest int                 // words in the longest term
	starts  map[string][]string // key of a first word → keys of the terms it begins
	// tails holds each key's length in words and its words after the
	// first, split once: splitting them for every word of every indexed
	// text took a fifth of finding the terms.
	tails map[string]keyTail
	// firsts holds the first two letters of those first words: stemming
	// keeps them, so a word not starting with one cannot begin a term.
	firsts map[string]bool
	words  map[string]bool // every word of every term, lower-cased: spelt right
	// roman finds a term by its romanised Hindi folded (roman.go):
	// "bacche" and "bachche" are one word typed two ways.
	roman map[string]string
	vocab wordList // the words, for correcting typos (correct.go)
	// exploitation holds the keys of the terms that name a form of
	// exploitation (the lexicon's concepts of that kind).
	exploitation map[string]bool
	hash         string // of the list: the index records the terms it found
}

// isWord reports whether w is a word of some listed term.
func (s *synonyms) isWord(w string) bool { return s.words[strings.ToLower(w)] }

// listGroups reads the list's text: a group a line, terms separated by
// commas, "#" starting a comment line.
func listGroups(list string) [][]string {
	var out [][]string
	for _, line := range strings.Split(list, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, strings.Split(line, ","))
	}
	return out
}

func parseSynonyms(groups [][]string) *synonyms {
	s := &synonyms{alts: map[string][]string{}, starts: map[string][]string{}, tails: map[string]keyTail{}, firsts: map[string]bool{}, words: map[string]bool{}, roman: map[string]string{}}
	h := sha256.New() // of the groups: a changed comment changes nothing indexed
	for _, terms := range groups {
		var group []string // as listed, normalized
		for _, t := range terms {
			for _, w := range termWords(t) {
				s.words[w] = true
			}
			if t = strings.Join(termWords(t), " "); t != "" {
				group = append(group, t)
				s.longest = max(s.longest, strings.Count(t, " ")+1)
			}
		}
		h.Write([]byte(strings.Join(group, ",") + "\n"))
		for _, t := range group {
			k := termKey(t)
			if f := foldRoman(t); f != "" && s.roman[f] == "" {
				s.roman[f] = k
			}
			if _, seen := s.alts[k]; !seen {
				first, _, _ := strings.Cut(k, " ")
				s.starts[first] = append(s.starts[first], k)
				s.tails[k] = keyTail{n: strings.Count(k, " ") + 1, rest: strings.Fields(k)[1:]}
				s.firsts[prefix2(first)] = true
				s.alts[k] = nil
			}
			for _, o := range group {
				if termKey(o) != k && !contains(s.alts[k], o) {
					s.alts[k] = append(s.alts[k], o)
				}
			}
		}
	}
	s.hash = hex.EncodeToString(h.Sum(nil)[:4])
	s.vocab = newWordList(s.words)
	return s
}

// defaultSynonyms are the built-in list and the lexicon's concepts, each
// a group: "bal shram", "बाल श्रम" and "child labour" find each other.
var defaultSynonyms = func() *synonyms {
	s := parseSynonyms(append(listGroups(synonymList), lexicon.Groups()...))
	s.exploitation = map[string]bool{}
	for _, c := range lexicon.All() {
		if c.Kind != "exploitation" {
			continue
		}
		for _, terms := range [][]string{c.English, c.Hindi} {
			for _, t := range terms {
				s.exploitation[termKey(t)] = true
			}
		}
	}
	return s
}()

// termKey is how the index records a term: its words stemmed.
func termKey(t string) string {
	words := termWords(t)
	for i, w := range words {
		words[i] = stemWord(w)
	}
	return strings.Join(words, " ")
}

func prefix2(w string) string { return w[:min(2, len(w))] }

// termWords splits text into lower-case words, without the punctuation
// around them; hyphens and digits inside a word stay ("anti-human", "1098").
func termWords(text string) []string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return unicode.IsSpace(r) || r == '(' || r == ')' || r == '/'
	})
	out := words[:0]
	for _, w := range words {
		if w = strings.TrimFunc(w, notWordRune); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// termsField makes what the index keeps of a text's terms of the list:
// one token per occurrence (the key, words joined by "+"), and a "_" for
// each other word, so that the field is as long as the text and a term
// is weighed against the text's length, as a phrase search would be.
func (s *synonyms) termsField(text string) string {
	keys, words := s.find(text)
	var b strings.Builder
	exploitation := false
	for _, k := range keys {
		b.WriteString(termToken(k))
		b.WriteByte(' ')
		exploitation = exploitation || s.exploitation[k]
	}
	if exploitation {
		b.WriteString(exploitationToken + " ")
	}
	b.WriteString(strings.Repeat("_ ", max(0, words-len(keys))))
	return b.String()
}

// exploitationToken marks, in the terms field, a text that names a form
// of exploitation in any language (the lexicon's concepts of that kind):
// a Hindi practice about "बंधुआ श्रमिक" is about trafficking as much as
// one the reader tagged "forced and bonded labour".
const exploitationToken = "@exploitation"

// termToken is a key as one token.
func termToken(key string) string { return strings.ReplaceAll(key, " ", "+") }

// find returns the keys of the terms of the list in text, once per
// occurrence, and how many words the text has.
func (s *synonyms) find(text string) ([]string, int) {
	words := termWords(text)
	stems := make([]string, len(words)) // stemmed when needed
	stem := func(i int) string {
		if stems[i] == "" {
			stems[i] = stemWord(words[i])
		}
		return stems[i]
	}
	var out []string
	for i, w := range words {
		// Hindi normalisation may change a first letter ("ज़" to "ज").
		if !s.firsts[prefix2(w)] && !isDevanagari(w) {
			continue
		}
		for _, k := range s.starts[stem(i)] {
			tail := s.tails[k]
			if i+tail.n > len(words) {
				continue
			}
			match := true
			for j, kw := range tail.rest {
				if stem(i+1+j) != kw {
					match = false
					break
				}
			}
			if match {
				out = append(out, k)
			}
		}
	}
	return out, len(words)
}

// keyTail is a key's length in words and its words after the first.
type keyTail struct {
	n    int
	rest []string
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// unit is one thing the user asked for: a word, or a run of words that
// the synonym list knows as one term ("child welfare committee") or that
// names a place ("West Bengal").
type unit struct {
	text  string
	key   string     // of a term of the list; "" for other words
	alts  []string   // the term's synonyms, as listed
	place *placeName // the place the words name, if any
}

// units groups words into units, longest known terms and places first;
// added says whether a run of words is a term an admin added.
func (s *synonyms) units(words []string, added func(string) bool) []unit {
	var out []unit
	for i := 0; i < len(words); {
		n := 1
		u := unit{text: words[i]}
		for try := min(max(s.longest, maxPlaceWords), len(words)-i); try >= 1; try-- {
			text := strings.Join(words[i:i+try], " ")
			if found, ok := s.unitOf(text, try); ok {
				u, n = found, try
				break
			}
			if try > 1 && added(text) {
				u, n = unit{text: text}, try
				break
			}
		}
		out = append(out, u)
		i += n
	}
	return out
}

// unitOf reads n words as one unit: a term of the list (as written, or
// in another spelling of romanised Hindi), a place, or both.
func (s *synonyms) unitOf(text string, n int) (unit, bool) {
	u := unit{text: text}
	if n <= s.longest {
		k := termKey(text)
		alts, ok := s.alts[k]
		if !ok {
			k = s.roman[foldRoman(text)]
			alts, ok = s.alts[k]
		}
		if ok && k != "" {
			u.key, u.alts = k, alts
		}
	}
	if n <= maxPlaceWords {
		u.place = placeOf(text)
	}
	return u, u.key != "" || u.place != nil
}
