package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/search"
)

// TestNodesPublishInOneDocumentAtOnce: on FerretDB over PostgreSQL, two
// nodes publish the eleven proposals of one document at the same moment.
// Every decision is accepted, every proposal ends published with its
// practice, listed in the document and in the index of the node that
// decided it. (Before, 4 of 12 answered 409 yet stayed published,
// unlisted and unsearchable.)
func TestNodesPublishInOneDocumentAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL and FerretDB")
	}
	ctx := context.Background()
	stores := sharedStores(t, startSharedDatabase(t), 2)
	reviewer := kb.User{ID: "rev@police.example", Name: "Reviewer", Role: kb.RoleReviewer}
	var curs []*kb.Curation
	for _, st := range stores {
		ix, _, err := search.Open(filepath.Join(t.TempDir(), "index"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ix.Close() })
		svc := kb.NewService(st, ix, indexer.InProcess{}, slog.New(slog.NewTextHandler(io.Discard, nil)))
		curs = append(curs, kb.NewCuration(svc, st))
	}
	data, err := os.ReadFile(samplePath("state-casebook.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := curs[0].Import(ctx, reviewer.Actor(), "casebook.pdf", data, kb.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ps, err := curs[0].Proposals(ctx, "casebook", kb.ProposalProposed)
	if err != nil || len(ps) < 10 {
		t.Fatalf("proposals: %d (%v), want at least 10", len(ps), err)
	}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, p := range ps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if _, _, err := curs[i%2].Decide(ctx, reviewer, p.ID, kb.ProposalPublish, nil, p.Rev); err != nil {
				t.Errorf("publishing %q on node %d: %v", p.Title, i%2, err)
			}
		}()
	}
	close(start)
	wg.Wait()
	doc, err := curs[1].Service.Document(ctx, "casebook")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		got, err := curs[1].Proposal(ctx, p.ID)
		if err != nil || got.Status != kb.ProposalPublished {
			t.Errorf("%q is %s (%v), want published", p.Title, got.Status, err)
		}
		if _, err := stores[1].Practice(ctx, p.ID); err != nil {
			t.Errorf("%q has no practice: %v", p.Title, err)
		}
		if !contains(doc.Practices, p.ID) {
			t.Errorf("%q is not listed in its document", p.Title)
		}
	}
	indexed := uint64(0)
	for _, c := range curs {
		n, _ := c.Service.Index.Count()
		indexed += n
	}
	if int(indexed) != len(ps) {
		t.Errorf("the nodes' indexes hold %d practices between them, want %d", indexed, len(ps))
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
