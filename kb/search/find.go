package search

import (
	"context"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/compendium-kb/compendium/kb"
)

// facet is a filterable field as the app names it.
type facet struct {
	name, field string
	size        int
}

var facets = []facet{
	{"state", "states", 40},
	{"theme", "themes", 20},
	{"exploitation", "exploitation", 12},
	{"year", "decades", 12},
	{"document", "document", 20},
}

// filters turns the query's filters into Bleve queries by facet name:
// values of one facet are ORed.
func filters(q kb.Query) map[string]bq.Query {
	out := map[string]bq.Query{}
	add := func(name, field string, values []string) {
		if len(values) == 0 {
			return
		}
		var qs []bq.Query
		for _, v := range values {
			qs = append(qs, term(field, v))
		}
		out[name] = bleve.NewDisjunctionQuery(qs...)
	}
	add("state", "states", q.States)
	add("theme", "themes", q.Themes)
	add("exploitation", "exploitation", q.Exploitation)
	add("document", "document", q.Documents)
	if len(q.Years) > 0 {
		var qs []bq.Query
		for _, y := range q.Years {
			if from, to, ok := kb.ParseYears(y); ok {
				qs = append(qs, yearRange(from, to))
			}
		}
		out["year"] = bleve.NewDisjunctionQuery(qs...)
	}
	return out
}

// combine ANDs the text query with every filter but the one named skip.
func combine(text bq.Query, fs map[string]bq.Query, skip string) bq.Query {
	must := []bq.Query{text}
	for name, f := range fs {
		if name != skip {
			must = append(must, f)
		}
	}
	if len(must) == 1 {
		return text
	}
	return bleve.NewConjunctionQuery(must...)
}

// Search runs a query with its filters, facets, sort and highlighted
// snippets. Each facet with an active filter is counted without that
// filter, so that its other values show what choosing them would give.
func (x *Index) Search(ctx context.Context, q kb.Query) (kb.IndexResults, error) {
	key := cacheKey(q)
	if res, ok := x.cache.get(key); ok {
		return res, nil
	}
	gen := x.cache.gen.Load()
	res, err := x.search(ctx, q)
	if err == nil {
		x.cache.put(key, gen, res)
	}
	return res, err
}

func (x *Index) search(ctx context.Context, q kb.Query) (kb.IndexResults, error) {
	var text bq.Query = bleve.NewMatchAllQuery()
	if q.Text != "" {
		text = x.query.build(q.Text)
	}
	fs := filters(q)
	req := bleve.NewSearchRequestOptions(combine(text, fs, ""), q.Size, (q.Page-1)*q.Size, false)
	switch q.Sort {
	case kb.SortNewest:
		req.SortBy([]string{"-year", "-_score", "_id"})
	case kb.SortOldest:
		req.SortBy([]string{"year_min", "-_score", "_id"})
	default:
		if q.Text == "" {
			req.SortBy([]string{"-year", "_id"}) // nothing to rank by: newest first
		} else {
			req.SortBy([]string{"-_score", "_id"}) // ties in a stable order
		}
	}
	if q.Text != "" {
		req.Highlight = bleve.NewHighlightWithStyle("html")
		req.Highlight.AddField("text")
	}
	for _, f := range facets {
		if _, active := fs[f.name]; !active {
			req.AddFacet(f.name, bleve.NewFacetRequest(f.field, f.size))
		}
	}
	res, err := x.idx.SearchInContext(ctx, req)
	if err != nil {
		return kb.IndexResults{}, err
	}
	out := kb.IndexResults{Total: int(res.Total), Facets: map[string][]kb.FacetValue{}}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, kb.IndexHit{ID: h.ID, Score: h.Score, Snippet: snippet(h.Fragments["text"])})
	}
	for name, fr := range res.Facets {
		out.Facets[name] = facetValues(fr)
	}
	for _, f := range facets {
		if _, active := fs[f.name]; !active {
			continue
		}
		fr, err := x.countFacet(ctx, combine(text, fs, f.name), f)
		if err != nil {
			return kb.IndexResults{}, err
		}
		out.Facets[f.name] = fr
	}
	if out.Total == 0 && q.Text != "" {
		out.DidYouMean = x.didYouMean(q.Text)
	}
	return out, nil
}

func (x *Index) countFacet(ctx context.Context, q bq.Query, f facet) ([]kb.FacetValue, error) {
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.Score = "none" // counts only: no hit is ranked
	req.AddFacet(f.name, bleve.NewFacetRequest(f.field, f.size))
	res, err := x.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	return facetValues(res.Facets[f.name]), nil
}

func facetValues(fr *bsearch.FacetResult) []kb.FacetValue {
	vals := []kb.FacetValue{}
	if fr == nil || fr.Terms == nil {
		return vals
	}
	for _, t := range fr.Terms.Terms() {
		vals = append(vals, kb.FacetValue{Value: t.Term, Count: t.Count})
	}
	sort.SliceStable(vals, func(i, j int) bool {
		if vals[i].Count != vals[j].Count {
			return vals[i].Count > vals[j].Count
		}
		return vals[i].Value < vals[j].Value
	})
	return vals
}

// snippet tidies the best fragment: the highlighter cuts at character
// counts, so a cut word at either end is dropped.
func snippet(frags []string) string {
	if len(frags) == 0 {
		return ""
	}
	words := strings.Fields(frags[0])
	if len(words) > 2 && strings.HasPrefix(words[0], "…") && !strings.Contains(words[0], "<mark>") {
		words[1] = "…" + words[1]
		words = words[1:]
	}
	if n := len(words); n > 2 && strings.HasSuffix(words[n-1], "…") && !strings.Contains(words[n-1], "</mark>") {
		words[n-2] += "…"
		words = words[:n-1]
	}
	return strings.Join(words, " ")
}
