package kb_test

import (
	"context"
	"testing"

	"github.com/compendium-kb/compendium/kb"
)

// TestBulkAcrossDocuments: a bulk decision over two documents is
// previewed without deciding anything, then decides exactly what the
// preview counted, each proposal once, and leaves one audit entry that
// names every proposal it decided.
func TestBulkAcrossDocuments(t *testing.T) {
	ctx := context.Background()
	cur, _ := newCuration(t)
	for name, file := range map[string]string{"casebook.pdf": "state-casebook.pdf", "le.pdf": "law-enforcement-compendium.pdf"} {
		if _, err := cur.Import(ctx, admin.Actor(), name, sample(t, file), kb.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	all, _ := cur.Proposals(ctx, "", kb.ProposalProposed)
	want := map[string]int{}
	cut := all[len(all)/2].Confidence // some above, some at or below
	for _, p := range all {
		if p.Confidence <= cut {
			want[p.DocumentID]++
		}
	}
	b := kb.BulkDecision{Documents: []string{"casebook", "le"}, Action: kb.ProposalDrop, Min: 0, Max: cut}
	preview, err := cur.PreviewBulk(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if preview.ByDocument["casebook"] != want["casebook"] || preview.ByDocument["le"] != want["le"] || preview.Total != want["casebook"]+want["le"] {
		t.Fatalf("preview %+v, want %v", preview, want)
	}
	if left, _ := cur.Proposals(ctx, "", kb.ProposalProposed); len(left) != len(all) {
		t.Fatalf("the preview decided %d proposals", len(all)-len(left))
	}
	done, err := cur.Bulk(ctx, reviewer, b)
	if err != nil || done.Total != preview.Total {
		t.Fatalf("bulk drop: %+v (%v), want the %d previewed", done, err, preview.Total)
	}
	dropped, _ := cur.Proposals(ctx, "", kb.ProposalDropped)
	if len(dropped) != preview.Total {
		t.Errorf("%d dropped, want %d", len(dropped), preview.Total)
	}
	events, err := cur.Audit.Events(ctx, kb.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var bulk []kb.Event
	for _, e := range events {
		switch e.Action {
		case "proposal.bulk_drop":
			bulk = append(bulk, e)
		case "proposal.drop":
			t.Errorf("a bulk drop left its own entry for %s", e.Subject)
		}
	}
	if len(bulk) != 1 || len(bulk[0].Decided) != preview.Total {
		t.Fatalf("%d bulk entries, want one listing %d proposals", len(bulk), preview.Total)
	}
	titles := map[string]string{"casebook": "", "le": ""}
	for id := range titles {
		d, err := cur.Service.Store.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		titles[id] = d.Title
	}
	for _, p := range dropped {
		named := false
		for _, d := range bulk[0].Decided {
			named = named || d.ID == p.ID && d.Title == p.Title && d.DocumentTitle == titles[p.DocumentID] && d.Page == p.PageStart
		}
		if !named {
			t.Errorf("the bulk entry does not list %q with its document's title and page", p.Title)
		}
	}
	// Each document's history has the bulk action that decided in it.
	for id := range titles {
		evs, err := cur.Audit.Events(ctx, kb.EventFilter{DocumentID: id})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range evs {
			found = found || e.ID == bulk[0].ID
		}
		if !found && want[id] > 0 {
			t.Errorf("the history of %s lacks the bulk action that dropped %d of its proposals", id, want[id])
		}
	}
	if _, err := cur.PreviewBulk(ctx, kb.BulkDecision{Action: kb.ProposalDrop, Max: kb.DropAt}); err == nil {
		t.Error("a bulk decision over no document was accepted")
	}
}
