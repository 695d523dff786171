package kb_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/compendium-kb/compendium/kb"
)

// TestTrailNamesItsRecords: a decision on a proposal names the proposal
// by its title as decided, and a withdrawal says the practice was
// withdrawn, with why, rather than that its title was cleared.
func TestTrailNamesItsRecords(t *testing.T) {
	ctx := context.Background()
	cur, _ := newCuration(t)
	if _, err := cur.Import(ctx, admin.Actor(), "casebook.pdf", sample(t, "state-casebook.pdf"), kb.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ps, err := cur.Proposals(ctx, "casebook", kb.ProposalProposed)
	if err != nil || len(ps) < 2 {
		t.Fatalf("%d proposals (%v), want at least two", len(ps), err)
	}
	title := "Operation Smile, as the reviewer titled it"
	if _, _, err := cur.Decide(ctx, reviewer, ps[0].ID, kb.ProposalPublish, &kb.CaseEdit{Title: &title}, 0); err != nil {
		t.Fatal(err)
	}
	if _, _, err := cur.Decide(ctx, reviewer, ps[1].ID, kb.ProposalDrop, nil, 0); err != nil {
		t.Fatal(err)
	}
	const why = "The same case as in the state compendium."
	if _, err := cur.WithdrawPractice(ctx, reviewer, ps[0].ID, why); err != nil {
		t.Fatal(err)
	}
	evs, err := cur.Audit.Events(ctx, kb.EventFilter{Subject: ps[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]kb.Event{}
	for _, e := range evs {
		got[e.Action] = e
	}
	if e := got["proposal.publish"]; e.Title != title {
		t.Errorf("the publication names %q, want the title as published, %q", e.Title, title)
	}
	w := got["practice.withdraw"]
	if w.Title != title || w.Reason != why {
		t.Errorf("the withdrawal names %q for %q, want %q for %q", w.Title, w.Reason, title, why)
	}
	for _, c := range w.Changes {
		t.Errorf("the withdrawal records a change, %q", c.Words())
	}
	if evs, _ := cur.Audit.Events(ctx, kb.EventFilter{Subject: ps[1].ID}); len(evs) != 1 || evs[0].Title != ps[1].Title {
		t.Errorf("the drop's entries: %+v, want one naming %q", evs, ps[1].Title)
	}
}

// TestTrailReadsOlderWithdrawals: an entry written before events had a
// title (a withdrawal that kept it as a change to nothing) reads as named,
// without the change.
func TestTrailReadsOlderWithdrawals(t *testing.T) {
	ctx := context.Background()
	cur, _ := newCuration(t)
	for i, action := range []string{"practice.withdraw", "practice.delete", "practice.correct"} {
		e := kb.Event{ID: strings.Repeat("0", 19) + string(rune('1'+i)) + "-old", At: time.Now().UTC(), Action: action, Subject: "p" + action,
			Reason: "why", Changes: []kb.Change{{Field: "title", From: "Anti-Human Trafficking Unit, Gumla"}}}
		if err := cur.Store.AppendEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	evs, err := cur.Audit.Events(ctx, kb.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		legacy := e.Action != "practice.correct"
		if named := e.Title == "Anti-Human Trafficking Unit, Gumla" && len(e.Changes) == 0; named != legacy {
			t.Errorf("%s reads as title %q with changes %v", e.Action, e.Title, e.Changes)
		}
	}
}
