package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb"
	"github.com/compendium-kb/compendium/kb/search"
)

// otherNode writes practices to the shared store and logs them, as
// another app node does.
type otherNode struct {
	t  *testing.T
	st *mongodb.Store
}

func (o otherNode) publish(id string) {
	o.t.Helper()
	ctx := context.Background()
	p := kb.Practice{ID: id, Slug: id, Title: "Rescue at " + id, Summary: "A rescue.", Text: "Officers rescued girls at " + id, States: []string{"Goa"}}
	if err := o.st.SavePractice(ctx, p); err != nil {
		o.t.Fatal(err)
	}
	if _, err := o.st.AppendChange(ctx, mongodb.Change{Node: "other", Put: []string{id}}, 0); err != nil {
		o.t.Fatal(err)
	}
}

// TestFollowerCatchesUpOrRebuilds: a node applies the others' entries in
// order; restarted a little behind it catches up from its position;
// further behind than its limit it asks for a rebuild.
func TestFollowerCatchesUpOrRebuilds(t *testing.T) {
	ctx := context.Background()
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	emb, err := mongodb.StartEmbedded(ctx, t.TempDir(), discard)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = emb.Close() })
	st, err := mongodb.Connect(ctx, emb.URI)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close(ctx) })
	if _, _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	ix, _, err := search.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	other := otherNode{t, st}
	posFile := filepath.Join(t.TempDir(), "index.position")

	other.publish("goa-1")
	f := newFollower(st, ix, posFile, discard)
	if rebuild, err := f.start(ctx, true); err != nil || !rebuild || f.pos.Load() != 1 {
		t.Fatalf("a new index: rebuild %v at %d (%v), want a rebuild from entry 1", rebuild, f.pos.Load(), err)
	}
	other.publish("goa-2")
	if n, err := f.catchUp(ctx); err != nil || n != 1 {
		t.Fatalf("catching up: %d entries (%v), want 1", n, err)
	}
	if res, _ := ix.Search(ctx, kb.Query{Text: "goa-2", Page: 1, Size: 10}); res.Total != 1 {
		t.Errorf("the practice another node published is not in this node's index")
	}

	// Down while two more are published: a restart catches up.
	other.publish("goa-3")
	other.publish("goa-4")
	f = newFollower(st, ix, posFile, discard)
	if rebuild, err := f.start(ctx, false); err != nil || rebuild || f.pos.Load() != 4 {
		t.Fatalf("two entries behind: rebuild %v at %d (%v), want to catch up to 4", rebuild, f.pos.Load(), err)
	}
	if n, _ := ix.Count(); n != 3 {
		t.Errorf("index holds %d practices after catching up, want 3 (goa-2 to goa-4; goa-1 came by the rebuild it was told to do)", n)
	}

	// Further behind than the limit: rebuild.
	other.publish("goa-5")
	other.publish("goa-6")
	f = newFollower(st, ix, posFile, discard)
	f.behind = 1
	if rebuild, err := f.start(ctx, false); err != nil || !rebuild || f.pos.Load() != 6 {
		t.Errorf("two entries behind with a limit of one: rebuild %v at %d (%v), want a rebuild from 6", rebuild, f.pos.Load(), err)
	}
}

// TestFollowerRepairsWhatTheLogMissed: practices written by a node that
// died before logging them reach the index once the counts have differed
// for the settling time with no entry arriving.
func TestFollowerRepairsWhatTheLogMissed(t *testing.T) {
	ctx := context.Background()
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	emb, err := mongodb.StartEmbedded(ctx, t.TempDir(), discard)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = emb.Close() })
	st, err := mongodb.Connect(ctx, emb.URI)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close(ctx) })
	ix, _, err := search.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	f := newFollower(st, ix, filepath.Join(t.TempDir(), "index.position"), discard)
	if _, err := f.start(ctx, true); err != nil {
		t.Fatal(err)
	}
	// Written, never logged: its node died in between.
	if err := st.SavePractice(ctx, kb.Practice{ID: "lost", Slug: "lost", Title: "Rescue never logged", Text: "text"}); err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.now = func() time.Time { return clock }
	for range 2 { // first seen, then still within the settling time
		if err := f.reconcile(ctx); err != nil {
			t.Fatal(err)
		}
		clock = clock.Add(f.settle / 2)
	}
	if n, _ := ix.Count(); n != 0 {
		t.Fatalf("repaired before the settling time: %d indexed", n)
	}
	clock = clock.Add(f.settle)
	if err := f.reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(); n != 1 {
		t.Errorf("after the settling time the index holds %d practices, want the 1 the log missed", n)
	}
}

// TestFollowerTrimsAndSurvivesTrimming: a node trims the log to its
// limit at start; a running node whose next entry was trimmed away (it
// fell further behind than the log keeps) indexes every practice again
// and moves to the end, rather than waiting for that entry for ever.
func TestFollowerTrimsAndSurvivesTrimming(t *testing.T) {
	ctx := context.Background()
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	emb, err := mongodb.StartEmbedded(ctx, t.TempDir(), discard)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = emb.Close() })
	st, err := mongodb.Connect(ctx, emb.URI)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close(ctx) })
	ix, _, err := search.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	other := otherNode{t, st}
	for _, id := range []string{"goa-1", "goa-2", "goa-3", "goa-4", "goa-5"} {
		other.publish(id)
	}
	f := newFollower(st, ix, filepath.Join(t.TempDir(), "index.position"), discard)
	f.behind = 3
	if _, err := f.start(ctx, true); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := st.ChangeAt(ctx, 2); found {
		t.Errorf("entry 2 of 5 is still there after a start that keeps 3")
	}
	// Stalled at entry 5 while the others published and trimmed.
	for _, id := range []string{"goa-6", "goa-7", "goa-8", "goa-9"} {
		other.publish(id)
	}
	if _, err := st.TrimChanges(ctx, f.behind); err != nil {
		t.Fatal(err)
	}
	if n, err := f.catchUp(ctx); err != nil || n != 0 {
		t.Fatalf("entry 6 was trimmed, yet catching up applied %d (%v)", n, err)
	}
	if err := f.reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(); n != 9 || f.pos.Load() != 9 {
		t.Errorf("after its next entry was trimmed the node indexes %d practices at position %d, want all 9 at 9", n, f.pos.Load())
	}
}
