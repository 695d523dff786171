package kb_test

import (
	"context"
	"errors"
	"testing"

	"github.com/compendium-kb/compendium/kb"
)

// listed says whether a user's listing holds a submission.
func listed(t *testing.T, f workflowFixture, u kb.User, id string) bool {
	t.Helper()
	subs, err := f.reviews.List(context.Background(), u, "", kb.ListPage{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range subs {
		if s.ID == id {
			return true
		}
	}
	return false
}

// TestDraftsAreTheirAuthorsAlone: a draft never submitted, and its file,
// are the officer's alone: reviewers and admins neither list, open,
// read the trail of nor download it, also once withdrawn unsubmitted.
// Once submitted (and when returned for changes) reviewers see it.
// (Before, reviewers and admins could read officers' unsubmitted drafts
// and their files.)
func TestDraftsAreTheirAuthorsAlone(t *testing.T) {
	ctx := context.Background()
	f := newWorkflow(t)
	s, err := f.reviews.Create(ctx, f.officer, goodFields)
	if err != nil {
		t.Fatal(err)
	}
	s, err = f.reviews.Attach(ctx, f.officer, s.ID, "evidence.pdf", sample(t, "border-casebook.pdf"))
	if err != nil || len(s.Files) != 1 {
		t.Fatalf("attaching: %v, %d files", err, len(s.Files))
	}
	sha := s.Files[0].SHA256
	hidden := func(when string, id string) {
		t.Helper()
		for _, u := range []kb.User{f.reviewer, f.a} {
			if _, err := f.reviews.Get(ctx, u, id); !errors.Is(err, kb.ErrNotFound) {
				t.Errorf("%s: %s opens it: %v, want not found", when, u.Role, err)
			}
			if _, err := f.reviews.History(ctx, u, id); !errors.Is(err, kb.ErrNotFound) {
				t.Errorf("%s: %s reads its trail: %v, want not found", when, u.Role, err)
			}
			if rc, _, err := f.reviews.File(ctx, u, id, sha); !errors.Is(err, kb.ErrNotFound) {
				if rc != nil {
					rc.Close()
				}
				t.Errorf("%s: %s downloads its file: %v, want not found", when, u.Role, err)
			}
			if listed(t, f, u, id) {
				t.Errorf("%s: %s lists it", when, u.Role)
			}
		}
	}
	hidden("a draft", s.ID)
	if _, err := f.reviews.Get(ctx, f.officer, s.ID); err != nil || !listed(t, f, f.officer, s.ID) {
		t.Errorf("the officer's own draft: %v, listed %v", err, listed(t, f, f.officer, s.ID))
	}
	w, err := f.reviews.Create(ctx, f.officer, kb.SubmissionFields{Title: "Thought better of it"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.reviews.Act(ctx, f.officer, w.ID, kb.ActionWithdraw, ""); err != nil {
		t.Fatal(err)
	}
	hidden("a draft withdrawn unsubmitted", w.ID)

	if _, err := f.reviews.Act(ctx, f.officer, s.ID, kb.ActionSubmit, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.reviews.Act(ctx, f.reviewer, s.ID, kb.ActionRequestChanges, "Name the agency."); err != nil {
		t.Fatalf("a reviewer returning the submitted draft: %v", err)
	}
	for _, u := range []kb.User{f.reviewer, f.a} {
		if _, err := f.reviews.Get(ctx, u, s.ID); err != nil || !listed(t, f, u, s.ID) {
			t.Errorf("returned for changes: %s opens it: %v, lists it: %v", u.Role, err, listed(t, f, u, s.ID))
		}
		rc, _, err := f.reviews.File(ctx, u, s.ID, sha)
		if err != nil {
			t.Errorf("returned for changes: %s downloads its file: %v", u.Role, err)
		} else {
			rc.Close()
		}
	}
}
