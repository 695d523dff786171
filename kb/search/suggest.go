package search

import (
	"context"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/compendium-kb/compendium/kb"
)

// Suggest completes the last word typed: titles that contain the earlier
// words and a word starting with it, then the most frequent such words.
func (x *Index) Suggest(ctx context.Context, prefix string, n int) ([]kb.Suggestion, error) {
	words := strings.Fields(strings.ToLower(prefix))
	last := strings.TrimFunc(words[len(words)-1], notWordRune)
	out := []kb.Suggestion{}
	if last == "" {
		return out, nil
	}
	must := []bq.Query{}
	pf := bleve.NewPrefixQuery(last)
	pf.SetField("title_raw")
	must = append(must, pf)
	for _, w := range words[:len(words)-1] {
		if x.query.meaningful(w) {
			m := bleve.NewMatchQuery(w)
			m.SetField("title")
			must = append(must, m)
		}
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(must...), n, 0, false)
	req.Fields = []string{"title"}
	res, err := x.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	for _, h := range res.Hits {
		if t, ok := h.Fields["title"].(string); ok {
			out = append(out, kb.Suggestion{Text: t, Kind: "title", URL: "/practices/" + h.ID})
		}
	}
	terms, err := x.frequentTerms(last, n-len(out)+2)
	if err != nil {
		return nil, err
	}
	lead := strings.Join(words[:len(words)-1], " ")
	for _, t := range terms {
		if len(out) >= n {
			break
		}
		text := strings.TrimSpace(lead + " " + t)
		out = append(out, kb.Suggestion{Text: text, Kind: "term"})
	}
	return out, nil
}

// frequentTerms returns the words that start with prefix, most frequent
// first.
func (x *Index) frequentTerms(prefix string, n int) ([]string, error) {
	if n <= 0 {
		return nil, nil
	}
	dict, err := x.idx.FieldDictPrefix("text_raw", []byte(prefix))
	if err != nil {
		return nil, err
	}
	defer dict.Close()
	type tc struct {
		term  string
		count uint64
	}
	var all []tc
	for i := 0; i < 5000; i++ {
		e, err := dict.Next()
		if err != nil || e == nil {
			break
		}
		if len(e.Term) > len(prefix) && isWord(e.Term) {
			all = append(all, tc{e.Term, e.Count})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].count > all[j].count })
	var out []string
	for i := 0; i < len(all) && i < n; i++ {
		out = append(out, all[i].term)
	}
	return out, nil
}
