package search

import (
	"context"
	"math"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	index "github.com/blevesearch/bleve_index_api"
)

// Ranking consults a common word ("police", "child" in a knowledge base
// about trafficking) for every candidate the rarer words bring, and zap
// moves a postings reader that decodes frequencies one document at a
// time, whatever the distance: each query walked all the postings of its
// common words, in ranking and again in highlighting, which made most of
// a search's time at 100,000 practices. A view therefore keeps, for the
// common terms queries ask, what BM25 needs of each document: the set of
// documents, and the term-frequency part of the score, quantised, by
// document number. Consulting it is an array read; it is built once per
// snapshot, by one walk, the first time a query asks for the term.

const (
	// impactShare: a term in this share of the documents or more is
	// kept (below it, zap's reader skips enough to be cheap).
	impactShare = 1.0 / 32
	// impactFloor: no term of an index this small is kept.
	impactFloor = 2048
	// impactBudget bounds the memory a view spends on terms: two bytes
	// per document each, so 160 terms at 100,000 practices, 16 at a
	// million. The first asked are kept: common words recur.
	impactBudget = 32 << 20
	// partScale quantises the term-frequency part of BM25 (at most
	// k1+1): both the kept terms and the others are rounded alike, so a
	// score does not depend on what a view happens to keep.
	partScale = 1024
)

// impact is a kept term: its documents and each one's quantised part.
type impact struct {
	docs *roaring.Bitmap
	part []uint16 // by document number; zero where the term is absent
	df   uint64
}

// impactCache holds a view's kept terms.
type impactCache struct {
	mu    sync.RWMutex
	terms map[fieldTerm]*impactEntry
	spent int
	// floor is the document frequency from which a term is kept; tests
	// lower it to rank every term through the cache.
	floor uint64
	// sets are common terms' documents as matching reads them (a union
	// over the segments, renumbered: most of matching's time), kept
	// within setBudget.
	sets     map[fieldTerm]*roaring.Bitmap
	setBytes uint64
	none     map[fieldTerm]struct{} // terms in no document (absent)
}

// setBudget bounds the memory the sets of a view take: a common term's
// set is about a bit per practice.
const setBudget = 16 << 20

// set returns a kept set of documents, or nil.
func (c *impactCache) set(field, term string) *roaring.Bitmap {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.sets[fieldTerm{field, term}]
}

// keepSet keeps a common term's documents while the budget lasts.
func (c *impactCache) keepSet(field, term string, b *roaring.Bitmap) {
	if c.floor == 0 || b.GetCardinality() < c.floor {
		return
	}
	size := b.GetSizeInBytes()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.setBytes+size > setBudget {
		return
	}
	if c.sets == nil {
		c.sets = map[fieldTerm]*roaring.Bitmap{}
	}
	c.sets[fieldTerm{field, term}] = b
	c.setBytes += size
}

type fieldTerm struct{ field, term string }

// impactEntry builds its term once, whoever asks first; nil when it
// could not be built.
type impactEntry struct {
	get func() *impact
}

// tfPart is BM25's term-frequency part for a frequency and a field norm
// (the index keeps 1/√length), quantised.
func tfPart(freq uint64, norm float64, avgLen float64) float64 {
	tf := float64(freq)
	length := 1 / (norm * norm)
	part := tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*length/avgLen))
	return math.Round(part*partScale) / partScale
}

// kept returns a term kept already, or nil.
func (v *view) kept(field, term string) *impact {
	c := &v.impacts
	c.mu.RLock()
	e := c.terms[fieldTerm{field, term}]
	c.mu.RUnlock()
	if e == nil {
		return nil
	}
	return e.get()
}

// impactOf returns the kept term, building it on first ask, or nil when
// the term is not common enough or the budget is spent.
func (v *view) impactOf(field, term string, df uint64, avgLen float64) *impact {
	c := &v.impacts
	if df < c.floor || df == 0 {
		return nil
	}
	size := 2 * int(v.maxDoc())
	key := fieldTerm{field, term}
	c.mu.Lock()
	e := c.terms[key]
	if e == nil {
		if c.spent+size > impactBudget {
			c.mu.Unlock()
			return nil
		}
		if c.terms == nil {
			c.terms = map[fieldTerm]*impactEntry{}
		}
		// Built whatever the asking search's context: a cancelled
		// search must not leave the term unkept for every later one.
		e = &impactEntry{get: sync.OnceValue(func() *impact { return v.buildImpact(context.Background(), field, term, avgLen) })}
		c.terms[key] = e
		c.spent += size
	}
	c.mu.Unlock()
	return e.get()
}

// maxAbsent bounds how many absent terms a view remembers.
const maxAbsent = 1 << 16

// absent reports whether a term is known to be in no document of field:
// a query asks for dozens (the Hindi and Hinglish ways of saying an
// English word, in an English knowledge base), and opening a reader to
// find nothing costs a dictionary lookup in every segment.
func (c *impactCache) absent(field, term string) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	_, ok := c.none[fieldTerm{field, term}]
	return ok
}

func (c *impactCache) noteAbsent(field, term string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.none) >= maxAbsent {
		return
	}
	if c.none == nil {
		c.none = map[fieldTerm]struct{}{}
	}
	c.none[fieldTerm{field, term}] = struct{}{}
}

// maxDoc is one more than the highest document number.
func (v *view) maxDoc() uint32 {
	if v.all.IsEmpty() {
		return 0
	}
	return v.all.Maximum() + 1
}

// buildImpact walks the term's postings once, in order.
func (v *view) buildImpact(ctx context.Context, field, term string, avgLen float64) *impact {
	tfr, err := v.r.TermFieldReader(ctx, []byte(term), field, true, true, false)
	if err != nil {
		return nil
	}
	defer tfr.Close()
	imp := &impact{docs: roaring.New(), part: make([]uint16, v.maxDoc()), df: tfr.Count()}
	var tfd index.TermFieldDoc
	for {
		d, err := tfr.Next(&tfd)
		if err != nil {
			return nil
		}
		if d == nil {
			return imp
		}
		n, err := docNum(d.ID)
		if err != nil || n >= uint32(len(imp.part)) {
			return nil
		}
		imp.docs.Add(n)
		imp.part[n] = uint16(math.Round(tfPart(d.Freq, d.Norm, avgLen) * partScale))
	}
}

// keepTermsFrom is the document frequency from which a view keeps a term.
func (x *Index) keepTermsFrom(docs uint64) uint64 {
	if x.keepFrom != 0 {
		return x.keepFrom
	}
	return max(impactFloor, uint64(float64(docs)*impactShare))
}
