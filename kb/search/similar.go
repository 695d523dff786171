package search

import (
	"context"
	"math"
	"sort"

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
	// Ranked as searches are (rank.go), so that the best few cost what a
	// search's page does: Bleve's own search for the same 25 terms and
	// more walked every one of their postings, 25-35 ms at 20,000
	// practices, and made half of a practice page's time under load.
	pl := &plan{}
	for i := 0; i < len(terms) && i < 25; i++ {
		pl.score("text", terms[i].term, terms[i].score)
	}
	for _, st := range p.States {
		pl.score("states", st, 2)
	}
	for _, t := range p.Themes {
		pl.score("themes", t, 1)
	}
	if len(pl.leaves) == 0 {
		return nil, nil
	}
	within := v.all.Clone()
	if self, err := v.r.InternalID(p.ID); err == nil && self != nil {
		if n, err := docNum(self); err == nil {
			within.Remove(n)
		}
	}
	top, err := v.rank(ctx, pl, within, n)
	if err != nil {
		return nil, err
	}
	out := make([]kb.IndexHit, 0, len(top))
	for _, h := range top {
		id, err := v.r.ExternalID(index.NewIndexInternalID(nil, uint64(h.doc)))
		if err != nil {
			return nil, err
		}
		out = append(out, kb.IndexHit{ID: id, Score: h.score})
	}
	return out, v.fetch(ctx, out, nil, nil)
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
