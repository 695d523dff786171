package search

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// A view is one snapshot of the index with its keyword fields held in
// memory as bitmaps of document numbers, one per value, as search engines
// keep filter caches: a filter is then a bitmap union, a facet count an
// intersection's cardinality, and sorting by year a walk over year
// buckets. Nothing is read per hit. Snapshots are immutable, so a view is
// built once and serves until the index changes (a write or a background
// merge makes a new snapshot).
type view struct {
	r       index.IndexReader
	mapping mapping.IndexMapping
	refs    atomic.Int32
	all     *roaring.Bitmap                       // every live document
	values  map[string]map[string]*roaring.Bitmap // field → value → documents
	bySize  map[string][]valueSet                 // field → its values, most documents first
	// Documents by their latest and by their earliest year, newest and
	// oldest first; the last bucket holds those without a year.
	byNewest, byOldest []*roaring.Bitmap
	years              []int              // of byNewest, descending
	lengths            map[string]float64 // average length of each scoring field
	// The snapshot's segments, to read a term's postings as a bitmap;
	// nil when the index is not laid out as expected, and postings are
	// then read document by document.
	segs    []segmentAt
	figs    figureColumns // read when statistics first ask (stats.go)
	impacts impactCache   // common terms, kept as they are asked (impacts.go)
}

// segmentAt is a segment and the number of its first document.
type segmentAt struct {
	seg    segment.Segment
	offset uint32
}

// bitmapPostings is a postings list that can hand over its documents as
// a bitmap (zap's, Bleve's segment format, can).
type bitmapPostings interface {
	OrInto(receiver *roaring.Bitmap)
}

// viewFields are the keyword fields a view keeps.
var viewFields = []string{"states", "themes", "exploitation", "document", "decades", "years", "source", "transit", "destination", "route", "figures", "evidence",
	"districts", "laws", "agencies", "added"}

func buildView(r index.IndexReader, m mapping.IndexMapping) (*view, error) {
	v := &view{r: r, mapping: m, all: roaring.New(), values: map[string]map[string]*roaring.Bitmap{}}
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	defer ids.Close()
	for {
		id, err := ids.Next()
		if err != nil {
			return nil, err
		}
		if id == nil {
			break
		}
		n, err := docNum(id)
		if err != nil {
			return nil, err
		}
		v.all.Add(n)
	}
	v.segs = segmentsOf(r, v.all)
	for _, f := range viewFields {
		if v.values[f], err = v.fieldBitmaps(f); err != nil {
			return nil, fmt.Errorf("reading field %s: %w", f, err)
		}
	}
	v.yearBuckets()
	v.bySize = map[string][]valueSet{}
	for field, vals := range v.values {
		v.bySize[field] = sizeOrder(vals)
	}
	return v, nil
}

// valueSet is a keyword field's value with its documents.
type valueSet struct {
	value string
	docs  *roaring.Bitmap
	n     uint64
}

// sizeOrder lists values by their number of documents, most first.
func sizeOrder(vals map[string]*roaring.Bitmap) []valueSet {
	out := make([]valueSet, 0, len(vals))
	for val, b := range vals {
		out = append(out, valueSet{val, b, b.GetCardinality()})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].n != out[j].n {
			return out[i].n > out[j].n
		}
		return out[i].value < out[j].value
	})
	return out
}

// segmentsOf lists the snapshot's segments with their offsets, as Bleve
// numbers documents (each segment's after the previous one's, deleted
// ones included), and checks the numbering against the live documents:
// on any difference the fast path is not used.
func segmentsOf(r index.IndexReader, all *roaring.Bitmap) []segmentAt {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil
	}
	var out []segmentAt
	live := roaring.New()
	var offset uint64
	for _, ss := range snap.Segments() {
		n := ss.Segment().Count()
		if offset+n > math.MaxUint32 {
			return nil
		}
		seg := roaring.New()
		seg.AddRange(offset, offset+n)
		if del := ss.Deleted(); del != nil {
			seg.AndNot(roaring.AddOffset(del, uint32(offset)))
		}
		live.Or(seg)
		out = append(out, segmentAt{seg: ss.Segment(), offset: uint32(offset)})
		offset += n
	}
	if !live.Equals(all) {
		return nil
	}
	return out
}

// postings returns the live documents with term in field.
// The bitmap returned may be shared: callers must not change it.
func (v *view) postings(field, term string) (*roaring.Bitmap, error) {
	if b := v.impacts.set(field, term); b != nil {
		return b, nil
	}
	if v.segs != nil {
		out, ok, err := v.segmentPostings(field, term)
		if err == nil && ok {
			v.impacts.keepSet(field, term, out)
		}
		if err != nil || ok {
			return out, err
		}
	}
	return termBitmap(context.Background(), v.r, field, term)
}

func (v *view) segmentPostings(field, term string) (*roaring.Bitmap, bool, error) {
	out := roaring.New()
	for _, s := range v.segs {
		dict, err := s.seg.Dictionary(field)
		if err != nil {
			return nil, false, err
		}
		pl, err := dict.PostingsList([]byte(term), nil, nil)
		if err != nil {
			return nil, false, err
		}
		bp, ok := pl.(bitmapPostings)
		if !ok {
			return nil, false, nil
		}
		local := roaring.New()
		bp.OrInto(local)
		if s.offset > 0 {
			local = roaring.AddOffset(local, s.offset)
		}
		out.Or(local)
	}
	out.And(v.all) // postings keep deleted documents until a merge
	return out, true, nil
}

// termBitmap reads a term's postings document by document.
func termBitmap(ctx context.Context, r index.IndexReader, field, term string) (*roaring.Bitmap, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return nil, err
	}
	defer tfr.Close()
	bm := roaring.New()
	var tfd index.TermFieldDoc
	for {
		d, err := tfr.Next(&tfd)
		if err != nil || d == nil {
			return bm, err
		}
		n, err := docNum(d.ID)
		if err != nil {
			return nil, err
		}
		bm.Add(n)
	}
}

// fieldBitmaps reads a keyword field's postings into a bitmap per value.
func (v *view) fieldBitmaps(field string) (map[string]*roaring.Bitmap, error) {
	out := map[string]*roaring.Bitmap{}
	dict, err := v.r.FieldDict(field)
	if err != nil {
		return nil, err
	}
	defer dict.Close()
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			return out, nil
		}
		bm, err := v.postings(field, e.Term)
		if err != nil {
			return nil, err
		}
		if !bm.IsEmpty() { // a term left only by deleted documents
			bm.RunOptimize()
			out[e.Term] = bm
		}
	}
}

// docNum reads Bleve's internal id: a document number in the snapshot.
func docNum(id index.IndexInternalID) (uint32, error) {
	if len(id) != 8 || id.Value() > math.MaxUint32 {
		return 0, fmt.Errorf("unexpected internal document id %x", []byte(id))
	}
	return uint32(id.Value()), nil
}

// yearBuckets partitions the documents by their latest year and by their
// earliest, from the year values.
func (v *view) yearBuckets() {
	var years []int
	for s := range v.values["years"] {
		if y, err := strconv.Atoi(s); err == nil {
			years = append(years, y)
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(years)))
	v.years = years
	partition := func(order []int) []*roaring.Bitmap {
		seen := roaring.New()
		var out []*roaring.Bitmap
		for _, y := range order {
			b := roaring.AndNot(v.values["years"][yearTerm(y)], seen)
			seen.Or(b)
			out = append(out, b)
		}
		return append(out, roaring.AndNot(v.all, seen))
	}
	v.byNewest = partition(years)
	asc := append([]int(nil), years...)
	sort.Ints(asc)
	v.byOldest = partition(asc)
}

// yearTerm is how a year is indexed: four digits sort as numbers do.
func yearTerm(y int) string { return fmt.Sprintf("%04d", y) }

// union returns the documents having any of the values of a field.
func (v *view) union(field string, values []string) *roaring.Bitmap {
	var bs []*roaring.Bitmap
	for _, val := range values {
		if b := v.values[field][val]; b != nil {
			bs = append(bs, b)
		}
	}
	return roaring.FastOr(bs...)
}

// inYears returns the documents with a year in one of the ranges.
func (v *view) inYears(ranges [][2]int) *roaring.Bitmap {
	var bs []*roaring.Bitmap
	for _, y := range v.years {
		for _, r := range ranges {
			if y >= r[0] && y <= r[1] {
				bs = append(bs, v.values["years"][yearTerm(y)])
				break
			}
		}
	}
	return roaring.FastOr(bs...)
}

func (v *view) release() {
	if v.refs.Add(-1) == 0 {
		_ = v.r.Close()
	}
}

// views hands out the view of the index's current snapshot, building it
// when the snapshot has changed.
type views struct {
	mu  sync.Mutex
	cur *view
}

// acquire returns the current view; release it when done.
func (x *Index) acquire() (*view, error) {
	r, err := x.adv.Reader()
	if err != nil {
		return nil, err
	}
	x.views.mu.Lock()
	defer x.views.mu.Unlock()
	if cur := x.views.cur; cur != nil && cur.r == r {
		_ = r.Close() // the view holds its own reference
		cur.refs.Add(1)
		return cur, nil
	}
	v, err := buildView(r, x.idx.Mapping())
	if err != nil {
		_ = r.Close()
		return nil, err
	}
	v.lengths = x.averageLengths(v)
	v.impacts.floor = x.keepTermsFrom(v.all.GetCardinality())
	v.refs.Store(2) // the caller's and the current view's
	if old := x.views.cur; old != nil {
		old.release()
	}
	x.views.cur = v
	return v, nil
}

// closeViews lets go of the current view (after a change, or before the
// index closes); searches still using it keep it until they end.
func (x *Index) closeViews() {
	x.views.mu.Lock()
	defer x.views.mu.Unlock()
	if x.views.cur != nil {
		x.views.cur.release()
		x.views.cur = nil
	}
}

// known reports whether any practice contains the word as typed.
func (v *view) known(word string) bool {
	dict, err := v.r.FieldDictRange("text_raw", []byte(word), []byte(word))
	if err != nil {
		return true // unsure: treat as known, so exact matches keep the lead
	}
	defer dict.Close()
	e, err := dict.Next()
	return err == nil && e != nil && e.Term == word
}

// maxNear is how many indexed words near a typed one are searched.
const maxNear = 10

// near returns the indexed words within one edit of word (two for words
// of eight letters or more) and those it begins, closest and most common
// first.
func (v *view) near(field, word string) []nearTerm {
	fuzziness := 1
	if len(word) >= 8 {
		fuzziness = 2
	}
	return v.nearWords(field, word, fuzziness, true)
}

// nearWords returns up to maxNear indexed words within fuzziness edits of
// word (with the same first letter), and, with completions, those word
// begins (counted one edit away); closest and most common first.
func (v *view) nearWords(field, word string, fuzziness int, completions bool) []nearTerm {
	type cand struct {
		nearTerm
		count uint64
	}
	var cands []cand
	collect := func(dict index.FieldDict, err error, distance func(index.DictEntry) int) {
		if err != nil {
			return
		}
		defer dict.Close()
		for i := 0; i < 10000; i++ {
			e, err := dict.Next()
			if err != nil || e == nil {
				return
			}
			cands = append(cands, cand{nearTerm{e.Term, distance(*e)}, e.Count})
		}
	}
	if fz, ok := v.r.(index.IndexReaderFuzzy); ok {
		dict, err := fz.FieldDictFuzzy(field, word, fuzziness, word[:1])
		collect(dict, err, func(e index.DictEntry) int { return max(1, int(e.EditDistance)) })
	}
	if completions {
		dict, err := v.r.FieldDictPrefix(field, []byte(word))
		collect(dict, err, func(index.DictEntry) int { return 1 })
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].distance != cands[j].distance {
			return cands[i].distance < cands[j].distance
		}
		if cands[i].count != cands[j].count {
			return cands[i].count > cands[j].count
		}
		return cands[i].term < cands[j].term
	})
	var out []nearTerm
	for _, c := range cands {
		if len(out) == maxNear {
			break
		}
		if !slices.ContainsFunc(out, func(n nearTerm) bool { return n.term == c.term }) {
			out = append(out, c.nearTerm)
		}
	}
	return out
}

// addedSince is the documents added on or after day (a term of the added
// field, "20061231").
func (v *view) addedSince(day string) *roaring.Bitmap {
	var bs []*roaring.Bitmap
	for d, b := range v.values["added"] {
		if d >= day {
			bs = append(bs, b)
		}
	}
	return roaring.FastOr(bs...)
}
