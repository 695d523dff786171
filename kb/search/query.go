package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/compendium-kb/compendium/indexer"
)

// parseText reads what a user typed: plain words, "exact phrases",
// -excluded words and field filters (state:Goa, theme:rescue, year:2008).
// It never fails: anything it cannot read as syntax is read as words.
func parseText(text string) bq.Query {
	var words []string
	var must, mustNot []bq.Query
	for _, tok := range tokenize(text) {
		neg := strings.HasPrefix(tok, "-") && len(tok) > 1
		if neg {
			tok = tok[1:]
		}
		var q bq.Query
		switch {
		case strings.HasPrefix(tok, `"`):
			phrase := strings.Trim(tok, `"`)
			if strings.TrimSpace(phrase) == "" {
				continue
			}
			q = bleve.NewDisjunctionQuery(phraseIn("title", phrase, 6), phraseIn("text", phrase, 3), phraseIn("summary", phrase, 3))
		case fieldFilter(tok) != nil:
			q = fieldFilter(tok)
		case neg:
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
	if len(words) > 0 {
		must = append(must, wordsQuery(strings.Join(words, " ")))
	}
	if len(must) == 0 && len(mustNot) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	b := bleve.NewBooleanQuery()
	if len(must) == 0 {
		must = append(must, bleve.NewMatchAllQuery())
	}
	b.AddMust(must...)
	if len(mustNot) > 0 {
		b.AddMustNot(mustNot...)
	}
	return b
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
		var y float64
		for _, r := range value {
			if r < '0' || r > '9' {
				return nil
			}
			y = y*10 + float64(r-'0')
		}
		incl := true
		q := bleve.NewNumericRangeInclusiveQuery(&y, &y, &incl, &incl)
		q.SetField("years")
		return q
	}
	return nil
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
