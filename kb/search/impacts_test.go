package search

import (
	"context"
	"math"
	"testing"
)

// TestKeptTermsRankAsPostings ranks the same queries with every term read
// through zap and with every term kept in the view: the same documents,
// in the same order, with the same scores (both quantise alike).
func TestKeptTermsRankAsPostings(t *testing.T) {
	x := generatedIndex(t)
	ctx := context.Background()
	queries := []string{"police", "rescue victims", "bonded labour brick kilns", `"police trafficking"`,
		"railway station girls nepal", "traficking", "child trafficking police station", "women state:Goa"}
	rankAll := func() (out [][]ranked, kept int) {
		x.closeViews()
		v, err := x.acquire()
		if err != nil {
			t.Fatal(err)
		}
		defer v.release()
		for _, text := range queries {
			p := x.query.build(text, v)
			hits, err := v.matches(p)
			if err != nil {
				t.Fatal(err)
			}
			top, err := v.rank(ctx, p, hits, 30)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, top)
		}
		return out, len(v.impacts.terms)
	}
	x.keepFrom = math.MaxUint64
	read, none := rankAll()
	if none != 0 {
		t.Fatalf("%d terms kept with none asked to be", none)
	}
	x.keepFrom = 1
	kept, n := rankAll()
	if n < 10 {
		t.Fatalf("only %d terms kept with every term asked to be", n)
	}
	for i, q := range queries {
		if len(read[i]) == 0 {
			t.Errorf("%q ranks nothing: a weak test", q)
		}
		if len(read[i]) != len(kept[i]) {
			t.Fatalf("%q: %d ranked through postings, %d kept", q, len(read[i]), len(kept[i]))
		}
		for j := range read[i] {
			if read[i][j] != kept[i][j] {
				t.Errorf("%q #%d: through postings %+v, kept %+v", q, j, read[i][j], kept[i][j])
			}
		}
	}
}
