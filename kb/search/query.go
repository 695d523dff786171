package search

import (
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	bq "github.com/blevesearch/bleve/v2/search/query"

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
)

// queryBuilder turns what a user typed into a Bleve query.
type queryBuilder struct {
	analyzer analysis.Analyzer // the analyzer of the text fields
	syn      *synonyms
	known    func(word string) bool // the word occurs in some practice
}

// build reads plain words, "exact phrases", -excluded words and field
// filters (state:Goa, theme:rescue, year:2008). It never fails: anything
// it cannot read as syntax is read as words.
func (b queryBuilder) build(text string) bq.Query {
	var words []string
	var must, mustNot []bq.Query
	for _, tok := range tokenize(text) {
		neg := strings.HasPrefix(tok, "-") && len(tok) > 1
		if neg {
			tok = tok[1:]
		}
		q := fieldFilter(tok)
		switch {
		case q != nil:
			// state:Goa, theme:rescue, year:2008
		case strings.HasPrefix(tok, `"`):
			phrase := strings.Trim(tok, `"`)
			if !b.meaningful(phrase) {
				continue
			}
			q = bleve.NewDisjunctionQuery(phraseIn("title", phrase, boostPhraseTitle), phraseIn("text", phrase, boostPhraseText), phraseIn("summary", phrase, boostPhraseText))
		case neg:
			if !b.meaningful(tok) {
				continue
			}
			q = bleve.NewDisjunctionQuery(matchIn("title", tok, 1, false), matchIn("text", tok, 1, false))
		default:
			words = append(words, strings.TrimPrefix(tok, "+"))
			continue
		}
		if neg {
			mustNot = append(mustNot, q)
		} else {
			must = append(must, q)
		}
	}
	var should []bq.Query
	if wq, boosts := b.words(words); wq != nil {
		must = append(must, wq)
		should = boosts
	}
	if len(must) == 0 && len(mustNot) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	q := bleve.NewBooleanQuery()
	if len(must) == 0 {
		must = append(must, bleve.NewMatchAllQuery())
	}
	q.AddMust(must...)
	if len(should) > 0 {
		q.AddShould(should...)
	}
	if len(mustNot) > 0 {
		q.AddMustNot(mustNot...)
	}
	return q
}

// words matches plain words: each unit (a word or a known term) may match
// exactly, through a synonym, or with a typo; most units must match (all
// of one or two, all but one of three or four, and so on). Phrase and
// all-words matches add to the score.
func (b queryBuilder) words(words []string) (bq.Query, []bq.Query) {
	var clauses []bq.Query
	var plain []string
	for _, u := range b.syn.units(words) {
		if !b.meaningful(u.text) {
			continue // a stop word alone: "how to rescue" asks about rescue
		}
		plain = append(plain, u.text)
		clauses = append(clauses, b.unitQuery(u))
	}
	if len(clauses) == 0 {
		return nil, nil
	}
	all := bleve.NewDisjunctionQuery(clauses...)
	all.SetMin(float64(required(len(clauses))))
	if len(clauses) == 1 {
		return all, nil // one unit: its clause already ranks title over text
	}
	text := strings.Join(plain, " ")
	boosts := []bq.Query{
		phraseIn("title", text, boostPhraseTitle), phraseIn("text", text, boostPhraseText),
		matchIn("title", text, boostTitle, true),
	}
	return all, boosts
}

// required is how many of n units a document must match.
func required(n int) int {
	switch {
	case n <= 2:
		return n
	case n <= 4:
		return n - 1
	}
	return n - n/3
}

func (b queryBuilder) unitQuery(u unit) bq.Query {
	qs := []bq.Query{
		matchIn("title", u.text, boostTitle, true), matchIn("summary", u.text, boostSummary, true), matchIn("text", u.text, boostText, true),
	}
	if strings.Contains(u.text, " ") {
		qs = append(qs, phraseIn("title", u.text, boostTitle), phraseIn("text", u.text, boostText))
	}
	for _, alt := range u.alts {
		qs = append(qs, phraseIn("title", alt, boostSynonym*boostTitle), phraseIn("text", alt, boostSynonym))
	}
	// A word no practice contains is a typo or a word cut short ("rescu"):
	// then near matches and completions are the evidence. A word the index
	// knows is matched as it is, so tolerance never floods good results.
	if w := strings.ToLower(strings.TrimFunc(u.text, notWordRune)); !strings.Contains(w, " ") && len(w) >= 4 && isWord(w) && (b.known == nil || !b.known(w)) {
		for _, f := range []struct {
			field string
			boost float64
		}{{"text_raw", boostText}, {"title_raw", boostTitle}} {
			fz := bleve.NewFuzzyQuery(w)
			fz.SetField(f.field)
			fz.SetFuzziness(1 + btoi(len(w) >= 8))
			fz.SetPrefix(1)
			fz.SetBoost(f.boost * boostFuzzy * 4)
			pf := bleve.NewPrefixQuery(w)
			pf.SetField(f.field)
			pf.SetBoost(f.boost * boostFuzzy * 4)
			qs = append(qs, fz, pf)
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// meaningful reports whether the analyzer keeps anything of s: a stop
// word alone matches nothing and must not be required.
func (b queryBuilder) meaningful(s string) bool {
	if strings.TrimSpace(s) == "" {
		return false
	}
	if b.analyzer == nil {
		return true
	}
	return len(b.analyzer.Analyze([]byte(s))) > 0
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

func isWord(s string) bool {
	for _, r := range s {
		if notWordRune(r) {
			return false
		}
	}
	return true
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
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

// fieldFilter reads state:Goa, theme:rescue, year:2008; nil otherwise.
func fieldFilter(tok string) bq.Query {
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
		return term("states", value)
	case "theme":
		return term("themes", strings.ToLower(value))
	case "document", "source":
		return term("document", value)
	case "title":
		return matchIn("title", value, 1, false)
	case "year":
		if from, to, ok := kb.ParseYears(value); ok {
			return yearRange(from, to)
		}
	}
	return nil
}

func yearRange(from, to int) bq.Query {
	lo, hi := float64(from), float64(to)
	incl := true
	q := bleve.NewNumericRangeInclusiveQuery(&lo, &hi, &incl, &incl)
	q.SetField("years")
	return q
}

func term(field, value string) bq.Query {
	t := bleve.NewTermQuery(value)
	t.SetField(field)
	return t
}

func matchIn(field, text string, boost float64, and bool) bq.Query {
	m := bleve.NewMatchQuery(text)
	m.SetField(field)
	m.SetBoost(boost)
	if and {
		m.SetOperator(bq.MatchQueryOperatorAnd)
	}
	return m
}

func phraseIn(field, text string, boost float64) bq.Query {
	p := bleve.NewMatchPhraseQuery(text)
	p.SetField(field)
	p.SetBoost(boost)
	return p
}
