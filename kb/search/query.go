package search

import (
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
)

// Boosts: where a word matches says how well it answers. Exact words
// outrank synonyms, which outrank typo and prefix matches, so tolerance
// widens the net without reordering what matched exactly.
const (
	boostTitle       = 3.0
	boostSummary     = 1.5
	boostText        = 1.0
	boostSynonym     = 0.7
	boostFuzzy       = 0.25
	boostPhraseTitle = 6.0
	boostPhraseText  = 3.0
	boostPart        = 0.3 // a word of a term, matched alone
)

// queryBuilder turns what a user typed into a plan.
type queryBuilder struct {
	analyzers map[string]analysis.Analyzer // by field
	syn       *synonyms
	added     *addedSynonyms // an admin's, matched at query time (added.go)
}

// dictionary is what the builder asks of the index: whether a word
// occurs, and the indexed words near a word that does not.
type dictionary interface {
	known(word string) bool
	near(field, word string) []nearTerm
}

// nearTerm is an indexed word close to a typed one: a typo's correction
// or a completion.
type nearTerm struct {
	term     string
	distance int // edits; a completion counts as one
}

// tokens analyzes text as field is indexed: its distinct terms.
func (b queryBuilder) tokens(field, text string) []string {
	var out []string
	for _, t := range b.analyzers[field].Analyze([]byte(text)) {
		if w := string(t.Term); !contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// words matches text in a field: all its terms, each scoring.
func (b queryBuilder) words(p *plan, field, text string, boost float64) *node {
	var kids []*node
	for _, t := range b.tokens(field, text) {
		kids = append(kids, termNode(field, t))
		p.score(field, t, boost)
	}
	return and(kids...)
}

// anyField matches text's words each in the title, summary or text (a
// term's words may be split between the title and the text: "Railway"
// in one, "police" in the other), each scoring where it is found.
func (b queryBuilder) anyField(p *plan, text string) *node {
	var kids []*node
	for _, t := range b.tokens("text", text) {
		kids = append(kids, or(1, termNode("title", t), termNode("summary", t), termNode("text", t)))
		p.score("title", t, boostTitle)
		p.score("summary", t, boostSummary)
		p.score("text", t, boostText)
	}
	return and(kids...)
}

// build reads plain words, "exact phrases", -excluded words and field
// filters (state:Goa, theme:rescue, year:2008). It never fails: anything
// it cannot read as syntax is read as words.
func (b queryBuilder) build(text string, d dictionary) *plan {
	p := &plan{}
	var plain []string
	for _, tok := range tokenize(text) {
		neg := strings.HasPrefix(tok, "-") && len(tok) > 1
		if neg {
			tok = tok[1:]
		}
		scoring := p
		if neg {
			scoring = &plan{} // an excluded word adds nothing to a score
		}
		var n *node
		if n = b.fieldFilter(scoring, tok); n != nil {
			// state:Goa, theme:rescue, year:2008, title:raid
		} else if strings.HasPrefix(tok, `"`) {
			phrase := strings.Trim(tok, `"`)
			if !b.meaningful(phrase) {
				continue
			}
			n = b.phrase(scoring, phrase)
			if !neg {
				p.highlight.add(b.analyzers["text"], phrase)
			}
		} else if neg {
			if !b.meaningful(tok) {
				continue
			}
			n = or(1, b.words(scoring, "title", tok, 1), b.words(scoring, "text", tok, 1))
		} else {
			plain = append(plain, strings.TrimPrefix(tok, "+"))
			continue
		}
		if neg {
			p.not = append(p.not, n)
		} else {
			p.must = append(p.must, n)
		}
	}
	p.units = b.units(p, plain, d)
	if len(p.must) == 0 && len(p.not) == 0 && len(p.units) == 0 {
		p.must = []*node{{op: opNone}}
	}
	return p
}

// phrase matches an exact phrase: the practices with all its pairs of
// adjacent words (in the title, or in the summary and text) are the
// candidates; a pair is the phrase itself, and more pairs, or a pair
// with a stop word's place ("_"), are checked against the words'
// positions. One word is matched as a word.
func (b queryBuilder) phrase(p *plan, phrase string) *node {
	if len(b.tokens("text", phrase)) < 2 {
		return or(1, b.words(p, "title", phrase, boostPhraseTitle), b.words(p, "summary", phrase, boostPhraseText), b.words(p, "text", phrase, boostPhraseText))
	}
	pairs := phrasePairs(b.tokens("text_pairs", phrase))
	n := or(1, pairsIn(p, "title_pairs", pairs, boostPhraseTitle), pairsIn(p, "text_pairs", pairs, boostPhraseText))
	if len(pairs) == 1 && !strings.Contains(pairs[0], "_") {
		return n
	}
	return &node{op: opExact, kids: []*node{n}, phrase: phraseTerms(b.analyzers["text"], phrase)}
}

// phrasePairs drops a phrase's pairs with a stop word's place at its
// start or end ("_ problem" of "the problem children"): as in Bleve's
// phrase query, stop words before the first word and after the last ask
// for nothing, and checking them against positions was most of the time
// of the slowest queries.
func phrasePairs(pairs []string) []string {
	for len(pairs) > 1 && strings.HasPrefix(pairs[0], "_ ") {
		pairs = pairs[1:]
	}
	for len(pairs) > 1 && strings.HasSuffix(pairs[len(pairs)-1], " _") {
		pairs = pairs[:len(pairs)-1]
	}
	return pairs
}

// pairsIn matches every pair in a pairs field, each scoring.
func pairsIn(p *plan, field string, pairs []string, boost float64) *node {
	kids := make([]*node, len(pairs))
	for i, t := range pairs {
		kids[i] = termNode(field, t)
		p.score(field, t, boost)
	}
	return and(kids...)
}

// units matches plain words: each unit (a word or a known term) may match
// exactly, through a synonym, or with a typo; which units a practice
// must match is decided when the plan is evaluated, from how frequent
// each is (words.go). Adjacent words (pairs) in the title or text add to
// the score.
func (b queryBuilder) units(p *plan, words []string, d dictionary) []queryUnit {
	var clauses []queryUnit
	var plain []string
	seen := map[string]bool{}
	for _, u := range b.syn.units(b.corrected(words, d), b.added.has) {
		if !b.meaningful(u.text) {
			continue // a stop word alone: "how to rescue" asks about rescue
		}
		k := strings.ToLower(u.text)
		if seen[k] {
			continue // a word asked twice is asked once
		}
		seen[k] = true
		plain = append(plain, u.text)
		p.current = new(uint64)
		clause, near := b.unit(p, u, d)
		qu := queryUnit{text: u.text, match: clause, df: p.current}
		if words := strings.Fields(u.text); len(words) > 1 && u.key != "" {
			qu.parts = b.parts(p, words, d)
		}
		clauses = append(clauses, qu)
		text := b.analyzers["text"]
		p.highlight.add(text, u.text)
		for _, w := range near {
			p.highlight.add(text, w)
		}
		// The other ways of saying it, marked word by word: a lexicon
		// concept has up to thirty.
		p.highlight.addWords(text, strings.Join(u.alts, " "))
	}
	if len(clauses) == 0 {
		return nil
	}
	if len(clauses) > 1 {
		text := strings.Join(plain, " ")
		for _, t := range b.tokens("title_pairs", text) {
			p.score("title_pairs", t, boostPhraseTitle)
		}
		for _, t := range b.tokens("text_pairs", text) {
			p.score("text_pairs", t, boostPhraseText)
		}
	}
	return clauses
}

// unit matches one unit in the title, summary or text, through the
// synonym list's terms indexed with each practice (weighed by their
// words, as a phrase's words would add up), or, for a word no practice
// contains (a typo, or a word cut short: "rescu"), through the indexed
// words near it (returned too, to be marked in snippets). A word the
// index knows is matched as it is, so tolerance never floods good
// results.
func (b queryBuilder) unit(p *plan, u unit, d dictionary) (*node, []string) {
	var near []string
	kids := []*node{b.anyField(p, u.text)}
	if n := strings.Count(u.key, " ") + 1; n > 1 {
		kids = append(kids, termNode("title_terms", termToken(u.key)), termNode("terms", termToken(u.key)))
		p.score("title_terms", termToken(u.key), boostTitle*float64(n))
		p.score("terms", termToken(u.key), boostText*float64(n))
	}
	p.unit = p.current // the other ways of saying it weigh as the unit does (plan.go)
	defer func() { p.unit = nil }()
	for _, alt := range u.alts {
		k, n := termToken(termKey(alt)), float64(len(termWords(alt)))
		kids = append(kids, termNode("title_terms", k), termNode("terms", k))
		p.score("title_terms", k, boostSynonym*boostTitle*n)
		p.score("terms", k, boostSynonym*n)
	}
	for _, alt := range b.added.of(u.text) {
		kids = append(kids, b.phrase(p, alt))
	}
	fields, named := b.named(p, u)
	kids = append(kids, fields...)
	p.named = append(p.named, named...)
	p.unit = nil
	if w := strings.ToLower(strings.TrimFunc(u.text, notWordRune)); !strings.Contains(w, " ") && len(w) >= 4 && isWord(w) && !b.knownWord(u.text) && d != nil && !d.known(w) {
		for _, f := range []struct {
			field string
			boost float64
		}{{"text_raw", boostText}, {"title_raw", boostTitle}} {
			for _, nt := range d.near(f.field, w) {
				kids = append(kids, termNode(f.field, nt.term))
				if f.field == "text_raw" {
					near = append(near, nt.term)
				}
				p.score(f.field, nt.term, f.boost*boostFuzzy*2/float64(nt.distance))
			}
		}
	}
	return or(1, kids...), near
}

// parts matches each word of a term on its own, through its own
// synonyms and translations ("bachche gayab": child, missing), for the
// partial matches; they score at a fraction of the term's weight.
func (b queryBuilder) parts(p *plan, words []string, d dictionary) []part {
	var out []part
	for _, w := range words {
		if !b.meaningful(w) {
			continue
		}
		u, ok := b.syn.unitOf(w, 1)
		if !ok {
			u = unit{text: w}
		}
		scratch := &plan{current: new(uint64)}
		n, _ := b.unit(scratch, u, d)
		p.unit = scratch.current // all its terms weigh as the word does
		for _, l := range scratch.leaves {
			p.score(l.field, l.term, l.boost*boostPart)
		}
		p.unit = nil
		out = append(out, part{match: n, df: scratch.current})
	}
	return out
}

// meaningful reports whether the analyzer keeps anything of s: a stop
// word alone matches nothing and must not be required.
func (b queryBuilder) meaningful(s string) bool {
	if strings.TrimSpace(s) == "" {
		return false
	}
	return len(b.tokens("text", s)) > 0
}

// notWordRune: marks are part of words (Devanagari vowel signs: "गाँवों").
func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
}

func isWord(s string) bool {
	for _, r := range s {
		if notWordRune(r) {
			return false
		}
	}
	return true
}

// tokenize splits on spaces, keeping "quoted phrases" whole; an
// unbalanced quote runs to the end of the text.
func tokenize(s string) []string {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		start := 0
		if s[0] == '-' || s[0] == '+' {
			start = 1
		}
		if start < len(s) && s[start] == '"' {
			end := strings.IndexByte(s[start+1:], '"')
			if end < 0 {
				out = append(out, s[:start]+`"`+s[start+1:]+`"`)
				break
			}
			out = append(out, s[:start+end+2])
			s = s[start+end+2:]
			continue
		}
		end := strings.IndexAny(s, " \t\n")
		if end < 0 {
			end = len(s)
		}
		out = append(out, s[:end])
		s = s[end:]
	}
	return out
}

// fieldFilter reads state:Goa, theme:rescue, year:2008, title:raid; nil
// otherwise.
func (b queryBuilder) fieldFilter(p *plan, tok string) *node {
	i := strings.IndexByte(tok, ':')
	if i <= 0 || i == len(tok)-1 {
		return nil
	}
	field, value := strings.ToLower(tok[:i]), strings.ReplaceAll(tok[i+1:], "_", " ")
	switch field {
	case "state":
		if st := indexer.StateOf(value); st != "" {
			value = st
		}
		return termNode("states", value)
	case "theme":
		return termNode("themes", strings.ToLower(value))
	case "document", "source":
		return termNode("document", value)
	case "from", "via", "to":
		if st := indexer.StateOf(value); st != "" {
			value = st
		}
		return termNode(map[string]string{"from": "source", "via": "transit", "to": "destination"}[field], value)
	case "title":
		return b.words(p, "title", value, 1)
	case "year":
		if from, to, ok := kb.ParseYears(value); ok {
			return &node{op: opYears, years: [2]int{from, to}}
		}
	}
	return nil
}
