package kb

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestScoreRanking checks each figure against one worked by hand.
func TestScoreRanking(t *testing.T) {
	jq := JudgedQuery{Query: "int bhatta", Relevant: []Judgement{{"A", 2}, {"B", 1}, {"C", 2}}}
	// Ideal: A or C, then the other (gain 3 each), then B (gain 1).
	idcg := 3 + 3/math.Log2(3) + 1/math.Log2(4)
	for _, c := range []struct {
		name              string
		titles            []string
		ndcg, r3, r10, rr float64
		lang              string
		query             string
		wantLang          string
	}{
		{"perfect", []string{"A", "C", "B"}, 1, 1, 1, 1, "", "int bhatta", "en"},
		{"answer second", []string{"X", "A", "B"}, (3/math.Log2(3) + 1/math.Log2(4)) / idcg, 0.5, 2.0 / 3, 0.5, "hi-Latn", "int bhatta", "hi-Latn"},
		{"only the useful one, eleventh", []string{"X", "X", "X", "X", "X", "X", "X", "X", "X", "X", "B"}, 0, 0, 0, 0, "", "ईंट भट्ठा", "hi"},
		{"nothing found", nil, 0, 0, 0, 0, "", "ईंट", "hi"},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := jq
			q.Lang, q.Query = c.lang, c.query
			got := scoreRanking(q, c.titles)
			for _, f := range []struct {
				name      string
				got, want float64
			}{{"nDCG@10", got.NDCG10, c.ndcg}, {"recall@3", got.Recall3, c.r3}, {"recall@10", got.Recall10, c.r10}, {"RR", got.RR, c.rr}} {
				if math.Abs(f.got-f.want) > 1e-9 {
					t.Errorf("%s %.4f, want %.4f", f.name, f.got, f.want)
				}
			}
			if got.Lang != c.wantLang || got.Relevant != 3 {
				t.Errorf("language %q and %d relevant, want %q and 3", got.Lang, got.Relevant, c.wantLang)
			}
		})
	}
}

// TestGroups checks that parts, languages and kinds are summed apart and
// in order: tuning before held out, kinds before their language's total.
func TestGroups(t *testing.T) {
	rep := RelevanceReport{Queries: []QueryScore{
		{Lang: "hi", Kind: "place", Recall10: 1, RR: 1},
		{Lang: "en", Kind: "law", Recall10: 0.5},
		{Lang: "en", Kind: "place", Recall10: 1, RR: 0.5},
		{Lang: "en", Kind: "place", Heldout: true, Recall10: 0},
	}}
	var got []string
	for _, g := range rep.Groups(true) {
		got = append(got, g.Lang+"/"+g.Kind)
		if g.Lang == "en" && g.Kind == "" && !g.Heldout && (g.Queries != 2 || g.Recall10 != 0.75 || g.MRR != 0.25) {
			t.Errorf("tuning English: %+v, want 2 queries, recall@10 0.75, MRR 0.25", g.RelevanceSummary)
		}
	}
	want := []string{"en/law", "en/place", "en/", "hi/place", "hi/", "/", "en/place", "en/", "/"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
}
