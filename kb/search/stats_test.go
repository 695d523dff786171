package search

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/compendium-kb/compendium/kb"
)

// routedIndex indexes generated practices with routes and figures.
func routedIndex(t testing.TB, n int) (*Index, []kb.Practice) {
	t.Helper()
	x, _, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	ps := generated(n, 11)
	places := []string{"Jharkhand", "Delhi", "Assam", "Tamil Nadu", "Nepal", "Bihar", "Maharashtra"}
	for i := range ps {
		if i%3 != 0 {
			ps[i].Routes = []kb.Route{{Source: kb.Place{Region: places[i%len(places)]}, Destination: kb.Place{Region: places[(i/2)%len(places)]}}}
			if i%5 == 0 {
				ps[i].Routes[0].Transit = []kb.Place{{Region: "Uttar Pradesh", Locality: "Gorakhpur"}}
			}
		}
		if i%4 == 0 {
			ps[i] = ps[i].WithFigureCounts(map[string]int{"rescued": i % 50, "arrested": i % 7})
		}
		ps[i].Exploitation = []string{[]string{"begging", "child labour", "domestic servitude"}[i%3]}
	}
	for i := 0; i < len(ps); i += 500 {
		if err := x.Put(context.Background(), ps[i:min(i+500, len(ps))]); err != nil {
			t.Fatal(err)
		}
	}
	return x, ps
}

// TestStatsEqualFacets asks statistics and search the same queries: every
// facet value the search shows has the count statistics give it.
func TestStatsEqualFacets(t *testing.T) {
	x, _ := routedIndex(t, 800)
	ctx := context.Background()
	queries := []kb.Query{
		{},
		{Text: "rescue police"},
		{States: []string{"Goa", "Bihar"}, Themes: []string{"rescue"}},
		{Text: "border", Sources: []string{"Nepal"}, Destinations: []string{"Delhi", "Assam"}},
		{Routes: []string{"Jharkhand → Delhi"}, Years: []string{"2005-2014"}},
		{Text: "from:Assam train"},
	}
	pairs := map[string]string{"state": "state", "theme": "theme", "exploitation": "exploitation", "document": "document", "evidence": "evidence",
		"source": "source", "transit": "transit", "destination": "destination", "route": "route"}
	for _, q := range queries {
		q.Page, q.Size = 1, 10
		res, err := x.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for group, facet := range pairs {
			st, err := x.Stats(ctx, q, group, false)
			if err != nil {
				t.Fatal(err)
			}
			if st.Total != res.Total {
				t.Errorf("%+v by %s: total %d, search says %d", q, group, st.Total, res.Total)
			}
			counts := map[string]int{}
			for _, g := range st.Groups {
				counts[g.Key] = g.Count
			}
			for _, fv := range res.Facets[facet] {
				if counts[fv.Value] != fv.Count {
					t.Errorf("%+v: %s %q counts %d in statistics, %d in the facet", q, group, fv.Value, counts[fv.Value], fv.Count)
				}
			}
			if len(res.Facets[facet]) > len(st.Groups) {
				t.Errorf("%+v: the %s facet has %d values, statistics %d", q, facet, len(res.Facets[facet]), len(st.Groups))
			}
		}
		years, err := x.Stats(ctx, q, "year", false)
		if err != nil {
			t.Fatal(err)
		}
		decades := map[string]int{} // generated practices have one year each
		for _, g := range years.Groups {
			var y int
			fmt.Sscan(g.Key, &y)
			decades[decade(y)] += g.Count
		}
		for _, fv := range res.Facets["year"] {
			if decades[fv.Value] != fv.Count {
				t.Errorf("%+v: years of %s sum to %d in statistics, the facet says %d", q, fv.Value, decades[fv.Value], fv.Count)
			}
		}
	}
}

// TestFigureTotals checks totals against a sum over the practices.
func TestFigureTotals(t *testing.T) {
	x, ps := routedIndex(t, 400)
	st, err := x.Stats(context.Background(), kb.Query{States: []string{"Goa"}}, "state", true)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]kb.FigureTotal{}
	for _, p := range ps {
		if len(p.States) == 0 || p.States[0] != "Goa" {
			continue
		}
		for m, n := range p.FigureCounts() {
			ft := want[m]
			ft.Total += n
			ft.Practices++
			want[m] = ft
		}
	}
	if len(want) == 0 {
		t.Fatal("the generated practices in Goa report no figures: the test checks nothing")
	}
	for _, got := range st.Figures {
		w := want[got.Measure]
		if got.Total != w.Total || got.Practices != w.Practices {
			t.Errorf("%s: total %d over %d practices, want %d over %d", got.Measure, got.Total, got.Practices, w.Total, w.Practices)
		}
	}
}

// TestEachListsEveryHit exports a query and checks the practices match
// the search's total, each once, with their routes.
func TestEachListsEveryHit(t *testing.T) {
	x, _ := routedIndex(t, 400)
	ctx := context.Background()
	q := kb.Query{Sources: []string{"Assam"}, Page: 1, Size: 10}
	res, err := x.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	err = x.Each(ctx, q, func(p kb.Practice) error {
		if seen[p.ID] {
			t.Errorf("%s listed twice", p.ID)
		}
		seen[p.ID] = true
		if len(p.Routes) == 0 || p.Routes[0].Source.Region != "Assam" {
			t.Errorf("%s: routes %v, want a route from Assam", p.ID, p.Routes)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != res.Total || res.Total == 0 {
		t.Errorf("exported %d practices, the search finds %d", len(seen), res.Total)
	}
}

// TestSegmentCardsEqualDocuments: cards read straight from the segments
// (exports) are those Bleve's Document gives, over several segments and
// with deleted documents among them.
func TestSegmentCardsEqualDocuments(t *testing.T) {
	x, ps := routedIndex(t, 1200)
	if err := x.Delete(context.Background(), []string{ps[3].ID, ps[700].ID}); err != nil {
		t.Fatal(err)
	}
	v, err := x.acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer v.release()
	if len(v.segs) < 2 {
		t.Logf("%d segments: the test is weaker with one", len(v.segs))
	}
	if v.segs == nil {
		t.Fatal("the view does not know its segments: exports would take the slow path")
	}
	n := 0
	for it := v.all.Iterator(); it.HasNext(); n++ {
		doc := it.Next()
		fast, err := v.segmentCard(doc)
		if err != nil {
			t.Fatal(err)
		}
		slow, err := v.documentCard(doc)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(slow, fast); diff != "" {
			t.Fatalf("document %d: the segment's card differs from the document's (-document +segment):\n%s", doc, diff)
		}
	}
	if n != len(ps)-2 {
		t.Errorf("%d cards compared, want %d", n, len(ps)-2)
	}
}

// TestEachStopsAtTheFirstError: an export whose writer fails (the client
// went away) stops reading, and says why.
func TestEachStopsAtTheFirstError(t *testing.T) {
	x, _ := routedIndex(t, 1200)
	failed := errors.New("client went away")
	n := 0
	err := x.Each(context.Background(), kb.Query{}, func(kb.Practice) error {
		if n++; n == 700 {
			return failed
		}
		return nil
	})
	if !errors.Is(err, failed) || n != 700 {
		t.Errorf("Each after its writer failed at the 700th practice: %v, %d calls; want the writer's error after 700", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = x.Each(ctx, kb.Query{}, func(kb.Practice) error {
		if n++; n == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != exportBatch {
		t.Errorf("Each cancelled during its first batch: %v after %d calls; want context.Canceled after the batch of %d", err, n, exportBatch)
	}
}
