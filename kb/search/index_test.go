package search_test

import (
	"context"
	"os"
	"path/filepath"
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
