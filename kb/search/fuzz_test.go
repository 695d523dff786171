package search_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/search"
)

// FuzzSearchQuery: whatever is typed, a query that passes Normalize is
// answered without an error and with a consistent page. Run longer by
// hand: go test ./kb/search -run '^$' -fuzz FuzzSearchQuery -fuzztime 10m
func FuzzSearchQuery(f *testing.F) {
	for _, s := range []string{"rescue", `"inter-state rescue"`, "-kilns state:Odisha", "year:2000-2009 theme:rescue", `title:"`, `"unbalanced`, "resuce kilns", "--", "state:", "ब्रिक भट्ठा"} {
		f.Add(s, "", 1)
	}
	ix, _, err := search.Open(filepath.Join(f.TempDir(), "index"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { ix.Close() })
	if err := ix.Put(context.Background(), corpus); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, state string, page int) {
		q := kb.Query{Text: text, Page: page % 5, Size: 3}
		if state != "" {
			q.States = []string{state}
		}
		q, err := q.Normalize()
		if err != nil {
			return // refused with a message, as the API answers 400
		}
		res, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Fatalf("Search(%q, state %q): %v", text, state, err)
		}
		if len(res.Hits) > q.Size || res.Total+res.More < len(res.Hits) {
			t.Fatalf("Search(%q): %d hits of %d and %d partial, page size %d", text, len(res.Hits), res.Total, res.More, q.Size)
		}
		for i, h := range res.Hits {
			if counted := (q.Page-1)*q.Size + i; h.Partial != (counted >= res.Total) {
				t.Fatalf("Search(%q): hit %d of page %d partial %v with a total of %d: partial hits follow the counted ones", text, i, q.Page, h.Partial, res.Total)
			}
		}
	})
}
