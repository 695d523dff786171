package kb_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb"
	"github.com/compendium-kb/compendium/kb/mongodb/mongotest"
	"github.com/compendium-kb/compendium/kb/search"
)

func newService(t *testing.T) *kb.Service {
	t.Helper()
	svc, _ := newServiceAndStore(t)
	return svc
}

// newServiceAndStore also returns the store, for the accounts and review
// services that share it.
func newServiceAndStore(t *testing.T) (*kb.Service, *mongodb.Store) {
	t.Helper()
	ix, _, err := search.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	store := mongotest.New(t)
	return kb.NewService(store, ix, indexer.InProcess{}, slog.New(slog.NewTextHandler(io.Discard, nil))), store
}

func sample(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestImportIsIdempotentAndReplacesChangedFiles(t *testing.T) {
	ctx := context.Background()
	svc := newService(t)
	first := sample(t, "law-enforcement-compendium.pdf")
	res, err := svc.ImportWith(ctx, "compendium.pdf", first, kb.ImportOptions{PublishAll: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != kb.Added || res.Added != 11 {
		t.Fatalf("first import: %+v, want added with 11 case studies", res)
	}
	again, err := svc.ImportWith(ctx, "somewhere/else/compendium.pdf", first, kb.ImportOptions{PublishAll: true})
	if err != nil {
		t.Fatal(err)
	}
	if again.Outcome != kb.Unchanged || again.Unchanged != 11 || again.Added != 0 {
		t.Errorf("re-import of the same bytes: %+v, want unchanged 11", again)
	}
	// A different file under the same name replaces the earlier edition.
	changed, err := svc.ImportWith(ctx, "compendium.pdf", sample(t, "state-casebook.pdf"), kb.ImportOptions{PublishAll: true})
	if err != nil {
		t.Fatal(err)
	}
	if changed.Outcome != kb.Updated || changed.Removed != 11 || changed.Added != 11 {
		t.Errorf("changed edition: %+v, want updated with 11 removed and 11 added", changed)
	}
	n, err := svc.Store.CountPractices(ctx)
	if err != nil || n != 11 {
		t.Errorf("stored practices = %d (%v), want 11", n, err)
	}
	if c, _ := svc.Index.Count(); c != 11 {
		t.Errorf("indexed practices = %d, want 11", c)
	}
}

func TestImportKeepsIDsOfUnchangedCases(t *testing.T) {
	ctx := context.Background()
	svc := newService(t)
	data := sample(t, "state-casebook.pdf")
	res, err := svc.ImportWith(ctx, "casebook.pdf", data, kb.ImportOptions{PublishAll: true})
	if err != nil {
		t.Fatal(err)
	}
	before := res.Document.Practices
	// The same cases in a file with other bytes (an appended comment).
	edited := append(append([]byte(nil), data...), []byte("\n% corrected edition\n")...)
	res, err = svc.ImportWith(ctx, "casebook.pdf", edited, kb.ImportOptions{PublishAll: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != kb.Updated || res.Updated != len(before) || res.Added != 0 || res.Removed != 0 {
		t.Fatalf("edited file: %+v, want every case updated in place", res)
	}
	for i, id := range res.Document.Practices {
		if id != before[i] {
			t.Errorf("practice %d id changed from %s to %s", i, before[i], id)
		}
	}
}

func TestFailedImportLeavesNothing(t *testing.T) {
	ctx := context.Background()
	svc := newService(t)
	good := sample(t, "state-casebook.pdf")
	for name, data := range map[string][]byte{
		"empty.pdf":     nil,
		"text.pdf":      []byte("hello, this is not a PDF"),
		"truncated.pdf": good[:len(good)/2],
		"exe.pdf":       append([]byte("MZ\x90\x00"), bytes.Repeat([]byte{0}, 100)...),
	} {
		_, err := svc.ImportWith(ctx, name, data, kb.ImportOptions{PublishAll: true})
		if err == nil {
			t.Errorf("%s: import succeeded, want an error", name)
			continue
		}
		if indexer.ClassOf(err) == "" {
			t.Errorf("%s: error %v has no class", name, err)
		}
		if !bytes.Contains([]byte(err.Error()), []byte(name)) {
			t.Errorf("%s: error %q does not name the file", name, err)
		}
	}
	if n, _ := svc.Store.CountPractices(ctx); n != 0 {
		t.Errorf("failed imports stored %d practices", n)
	}
	if _, err := svc.Document(ctx, "truncated"); !errors.Is(err, kb.ErrNotFound) {
		t.Errorf("a failed import left a document record: %v", err)
	}
}

func TestSearchLoadsFromStore(t *testing.T) {
	ctx := context.Background()
	svc := newService(t)
	if _, err := svc.ImportWith(ctx, "le.pdf", sample(t, "law-enforcement-compendium.pdf"), kb.ImportOptions{PublishAll: true}); err != nil {
		t.Fatal(err)
	}
	res, err := svc.Search(ctx, kb.Query{Text: "bonded labour"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].Practice.Title != "Freeing Bonded Labourers from Brick Kilns in Tamil Nadu" {
		t.Fatalf("first hit for bonded labour: %+v", res.Hits)
	}
	p := res.Hits[0].Practice
	if p.Provenance.PageStart != 7 || p.Provenance.PageEnd != 7 || p.Provenance.DocumentID != "le" {
		t.Errorf("provenance %+v, want le pages 7-7", p.Provenance)
	}
	if _, err := svc.Search(ctx, kb.Query{Text: "x", Size: 1000}); !errors.Is(err, kb.ErrBadRequest) {
		t.Errorf("oversized page: %v, want ErrBadRequest", err)
	}
}

func TestReindexRebuildsFromStore(t *testing.T) {
	ctx := context.Background()
	svc := newService(t)
	if _, err := svc.ImportWith(ctx, "cb.pdf", sample(t, "state-casebook.pdf"), kb.ImportOptions{PublishAll: true}); err != nil {
		t.Fatal(err)
	}
	ix, _, err := search.Open(filepath.Join(t.TempDir(), "other"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	svc.Index = ix
	n, err := svc.Reindex(ctx)
	if err != nil || n != 11 {
		t.Fatalf("Reindex = %d, %v; want 11", n, err)
	}
	res, err := svc.Search(ctx, kb.Query{Text: "Operation Muskaan"})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("search after reindex: %+v, %v", res, err)
	}
}
