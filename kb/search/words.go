package search

import (
	"context"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/compendium-kb/compendium/kb"
)

// Officers type two or three words, and a word that a practice does not
// happen to contain ("human", "operation") must not hide it. So matching
// degrades as Meilisearch's "last" matching strategy does: the practices
// that match every word come first, then those that match fewer, ranked
// below and marked, never hidden. What is counted (the total, facets,
// statistics, exports, feeds) is one set: the practices that match every
// word that is not frequent in the knowledge base. A frequent word
// ("trafficking", "police" in a knowledge base about trafficking) still
// scores, but asking for it would only cut the few practices that do not
// say it.
const (
	// frequentShare: a unit matched by this share of the practices or
	// more is frequent.
	frequentShare = 0.4
	// frequentFloor: below this many practices no unit is frequent; in
	// a handful every word looks common.
	frequentFloor = 20
	// maxTiers bounds the partial matches' tiers (by how many units they
	// match): a long pasted query groups the rest in the last tier.
	maxTiers = 12
)

// wordMatch is what the plain words select beyond the counted matches.
type wordMatch struct {
	every *roaring.Bitmap // the matches that have every unit
	// sets are each unit's (and each word's of a term) matches: the
	// partial matches are those in some set and not counted, tiered by
	// how many sets they are in only when a page reaches them (tiering
	// costs a dozen operations on bitmaps of most of the index).
	sets     []*roaring.Bitmap
	more     *roaring.Bitmap // the partial matches, untiered
	frequent []string        // the units left out of what is counted
}

// matchWords evaluates the plan: the phrases, field filters and
// exclusions (base) and the units, and returns the counted matches with
// the partial ones.
func (v *view) matchWords(p *plan) (*roaring.Bitmap, wordMatch, error) {
	base, err := v.matches(p)
	if err != nil || len(p.units) == 0 {
		return base, wordMatch{every: base}, err
	}
	n := v.all.GetCardinality()
	sets := make([]*roaring.Bitmap, len(p.units))
	var needed, parts []*roaring.Bitmap
	var wm wordMatch
	for i, u := range p.units {
		s, err := v.eval(u.match)
		if err != nil {
			return nil, wm, err
		}
		*u.df = s.GetCardinality()
		if n >= frequentFloor && float64(s.GetCardinality()) >= frequentShare*float64(n) {
			wm.frequent = append(wm.frequent, u.text)
		} else {
			needed = append(needed, s)
		}
		sets[i] = roaring.And(s, base)
		for _, part := range u.parts {
			ps, err := v.eval(part.match)
			if err != nil {
				return nil, wm, err
			}
			*part.df = ps.GetCardinality()
			parts = append(parts, roaring.And(ps, base))
		}
	}
	if len(needed) == 0 { // every unit is frequent: all are asked
		needed, wm.frequent = sets, nil
	}
	matches := roaring.And(base, roaring.FastAnd(needed...))
	wm.every = roaring.FastAnd(sets...)
	wm.sets = append(sets[:len(sets):len(sets)], parts...)
	wm.more = roaring.AndNot(roaring.FastOr(wm.sets...), matches)
	return matches, wm, nil
}

// tiers groups the documents of sets that are not in counted by how many
// sets they are in, most first.
func tiers(sets []*roaring.Bitmap, counted *roaring.Bitmap) []*roaring.Bitmap {
	levels := atLeastEach(sets, min(len(sets), maxTiers))
	var out []*roaring.Bitmap
	seen := counted.Clone()
	for k := len(levels) - 1; k >= 1; k-- {
		t := roaring.AndNot(levels[k], seen)
		if !t.IsEmpty() {
			out = append(out, t)
			seen.Or(t)
		}
	}
	return out
}

// atLeastEach returns, for k from 1 to top, the documents in at least k
// of the sets (index k; the last level holds those in top or more).
func atLeastEach(sets []*roaring.Bitmap, top int) []*roaring.Bitmap {
	levels := make([]*roaring.Bitmap, top+1)
	for i := range levels {
		levels[i] = roaring.New()
	}
	for _, s := range sets {
		for k := top; k >= 1; k-- {
			if k == 1 {
				levels[1].Or(s)
			} else {
				levels[k].Or(roaring.And(levels[k-1], s))
			}
		}
	}
	return levels
}

// partialTiers tiers the partial matches, with the filters applied.
func (m matched) partialTiers() []*roaring.Bitmap {
	sets := make([]*roaring.Bitmap, len(m.words.sets))
	for i, s := range m.words.sets {
		sets[i] = roaring.And(s, m.words.more)
	}
	return tiers(sets, roaring.New())
}

// rankTiers returns the partial matches from the from-th to the to-th,
// tier by tier, each tier ranked by the plan's scoring terms.
func (v *view) rankTiers(ctx context.Context, p *plan, ts []*roaring.Bitmap, from, to int) ([]ranked, error) {
	var out []ranked
	seen := 0
	for _, t := range ts {
		n := int(t.GetCardinality())
		if seen+n <= from {
			seen += n
			continue
		}
		top, err := v.rank(ctx, p, t, to-seen)
		if err != nil {
			return nil, err
		}
		if len(top) < min(n, to-seen) { // some add no score: they follow
			top = append(top, unranked(t, top, to-seen-len(top))...)
		}
		for _, h := range top {
			if seen >= from {
				h.partial = true
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

// explain says how the words were matched: the partial matches, the
// frequent words, and a better query when this one finds little.
func (v *view) explain(q kb.Query, m matched, qb queryBuilder) kb.Matching {
	out := kb.Matching{Frequent: m.words.frequent}
	if m.plan == nil {
		return out
	}
	total := int(m.hits.GetCardinality())
	out.EveryWord = total
	if len(m.words.frequent) > 0 && m.words.every != nil {
		out.EveryWord = int(m.words.every.GetCardinality())
	}
	if m.words.more != nil {
		out.More = int(m.words.more.GetCardinality())
	}
	out.Named = m.plan.named
	out.Partial = total == 0 && out.More > 0
	out.DidYouMean = v.didYouMean(q, qb, total)
	if total == 0 {
		out.NearThemes = v.nearThemes(m)
	}
	return out
}

// nearThemes offers, for a query no practice answers, the themes most of
// its partial matches share (or, with none, the knowledge base's most
// common), for the reader to browse instead.
func (v *view) nearThemes(m matched) []string {
	docs := m.words.more
	if docs == nil || docs.IsEmpty() {
		docs = v.all
	}
	var out []string
	for _, fv := range v.count(facet{"theme", "themes", 3}, docs) {
		out = append(out, fv.Value)
	}
	return out
}
