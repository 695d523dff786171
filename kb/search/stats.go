package search

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/compendium-kb/compendium/kb"
)

// groupFields maps a statistics group to its keyword field and to the
// facet whose filter it leaves out, as the facets do.
var groupFields = map[string]struct{ field, facet string }{
	"state": {"states", "state"}, "year": {"years", "year"}, "theme": {"themes", "theme"},
	"exploitation": {"exploitation", "exploitation"}, "document": {"document", "document"}, "evidence": {"evidence", "evidence"},
	"source": {"source", "source"}, "transit": {"transit", "transit"},
	"destination": {"destination", "destination"}, "route": {"route", "route"},
}

// figureTerm is how a practice's figure is indexed: "rescued:28".
func figureTerm(measure string, n int) string { return measure + ":" + strconv.Itoa(n) }

// figureTerms lists a practice's figures as indexed terms.
func figureTerms(p kb.Practice) []string {
	var out []string
	for m, n := range p.FigureCounts() {
		out = append(out, figureTerm(m, n))
	}
	sort.Strings(out)
	return out
}

// figureColumns are the figures of a view's documents, a column per
// measure indexed by document number, with the documents reporting it:
// totals are then a walk over the documents in a group, with no read.
type figureColumns struct {
	once sync.Once
	cols map[string]*figureColumn
}

type figureColumn struct {
	reporting *roaring.Bitmap
	count     []int32
}

func (v *view) figureColumns() map[string]*figureColumn {
	v.figs.once.Do(func() {
		v.figs.cols = map[string]*figureColumn{}
		size := 0
		if !v.all.IsEmpty() {
			size = int(v.all.Maximum()) + 1
		}
		for term, docs := range v.values["figures"] {
			m, num, ok := strings.Cut(term, ":")
			n, err := strconv.Atoi(num)
			if !ok || err != nil {
				continue
			}
			col := v.figs.cols[m]
			if col == nil {
				col = &figureColumn{reporting: roaring.New(), count: make([]int32, size)}
				v.figs.cols[m] = col
			}
			col.reporting.Or(docs)
			for it := docs.Iterator(); it.HasNext(); {
				col.count[it.Next()] = int32(n)
			}
		}
	})
	return v.figs.cols
}

// totals sums each measure over docs.
func (v *view) totals(docs *roaring.Bitmap) []kb.FigureTotal {
	cols := v.figureColumns()
	out := make([]kb.FigureTotal, 0, len(kb.Measures))
	for _, m := range kb.Measures {
		t := kb.FigureTotal{Measure: m.Name}
		if col := cols[m.Name]; col != nil {
			in := roaring.And(docs, col.reporting)
			t.Practices = int(in.GetCardinality())
			for it := in.Iterator(); it.HasNext(); {
				t.Total += int(col.count[it.Next()])
			}
		}
		out = append(out, t)
	}
	return out
}

// Stats counts a query's practices by group, each group over the same
// set its facet is counted over, so that the two agree.
func (x *Index) Stats(_ context.Context, q kb.Query, group string, figures bool) (kb.Stats, error) {
	g, ok := groupFields[group]
	if !ok {
		return kb.Stats{}, kb.ErrBadRequest
	}
	v, err := x.acquire()
	if err != nil {
		return kb.Stats{}, err
	}
	defer v.release()
	m, err := v.match(q, x.query)
	if err != nil {
		return kb.Stats{}, err
	}
	out := kb.Stats{Group: group, Total: int(m.hits.GetCardinality()), Groups: []kb.StatsGroup{}}
	base := m.base(g.facet)
	for key, docs := range v.values[g.field] {
		in := roaring.And(base, docs)
		n := int(in.GetCardinality())
		if n == 0 {
			continue
		}
		sg := kb.StatsGroup{Key: key, Count: n}
		if group == "year" {
			sg.Key = strings.TrimLeft(key, "0")
		}
		if figures {
			sg.Figures = v.totals(in)
		}
		out.Groups = append(out.Groups, sg)
	}
	sort.Slice(out.Groups, func(i, j int) bool {
		a, b := out.Groups[i], out.Groups[j]
		if group == "year" {
			return a.Key < b.Key
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Key < b.Key
	})
	if figures {
		out.Figures = v.totals(m.hits)
	}
	return out, nil
}

// exportBatch is how many practices an export reads at a time.
const exportBatch = 500

// Each calls fn with every practice a query finds, newest first, read
// from the cards stored in the index a batch at a time. The view (one
// snapshot) is held until the walk ends, so a change meanwhile does not
// shift the list.
func (x *Index) Each(ctx context.Context, q kb.Query, fn func(kb.Practice) error) error {
	v, err := x.acquire()
	if err != nil {
		return err
	}
	defer v.release()
	m, err := v.match(q, x.query)
	if err != nil {
		return err
	}
	batch := make([]uint32, 0, exportBatch)
	flush := func() error {
		for _, doc := range batch {
			p, err := v.card(doc)
			if err != nil {
				return err
			}
			if err := fn(p); err != nil {
				return err
			}
		}
		batch = batch[:0]
		return ctx.Err()
	}
	for _, b := range v.byNewest {
		for it := roaring.And(m.hits, b).Iterator(); it.HasNext(); {
			if batch = append(batch, it.Next()); len(batch) == exportBatch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	return flush()
}

// card reads a document's stored card.
func (v *view) card(doc uint32) (kb.Practice, error) {
	id, err := v.r.ExternalID(index.NewIndexInternalID(nil, uint64(doc)))
	if err != nil {
		return kb.Practice{}, err
	}
	d, err := v.r.Document(id)
	if err != nil {
		return kb.Practice{}, err
	}
	var p *kb.Practice
	if d != nil {
		d.VisitFields(func(f index.Field) {
			if f.Name() == "card" {
				p = readCard(string(f.Value()))
			}
		})
	}
	if p == nil {
		return kb.Practice{ID: id}, nil // a card that cannot be read: the id still goes out
	}
	return *p, nil
}
