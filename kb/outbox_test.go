package kb_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb"
)

// crashingStore is the real store that stops working after a decision is
// recorded, as a process killed at that moment would: every effect
// fails.
type crashingStore struct {
	*mongodb.Store
}

var errCrashed = errors.New("the process died here")

func (crashingStore) ApplySubmission(context.Context, kb.Submission) error { return errCrashed }
func (crashingStore) AppendAudit(context.Context, kb.AuditEntry) error     { return errCrashed }
func (crashingStore) SavePractice(context.Context, kb.Practice) error      { return errCrashed }
func (crashingStore) AddNotice(context.Context, kb.Notice) error           { return errCrashed }
func (crashingStore) FinishChange(context.Context, string) error           { return errCrashed }

// TestApprovalSurvivesACrash: an approval recorded just before the
// process dies is completed at the next start: the practice is published,
// the trail has the approval once, the officer has the notice once.
// (Before, such submissions stayed approved with no practice, for good.)
func TestApprovalSurvivesACrash(t *testing.T) {
	ctx := context.Background()
	f := newWorkflow(t)
	s, err := f.reviews.Create(ctx, f.officer, goodFields)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.reviews.Act(ctx, f.officer, s.ID, kb.ActionSubmit, ""); err != nil {
		t.Fatal(err)
	}
	store := f.reviews.Store.(*mongodb.Store)
	dying := &kb.Reviews{Store: crashingStore{store}, Service: f.reviews.Service, Now: time.Now}
	if _, err := dying.Act(ctx, f.reviewer, s.ID, kb.ActionApprove, ""); err != nil {
		t.Fatalf("the approval was not recorded: %v", err)
	}
	if _, err := f.reviews.Service.Practice(ctx, kb.PracticeID("submissions", s.ID)); !errors.Is(err, kb.ErrNotFound) {
		t.Fatalf("the practice exists before the restart (%v): the crash was not simulated", err)
	}
	// A second approval, as a reviewer would try after the crash, is
	// refused: the decision stands.
	if _, err := f.reviews.Act(ctx, f.reviewer2, s.ID, kb.ActionApprove, ""); err == nil {
		t.Error("a second approval was accepted")
	}
	restarted := &kb.Reviews{Store: store, Service: f.reviews.Service, Now: time.Now}
	if _, err := restarted.CompletePending(ctx); err != nil {
		t.Fatalf("completing at start: %v", err)
	}
	if _, err := restarted.Service.Practice(ctx, kb.PracticeID("submissions", s.ID)); err != nil {
		t.Errorf("the approved practice after the restart: %v", err)
	}
	hist, err := restarted.History(ctx, f.officer, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	approvals := 0
	for _, e := range hist {
		if e.Action == kb.ActionApprove {
			approvals++
		}
	}
	if approvals != 1 || len(hist) != 3 {
		t.Errorf("the trail has %d entries and %d approvals, want 3 (create, submit, approve) and 1", len(hist), approvals)
	}
	notices, _ := restarted.Notices(ctx, f.officer)
	if len(notices) != 1 {
		t.Errorf("the officer has %d notices, want 1", len(notices))
	}
	if n, err := restarted.CompletePending(ctx); n != 0 || err != nil {
		t.Errorf("a second pass completed %d changes (%v), want none left", n, err)
	}
}

// TestUnfinishedChangeIsReadAsMade: a submission whose latest change was
// recorded but not applied reads as changed, and reading it completes it.
func TestUnfinishedChangeIsReadAsMade(t *testing.T) {
	ctx := context.Background()
	f := newWorkflow(t)
	store := f.reviews.Store.(*mongodb.Store)
	dying := &kb.Reviews{Store: crashingStore{store}, Service: f.reviews.Service, Now: time.Now}
	s, err := dying.Create(ctx, f.officer, goodFields)
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.reviews.Get(ctx, f.officer, s.ID)
	if err != nil || got.Rev != 1 || got.Fields.Title != goodFields.Title {
		t.Fatalf("a draft recorded before a crash: %v rev %d", err, got.Rev)
	}
	if _, err := store.Submission(ctx, s.ID); err != nil {
		t.Errorf("reading did not complete the draft's record: %v", err)
	}
	if hist, _ := f.reviews.History(ctx, f.officer, s.ID); len(hist) != 1 {
		t.Errorf("the trail has %d entries, want the creation", len(hist))
	}
}
