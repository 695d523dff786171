package search

import (
	"github.com/RoaringBitmap/roaring/v2"

	"github.com/compendium-kb/compendium/kb"
)

// A plan is a query compiled to indexed terms: a tree that says which
// documents match, evaluated on bitmaps of postings, and the terms that
// score a match, each with its weight. Matching and ranking are apart
// so that counts and facets are exact bitmap operations while ranking
// reads only the postings that can still change the top of the list.
type plan struct {
	must, not []*node
	// units are the plain words, grouped into what was asked (a word, a
	// listed term, a place): which of them a practice must match is
	// decided on their frequencies (words.go).
	units     []queryUnit
	current   *uint64         // while building: the document frequency cell of the unit being read
	unit      *uint64         // while building: the cell the other ways of saying a unit weigh by (nil: none)
	named     []kb.NamedField // the field values the words name
	leaves    []leaf
	highlight marker // the words in the text, to mark the passages shown (highlight.go)
}

// queryUnit is one thing asked: its text and the tree that matches it,
// and for a term of several words ("missing child"), each word's tree:
// a practice with some of the words is a partial match, ranked above one
// with none.
type queryUnit struct {
	text  string
	match *node
	df    *uint64 // how many practices it matches, once evaluated
	parts []part
}

// part is one word of a term of several, matched alone.
type part struct {
	match *node
	df    *uint64
}

// leaf is a term that adds to a matching document's score.
type leaf struct {
	field, term string
	boost       float64
	// unit is the unit the term is another way of saying (a synonym, a
	// translation, a tagged field, a place's other name), or -1. Its
	// inverse document frequency is at most the unit's: a rare way of
	// saying a common thing ("बाल कल्याण समिति" in three Hindi
	// practices, where forty English ones say "Child Welfare Committee")
	// must not outrank the words as typed.
	unit *uint64
}

// score adds a scoring term; a term met twice weighs the sum.
func (p *plan) score(field, term string, boost float64) {
	for i := range p.leaves {
		if p.leaves[i].field == field && p.leaves[i].term == term {
			p.leaves[i].boost += boost
			return
		}
	}
	p.leaves = append(p.leaves, leaf{field: field, term: term, boost: boost, unit: p.unit})
}

// df is the document frequency a leaf is weighed by: its term's, or its
// unit's when that is larger.
func (p *plan) df(l leaf, termDF uint64) uint64 {
	if l.unit != nil {
		return max(termDF, *l.unit)
	}
	return termDF
}

type op int

const (
	opTerm  op = iota // documents with term in field
	opAnd             // all kids
	opOr              // at least min kids
	opYears           // documents with a year in the range
	opNone            // no document
	opExact           // the documents of kids[0] in which phrase occurs
)

type node struct {
	op          op
	field, term string
	kids        []*node
	min         int
	years       [2]int
	phrase      []string // opExact: its terms in a row, "" for a stop word's place
}

func termNode(field, term string) *node { return &node{op: opTerm, field: field, term: term} }

func and(kids ...*node) *node {
	if len(kids) == 0 {
		return &node{op: opNone} // nothing left of the words: nothing to match
	}
	if len(kids) == 1 {
		return kids[0]
	}
	return &node{op: opAnd, kids: kids}
}

func or(min int, kids ...*node) *node {
	if len(kids) == 1 && min <= 1 {
		return kids[0]
	}
	return &node{op: opOr, kids: kids, min: min}
}

// matches evaluates the plan: the documents matching every must and no
// not.
func (v *view) matches(p *plan) (*roaring.Bitmap, error) {
	out := v.all
	for _, n := range p.must {
		b, err := v.eval(n)
		if err != nil {
			return nil, err
		}
		out = roaring.And(out, b)
	}
	for _, n := range p.not {
		b, err := v.eval(n)
		if err != nil {
			return nil, err
		}
		out = roaring.AndNot(out, b)
	}
	return out, nil
}

func (v *view) eval(n *node) (*roaring.Bitmap, error) {
	switch n.op {
	case opTerm:
		return v.postings(n.field, n.term)
	case opYears:
		return v.inYears([][2]int{n.years}), nil
	case opNone:
		return roaring.New(), nil
	case opExact:
		candidates, err := v.eval(n.kids[0])
		if err != nil || candidates.IsEmpty() {
			return candidates, err
		}
		return v.verify(n.phrase, candidates)
	}
	kids := make([]*roaring.Bitmap, len(n.kids))
	for i, k := range n.kids {
		b, err := v.eval(k)
		if err != nil {
			return nil, err
		}
		kids[i] = b
	}
	if n.op == opAnd {
		return roaring.FastAnd(kids...), nil
	}
	return atLeast(n.min, kids), nil
}

// atLeast returns the documents in at least min of the sets: level k
// holds those seen in k sets so far.
func atLeast(min int, sets []*roaring.Bitmap) *roaring.Bitmap {
	if min <= 1 {
		return roaring.FastOr(sets...)
	}
	if min > len(sets) {
		return roaring.New()
	}
	levels := make([]*roaring.Bitmap, min+1)
	for i := range levels {
		levels[i] = roaring.New()
	}
	for _, s := range sets {
		for k := min; k >= 1; k-- {
			var add *roaring.Bitmap
			if k == 1 {
				add = s
			} else {
				add = roaring.And(levels[k-1], s)
			}
			levels[k].Or(add)
		}
	}
	return levels[min]
}
