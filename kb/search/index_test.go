package search_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/search"
)

var corpus = []kb.Practice{
	{ID: "rescue", Title: "Inter-State Rescue of Trafficked Women from Bhiwandi", Summary: "A raid party rescued 28 women.",
		Text: "The police of Andhra Pradesh coordinated an inter-state rescue with Thane police and an NGO.", States: []string{"Andhra Pradesh", "Maharashtra"}, Themes: []string{"rescue"}, Years: []int{2007}},
	{ID: "kilns", Title: "Freeing Bonded Labourers from Brick Kilns", Summary: "Bonded labour released by joint raids.",
		Text: "Families from Odisha were kept in debt bondage at brick kilns. Release certificates were issued under the Bonded Labour System (Abolition) Act.", States: []string{"Tamil Nadu", "Odisha"}, Themes: []string{"rescue", "prosecution and conviction"}, Years: []int{2008}},
	{ID: "schools", Title: "Awareness Campaign in Schools", Summary: "Students learn about safe migration.",
		Text: "Police officers visited schools with a film and the Childline number. No rescue was needed.", States: []string{"Assam"}, Themes: []string{"prevention and awareness"}, Years: []int{2011}},
}

func openIndex(t *testing.T) *search.Index {
	t.Helper()
	ix, fresh, err := search.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	if !fresh {
		t.Fatal("a new index must report that it is fresh")
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Put(context.Background(), corpus); err != nil {
		t.Fatal(err)
	}
	return ix
}

func ids(r kb.IndexResults) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	return out
}

func TestSearch(t *testing.T) {
	ix := openIndex(t)
	tests := []struct {
		name  string
		q     kb.Query
		first string
		not   []string
		total int // -1: do not check
	}{
		{"words in title rank first", kb.Query{Text: "inter-state rescue"}, "rescue", nil, -1},
		{"stemmed body words", kb.Query{Text: "bonded labour"}, "kilns", nil, -1},
		{"phrase", kb.Query{Text: `"debt bondage"`}, "kilns", []string{"rescue", "schools"}, 1},
		{"exclusion", kb.Query{Text: "rescue -kilns"}, "rescue", []string{"kilns"}, -1},
		{"state filter", kb.Query{Text: "police", States: []string{"Odisha"}}, "", []string{"rescue", "schools"}, 0},
		{"state filter keeps matches in that state", kb.Query{Text: "bonded", States: []string{"Odisha"}}, "kilns", nil, 1},
		{"state field syntax with an old name", kb.Query{Text: "state:Orissa"}, "kilns", nil, 1},
		{"theme filter", kb.Query{Themes: []string{"prevention and awareness"}}, "schools", nil, 1},
		{"year syntax", kb.Query{Text: "year:2011"}, "schools", nil, 1},
		{"year range syntax", kb.Query{Text: "year:2007-2008"}, "", []string{"schools"}, 2},
		{"exclusion alone", kb.Query{Text: "-rescue"}, "kilns", []string{"rescue", "schools"}, 1},
		{"excluded phrase", kb.Query{Text: `police -"inter-state rescue"`}, "", []string{"rescue"}, 1},
		{"a synonym's other form", kb.Query{Text: "forced labour"}, "kilns", nil, 1},
		{"newest first among matches", kb.Query{Text: "police", Sort: kb.SortNewest}, "schools", nil, 2},
		{"empty query lists all", kb.Query{}, "", nil, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := tt.q.Normalize()
			if err != nil {
				t.Fatal(err)
			}
			res, err := ix.Search(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			got := ids(res)
			if tt.first != "" && (len(got) == 0 || got[0] != tt.first) {
				t.Errorf("hits %v, want %q first", got, tt.first)
			}
			for _, n := range tt.not {
				for _, id := range got {
					if id == n {
						t.Errorf("hits %v must not contain %q", got, n)
					}
				}
			}
			if tt.total >= 0 && res.Total != tt.total {
				t.Errorf("total %d, want %d", res.Total, tt.total)
			}
		})
	}
}

func TestFacetsAndSnippets(t *testing.T) {
	ix := openIndex(t)
	all, _ := kb.Query{}.Normalize()
	res, err := ix.Search(context.Background(), all)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, v := range res.Facets["theme"] {
		counts[v.Value] = v.Count
	}
	if counts["rescue"] != 2 || counts["prevention and awareness"] != 1 {
		t.Errorf("theme facet = %v, want rescue 2 and prevention 1", res.Facets["theme"])
	}
	q, _ := kb.Query{Text: "rescue"}.Normalize()
	if res, err = ix.Search(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Snippet, "<mark>rescue</mark>") {
		t.Errorf("first snippet %q should mark the matched word", res.Hits[0].Snippet)
	}
	for _, h := range append(res.Hits, find(t, ix, kb.Query{}).Hits...) {
		want := byID(h.ID)
		if h.Card == nil || h.Card.Title != want.Title || !slices.Equal(h.Card.States, want.States) || h.Card.Text != "" {
			t.Errorf("hit %s: card %+v, want the practice without its text", h.ID, h.Card)
		}
	}
}

func byID(id string) kb.Practice {
	for _, p := range corpus {
		if p.ID == id {
			return p
		}
	}
	return kb.Practice{}
}

// TestHostileQueries: nothing a user types makes search fail.
func TestHostileQueries(t *testing.T) {
	ix := openIndex(t)
	for _, text := range []string{`"unbalanced`, `-`, `--`, `:::`, `state:`, `title:"`, `a AND OR NOT`, `*?~^`, `<script>alert(1)</script>`, `{"$gt": ""}`, strings.Repeat("rescue ", 70), `year:20x1`, `"" "" -""`} {
		q, err := kb.Query{Text: text}.Normalize()
		if err != nil {
			continue // refused up front with a clear message: fine
		}
		if _, err := ix.Search(context.Background(), q); err != nil {
			t.Errorf("Search(%q) failed: %v", text, err)
		}
	}
}

func TestVersionMismatchRebuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, _, err := search.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(context.Background(), corpus); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix, fresh, err := search.Open(dir)
	if err != nil || fresh {
		t.Fatalf("reopening the same version: fresh=%v err=%v, want kept", fresh, err)
	}
	if n, _ := ix.Count(); n != uint64(len(corpus)) {
		t.Errorf("kept index has %d docs, want %d", n, len(corpus))
	}
	ix.Close()
	// Damage the index: it is derived data and must be rebuilt, not fatal.
	if err := os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte("{broken"), 0o600); err != nil {
		t.Fatal(err)
	}
	ix, fresh, err = search.Open(dir)
	if err != nil || !fresh {
		t.Fatalf("opening a damaged index: fresh=%v err=%v, want a fresh one", fresh, err)
	}
	if n, _ := ix.Count(); n != 0 {
		t.Errorf("rebuilt index has %d docs, want 0", n)
	}
	ix.Close()
}

func find(t *testing.T, ix *search.Index, q kb.Query) kb.IndexResults {
	t.Helper()
	q, err := q.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestTypoSynonymsAndWordForms(t *testing.T) {
	ix := openIndex(t)
	for _, tt := range []struct{ text, first string }{
		{"bondage", "kilns"},
		{"bonded labor", "kilns"},        // US spelling through the synonym list
		{"brik kilns", "kilns"},          // a typo
		{"rescu", "rescue"},              // a word cut short
		{"Orissa families", "kilns"},     // an old state name
		{"childline", "schools"},         // an exact word still works
		{"inter state rescue", "rescue"}, // hyphen typed as a space
	} {
		res := find(t, ix, kb.Query{Text: tt.text})
		if got := ids(res); len(got) == 0 || got[0] != tt.first {
			t.Errorf("%q: hits %v, want %q first", tt.text, got, tt.first)
		}
	}
	// Tolerance must not outrank an exact match.
	ix2 := openIndex(t)
	if err := ix2.Put(context.Background(), []kb.Practice{{ID: "near", Title: "Kiln safety", Text: "bricks and a kil of clay"}}); err != nil {
		t.Fatal(err)
	}
	if got := ids(find(t, ix2, kb.Query{Text: "kilns"})); len(got) < 2 || got[0] != "kilns" {
		t.Errorf("exact match should come first: %v", got)
	}
}

func TestDisjunctiveFacets(t *testing.T) {
	ix := openIndex(t)
	res := find(t, ix, kb.Query{States: []string{"Assam"}})
	if res.Total != 1 {
		t.Fatalf("Assam: %d hits, want 1", res.Total)
	}
	counts := map[string]int{}
	for _, v := range res.Facets["state"] {
		counts[v.Value] = v.Count
	}
	// The state facet ignores its own filter: other states stay choosable.
	if counts["Andhra Pradesh"] != 1 || counts["Assam"] != 1 || counts["Odisha"] != 1 {
		t.Errorf("state facet under a state filter = %v", res.Facets["state"])
	}
	// Two states are ORed; a theme is ANDed with them.
	res = find(t, ix, kb.Query{States: []string{"Assam", "Odisha"}})
	if res.Total != 2 {
		t.Errorf("Assam or Odisha: %d hits, want 2", res.Total)
	}
	res = find(t, ix, kb.Query{States: []string{"Assam", "Odisha"}, Themes: []string{"rescue"}})
	if got := ids(res); res.Total != 1 || got[0] != "kilns" {
		t.Errorf("(Assam or Odisha) and rescue: %v", got)
	}
	res = find(t, ix, kb.Query{Years: []string{"2010-2019"}})
	if got := ids(res); res.Total != 1 || got[0] != "schools" {
		t.Errorf("years 2010-2019: %v", got)
	}
}

func TestSortAndPagination(t *testing.T) {
	ix := openIndex(t)
	if got := ids(find(t, ix, kb.Query{Sort: kb.SortNewest})); len(got) != 3 || got[0] != "schools" || got[2] != "rescue" {
		t.Errorf("newest first: %v", got)
	}
	if got := ids(find(t, ix, kb.Query{Sort: kb.SortOldest})); len(got) != 3 || got[0] != "rescue" {
		t.Errorf("oldest first: %v", got)
	}
	var paged []string
	for page := 1; page <= 3; page++ {
		paged = append(paged, ids(find(t, ix, kb.Query{Text: "police", Page: page, Size: 1}))...)
	}
	all := ids(find(t, ix, kb.Query{Text: "police", Size: 10}))
	if strings.Join(paged, ",") != strings.Join(all[:len(paged)], ",") {
		t.Errorf("pages %v differ from the single list %v", paged, all)
	}
}

func TestSuggestSimilarAndDidYouMean(t *testing.T) {
	ix := openIndex(t)
	sugs, err := ix.Suggest(context.Background(), "bond", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(sugs) == 0 || sugs[0].Kind != "title" || !strings.HasPrefix(sugs[0].Text, "Freeing Bonded") {
		t.Errorf("suggestions for bond: %+v", sugs)
	}
	res := find(t, ix, kb.Query{Text: "brikc kilns xyzzyq"})
	if res.Total != 0 || len(res.Hits) == 0 || res.Hits[0].ID != "kilns" || res.DidYouMean != "" {
		t.Errorf("brikc kilns xyzzyq: total %d, hits %v, did you mean %q: want only partial hits led by kilns, and no suggestion (a corrected brikc finds no more: nothing has xyzzyq)", res.Total, ids(res), res.DidYouMean)
	}
	res = find(t, ix, kb.Query{Text: "bondagge"})
	if res.Total == 0 && !strings.Contains(res.DidYouMean, "bondage") {
		t.Errorf("did you mean for bondagge = %q", res.DidYouMean)
	}
	extra := kb.Practice{ID: "kilns2", Title: "Brick kiln raids in Odisha", Text: "Debt bondage at brick kilns; release certificates under the Bonded Labour System (Abolition) Act.", States: []string{"Odisha"}, Themes: []string{"rescue"}}
	if err := ix.Put(context.Background(), []kb.Practice{extra}); err != nil {
		t.Fatal(err)
	}
	sim, err := ix.Similar(context.Background(), corpus[1], 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(sim) == 0 || sim[0].ID != "kilns2" {
		t.Errorf("similar to the kilns case: %+v, want kilns2 first", sim)
	}
	for _, h := range sim {
		if h.ID == corpus[1].ID {
			t.Error("a practice is not similar to itself")
		}
	}
}

// TestCacheSeesChanges: a cached answer never hides a change to the index.
func TestCacheSeesChanges(t *testing.T) {
	ix := openIndex(t)
	before := find(t, ix, kb.Query{Text: "kiln"})
	again := find(t, ix, kb.Query{Text: "kiln"})
	if hits, _ := ix.CacheStats(); hits == 0 || again.Total != before.Total {
		t.Fatalf("the repeated search was not served from the cache (hits %d)", hits)
	}
	if err := ix.Put(context.Background(), []kb.Practice{{ID: "new", Title: "Kiln raids", Text: "kiln"}}); err != nil {
		t.Fatal(err)
	}
	if after := find(t, ix, kb.Query{Text: "kiln"}); after.Total != before.Total+1 {
		t.Errorf("after adding a practice: %d hits, want %d", after.Total, before.Total+1)
	}
	if err := ix.Delete(context.Background(), []string{"new"}); err != nil {
		t.Fatal(err)
	}
	if after := find(t, ix, kb.Query{Text: "kiln"}); after.Total != before.Total {
		t.Errorf("after deleting it: %d hits, want %d", after.Total, before.Total)
	}
}

// TestMostWordsWhenNoneHasAll: when no practice has every word, those
// with most of them come back, marked partial and not counted; otherwise
// never.
func TestMostWordsWhenNoneHasAll(t *testing.T) {
	ix := openIndex(t)
	q, _ := kb.Query{Text: "Bhiwandi kilns Childline awareness"}.Normalize()
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Partial || res.Total != 0 || res.More == 0 || res.Hits[0].ID != "schools" || !res.Hits[0].Partial {
		t.Errorf("partial %v, total %d, more %d, hits %v: want only partial results led by schools (two of the words)", res.Partial, res.Total, res.More, ids(res))
	}
	q, _ = kb.Query{Text: "brick kilns"}.Normalize()
	if res, err = ix.Search(context.Background(), q); err != nil || res.Partial || res.Total != 1 {
		t.Errorf("brick kilns: partial %v, total %d, %v", res.Partial, res.Total, err)
	}
}

// TestTypoIsMarked: the snippet marks the word a typo was taken for.
func TestTypoIsMarked(t *testing.T) {
	ix := openIndex(t)
	res := find(t, ix, kb.Query{Text: "bondage kilnss"})
	if len(res.Hits) == 0 {
		t.Fatal("no hit")
	}
	if !strings.Contains(res.Hits[0].Snippet, "<mark>kilns</mark>") {
		t.Errorf("hits %v, first snippet %q: want kilns marked", ids(res), res.Hits[0].Snippet)
	}
}

// TestSearchNormalisesQueries: a query that skipped the service's
// normalising (no page, no size, no sort) lists the first page; one out
// of bounds is refused with a bad-request error, never a panic.
func TestSearchNormalisesQueries(t *testing.T) {
	ix := openIndex(t)
	for _, q := range []kb.Query{{}, {Text: "rescue"}, {Sort: kb.SortNewest}} {
		res, err := ix.Search(context.Background(), q)
		if err != nil || len(res.Hits) == 0 {
			t.Errorf("Search(%+v) = %d hits, %v; want the first page", q, len(res.Hits), err)
		}
	}
	for _, q := range []kb.Query{{Page: -1}, {Size: -5}, {Page: 2000}} {
		if _, err := ix.Search(context.Background(), q); !errors.Is(err, kb.ErrBadRequest) {
			t.Errorf("Search(%+v): %v, want a bad request", q, err)
		}
	}
}
