package kb_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/compendium-kb/compendium/kb"
)

type workflowFixture struct {
	reviews                         *kb.Reviews
	accounts                        *kb.Accounts
	officer, reviewer, reviewer2, a kb.User
}

func newWorkflow(t *testing.T) workflowFixture {
	t.Helper()
	svc, store := newServiceAndStore(t)
	acc := kb.NewAccounts(store)
	ctx := context.Background()
	add := func(email string, role kb.Role) kb.User {
		u, err := acc.AddUser(ctx, email, "User "+email, role, "AHTU Anantapur", "a long enough password")
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	return workflowFixture{
		reviews:  &kb.Reviews{Store: store, Service: svc, Now: time.Now},
		accounts: acc,
		officer:  add("officer@police.example", kb.RoleOfficer), reviewer: add("reviewer@police.example", kb.RoleReviewer),
		reviewer2: add("reviewer2@police.example", kb.RoleReviewer), a: add("admin@police.example", kb.RoleAdmin),
	}
}

var goodFields = kb.SubmissionFields{
	Title: "Rescue of girls from a placement agency in Ranchi", States: []string{"Jharkhand", "Delhi"}, District: "Ranchi",
	Unit: "AHTU Ranchi", Period: "2024", Problem: "Girls were sent to Delhi as domestic workers by an agency that kept their wages.",
	Action: "The AHTU traced the agency's accounts and rescued the girls with the Delhi police.", Results: "12 girls rescued, 3 agents arrested.",
	Lessons: "Trace the money first; agree on the rescue with the destination police.",
}

func TestReviewPath(t *testing.T) {
	ctx := context.Background()
	f := newWorkflow(t)
	s, err := f.reviews.Create(ctx, f.officer, kb.SubmissionFields{Title: "A draft to finish later"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.reviews.Act(ctx, f.officer, s.ID, kb.ActionSubmit, ""); err == nil {
		t.Fatal("an incomplete draft was accepted for review")
	}
	if s, err = f.reviews.Edit(ctx, f.officer, s.ID, s.Rev, goodFields); err != nil {
		t.Fatal(err)
	}
	if _, err := f.reviews.Act(ctx, f.officer, s.ID, kb.ActionSubmit, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.reviews.Act(ctx, f.reviewer, s.ID, kb.ActionRequestChanges, "Add the FIR numbers."); err != nil {
		t.Fatal(err)
	}
	notices, _ := f.reviews.Notices(ctx, f.officer)
	if len(notices) == 0 || notices[0].Text == "" {
		t.Fatal("the officer got no notice of the request for changes")
	}
	changed := goodFields
	changed.Results = "12 girls rescued (FIR 112/2024 at Ranchi Sadar PS), 3 agents arrested."
	if _, err = f.reviews.Edit(ctx, f.officer, s.ID, 0, changed); err != nil {
		t.Fatal(err)
	}
	if _, err := f.reviews.Act(ctx, f.officer, s.ID, kb.ActionSubmit, ""); err != nil {
		t.Fatal(err)
	}
	s, err = f.reviews.Act(ctx, f.reviewer, s.ID, kb.ActionApprove, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Versions) != 2 || s.Versions[0].Fields.Results == s.Versions[1].Fields.Results {
		t.Errorf("both versions must be kept: %+v", s.Versions)
	}
	res, err := f.reviews.Service.Search(ctx, kb.Query{Text: "placement agency Ranchi"})
	if err != nil || len(res.Hits) == 0 || res.Hits[0].Practice.ID != s.PracticeID {
		t.Fatalf("the approved practice is not searchable at once: %v %+v", err, res.Hits)
	}
	if p := res.Hits[0].Practice; p.Unit != "AHTU Ranchi" || p.Origin != kb.OriginSubmission {
		t.Errorf("published practice credits %q (origin %q)", p.Unit, p.Origin)
	}
	hist, err := f.reviews.History(ctx, f.reviewer, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	var actions []kb.Action
	for _, e := range hist {
		actions = append(actions, e.Action)
	}
	want := []kb.Action{kb.ActionCreate, kb.ActionSubmit, kb.ActionRequestChanges, kb.ActionSubmit, kb.ActionApprove}
	if len(actions) != len(want) {
		t.Fatalf("history %v, want %v", actions, want)
	}
	for i := range want {
		if actions[i] != want[i] {
			t.Fatalf("history %v, want %v", actions, want)
		}
	}
	if hist[2].Reason != "Add the FIR numbers." || hist[2].ActorID != f.reviewer.ID || hist[2].Role != kb.RoleReviewer {
		t.Errorf("the request for changes is not on record with who and why: %+v", hist[2])
	}
	// Others cannot see an officer's submission.
	other, _ := f.accounts.AddUser(ctx, "other@police.example", "Other", kb.RoleOfficer, "", "a long enough password")
	if _, err := f.reviews.Get(ctx, other, s.ID); !errors.Is(err, kb.ErrNotFound) {
		t.Errorf("another officer read the submission: %v", err)
	}
}

// TestConcurrentDecisions: reviewers acting on one submission at the same
// moment: exactly one action wins, the others get a conflict.
func TestConcurrentDecisions(t *testing.T) {
	ctx := context.Background()
	f := newWorkflow(t)
	for round := 0; round < 5; round++ {
		s, err := f.reviews.Create(ctx, f.officer, goodFields)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.reviews.Act(ctx, f.officer, s.ID, kb.ActionSubmit, ""); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins, conflicts := 0, 0
		start := make(chan struct{})
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				who, action, reason := f.reviewer, kb.ActionApprove, ""
				if i%2 == 1 {
					who, action, reason = f.reviewer2, kb.ActionRequestChanges, "Needs numbers."
				}
				<-start
				_, err := f.reviews.Act(ctx, who, s.ID, action, reason)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					wins++
				case errors.Is(err, kb.ErrConflict):
					conflicts++
				default:
					t.Errorf("unexpected error: %v", err)
				}
			}(i)
		}
		close(start)
		wg.Wait()
		if wins != 1 || conflicts != 7 {
			t.Fatalf("round %d: %d wins and %d conflicts, want 1 and 7", round, wins, conflicts)
		}
		hist, _ := f.reviews.History(ctx, f.reviewer, s.ID)
		if n := len(hist); n != 3 {
			t.Errorf("round %d: %d audit entries, want 3 (create, submit, one decision)", round, n)
		}
	}
}

func TestAccounts(t *testing.T) {
	ctx := context.Background()
	f := newWorkflow(t)
	if _, err := f.accounts.AddUser(ctx, "officer@police.example", "Again", kb.RoleOfficer, "", "a long enough password"); !errors.Is(err, kb.ErrConflict) {
		t.Errorf("a second account for one address: %v, want a conflict", err)
	}
	if _, err := f.accounts.AddUser(ctx, "not an address", "X", kb.RoleOfficer, "", "short"); err == nil {
		t.Error("a bad address and a short password were accepted")
	}
	token, _, u, err := f.accounts.SignIn(ctx, "Officer@Police.example", "a long enough password", "10.0.0.1")
	if err != nil || u.ID != f.officer.ID {
		t.Fatalf("sign in: %v", err)
	}
	if _, got, err := f.accounts.SessionUser(ctx, token); err != nil || got.ID != u.ID {
		t.Errorf("the session does not lead back to the user: %v", err)
	}
	for i := 0; i < 3; i++ {
		if _, _, _, err := f.accounts.SignIn(ctx, "reviewer@police.example", "wrong", "10.0.0.2"); !errors.Is(err, kb.ErrBadLogin) {
			t.Fatalf("wrong password %d: %v", i, err)
		}
	}
	if _, _, _, err := f.accounts.SignIn(ctx, "reviewer@police.example", "a long enough password", "10.0.0.2"); !errors.Is(err, kb.ErrTooManyAttempts) {
		t.Errorf("after three failures the failing address must wait a little: %v", err)
	}
	if _, _, _, err := f.accounts.SignIn(ctx, "reviewer@police.example", "a long enough password", "10.0.0.3"); err != nil {
		t.Errorf("after three failures from another address, the right password from a clean one: %v, want let in", err)
	}
	api, _, err := f.accounts.NewToken(ctx, "admin@police.example")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := f.accounts.TokenUser(ctx, api); err != nil || got.ID != f.a.ID {
		t.Errorf("token user: %v", err)
	}
	if err := f.accounts.RevokeToken(ctx, api); err != nil {
		t.Fatal(err)
	}
	if _, err := f.accounts.TokenUser(ctx, api); err == nil {
		t.Error("a revoked token still works")
	}
	if _, err := f.accounts.SetDisabled(ctx, "officer@police.example", true); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.accounts.SessionUser(ctx, token); err == nil {
		t.Error("a disabled user's session still works")
	}
	if !kb.CheckPassword(kb.HashPassword("pässwörd long"), "pässwörd long") || kb.CheckPassword(kb.HashPassword("a"), "b") {
		t.Error("password hashing does not round-trip")
	}
}
