package kb_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/search"
)

// manyPractices makes n practices of one document, each with a word of
// its own in its title (caseWord).
func manyPractices(n int) (kb.Document, []kb.Practice) {
	doc := kb.Document{ID: "many", Title: "Many cases", File: "many.pdf", SHA256: strings.Repeat("a", 64), Pages: n}
	ps := make([]kb.Practice, n)
	for i := range ps {
		ps[i] = kb.Practice{ID: fmt.Sprintf("many-%05d", i), Title: "Rescue " + caseWord(i),
			Text: "Police rescued children from a brick kiln.", States: []string{"Bihar"},
			Provenance: kb.Provenance{DocumentID: doc.ID, PageStart: i + 1, PageEnd: i + 1}}
	}
	return doc, ps
}

// caseWord is a word made of letters for the number i ("zqa", "zqb"…).
func caseWord(i int) string {
	w := []byte("zq")
	for ; i > 0 || len(w) == 2; i /= 26 {
		w = append(w, byte('a'+i%26))
	}
	return string(w)
}

// TestSaveAndReindexInBatches: an import of several index batches, each
// indexed while the next is stored and two at a time, leaves every
// practice in the database and the index; a rebuild from the database
// finds them all again.
func TestSaveAndReindexInBatches(t *testing.T) {
	ctx := context.Background()
	svc := newService(t)
	doc, ps := manyPractices(2345)
	if err := svc.SavePractices(ctx, doc, nil, ps); err != nil {
		t.Fatal(err)
	}
	stored, err := svc.Store.CountPractices(ctx)
	if err != nil || stored != len(ps) {
		t.Fatalf("stored %d (%v), want %d", stored, err, len(ps))
	}
	if n, err := svc.Index.Count(); err != nil || n != uint64(len(ps)) {
		t.Fatalf("indexed %d (%v), want %d", n, err, len(ps))
	}
	for _, i := range []int{0, 999, 1000, 2344} { // each side of a batch's edge
		res, err := svc.Search(ctx, kb.Query{Text: caseWord(i)})
		if err != nil || len(res.Hits) == 0 || res.Hits[0].ID != ps[i].ID {
			t.Fatalf("%s: %+v, %v; want %s first", caseWord(i), res.Hits, err, ps[i].ID)
		}
	}
	ix, _, err := search.Open(filepath.Join(t.TempDir(), "rebuilt"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	svc.Index = ix
	n, err := svc.Reindex(ctx)
	if err != nil || n != len(ps) {
		t.Fatalf("Reindex = %d, %v; want %d", n, err, len(ps))
	}
	if got, err := ix.Count(); err != nil || got != uint64(len(ps)) {
		t.Fatalf("rebuilt index holds %d (%v), want %d", got, err, len(ps))
	}
}

// TestIndexFailureAfterSaving: when the index cannot take the practices,
// the database still has them (it is the source of truth) and the error
// says to rebuild; a rebuild into a failing index says it failed.
func TestIndexFailureAfterSaving(t *testing.T) {
	ctx := context.Background()
	svc := newService(t)
	ix, _, err := search.Open(filepath.Join(t.TempDir(), "closed"))
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	svc.Index = ix
	doc, ps := manyPractices(1500)
	err = svc.SavePractices(ctx, doc, nil, ps)
	if err == nil || !strings.Contains(err.Error(), "saved, but indexing failed (run reindex)") {
		t.Fatalf("saving with a closed index: %v, want the advice to reindex", err)
	}
	if stored, err := svc.Store.CountPractices(ctx); err != nil || stored != len(ps) {
		t.Fatalf("stored %d (%v), want %d", stored, err, len(ps))
	}
	if n, err := svc.Reindex(ctx); err == nil || n != 0 || !strings.Contains(err.Error(), "indexing") {
		t.Fatalf("Reindex into a closed index = %d, %v; want 0 and an indexing error", n, err)
	}
}
