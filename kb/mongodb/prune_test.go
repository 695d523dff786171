package mongodb_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb/mongotest"
)

// TestPrunePackRevisions: all but a pack's newest revisions go; the pack
// reads the same, and an editor holding a pruned revision is still
// refused, by the pack's record.
func TestPrunePackRevisions(t *testing.T) {
	ctx := context.Background()
	st := mongotest.New(t)
	p := kb.Pack{ID: "pk1", OwnerID: "trainer@police.example", Title: "Rev 0"}
	if err := st.CreatePack(ctx, p); err != nil {
		t.Fatal(err)
	}
	for rev := 1; rev <= 30; rev++ {
		p.Rev, p.Title = rev, fmt.Sprint("Rev ", rev)
		if err := st.UpdatePack(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := st.PrunePackRevisions(ctx, 10); err != nil || n != 20 {
		t.Fatalf("pruned %d revisions of 30 keeping 10 (%v), want 20", n, err)
	}
	if n, err := st.PrunePackRevisions(ctx, 10); err != nil || n != 0 {
		t.Errorf("pruning again: %d (%v), want 0", n, err)
	}
	if got, err := st.Pack(ctx, "pk1"); err != nil || got.Rev != 30 || got.Title != "Rev 30" {
		t.Errorf("after pruning the pack reads as revision %d %q (%v), want 30", got.Rev, got.Title, err)
	}
	stale := p
	stale.Rev, stale.Title = 5, "an edit made from revision 4"
	if err := st.UpdatePack(ctx, stale); !errors.Is(err, kb.ErrConflict) {
		t.Errorf("writing pruned revision 5 over revision 30: %v, want kb.ErrConflict", err)
	}
}

// TestPruneSignInAttempts: a sign-in log whose last entry is older than
// the cut-off goes whole; one with a recent entry stays whole; and an
// account whose log went starts a new one at 1, also in a process that
// remembered the old log's end.
func TestPruneSignInAttempts(t *testing.T) {
	ctx := context.Background()
	st := mongotest.New(t)
	now := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	acc := kb.NewAccounts(st)
	acc.Now = func() time.Time { return now }
	if _, err := acc.AddUser(ctx, "quiet@police.example", "Quiet", kb.RoleOfficer, "AHTU Goa", "a long enough password"); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, _, _, err := acc.SignIn(ctx, "quiet@police.example", "wrong", "10.0.0.1"); !errors.Is(err, kb.ErrBadLogin) {
			t.Fatalf("a wrong password: %v", err)
		}
	}
	busy := func(n int, at time.Time) {
		a := kb.SignInAttempt{ID: fmt.Sprintf("account:busy@police.example:%d", n), Key: "account:busy@police.example", N: n, At: at, Note: "failed"}
		if err := st.AddSignInAttempt(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	now = now.Add(kb.SignInLogsKept + time.Hour)
	busy(1, now.Add(-48*time.Hour))
	busy(2, now.Add(-time.Hour))
	if n, err := st.PruneSignInAttempts(ctx, now.Add(-kb.SignInLogsKept)); err != nil || n < 6 {
		t.Fatalf("pruned %d entries (%v), want at least the 6 of three failures", n, err)
	}
	for _, key := range []string{"account:quiet@police.example", "address:10.0.0.1"} {
		if _, err := st.SignInAttempt(ctx, key, 1); !errors.Is(err, kb.ErrNotFound) {
			t.Errorf("the quiet log %s after pruning: entry 1 %v, want it gone", key, err)
		}
	}
	for n := 1; n <= 2; n++ {
		if _, err := st.SignInAttempt(ctx, "account:busy@police.example", n); err != nil {
			t.Errorf("entry %d of a log with a recent entry: %v, want it kept", n, err)
		}
	}
	if _, _, _, err := acc.SignIn(ctx, "quiet@police.example", "wrong", "10.0.0.1"); !errors.Is(err, kb.ErrBadLogin) {
		t.Fatalf("a wrong password after pruning: %v", err)
	}
	if a, err := st.SignInAttempt(ctx, "account:quiet@police.example", 1); err != nil || a.Key != "account:quiet@police.example" {
		t.Errorf("the account's log after pruning starts with %+v (%v), want its first entry again", a, err)
	}
}
