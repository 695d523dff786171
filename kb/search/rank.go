package search

import (
	"container/heap"
	"context"
	"math"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	index "github.com/blevesearch/bleve_index_api"
)

// scoringModel is the similarity the mapping records; ranking computes
// it itself (bm25 below).
const scoringModel = index.BM25Scoring

// BM25's parameters, as Bleve's.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// checkEvery is how many documents ranking reads between looks at the
// context: a cancelled search stops within a fraction of a millisecond.
const checkEvery = 4096

// ranked is a hit: a document number of the view and its score.
type ranked struct {
	doc     uint32
	score   float64
	partial bool // matches only some of the needed words
}

// cursor walks one scoring term's postings in document order: a kept
// term's (impacts.go) through its bitmap, another's through zap.
type cursor struct {
	tfr    index.TermFieldReader // nil for a kept term
	tfd    index.TermFieldDoc
	id     index.IndexInternalID // reused to ask for a document
	imp    *impact               // a kept term
	it     roaring.IntPeekable   // over imp.docs
	doc    uint32                // current document; done when exhausted
	done   bool
	weight float64 // boost × idf
	avgLen float64
	bound  float64 // the most it can add to a score
}

func (c *cursor) close() {
	if c.tfr != nil {
		c.tfr.Close()
	}
}

func (c *cursor) read(d *index.TermFieldDoc, err error) error {
	if err != nil || d == nil {
		c.done = true
		return err
	}
	n, err := docNum(d.ID)
	c.doc = n
	return err
}

func (c *cursor) next() error {
	if c.imp != nil {
		c.step()
		return nil
	}
	return c.read(c.tfr.Next(&c.tfd))
}

// step moves a kept term's cursor to its bitmap's next document.
func (c *cursor) step() {
	if !c.it.HasNext() {
		c.done = true
		return
	}
	c.doc = c.it.Next()
}

func (c *cursor) advance(doc uint32) error {
	if c.done || c.doc >= doc {
		return nil
	}
	if c.imp != nil {
		c.it.AdvanceIfNeeded(doc)
		c.step()
		return nil
	}
	c.id = index.NewIndexInternalID(c.id, uint64(doc))
	return c.read(c.tfr.Advance(c.id, &c.tfd))
}

// score is BM25: the term's frequency, saturated and normalised by the
// field's length (the index keeps 1/√length as the norm).
func (c *cursor) score() float64 {
	if c.imp != nil {
		return c.weight * float64(c.imp.part[c.doc]) / partScale
	}
	return c.weight * tfPart(c.tfd.Freq, c.tfd.Norm, c.avgLen)
}

// cursors opens a cursor on each scoring term that occurs, ordered by
// what they can add, least first.
func (v *view) cursors(ctx context.Context, p *plan) ([]*cursor, error) {
	docs, err := v.r.DocCount()
	if err != nil {
		return nil, err
	}
	var out []*cursor
	for _, l := range p.leaves {
		c, df, err := v.cursor(ctx, l, docs)
		if err != nil {
			closeAll(out)
			return nil, err
		}
		if c == nil {
			continue
		}
		df = p.df(l, df)
		idf := math.Log(1 + (float64(docs)-float64(df)+0.5)/(float64(df)+0.5))
		c.weight = l.boost * idf
		c.bound = c.weight * (bm25K1 + 1)
		if err := c.next(); err != nil {
			c.close()
			closeAll(out)
			return nil, err
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].bound < out[j].bound })
	return out, nil
}

// cursor opens a leaf's cursor with its term's document frequency; nil
// when no document has the term.
func (v *view) cursor(ctx context.Context, l leaf, docs uint64) (*cursor, uint64, error) {
	avgLen := v.avgLength(l.field, docs)
	if imp := v.kept(l.field, l.term); imp != nil {
		return &cursor{imp: imp, it: imp.docs.Iterator(), avgLen: avgLen}, imp.df, nil
	}
	if v.impacts.absent(l.field, l.term) {
		return nil, 0, nil
	}
	tfr, err := v.r.TermFieldReader(ctx, []byte(l.term), l.field, true, true, false)
	if err != nil {
		return nil, 0, err
	}
	df := tfr.Count()
	if df == 0 {
		tfr.Close()
		v.impacts.noteAbsent(l.field, l.term)
		return nil, 0, nil
	}
	c := &cursor{tfr: tfr, avgLen: avgLen}
	if c.imp = v.impactOf(l.field, l.term, df, avgLen); c.imp != nil {
		tfr.Close()
		c.tfr, c.it = nil, c.imp.docs.Iterator()
	}
	return c, df, nil
}

func closeAll(cs []*cursor) {
	for _, c := range cs {
		c.close()
	}
}

// avgLength is the field's average length in tokens, as BM25 normalises
// by it; Bleve's own stand-in (distinct terms per document) tends to one
// as the index grows, which would rank by density alone.
func (v *view) avgLength(field string, docs uint64) float64 {
	if n := v.lengths[field]; n > 0 {
		return n
	}
	if br, ok := v.r.(index.BM25Reader); ok && docs > 0 {
		if n, err := br.FieldCardinality(field); err == nil && n > 0 {
			return math.Ceil(float64(n) / float64(docs))
		}
	}
	return 1
}

// lengthSample is how many practices the average lengths are taken from.
const lengthSample = 100

// averageLengths measures the scoring fields' average lengths on a
// sample of practices spread over the index, analysing their stored
// title, summary and text as indexing did. Averages move slowly, so an
// estimate serves until the number of practices changes by a twentieth.
func (x *Index) averageLengths(v *view) map[string]float64 {
	n := v.all.GetCardinality()
	x.lengths.mu.Lock()
	defer x.lengths.mu.Unlock()
	if x.lengths.avg != nil && n*20 >= x.lengths.docs*19 && n*20 <= x.lengths.docs*21 {
		return x.lengths.avg
	}
	sums := map[string]float64{}
	sampled := 0
	step := max(1, n/lengthSample)
	for i := uint64(0); i < n && sampled < lengthSample; i += step {
		num, err := v.all.Select(uint32(i))
		if err != nil {
			break
		}
		id, err := v.r.ExternalID(index.NewIndexInternalID(nil, uint64(num)))
		if err != nil {
			continue
		}
		d, err := v.r.Document(id)
		if err != nil || d == nil {
			continue
		}
		var title, text, summary string
		d.VisitFields(func(f index.Field) {
			switch f.Name() {
			case "title":
				title = string(f.Value())
			case "text":
				text = string(f.Value())
			case "card":
				if c := readCard(string(f.Value())); c != nil {
					summary = c.Summary
				}
			}
		})
		for field, sources := range map[string][]string{
			"title": {title}, "title_raw": {title}, "title_pairs": {title}, "summary": {summary},
			"text": {text}, "text_raw": {text}, "text_pairs": {summary, text}, // as toDoc indexes them
		} {
			for _, src := range sources {
				sums[field] += float64(len(x.query.analyzers[field].Analyze([]byte(src))))
			}
		}
		sums["title_terms"] += float64(len(termWords(title)))
		sums["terms"] += float64(len(termWords(summary + "\n" + text)))
		sampled++
	}
	avg := map[string]float64{}
	for f, sum := range sums {
		if sum > 0 {
			// Rounded to a hundredth of a token: summed in another
			// document order (segments merge and renumber) the average
			// differs in its last bits, and equal scores would not stay
			// equal from one snapshot to the next.
			avg[f] = math.Round(100*sum/float64(sampled)) / 100
		}
	}
	x.lengths.avg, x.lengths.docs = avg, n
	return avg
}

// rank returns the best k documents of within by the plan's scoring
// terms, best first; equal scores keep document order. It is MaxScore
// (Turtle and Flood, 1995): once k documents are held, a term whose
// bound, with those of all weaker terms, cannot lift a document past the
// k-th is no longer walked, only consulted for documents the stronger
// terms bring. Common words thus cost little once rarer evidence (a
// title match, a phrase's pairs) has filled the list.
func (v *view) rank(ctx context.Context, p *plan, within *roaring.Bitmap, k int) ([]ranked, error) {
	if k <= 0 || within.IsEmpty() {
		return nil, nil
	}
	cs, err := v.cursors(ctx, p)
	if err != nil {
		return nil, err
	}
	defer closeAll(cs)
	if len(cs) == 0 { // nothing scores (filters only): document order
		var out []ranked
		for it := within.Iterator(); it.HasNext() && len(out) < k; {
			out = append(out, ranked{doc: it.Next()})
		}
		return out, nil
	}
	upto := make([]float64, len(cs)) // upto[i]: the bounds of cs[0..i]
	for i, c := range cs {
		upto[i] = c.bound
		if i > 0 {
			upto[i] += upto[i-1]
		}
	}
	top := make(topK, 0, k+1)
	threshold := 0.0 // the k-th score once k are held
	first := 0       // cs[first:] are walked; the others only consulted
	in := within.Iterator()
	for n := 0; ; n++ {
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		doc, any := uint32(0), false
		for _, c := range cs[first:] {
			if !c.done && (!any || c.doc < doc) {
				doc, any = c.doc, true
			}
		}
		if !any {
			break
		}
		if !within.Contains(doc) { // skip to the next candidate
			in.AdvanceIfNeeded(doc)
			if !in.HasNext() {
				break
			}
			next := in.PeekNext()
			for _, c := range cs[first:] {
				if err := c.advance(next); err != nil {
					return nil, err
				}
			}
			continue
		}
		score := 0.0
		for _, c := range cs[first:] {
			if !c.done && c.doc == doc {
				score += c.score()
				if err := c.next(); err != nil {
					return nil, err
				}
			}
		}
		for i := first - 1; i >= 0; i-- {
			if score+upto[i] <= threshold {
				score = -1 // cannot reach the list: later documents lose ties
				break
			}
			c := cs[i]
			if err := c.advance(doc); err != nil {
				return nil, err
			}
			if !c.done && c.doc == doc {
				score += c.score()
			}
		}
		if score < 0 {
			continue
		}
		// Rounded to a billionth: the terms are added in an order that
		// depends on document numbers (which segment merges change), so
		// scores that are equal in theory differ in their last bits and
		// would swap places from one snapshot to the next; equal scores
		// then go by id (find.go).
		score = math.Round(score*1e9) / 1e9
		if len(top) == k && score <= threshold {
			continue
		}
		h := ranked{doc: doc, score: score}
		if len(top) < k {
			heap.Push(&top, h)
		} else {
			top[0] = h
			heap.Fix(&top, 0)
		}
		if len(top) == k {
			threshold = top[0].score
			for first < len(cs) && upto[first] <= threshold {
				first++
			}
		}
	}
	out := make([]ranked, len(top))
	for i := len(top) - 1; i >= 0; i-- {
		out[i] = heap.Pop(&top).(ranked)
	}
	return out, nil
}

// worse orders hits: a lower score, then a later document.
func worse(a, b ranked) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return a.doc > b.doc
}

// topK is a heap with the worst kept hit on top.
type topK []ranked

func (h topK) Len() int           { return len(h) }
func (h topK) Less(i, j int) bool { return worse(h[i], h[j]) }
func (h topK) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *topK) Push(x any)        { *h = append(*h, x.(ranked)) }
func (h *topK) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
