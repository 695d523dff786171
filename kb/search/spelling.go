package search

import (
	"strings"
	"unicode"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/search/english"
)

// Spelling. A search engine that "corrects" words spelt right loses its
// users' trust fast ("begging" → "Did you mean being?"), so a word is
// taken for a typo only when it is no word we know: not English, not a
// word of the synonym list or lexicon (Hindi, romanised Hindi), not an
// acronym typed in capitals, not in Devanagari (no Hindi word list
// ships: a Hindi word is never corrected), and not in the index. A
// suggestion is offered only when the query as typed finds little and
// the suggestion finds clearly more.

// fewHits: a query with no more hits than this finds little.
const fewHits = 2

// spelt reports whether a word, as typed, is spelt right as far as we
// can tell: a word we know, or one in another script than Latin.
func (b queryBuilder) spelt(typed string) bool {
	w := strings.ToLower(strings.TrimFunc(typed, notWordRune))
	return !isASCII(w) || b.knownWord(typed)
}

// knownWord reports whether a word, as typed, is one we know: English, a
// word of the synonym list or lexicon, or an acronym. Its indexed
// neighbours are then no typo's corrections.
func (b queryBuilder) knownWord(typed string) bool {
	w := strings.ToLower(strings.TrimFunc(typed, notWordRune))
	switch {
	case w == "" || len(w) < 3 || !isWord(w):
		return true
	case isAcronym(strings.TrimFunc(typed, notWordRune)):
		return true
	}
	return english.IsWord(w) || b.syn.isWord(w)
}

// isAcronym: two to eight capitals or digits, at least two letters
// ("ITPA", "SJPU", "POCSO", "IPC370").
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			letters++
		case unicode.IsDigit(r):
		default:
			return false
		}
	}
	return letters >= 2 && len(s) <= 8
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// didYouMean offers a query that finds clearly more than total: each
// word that is not spelt right and not in the index replaced by the most
// frequent indexed word within two edits of it. It returns "" when no
// word changes, or when the suggestion, run as a search, finds no more
// than twice as many practices (every needed word matched).
func (v *view) didYouMean(q kb.Query, qb queryBuilder, total int) string {
	if total > fewHits {
		return ""
	}
	changed := false
	var out []string
	for _, tok := range tokenize(q.Text) {
		w := strings.ToLower(strings.TrimFunc(tok, notWordRune))
		if strings.ContainsAny(tok, `":`) || strings.HasPrefix(tok, "-") || qb.spelt(tok) || v.known(w) {
			out = append(out, tok)
			continue
		}
		if near := v.nearWords("text_raw", w, 2, false); len(near) > 0 {
			out = append(out, near[0].term)
			changed = true
			continue
		}
		out = append(out, tok)
	}
	if !changed {
		return ""
	}
	suggestion := strings.Join(out, " ")
	alt := q
	alt.Text = suggestion
	m, err := v.match(alt, qb)
	if err != nil {
		return ""
	}
	if n := int(m.hits.GetCardinality()); n == 0 || n <= 2*total {
		return ""
	}
	return suggestion
}
