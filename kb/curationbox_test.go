package kb_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb"
)

// publishAtOnce publishes every proposal of the casebook at the same
// moment, each through its own curation (a reviewer, or a node), and
// returns the errors.
func publishAtOnce(t *testing.T, curs []*kb.Curation) []error {
	t.Helper()
	ctx := context.Background()
	ps, err := curs[0].Proposals(ctx, "casebook", kb.ProposalProposed)
	if err != nil || len(ps) < 10 {
		t.Fatalf("proposals: %d (%v), want at least 10", len(ps), err)
	}
	errs := make([]error, len(ps))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, p := range ps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, _, errs[i] = curs[i%len(curs)].Decide(ctx, reviewer, p.ID, kb.ProposalPublish, nil, p.Rev)
		}()
	}
	close(start)
	wg.Wait()
	return errs
}

// checkAllPublished: every proposal is published, has its practice,
// listed in the document and searchable in each service's index.
func checkAllPublished(t *testing.T, cur *kb.Curation, svcs ...*kb.Service) {
	t.Helper()
	ctx := context.Background()
	ps, err := cur.Proposals(ctx, "casebook", "")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := cur.Service.Document(ctx, "casebook")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, id := range doc.Practices {
		listed[id] = true
	}
	for _, p := range ps {
		if p.Status != kb.ProposalPublished {
			t.Errorf("%q is %s, want published", p.Title, p.Status)
		}
		if _, err := cur.Service.Store.Practice(ctx, p.ID); err != nil {
			t.Errorf("%q has no practice: %v", p.Title, err)
		}
		if !listed[p.ID] {
			t.Errorf("%q is published but not listed in its document", p.Title)
		}
	}
	for i, svc := range svcs {
		if n, err := svc.Index.Count(); err != nil || int(n) != len(ps) {
			t.Errorf("index %d holds %d practices (%v), want %d", i, n, err, len(ps))
		}
	}
}

// TestReviewersPublishInOneDocumentAtOnce: eleven reviewers publish
// eleven proposals of one document at the same moment. Each decision is
// accepted, and each proposal ends published, listed in its document and
// searchable. (Before, 3 of 10 answered "changed by others five times in
// a row" yet stayed published, unlisted and unsearchable.)
func TestReviewersPublishInOneDocumentAtOnce(t *testing.T) {
	ctx := context.Background()
	cur, svc := newCuration(t)
	if _, err := cur.Import(ctx, admin.Actor(), "casebook.pdf", sample(t, "state-casebook.pdf"), kb.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	for i, err := range publishAtOnce(t, []*kb.Curation{cur}) {
		if err != nil {
			t.Errorf("decision %d: %v", i, err)
		}
	}
	checkAllPublished(t, cur, svc)
}

// dyingCurationStore is the real store that stops working once a
// decision is recorded, as a process killed at that moment would.
type dyingCurationStore struct{ *mongodb.Store }

func (dyingCurationStore) ApplyProposal(context.Context, kb.Proposal) error  { return errCrashed }
func (dyingCurationStore) SavePractice(context.Context, kb.Practice) error   { return errCrashed }
func (dyingCurationStore) UpdateDocument(context.Context, kb.Document) error { return errCrashed }
func (dyingCurationStore) AppendEvent(context.Context, kb.Event) error       { return errCrashed }
func (dyingCurationStore) FinishProposalChange(context.Context, string) error {
	return errCrashed
}

// TestDecisionSurvivesACrash: a publication recorded just before the
// process dies reads as made, refuses a second decision on the old
// revision, and is completed at the next start: the practice exists, is
// listed and searchable, and the trail has the decision once. (Before,
// a kill -9 left proposals published with no practice, or stuck at a
// revision every later decision conflicted with.)
func TestDecisionSurvivesACrash(t *testing.T) {
	ctx := context.Background()
	cur, svc := newCuration(t)
	if _, err := cur.Import(ctx, admin.Actor(), "casebook.pdf", sample(t, "state-casebook.pdf"), kb.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ps, _ := cur.Proposals(ctx, "casebook", kb.ProposalProposed)
	store := cur.Store.(*mongodb.Store)
	dying := &kb.Curation{Service: svc, Store: dyingCurationStore{store}, Audit: cur.Audit, Now: time.Now}
	if _, _, err := dying.Decide(ctx, reviewer, ps[0].ID, kb.ProposalPublish, nil, ps[0].Rev); err != nil {
		t.Fatalf("the decision was not recorded: %v", err)
	}
	if _, err := svc.Store.Practice(ctx, ps[0].ID); !errors.Is(err, kb.ErrNotFound) {
		t.Fatalf("the practice exists before the restart (%v): the crash was not simulated", err)
	}
	if _, _, err := cur.Decide(ctx, reviewer, ps[0].ID, kb.ProposalDrop, nil, ps[0].Rev); !errors.Is(err, kb.ErrConflict) {
		t.Errorf("a drop on the revision before the publication: %v, want ErrConflict", err)
	}
	// The second proposal's decision is recorded and the process dies;
	// the pass at start completes it without anyone reading it.
	if _, _, err := dying.Decide(ctx, reviewer, ps[1].ID, kb.ProposalPublish, nil, ps[1].Rev); err != nil {
		t.Fatal(err)
	}
	restarted := kb.NewCuration(svc, store)
	if _, err := restarted.CompletePending(ctx); err != nil {
		t.Fatalf("completing at start: %v", err)
	}
	doc, _ := svc.Document(ctx, "casebook")
	for _, p := range ps[:2] {
		got, err := store.Proposal(ctx, p.ID)
		if err != nil || got.Status != kb.ProposalPublished {
			t.Errorf("%q is %s (%v), want published", p.Title, got.Status, err)
		}
		if _, err := svc.Store.Practice(ctx, p.ID); err != nil {
			t.Errorf("%q after the restart: %v", p.Title, err)
		}
		if !contains(doc.Practices, p.ID) {
			t.Errorf("%q is not listed in its document %v", p.Title, doc.Practices)
		}
	}
	if n, _ := svc.Index.Count(); n != 2 {
		t.Errorf("the index holds %d practices, want 2", n)
	}
	evs, _ := restarted.Audit.Events(ctx, kb.EventFilter{DocumentID: "casebook"})
	publications := 0
	for _, e := range evs {
		if e.Action == "proposal.publish" {
			publications++
		}
	}
	if publications != 2 {
		t.Errorf("the trail has %d publications, want 2", publications)
	}
	if n, err := restarted.CompletePending(ctx); n != 0 || err != nil {
		t.Errorf("a second pass completed %d decisions (%v), want none left", n, err)
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
