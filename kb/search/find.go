package search

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"

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
	{"source", "source", 40},
	{"transit", "transit", 40},
	{"destination", "destination", 40},
	{"route", "route", 30},
	{"evidence", "evidence", 4},
}

// filterOnly are fields a query can filter on that are not counted as
// facets: a district has hundreds of values, and counting them all on
// every search would cost more than the rest of it.
var filterOnly = []facet{{"district", "districts", 0}, {"law", "laws", 0}, {"agency", "agencies", 0}}

// filters turns the query's filters into sets of documents by facet
// name: values of one facet are ORed, facets ANDed.
func (v *view) filters(q kb.Query) map[string]*roaring.Bitmap {
	out := map[string]*roaring.Bitmap{}
	add := func(name, field string, values []string) {
		if len(values) > 0 {
			out[name] = v.union(field, values)
		}
	}
	filters := q.Filters()
	for _, f := range append(facets[:len(facets):len(facets)], filterOnly...) {
		if f.name != "year" {
			add(f.name, f.field, filters[f.name])
		}
	}
	if len(q.Years) > 0 {
		var ranges [][2]int
		for _, y := range q.Years {
			if from, to, ok := kb.ParseYears(y); ok {
				ranges = append(ranges, [2]int{from, to})
			}
		}
		out["year"] = v.inYears(ranges)
	}
	if q.AddedSince != "" {
		day, err := time.Parse(time.DateOnly, q.AddedSince)
		if err != nil {
			out["added"] = roaring.New() // Normalize refuses it; a caller that skips it finds nothing
		} else {
			out["added"] = v.addedSince(addedTerm(day))
		}
	}
	return out
}

// narrow ANDs the text's matches with every filter but the one named skip.
func narrow(matches *roaring.Bitmap, fs map[string]*roaring.Bitmap, skip string) *roaring.Bitmap {
	out := matches
	for name, f := range fs {
		if name != skip {
			out = roaring.And(out, f)
		}
	}
	return out
}

// Search runs a query with its filters, facets, sort and highlighted
// snippets. Each facet with an active filter is counted without that
// filter, so that its other values show what choosing them would give.
func (x *Index) Search(ctx context.Context, q kb.Query) (kb.IndexResults, error) {
	// The service normalises queries already; a caller that skips it
	// (a zero page would index before the first hit) gets the same.
	q, err := q.Normalize()
	if err != nil {
		return kb.IndexResults{}, err
	}
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

// matched is what a query selects: the text's matches, the filters by
// facet name, the hits (the matches that pass every filter), and the
// partial matches that follow them.
type matched struct {
	plan    *plan // nil without text
	matches *roaring.Bitmap
	fs      map[string]*roaring.Bitmap
	hits    *roaring.Bitmap
	words   wordMatch // with every filter applied
}

// match evaluates the text's plan to the set of matching documents and
// applies the filters (words.go says which words are needed).
func (v *view) match(q kb.Query, qb queryBuilder) (matched, error) {
	m := matched{matches: v.all, fs: v.filters(q)}
	if q.Text != "" {
		m.plan = qb.build(q.Text, v)
		var err error
		if m.matches, m.words, err = v.matchWords(m.plan); err != nil {
			return m, err
		}
	}
	m.hits = narrow(m.matches, m.fs, "")
	if m.words.every != nil {
		m.words.every = narrow(m.words.every, m.fs, "")
	}
	if m.words.more != nil {
		m.words.more = narrow(m.words.more, m.fs, "")
	}
	return m, nil
}

// base is the set a facet is counted over: the hits, or, when the facet
// has a filter of its own, the matches with every other filter.
func (m matched) base(facet string) *roaring.Bitmap {
	if _, active := m.fs[facet]; active {
		return narrow(m.matches, m.fs, facet)
	}
	return m.hits
}

// search evaluates the query to its hits; counts and facets are bitmap
// operations on them, and only the page is ranked.
func (x *Index) search(ctx context.Context, q kb.Query) (kb.IndexResults, error) {
	v, err := x.acquire()
	if err != nil {
		return kb.IndexResults{}, err
	}
	defer v.release()
	m, err := v.match(q, x.query)
	if err != nil {
		return kb.IndexResults{}, err
	}
	p, hits := m.plan, m.hits
	out := kb.IndexResults{Facets: map[string][]kb.FacetValue{}}
	out.Total = int(hits.GetCardinality())
	out.Matching = v.explain(q, m, x.query)
	for _, f := range facets {
		out.Facets[f.name] = v.count(f, m.base(f.name))
	}
	page, err := v.page(ctx, p, hits, q)
	if err != nil {
		return kb.IndexResults{}, err
	}
	if from, to := (q.Page-1)*q.Size, q.Page*q.Size; to > out.Total && out.More > 0 {
		more, err := v.rankTiers(ctx, p, m.partialTiers(), max(0, from-out.Total), to-out.Total)
		if err != nil {
			return kb.IndexResults{}, err
		}
		page = append(page, more...)
	}
	for _, h := range page {
		id, err := v.r.ExternalID(index.NewIndexInternalID(nil, uint64(h.doc)))
		if err != nil {
			return kb.IndexResults{}, err
		}
		out.Hits = append(out.Hits, kb.IndexHit{ID: id, Score: h.score, Partial: h.partial})
	}
	// Equal scores are ranked by document number, which segment merges
	// renumber: order them by id instead, so that a page reads the same
	// whatever Bleve merged (and after a restore).
	for i := 0; i < len(out.Hits); {
		j := i + 1
		for j < len(out.Hits) && out.Hits[j].Score == out.Hits[i].Score && out.Hits[j].Partial == out.Hits[i].Partial {
			j++
		}
		if out.Hits[i].Score != 0 || q.Sort == kb.SortRelevance { // by year, unscored hits keep their year order (page)
			run := out.Hits[i:j]
			sort.Slice(run, func(a, b int) bool { return run[a].ID < run[b].ID })
		}
		i = j
	}
	var marks *marker
	if p != nil {
		marks = &p.highlight
	}
	if err := v.fetch(ctx, out.Hits, marks, x.query.analyzers["text"]); err != nil {
		return kb.IndexResults{}, err
	}
	return out, nil
}

// count counts a facet's values among docs, most frequent first. The
// values are visited largest first (view.go): once the facet's top is
// full, a value with fewer documents in all than the smallest count kept
// cannot enter it, nor can any after it, so a field with thousands of
// values (documents, routes) costs what its largest do.
func (v *view) count(f facet, docs *roaring.Bitmap) []kb.FacetValue {
	vals := []kb.FacetValue{}
	top := make([]uint64, 0, f.size+1) // the largest counts so far, descending
	for _, vs := range v.bySize[f.field] {
		if len(top) == f.size && vs.n < top[f.size-1] {
			break
		}
		n := docs.AndCardinality(vs.docs)
		if n == 0 {
			continue
		}
		vals = append(vals, kb.FacetValue{Value: vs.value, Count: int(n)})
		i, _ := slices.BinarySearchFunc(top, n, func(a, b uint64) int { return cmp.Compare(b, a) })
		top = slices.Insert(top, i, n)[:min(len(top)+1, f.size)]
	}
	sort.Slice(vals, func(i, j int) bool {
		if vals[i].Count != vals[j].Count {
			return vals[i].Count > vals[j].Count
		}
		return vals[i].Value < vals[j].Value
	})
	return vals[:min(len(vals), f.size)]
}

// page orders the hits and returns those of the asked page: by
// relevance, the best ranked; by year, the year buckets in order, a
// year's hits by relevance, ranking only the buckets that reach the page.
// Without text (p nil) there is nothing to rank: newest first, a year's
// hits in index order.
func (v *view) page(ctx context.Context, p *plan, hits *roaring.Bitmap, q kb.Query) ([]ranked, error) {
	from, to := (q.Page-1)*q.Size, q.Page*q.Size
	if p != nil && q.Sort == kb.SortRelevance {
		top, err := v.rank(ctx, p, hits, to)
		if err != nil {
			return nil, err
		}
		if n := int(hits.GetCardinality()); len(top) < min(n, to) { // some hits add no score: they follow
			top = append(top, unranked(hits, top, to-len(top))...)
		}
		if len(top) <= from {
			return nil, nil
		}
		return top[from:], nil
	}
	buckets := v.byNewest
	if q.Sort == kb.SortOldest {
		buckets = v.byOldest
	}
	var out []ranked
	seen := 0
	for _, b := range buckets {
		in := roaring.And(hits, b)
		n := int(in.GetCardinality())
		if seen+n <= from {
			seen += n
			continue
		}
		var ordered []ranked
		if p != nil {
			var err error
			if ordered, err = v.rank(ctx, p, in, to-seen); err != nil {
				return nil, err
			}
			if len(ordered) < min(n, to-seen) { // some hits add no score: they follow
				ordered = append(ordered, unranked(in, ordered, to-seen-len(ordered))...)
			}
		} else {
			ordered = unranked(in, nil, to-seen)
		}
		for _, h := range ordered {
			if seen >= from {
				out = append(out, h)
			}
			seen++
		}
		if seen >= to {
			break
		}
	}
	return out, nil
}

// unranked returns up to k documents of docs not in already, in order.
func unranked(docs *roaring.Bitmap, already []ranked, k int) []ranked {
	var out []ranked
	for it := docs.Iterator(); it.HasNext() && len(out) < k; {
		doc := it.Next()
		if !slices.ContainsFunc(already, func(r ranked) bool { return r.doc == doc }) {
			out = append(out, ranked{doc: doc})
		}
	}
	return out
}

// fetch reads the page's cards from the snapshot, and with text, the
// passage of each that shows the marks best (highlight.go says why they
// are found in the text itself).
func (v *view) fetch(ctx context.Context, hits []kb.IndexHit, marks *marker, an analysis.Analyzer) error {
	if len(hits) == 0 {
		return nil
	}
	hl, err := bleve.Config.Cache.HighlighterNamed(highlightStyle)
	if err != nil {
		return err
	}
	for i := range hits {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, err := v.r.Document(hits[i].ID)
		if err != nil {
			return err
		}
		if d == nil {
			continue
		}
		var text string
		d.VisitFields(func(f index.Field) {
			switch f.Name() {
			case "card":
				hits[i].Card = readCard(string(f.Value()))
			case "text":
				text = string(f.Value())
			}
		})
		if marks != nil {
			dm := &bsearch.DocumentMatch{ID: hits[i].ID, Locations: bsearch.FieldTermLocationMap{"text": marks.locate(an, text)}}
			hits[i].Snippet = snippet(hl.BestFragmentsInField(dm, d, "text", 1))
		}
	}
	return nil
}

// highlightStyle marks with <mark>, HTML-escaped around it.
const highlightStyle = "html"

// readCard decodes a stored card; nil if there is none.
func readCard(s string) *kb.Practice {
	if s == "" {
		return nil
	}
	var p kb.Practice
	if json.Unmarshal([]byte(s), &p) != nil {
		return nil
	}
	return &p
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
