package search

import (
	"context"
	"math"
	"sort"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/compendium-kb/compendium/kb"
)

// Similar finds practices like p (more like this): its most telling
// terms, those frequent in it and rare in the collection, weighted by
// tf-idf, plus its states and themes; p itself is left out.
func (x *Index) Similar(ctx context.Context, p kb.Practice, n int) ([]kb.IndexHit, error) {
	v, err := x.acquire()
	if err != nil {
		return nil, err
	}
	defer v.release()
	total := v.all.GetCardinality()
	tf := map[string]int{}
	for _, tok := range x.query.analyzers["text"].Analyze([]byte(p.Title + " " + p.Title + " " + p.Text)) {
		if len(tok.Term) > 2 {
			tf[string(tok.Term)]++
		}
	}
	type scored struct {
		term  string
		score float64
	}
	var terms []scored
	for t, f := range tf {
		df, err := docFreq(ctx, v.r, t)
		if err != nil {
			return nil, err
		}
		if df <= 1 || float64(df) > 0.5*float64(total) {
			continue // only in p, or in half the collection: says nothing
		}
		terms = append(terms, scored{t, float64(f) * math.Log(float64(total)/float64(df))})
	}
	sort.Slice(terms, func(i, j int) bool { return terms[i].score > terms[j].score })
	var should []bq.Query
	for i := 0; i < len(terms) && i < 25; i++ {
		should = append(should, termQuery("text", terms[i].term, terms[i].score))
	}
	for _, s := range p.States {
		should = append(should, termQuery("states", s, 2))
	}
	for _, t := range p.Themes {
		should = append(should, termQuery("themes", t, 1))
	}
	if len(should) == 0 {
		return nil, nil
	}
	q := bleve.NewBooleanQuery()
	q.AddShould(should...)
	q.AddMustNot(bleve.NewDocIDQuery([]string{p.ID}))
	req := bleve.NewSearchRequestOptions(q, n, 0, false)
	req.Fields = []string{"card"}
	res, err := x.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	out := make([]kb.IndexHit, 0, len(res.Hits))
	for _, h := range res.Hits {
		out = append(out, kb.IndexHit{ID: h.ID, Score: h.Score, Card: readCard(stringField(h.Fields["card"]))})
	}
	return out, nil
}

func termQuery(field, value string, boost float64) bq.Query {
	q := bleve.NewTermQuery(value)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// docFreq counts the practices whose text holds an analysed term.
func docFreq(ctx context.Context, r index.IndexReader, t string) (uint64, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(t), "text", false, false, false)
	if err != nil {
		return 0, err
	}
	defer tfr.Close()
	return tfr.Count(), nil
}

// stringField is a stored field's text, "" if it has none.
func stringField(v any) string {
	s, _ := v.(string)
	return s
}
