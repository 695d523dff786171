package search

import (
	"context"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	index "github.com/blevesearch/bleve_index_api"
)

// A phrase's candidates (the practices with all its pairs of words) are
// checked against the positions of its words in the title, summary and
// text. Bleve's phrase searcher did this with a document match, maps of
// locations and a conjunction searcher per field for every candidate:
// a three-word phrase of common words ("action police station") took
// 100 ms at 100,000 practices. The positions are read here directly.

// phraseTerms are a phrase's terms in a row, as the text analyzer makes
// them, with "" where a stop word was: the pairs already ask for a stop
// word there.
func phraseTerms(an analysis.Analyzer, phrase string) []string {
	var out []string
	toks := an.Analyze([]byte(phrase))
	for i, t := range toks {
		if i > 0 {
			for gap := toks[i-1].Position + 1; gap < t.Position; gap++ {
				out = append(out, "")
			}
		}
		out = append(out, string(t.Term))
	}
	return out
}

// verify keeps the candidates in which the phrase occurs in the title
// or the text. (The summary keeps no positions: a phrase found only there
// is not found.)
func (v *view) verify(phrase []string, candidates *roaring.Bitmap) (*roaring.Bitmap, error) {
	out := roaring.New()
	for _, field := range []string{"title", "text"} {
		left := roaring.AndNot(candidates, out)
		if left.IsEmpty() {
			break
		}
		found, err := v.verifyIn(field, phrase, left)
		if err != nil {
			return nil, err
		}
		out.Or(found)
	}
	return out, nil
}

// phraseCursor reads one term's positions in a field.
type phraseCursor struct {
	tfr    index.TermFieldReader
	tfd    index.TermFieldDoc
	id     index.IndexInternalID
	doc    uint32
	done   bool
	offset int // the term's place in the phrase
}

func (c *phraseCursor) advance(doc uint32) error {
	if c.done || c.doc >= doc && c.id != nil {
		return nil
	}
	c.id = index.NewIndexInternalID(c.id, uint64(doc))
	d, err := c.tfr.Advance(c.id, &c.tfd)
	if err != nil || d == nil {
		c.done = true
		return err
	}
	c.doc, err = docNum(d.ID)
	return err
}

// verifyIn keeps the candidates with the phrase in field.
func (v *view) verifyIn(field string, phrase []string, candidates *roaring.Bitmap) (*roaring.Bitmap, error) {
	out := roaring.New()
	var cs []*phraseCursor
	defer func() {
		for _, c := range cs {
			c.tfr.Close()
		}
	}()
	for i, term := range phrase {
		if term == "" {
			continue
		}
		tfr, err := v.r.TermFieldReader(context.Background(), []byte(term), field, true, false, true)
		if err != nil {
			return nil, err
		}
		cs = append(cs, &phraseCursor{tfr: tfr, offset: i})
		if tfr.Count() == 0 {
			return out, nil
		}
	}
	it := candidates.Iterator()
	for it.HasNext() {
		doc := it.Next()
		at := doc
		for _, c := range cs {
			if err := c.advance(doc); err != nil {
				return nil, err
			}
			if c.done {
				return out, nil
			}
			at = max(at, c.doc)
		}
		if at > doc {
			it.AdvanceIfNeeded(at)
			continue
		}
		if inARow(cs) {
			out.Add(doc)
		}
	}
	return out, nil
}

// inARow reports whether the cursors' terms stand at their places in
// the phrase somewhere in the current document.
func inARow(cs []*phraseCursor) bool {
	positions := func(c *phraseCursor) []uint64 {
		var out []uint64
		for _, tv := range c.tfd.Vectors {
			out = append(out, tv.Pos)
		}
		slices.Sort(out)
		return out
	}
	first := positions(cs[0])
	rest := make([][]uint64, len(cs)-1)
	for i, c := range cs[1:] {
		rest[i] = positions(c)
	}
	for _, p := range first {
		start := p - uint64(cs[0].offset)
		all := true
		for i, c := range cs[1:] {
			if _, ok := slices.BinarySearch(rest[i], start+uint64(c.offset)); !ok {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}
