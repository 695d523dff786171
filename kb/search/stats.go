package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
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
// shift the list. Cards are read and decoded one batch ahead, on a second
// goroutine, while fn writes the batch before: decoding a card's JSON is
// about half of an export's work, writing its row the other half.
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
	batches := make(chan []kb.Practice, 1) // one batch waits while fn takes the one before
	stop := make(chan struct{})
	read := make(chan error, 1)
	go func() {
		defer close(batches)
		read <- v.readBatches(m.hits, batches, stop)
	}()
	var ferr error
	for batch := range batches {
		for _, p := range batch {
			if ferr = fn(p); ferr != nil {
				break
			}
		}
		if ferr == nil {
			ferr = ctx.Err()
		}
		if ferr != nil {
			close(stop)
			for range batches { // let the reader finish before the view is released
			}
			break
		}
	}
	if err := <-read; ferr == nil {
		ferr = err
	}
	return ferr
}

// readBatches sends the cards of hits, newest first, a batch at a time,
// until they are all sent or stop closes.
func (v *view) readBatches(hits *roaring.Bitmap, out chan<- []kb.Practice, stop <-chan struct{}) error {
	docs := make([]uint32, 0, exportBatch)
	send := func() error {
		batch := make([]kb.Practice, len(docs))
		for i, doc := range docs {
			p, err := v.card(doc)
			if err != nil {
				return err
			}
			batch[i] = p
		}
		docs = docs[:0]
		select {
		case out <- batch:
			return nil
		case <-stop:
			return errStopped
		}
	}
	for _, b := range v.byNewest {
		for it := roaring.And(hits, b).Iterator(); it.HasNext(); {
			if docs = append(docs, it.Next()); len(docs) == exportBatch {
				if err := send(); err != nil {
					return ignoreStopped(err)
				}
			}
		}
	}
	if len(docs) > 0 {
		return ignoreStopped(send())
	}
	return nil
}

// errStopped ends a reader whose consumer stopped; the consumer's error
// is the one reported.
var errStopped = errors.New("stopped")

func ignoreStopped(err error) error {
	if errors.Is(err, errStopped) {
		return nil
	}
	return err
}

// card reads a document's stored card. From the view's segments it is
// read straight from the document's stored fields; Bleve's Document would
// first read the document's id, look it up again in the _id dictionary,
// and copy every stored field, the text included: for an export of
// 100,000 practices that was most of the time.
func (v *view) card(doc uint32) (kb.Practice, error) {
	if v.segs != nil {
		return v.segmentCard(doc)
	}
	return v.documentCard(doc)
}

// documentCard reads a card through Bleve's Document: the slow, sure way.
func (v *view) documentCard(doc uint32) (kb.Practice, error) {
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

func (v *view) segmentCard(doc uint32) (kb.Practice, error) {
	i := sort.Search(len(v.segs), func(i int) bool { return v.segs[i].offset > doc }) - 1
	if i < 0 {
		return kb.Practice{}, fmt.Errorf("document %d is in no segment", doc)
	}
	var p kb.Practice
	var id string
	read := false
	err := v.segs[i].seg.VisitStoredFields(uint64(doc-v.segs[i].offset), func(field string, _ byte, value []byte, _ []uint64) bool {
		switch field {
		case "_id":
			id = string(value)
			return true // zap returns its buffer to its pool twice when a visit stops at the id
		case "card":
			// value lives in zap's buffer only during the visit.
			read = json.Unmarshal(value, &p) == nil
			return false
		}
		return true
	})
	if err != nil {
		return kb.Practice{}, err
	}
	if !read {
		return kb.Practice{ID: id}, nil // a card that cannot be read: the id still goes out
	}
	return p, nil
}
